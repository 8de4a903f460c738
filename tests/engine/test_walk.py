"""Walk every path of the question flow, as the browser does, and check every outcome.

The walk uses only the public interface: `next_question` says what to ask,
the catalog says which options there are (booleans as yes / no).
"""

import pytest
from conftest import source_is_valid

import eligibility
from eligibility.rules import RULES

CATALOG = eligibility.catalog()
QUESTIONS = {q["key"]: q for q in CATALOG["questions"]}
BOOLEANS = CATALOG["boolean_options"]


def _option_values(question):
    keys = [o["key"] for o in question["options"]]
    return [BOOLEANS[k] for k in keys] if question["type"] == "boolean" else keys


def _walk():
    """(partial answers, next question, asked so far) for every step of every path."""
    steps = []

    def visit(answers, asked):
        step = eligibility.next_question(answers)
        assert "errors" not in step, step
        steps.append((answers, step["next"], asked))
        if step["complete"]:
            return
        key = step["next"]
        for value in _option_values(QUESTIONS[key]):
            visit({**answers, key: value}, asked + (key,))

    visit({}, ())
    return steps


STEPS = _walk()
COMPLETE = [(answers, asked) for answers, key, asked in STEPS if key is None]
PARTIAL = [(answers, key) for answers, key, asked in STEPS if key is not None]


def test_the_walk_matches_the_package_enumeration():
    walked = sorted(sorted(a.items()) for a, _ in COMPLETE)
    listed = sorted(sorted(a.items()) for a in eligibility.complete_answer_sets())
    assert walked == listed
    assert len(COMPLETE) == len({tuple(sorted(a.items())) for a, _ in COMPLETE})


def test_size_of_the_answer_space():
    # extension, cancellation: 3 categories x (tbu false | true x screenshot 2) = 9 each;
    # new_from_abroad: 3 categories, no salary or tax question (measure 1 is silent on it) = 3;
    # the other four applications outside new_in_china: 3 x (no salary | 3) = 12 each;
    # new_in_china: A x 2 routes x 4 + B, C x 4 = 16.
    assert len(COMPLETE) == 2 * 9 + 3 + 4 * 12 + 16


@pytest.mark.parametrize("answers,asked", COMPLETE, ids=[str(a) for a, _ in COMPLETE])
def test_every_complete_path(answers, asked):
    result = eligibility.evaluate(answers)
    assert "errors" not in result, result
    # Normalised answers hold exactly what the flow asked.
    assert set(result["answers"]) == set(asked)
    assert result["answers"] == answers
    outcomes = result["outcomes"]
    assert [outcomes[r.key]["measure"] for r in RULES] == [1, 2, 3, 4, 5]
    for rule in RULES:
        outcome = outcomes[rule.key]
        listed = "examples" if rule.key == "e_signature" else "documents"
        epidemic = {"epidemic"} if outcome["result"] in rule.epidemic_results else set()
        assert set(outcome) == {"measure", "result", "explanation", "source", listed, "label",
                                "because", "status", "status_text", "checked"} | epidemic
        assert outcome["status"] == "unconfirmed"
        assert outcome["because"] == [k for k in QUESTIONS if k in outcome["because"]]  # the flow's order
        assert set(outcome["because"]) <= set(asked)
        assert outcome["result"] in CATALOG["outcomes"][rule.key]["results"]
        for text in (outcome["explanation"], outcome["label"]):
            assert set(text) == {"en", "zh"}
            assert text["en"].strip() and text["zh"].strip()
        assert source_is_valid(outcome["source"]), outcome["source"]
        assert outcome["source"].startswith(CATALOG["outcomes"][rule.key]["page"])
        assert all(d in CATALOG["documents"] for d in outcome[listed])
    assert outcomes["e_signature"]["examples"] == [
        "labor_contract",
        "separation_certificate",
        "application_form",
    ]


def test_every_question_and_result_is_reachable():
    asked = {key for _, key in PARTIAL}
    assert asked == set(QUESTIONS)
    reached = {rule.key: set() for rule in RULES}
    for answers, _ in COMPLETE:
        for key, outcome in eligibility.evaluate(answers)["outcomes"].items():
            reached[key].add(outcome["result"])
    for rule in RULES:
        catalogued = set(CATALOG["outcomes"][rule.key]["results"]) - {"not_in_force"}
        assert reached[rule.key] == set(rule.results) == catalogued, rule.key


def _always_asked_in_completions(partial):
    """Questions that every completion of `partial` asks (by the walk itself)."""
    completions = [
        set(asked)
        for answers, asked in COMPLETE
        if all(answers.get(k) == v for k, v in partial.items())
    ]
    assert completions
    return set.intersection(*completions)


@pytest.mark.parametrize("partial,next_key", PARTIAL, ids=[str(p) for p, _ in PARTIAL])
def test_incomplete_paths_report_missing_answers(partial, next_key):
    result = eligibility.evaluate(partial)
    assert "errors" in result
    fields = [e["field"] for e in result["errors"]]
    assert {e["code"] for e in result["errors"]} == {"missing"}
    # The first missing answer is the question `next` asks ...
    assert fields[0] == next_key
    # ... and exactly the questions every completion must still answer are listed.
    assert set(fields) == _always_asked_in_completions(partial) - set(partial)


@pytest.mark.parametrize("answers,asked", COMPLETE[::7], ids=[str(a) for a, _ in COMPLETE[::7]])
def test_as_of_does_not_change_outcomes_with_the_shipped_status(answers, asked):
    plain = eligibility.evaluate(answers)
    dated = eligibility.evaluate({**answers, "as_of": "2022-07-05"})  # the earliest day allowed
    assert dated["outcomes"] == plain["outcomes"]
    assert dated["answers"] == {**plain["answers"], "as_of": "2022-07-05"}


def test_lifted_status_gives_not_in_force_on_every_path(lifted_status):
    for answers, _ in COMPLETE:
        result = eligibility.evaluate({**answers, "as_of": "2030-01-01"}, lifted_status)
        outcomes = result["outcomes"]
        for key in ("tax_records", "online", "joint_residence_permit"):
            assert outcomes[key]["result"] == "not_in_force"
            assert outcomes[key]["documents"] == []
            assert outcomes[key]["because"] == ["as_of"]
            assert outcomes[key]["status"] in ("lifted", "superseded", "unconfirmed")
            assert "2030-01-01" in outcomes[key]["explanation"]["en"]
            assert "2030-01-01" in outcomes[key]["explanation"]["zh"]
            assert source_is_valid(outcomes[key]["source"])
        assert outcomes["e_signature"]["result"] == "accepted"
