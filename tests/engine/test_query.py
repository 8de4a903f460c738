"""Share links: query-parameter answers (booleans as yes / no) to contract answers."""

import pytest

import eligibility
from eligibility.answers import to_query


def test_the_contract_example_link():
    params = {
        "application": "extension",
        "category": "C",
        "tax_bureau_unreachable": "yes",
        "has_withholding_screenshot": "yes",
    }
    answers, errors = eligibility.answers_from_query(params)
    assert errors == []
    assert answers == {
        "application": "extension",
        "category": "C",
        "tax_bureau_unreachable": True,
        "has_withholding_screenshot": True,
    }
    result = eligibility.evaluate_query(params)
    assert result["outcomes"]["tax_records"]["result"] == "exempt"


def test_no_becomes_false():
    answers, errors = eligibility.answers_from_query(
        {"application": "reissue", "category": "A", "salary_commitment": "no"}
    )
    assert errors == [] and answers["salary_commitment"] is False


@pytest.mark.parametrize("value", ["true", "Yes", "1", "", "是"])
def test_other_boolean_spellings_are_invalid(value):
    _, errors = eligibility.answers_from_query(
        {"application": "extension", "category": "A", "tax_bureau_unreachable": value}
    )
    assert [(e["field"], e["code"]) for e in errors] == [("tax_bureau_unreachable", "invalid_value")]


def test_unknown_keys_and_bad_values_are_all_reported_but_missing_ones_are_not():
    _, errors = eligibility.answers_from_query({"application": "holiday", "lang": "zh", "utm_source": "x"})
    assert [(e["field"], e["code"]) for e in errors] == [
        ("application", "invalid_value"),
        ("lang", "unknown_field"),
        ("utm_source", "unknown_field"),
    ]


def test_a_partial_link_is_fine():
    answers, errors = eligibility.answers_from_query({"application": "extension"})
    assert errors == [] and answers == {"application": "extension"}
    assert eligibility.next_question(answers)["next"] == "category"


def test_not_a_mapping():
    _, errors = eligibility.answers_from_query(["application=extension"])
    assert [(e["field"], e["code"]) for e in errors] == [(None, "invalid_json")]


@pytest.mark.parametrize("answers", eligibility.complete_answer_sets(), ids=str)
def test_links_round_trip(answers):
    params = to_query(answers)
    assert all(isinstance(v, str) for v in params.values())
    assert eligibility.evaluate_query(params) == eligibility.evaluate(answers)
