"""The engine: validate the answers, apply the rules, describe the outcomes.

    evaluate(answers)        -> {"answers", "outcomes"} or {"errors"}
    next_question(answers)   -> {"next", "complete", "answers"} or {"errors"}
    answers_from_query(p)    -> (answers, errors) for share-link parameters

Results are plain dicts ready for `json.dumps`; `exit_code(result)` gives the
command line's exit status (0, or 2 when there are errors). Each call builds
small fresh dicts, so a caller may change what it gets back without
touching the texts, and never re-reads the status file (it is cached).
"""

from datetime import date

from . import texts
from .answers import (
    AS_OF,
    BOOLEAN,
    INVALID_VALUE,
    MISSING,
    NOTICE_KNOWN_FROM,
    QUESTIONS,
    from_query,
    normalise,
    parse_date,
)
from .flow import ORDER
from .flow import next_question as route
from .rules import NOT_IN_FORCE, RULES
from .status import resolve_status

LANGUAGES = ("en", "zh")


def evaluate(answers, status=None):
    """Outcomes of the five measures for a JSON object of answers.

    `status` is None (the shipped status.toml), a `status.Status`, or data
    shaped like status.toml (checked; raises `status.StatusError`).
    """
    normalised, problems = normalise(answers)
    if problems:
        return errors_result(problems)
    table = resolve_status(status)
    day = _judgement_day(normalised, table)
    outcomes = {}
    for rule in RULES:
        measure_status = table.measures[rule.key]
        if day is not None and not measure_status.in_force(day):
            outcomes[rule.key] = _not_in_force(rule, measure_status, day, normalised)
        else:
            result, because = decide_recording_reads(rule, normalised)
            outcomes[rule.key] = _outcome(rule, result, because, measure_status)
    return {"answers": normalised, "outcomes": outcomes, "currency": currency(outcomes.values())}


class _RecordingAnswers(dict):
    """The answers as a rule sees them, noting each answer it reads."""

    __slots__ = ("read",)

    def __init__(self, answers):
        super().__init__(answers)
        self.read = set()

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        if key in self:
            self.read.add(key)
        return super().get(key, default)


def decide_recording_reads(rule, answers):
    """(result, because): the rule's result, and the answer keys it read, in the flow's order."""
    seen = _RecordingAnswers(answers)
    result = rule.decide(seen)
    return result, [key for key in ORDER if key in seen.read]


def next_question(answers):
    """The next question for partial answers (a missing answer is no error)."""
    normalised, problems = normalise(answers)
    problems = [p for p in problems if p[1] != MISSING]
    if problems:
        return errors_result(problems)
    key = route(normalised)
    return {"next": key, "complete": key is None, "answers": normalised}


def answers_from_query(params):
    """Share-link parameters (strings, booleans as yes / no) -> (answers, errors).

    `answers` are the valid normalised answers found; `errors` lists every
    invalid value and unknown key (not missing ones: a link may be partial).
    """
    if not hasattr(params, "items"):
        return {}, errors_result([(None, "invalid_json")])["errors"]
    normalised, problems = normalise(from_query(dict(params)))
    return normalised, [error(f, c) for f, c in problems if c != MISSING]


def evaluate_query(params, status=None):
    """`evaluate` for share-link parameters."""
    if not hasattr(params, "items"):
        return evaluate(params, status)
    return evaluate(from_query(dict(params)), status)


def exit_code(result):
    return 2 if "errors" in result else 0


def complete_answer_sets():
    """Every complete set of answers the flow can produce (for tests, tables, benchmarks)."""
    found = []

    def walk(answers):
        key = route(answers)
        if key is None:
            found.append(answers)
            return
        for value in QUESTIONS[key][1]:
            walk({**answers, key: value})

    walk({})
    return found


# --- outcomes ----------------------------------------------------------------

def _judgement_day(answers, table):
    """The day to judge by, or None when no measure depends on dates."""
    if not table.needs_date:
        return None
    given = answers.get(AS_OF)
    return parse_date(given) if given else date.today()


def _outcome(rule, result, because, measure_status):
    text = texts.OUTCOMES[rule.key]["results"][result]
    outcome = {
        "measure": rule.number,
        "result": result,
        "label": dict(text["label"]),
        "explanation": dict(text["explanation"]),
        "source": rule.source,
        "because": because,
    }
    if rule.examples is None:
        outcome["documents"] = list(rule.documents[result])
    else:
        outcome["examples"] = list(rule.examples[result])
    if result in rule.epidemic_results:
        outcome["epidemic"] = epidemic_note(rule.key)
    outcome.update(_status(measure_status.status_when_applying, measure_status))
    return outcome


def epidemic_note(key):
    """The notice's epidemic condition for measure `key`, then, side by side, the dated public fact."""
    return {lang: texts.EPIDEMIC[key][lang] + SENTENCE_GAP[lang] + epidemic_fact(lang) for lang in LANGUAGES}


