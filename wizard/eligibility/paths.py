"""Readable addresses for every state of the wizard: the static pages' paths (contract: "Static pages").

A state is the answers given so far, in the flow's order; its address names each answer by a short slug:

    wizard/                                                        the first question
    wizard/extension/                                              application = extension: the category next
    wizard/extension/category-c/tax-bureau-unreachable/has-screenshot/     a complete answer set: the result

The site's build writes one page per state and language at these addresses (the Chinese under zh/), the
wizard's Share button and the roster's links point at them, and `answers_from_path` reads one back. A slug
never changes once published: a new option gets a new slug; the words shown stay in texts.toml.
"""

from .answers import BOOLEAN, QUESTIONS
from .flow import ORDER, next_question

ROOT = "wizard/"

# question -> option key (booleans: "yes" / "no", as in the catalog and share links) -> slug.
SLUGS = {
    "application": {value: value.replace("_", "-") for value in QUESTIONS["application"][1]},
    "category": {value: "category-" + value.lower() for value in QUESTIONS["category"][1]},
    "category_a_route": {"points": "85-points-or-more", "criteria": "under-85-points"},
    "salary_commitment": {"yes": "salary-commitment", "no": "no-salary-commitment"},
    "tax_bureau_unreachable": {"yes": "tax-bureau-unreachable", "no": "tax-bureau-reachable"},
    "has_withholding_screenshot": {"yes": "has-screenshot", "no": "no-screenshot"},
}
assert tuple(SLUGS) == ORDER, "one slug table per question, in the flow's order"
_BY_SLUG = {slug: (key, option) for key, options in SLUGS.items() for option, slug in options.items()}
assert len(_BY_SLUG) == sum(len(options) for options in SLUGS.values()), "slugs are unique across questions"


def option_key(key, value):
    """An answer as the catalog's option key: booleans are "yes" / "no"."""
    if QUESTIONS[key][0] == BOOLEAN:
        return "yes" if value else "no"
    return value


def answer_for(key, option):
    """The answer an option key stands for (booleans: "yes" is true)."""
    if QUESTIONS[key][0] == BOOLEAN:
        return option == "yes"
    return option


def state_path(answers):
    """The site-relative address of the state `answers` (valid answers, as the flow asked them), e.g.
    "wizard/extension/category-c/". Answers the flow does not ask (and `as_of`) are not part of it."""
    parts = []
    for key in ORDER:
        if key in answers and _asked_next(answers, key):
            parts.append(SLUGS[key][option_key(key, answers[key])])
    return ROOT + "".join(part + "/" for part in parts)


def _asked_next(answers, key):
    """Is `key` the question the flow asks after the answers before it?"""
    earlier = {k: answers[k] for k in ORDER[: ORDER.index(key)] if k in answers}
    return next_question(earlier) == key


def answers_from_path(path):
    """The answers a state's address names, or None when it names no state of the flow."""
    if not path.startswith(ROOT):
        return None
    answers = {}
    for slug in path[len(ROOT):].strip("/").split("/") if path != ROOT else ():
        found = _BY_SLUG.get(slug)
        if found is None or next_question(answers) != found[0]:
            return None
        answers[found[0]] = answer_for(*found)
    return answers


def every_state():
    """Every state the flow can reach, first question first: (answers, the next question's key or None)."""
    states = []

    def walk(answers):
        key = next_question(answers)
        states.append((answers, key))
        if key is None:
            return
        for option in SLUGS[key]:
            walk({**answers, key: answer_for(key, option)})

    walk({})
    return states
