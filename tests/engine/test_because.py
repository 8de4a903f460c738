"""`because`: the answers a rule read to reach its result, recorded as it runs, checked against the rules.

For every complete answer set the wizard can produce and every measure:
- sufficient: the rule, given only the `because` answers, reaches the same result (it needs nothing else);
- necessary: take away any one of them and the rule cannot run (it did read each one).
"""

import pytest

import eligibility
from eligibility.answers import QUESTIONS
from eligibility.rules import RULES


class OnlyThese(dict):
    """Answers that refuse any read of a key they do not hold, through [] and get() alike."""

    def __getitem__(self, key):
        if key not in self.keys():
            raise LookupError(f"the rule read {key!r}, which is not in `because`")
        return super().__getitem__(key)

    def get(self, key, default=None):
        return self[key]


COMPLETE = eligibility.complete_answer_sets()


@pytest.mark.parametrize("answers", COMPLETE, ids=[str(a) for a in COMPLETE])
def test_because_is_exactly_what_each_rule_read(answers):
    outcomes = eligibility.evaluate(answers)["outcomes"]
    for rule in RULES:
        because = outcomes[rule.key]["because"]
        assert because == [k for k in QUESTIONS if k in because], "in the flow's order"
        given = OnlyThese({k: answers[k] for k in because})
        assert rule.decide(given) == outcomes[rule.key]["result"], (rule.key, because)
        for key in because:
            fewer = OnlyThese({k: answers[k] for k in because if k != key})
            with pytest.raises(LookupError):
                rule.decide(fewer)


def test_because_examples():
    outcomes = eligibility.evaluate(
        {"application": "extension", "category": "B", "tax_bureau_unreachable": True,
         "has_withholding_screenshot": False}
    )["outcomes"]
    assert outcomes["tax_records"]["because"] == ["application", "tax_bureau_unreachable",
                                                  "has_withholding_screenshot"]
    assert outcomes["e_signature"]["because"] == []  # the notice sets no condition
    assert outcomes["joint_residence_permit"]["because"] == ["application", "category"]
