"""The catalog: every question, option, outcome, document and message, in both languages.

The browser draws the questions from it before the engine has loaded, and the
guidance pages can build their tables from it. Keys are the stable codes of
the contract; boolean questions have the options "yes" and "no", which is how
share links write them ("boolean_options" maps them to true / false).
"currency" holds the words the wizard adds to a result's banner (`worked_out`:
"Worked out on {date}."). Messages under "errors" are templates: {question},
{allowed} and {field} are filled in the same way as `texts.fill` does. Built fresh on each call (it is
small), so callers may change what they get.
"""

from . import texts
from .answers import BOOLEAN, QUESTIONS
from .flow import ORDER
from .rules import NOT_IN_FORCE, RULES


def _copy(text):
    return {"en": text["en"], "zh": text["zh"]}


def _option(key, text):
    option = {"key": key, "label": _copy(text["label"])}
    if "short" in text:  # after the question's short label, in summaries: "85 points or more: Yes"
        option["short"] = _copy(text["short"])
    if "help" in text:
        option["help"] = _copy(text["help"])
    return option


def _question(key):
    kind = QUESTIONS[key][0]
    text = texts.QUESTIONS[key]
    # Checked here, not on import: the texts are read on first use (texts.py).
    assert (kind == BOOLEAN) == (tuple(text["options"]) == ("yes", "no")), (
        f"{key}: boolean questions have exactly the options yes and no"
    )
    return {
        "key": key,
        "type": kind,
        "label": _copy(text["label"]),
        "short": _copy(text["short"]),  # in summaries and table headings
        "help": _copy(text["help"]),
        "options": [_option(k, v) for k, v in text["options"].items()],
    }


def _outcome(rule):
    text = texts.OUTCOMES[rule.key]
    results = {}
    for code in rule.results:
        result = text["results"][code]
        results[code] = {
            "label": _copy(result["label"]),
            "explanation": _copy(result["explanation"]),
            "documents": list(rule.documents[code]),
        }
        if rule.examples is not None:
            results[code]["examples"] = list(rule.examples[code])
    # Its explanation depends on the date and the status file: label only.
    results[NOT_IN_FORCE] = {"label": _copy(texts.NOT_IN_FORCE["label"])}
    return {
        "measure": rule.number,
        "label": _copy(text["label"]),
        "page": rule.page,
        "source": rule.source,
        "citation": rule.citation,
        "results": results,
    }


def _document(text):
    document = {"label": _copy(text["label"])}
    if "provider" in text:  # "applicant" or "employer": who provides it (the wizard's checklist groups by it)
        document["provider"] = text["provider"]
    return document


def catalog():
    from . import __version__

    return {
        "version": __version__,
        "questions": [_question(key) for key in ORDER],
        "outcomes": {rule.key: _outcome(rule) for rule in RULES},
        "documents": {key: _document(d) for key, d in texts.DOCUMENTS.items()},
        "fields": {key: {"label": _copy(v)} for key, v in texts.FIELD_LABELS.items()},
        "errors": {code: _copy(message) for code, message in texts.ERRORS.items()},
        # The words a result's one banner adds to the engine's `currency`: the date it was worked out ({date}).
        "currency": {"worked_out": _copy(texts.CURRENCY["worked_out"])},
        "boolean_options": {"yes": True, "no": False},
    }

