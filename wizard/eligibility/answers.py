"""The answers: their schema, and validation into normalised answers.

`normalise(raw)` checks a JSON object of answers and returns the normalised
answers (only valid answers to questions asked in this case, plus `as_of`
when given) with a list of problems as `(field, code)` pairs. Messages are
added by the engine from `texts`, so that this module stays free of wording.

Problems are listed in a fixed order: questions in flow order, then `as_of`,
then unknown fields sorted by name.
"""

from datetime import date

from .flow import ORDER, UNKNOWN, is_asked

# Problem codes (the contract's error codes).
MISSING = "missing"
INVALID_VALUE = "invalid_value"
UNKNOWN_FIELD = "unknown_field"
INVALID_JSON = "invalid_json"
ERROR_CODES = (MISSING, INVALID_VALUE, UNKNOWN_FIELD, INVALID_JSON)


class Problem(str):
    """A problem code that equals one of ERROR_CODES, with its own message key in texts.ERRORS (`message`)."""

    def __new__(cls, code, message):
        problem = super().__new__(cls, code)
        problem.message = message
        return problem


# The earliest date the notice is known to exist (a repost of it is dated so; its own text carries no date):
# judging by an earlier day would apply a notice that was not yet known.
NOTICE_KNOWN_FROM = date(2022, 7, 5)
# `as_of` before NOTICE_KNOWN_FROM: an invalid_value, with a message that says why.
AS_OF_BEFORE_NOTICE = Problem(INVALID_VALUE, "as_of_before_notice")

CHOICE = "choice"
BOOLEAN = "boolean"

# Question key -> (type, allowed values). The stable keys of the contract.
QUESTIONS = {
    "application": (CHOICE, (
        "new_from_abroad",
        "new_in_china",
        "after_entry",
        "extension",
        "information_change",
        "cancellation",
        "reissue",
        "change_of_employer",
    )),
    "category": (CHOICE, ("A", "B", "C")),
    "category_a_route": (CHOICE, ("points", "criteria")),
    "salary_commitment": (BOOLEAN, (True, False)),
    "tax_bureau_unreachable": (BOOLEAN, (True, False)),
    "has_withholding_screenshot": (BOOLEAN, (True, False)),
}
AS_OF = "as_of"
FIELDS = frozenset(QUESTIONS) | {AS_OF}

# In share links booleans are written yes / no (see `from_query`).
QUERY_BOOLEANS = {"yes": True, "no": False}

assert tuple(QUESTIONS) == ORDER, "the schema and the flow must list the same questions"


def is_valid(key, value):
    """Is `value` an allowed answer to question `key`? (JSON types are strict.)"""
    kind, allowed = QUESTIONS[key]
    if kind == BOOLEAN:
        return type(value) is bool
    return type(value) is str and value in allowed


def parse_date(value):
    """A `datetime.date` for a string written exactly YYYY-MM-DD, else None."""
    if type(value) is not str or len(value) != 10 or value[4] != "-" or value[7] != "-":
        return None
    digits = value[:4] + value[5:7] + value[8:]
    # Only ASCII digits: int() would also accept other scripts' digits.
    if not (digits.isascii() and digits.isdigit()):
        return None
    try:
        return date(int(value[:4]), int(value[5:7]), int(value[8:]))
    except ValueError:  # 2026-02-30, month 13, year 0 ...
        return None


def normalise(raw):
    """Return `(answers, problems)` for a decoded JSON value."""
    if type(raw) is not dict:
        return {}, [(None, INVALID_JSON)]
    answers = {}
    problems = []
    known = {}  # what the flow conditions see: valid answers, or UNKNOWN
    for key in ORDER:
        asked = is_asked(key, known)
        if asked is False:
            continue  # not asked in this case: ignored even if given
        if key not in raw:
            if asked:
                problems.append((key, MISSING))
            known[key] = UNKNOWN
            continue
        value = raw[key]
        if not is_valid(key, value):
            # Reported even when we cannot tell yet whether it is asked:
            # it is wrong either way.
            problems.append((key, INVALID_VALUE))
            known[key] = UNKNOWN
        elif asked:
            known[key] = answers[key] = value
        else:
            known[key] = UNKNOWN
    if AS_OF in raw:
        day = parse_date(raw[AS_OF])
        if day is None:
            problems.append((AS_OF, INVALID_VALUE))
        elif day < NOTICE_KNOWN_FROM:
            problems.append((AS_OF, AS_OF_BEFORE_NOTICE))
        else:
            answers[AS_OF] = raw[AS_OF]
    unknown = sorted(field_name(k) for k in raw if k not in FIELDS)
    problems.extend((name, UNKNOWN_FIELD) for name in unknown)
    return answers, problems


def field_name(key):
    """A key as it can be printed: a string that encodes as UTF-8.

    JSON allows lone surrogates (\\ud800) in keys; echoing them unchanged
    would make the output impossible to write, so they are escaped.
    """
    if type(key) is not str:
        key = repr(key)  # only reachable from Python callers
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:
        key = key.encode("utf-8", "backslashreplace").decode("utf-8")
    return key


def from_query(params):
    """Turn share-link parameters (all strings) into contract answers.

    Booleans are written yes / no in a link and become true / false.
    Every other value is passed on unchanged, so that `normalise` judges it
    (an unknown key -> unknown_field, a bad value -> invalid_value).
    """
    answers = {}
    for key, value in params.items():
        if (
            type(value) is str
            and key in QUESTIONS
            and QUESTIONS[key][0] == BOOLEAN
            and value in QUERY_BOOLEANS
        ):
            value = QUERY_BOOLEANS[value]
        answers[key] = value
    return answers


def to_query(answers):
    """The share-link parameters for normalised answers (inverse of `from_query`)."""
    params = {}
    for key, value in answers.items():
        if type(value) is bool:
            value = "yes" if value else "no"
        params[key] = value
    return params
