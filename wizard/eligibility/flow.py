"""The question flow: which question is asked, in which order, given the answers so far.

Routing only. Nothing here knows labels, outcomes or how values are validated;
this module imports nothing from the rest of the package except two constants
of measure 1 (`rules.APPLICATIONS_WITH_SALARY_COMMITMENT` and
`rules.APPLICATIONS_MEASURE_1_IS_SILENT_ON`), so that the flow and measure 1
cannot disagree about when the salary and tax questions matter.

A condition answers "is this question asked?" with True, False or None.
None means "cannot tell yet", because an answer it depends on is missing or
invalid (`UNKNOWN`). That lets the validator report every problem it can be
sure of without inventing problems it cannot be sure of.
"""

from .rules import APPLICATIONS_MEASURE_1_IS_SILENT_ON, APPLICATIONS_WITH_SALARY_COMMITMENT

# The order in which the wizard asks. `as_of` is an option, never asked.
ORDER = (
    "application",
    "category",
    "category_a_route",
    "salary_commitment",
    "tax_bureau_unreachable",
    "has_withholding_screenshot",
)


class _Unknown:
    """An answer that was needed but is missing or invalid."""

    __slots__ = ()

    def __repr__(self):
        return "UNKNOWN"


UNKNOWN = _Unknown()


# Three-valued logic (True / False / None = unknown), kept tiny on purpose.
def _is(value, *choices):
    if value is UNKNOWN:
        return None
    return value in choices


def _not(x):
    return None if x is None else not x


def _all(*xs):
    if False in xs:
        return False
    return None if None in xs else True


def _any(*xs):
    if True in xs:
        return True
    return None if None in xs else False


# In every condition `known` maps an earlier question to its answer, or to
# UNKNOWN; a question that was not asked is absent (so it matches nothing).
def _always(known):
    return True


def _asks_category_a_route(known):
    # Measure 2 treats Category A applications in China differently by route.
    return _all(
        _is(known.get("application"), "new_in_china"),
        _is(known.get("category"), "A"),
    )


def _asks_salary_commitment(known):
    # For extension and cancellation the notice says it is involved; for an
    # application from abroad measure 1 says nothing: not asked in either case.
    return _not(_is(
        known.get("application"),
        *APPLICATIONS_WITH_SALARY_COMMITMENT,
        *APPLICATIONS_MEASURE_1_IS_SILENT_ON,
    ))


def _asks_tax_bureau_unreachable(known):
    return _any(
        _is(known.get("application"), *APPLICATIONS_WITH_SALARY_COMMITMENT),
        _is(known.get("salary_commitment"), True),
    )


def _asks_has_withholding_screenshot(known):
    return _is(known.get("tax_bureau_unreachable"), True)


ASKED_WHEN = {
    "application": _always,
    "category": _always,
    "category_a_route": _asks_category_a_route,
    "salary_commitment": _asks_salary_commitment,
    "tax_bureau_unreachable": _asks_tax_bureau_unreachable,
    "has_withholding_screenshot": _asks_has_withholding_screenshot,
}


def is_asked(key, known):
    """True, False or None (cannot tell yet) for question `key`."""
    return ASKED_WHEN[key](known)


def next_question(answers):
    """The key of the next question to ask, or None when `answers` is complete.

    `answers` holds valid answers only (the normalised answers).
    """
    known = {}
    for key in ORDER:
        asked = is_asked(key, known)
        if asked is False:
            continue
        if key in answers:
            known[key] = answers[key]
        elif asked:
            return key
        else:
            known[key] = UNKNOWN
    return None