def epidemic_fact(lang):
    """The dated public fact as it stands beside a measure's condition: introduced, and no conclusion drawn."""
    parts = (texts.EPIDEMIC["beside"][lang], texts.EPIDEMIC["fact"][lang], texts.EPIDEMIC["no_conclusion"][lang])
    return SENTENCE_GAP[lang].join(parts)


SENTENCE_GAP = {"en": " ", "zh": ""}
# Chinese names the notice's measures 第一项 … 第五项 (its own numbering): one style everywhere.
CHINESE_NUMERALS = "〇一二三四五六七八九"


def measure_numbers(numbers, lang):
    """Measure numbers as a list in words: "1, 3" in English, "一、三" in Chinese (for 第{measures}项措施)."""
    written = (str(n) if lang == "en" else CHINESE_NUMERALS[n] for n in numbers)
    return texts.OPTION_SEPARATOR[lang].join(written)


UNCONFIRMED = "unconfirmed"
IN_FORCE = "in_force"


def currency(outcomes):
    """The result's one banner: what the 2022 notice said, and which of its measures this site has not confirmed.

    {"state": "unconfirmed" (none confirmed), "partly" or "confirmed", "unconfirmed": [measure numbers],
    "title": text, "text": text}. The pages and the roster's files use the same words.
    """
    outcomes = list(outcomes)
    numbers = [o["measure"] for o in outcomes if o["status"] == UNCONFIRMED]
    state, text = currency_words(numbers, len(outcomes))
    return {"state": state, "unconfirmed": numbers, "title": dict(texts.CURRENCY["title"]), "text": text}


def currency_words(unconfirmed, total):
    """(state, text in both languages) of the banner for `total` measures of which those numbered `unconfirmed`
    are not confirmed by this site (the pages' banner says the same: scripts/hooks/status.py)."""
    state = UNCONFIRMED if len(unconfirmed) == total else "partly" if unconfirmed else "confirmed"
    key = "partly_one" if state == "partly" and len(unconfirmed) == 1 else state
    return state, {lang: texts.fill(texts.CURRENCY[key][lang], measures=measure_numbers(unconfirmed, lang))
                   for lang in LANGUAGES}


def _status(status, measure_status):
    """`status`, `checked` (the date the publisher last confirmed it, or "") and `status_text`: the status in
    words, in both languages, with that date or "never confirmed"."""
    checked = measure_status.checked
    # A lifted or superseded measure on a day before its end applied by the status file's own dates, which is
    # not a confirmation that this site checked: its words say so.
    wording = "in_force_by_dates" if status == IN_FORCE and measure_status.status != IN_FORCE else status
    until = measure_status.end.isoformat() if measure_status.end else ""
    text = {}
    for lang in LANGUAGES:
        when = (texts.fill(texts.STATUS["checked"][lang], date=checked.isoformat()) if checked
                else texts.STATUS["never_checked"][lang])
        text[lang] = texts.fill(texts.STATUS[wording][lang], checked=when, until=until)
    return {"status": status, "checked": checked.isoformat() if checked else "", "status_text": text}


def _not_in_force(rule, measure_status, day, answers):
    template = texts.NOT_IN_FORCE
    explanation = {}
    for lang in LANGUAGES:
        note = getattr(measure_status, "note_" + lang)
        if note and lang == "en":
            note = " " + note
        if measure_status.replaced_by:
            note += texts.fill(template["replaced_by"][lang], replaced_by=measure_status.replaced_by)
        explanation[lang] = texts.fill(template["explanation"][lang], date=day.isoformat(), note=note)
    outcome = {
        "measure": rule.number,
        "result": NOT_IN_FORCE,
        "label": dict(template["label"]),
        "explanation": explanation,
        "source": rule.source,
        # The date decided it, not the rule: `as_of` when the visitor gave one.
        "because": [AS_OF] if AS_OF in answers else [],
        **_status(measure_status.status, measure_status),
    }
    outcome["examples" if rule.examples is not None else "documents"] = []
    return outcome


# --- errors ------------------------------------------------------------------

def errors_result(problems):
    return {"errors": [error(field, code) for field, code in problems]}


def error(field, code):
    """One error object of the contract, with its message in both languages."""
    template = texts.ERRORS[getattr(code, "message", code)]  # answers.Problem: a code with its own message
    message = {}
    for lang in LANGUAGES:
        message[lang] = texts.fill(
            template[lang],
            field=field,
            question=_field_label(field, lang),
            allowed=_allowed(field, lang) if code == INVALID_VALUE else "",
            earliest=NOTICE_KNOWN_FROM.isoformat(),
        )
    return {"field": field, "code": str(code), "message": message}


def _field_label(field, lang):
    if field in QUESTIONS:
        return texts.QUESTIONS[field]["label"][lang]
    if field in texts.FIELD_LABELS:
        return texts.FIELD_LABELS[field][lang]
    return field


def _allowed(field, lang):
    if field == AS_OF:
        return texts.ALLOWED["date"][lang]
    kind, options = QUESTIONS[field]
    if kind == BOOLEAN:
        return texts.ALLOWED["boolean"][lang]
    separator = texts.OPTION_SEPARATOR[lang]
    return texts.fill(texts.ALLOWED["choice"][lang], options=separator.join(options))
