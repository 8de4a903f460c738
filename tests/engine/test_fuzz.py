"""Property-based fuzzing: any input gives a result or a complete list of errors, never an exception."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eligibility
from eligibility import cli
from eligibility.answers import ERROR_CODES, FIELDS, QUESTIONS, is_valid
from eligibility.flow import ORDER

COMPLETE = eligibility.complete_answer_sets()

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)  # NaN, Infinity: not JSON | st.text()
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=12,
)
real_keys = st.sampled_from(sorted(FIELDS))
valid_values = st.sampled_from(
    [v for _, options in QUESTIONS.values() for v in options] + ["2026-02-28", "2026-02-30"]
)
answer_dicts = st.dictionaries(
    real_keys | st.text(max_size=8), valid_values | json_values, max_size=9
)
unknown_keys = st.text(min_size=1, max_size=8).filter(lambda k: k not in FIELDS)


def invalid_for(key):
    return (json_values | st.sampled_from(["", "yes", "no", "a", "maybe"])).filter(
        lambda v: not is_valid(key, v)
    )


def check_shape(result, command="evaluate"):
    """Either a contract result or a contract error list; both JSON-serialisable."""
    json.dumps(result, ensure_ascii=False, sort_keys=True).encode("utf-8")
    if "errors" in result:
        assert set(result) == {"errors"} and result["errors"]
        fields = []
        for error in result["errors"]:
            assert set(error) == {"field", "code", "message"}
            assert error["code"] in ERROR_CODES
            assert error["message"]["en"] and error["message"]["zh"]
            assert (error["field"] is None) == (error["code"] == "invalid_json")
            fields.append(error["field"])
        assert len(fields) == len(set(fields)), "one error per field"
    elif command == "evaluate":
        assert set(result) == {"answers", "outcomes"}
        assert len(result["outcomes"]) == 5
    else:
        assert set(result) == {"answers", "next", "complete"}
        assert result["complete"] == (result["next"] is None)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_any_json_value(value):
    result = eligibility.evaluate(value)
    check_shape(result)
    if not isinstance(value, dict):
        assert [(e["field"], e["code"]) for e in result["errors"]] == [(None, "invalid_json")]
    # Through JSON text, the same answer.
    text = json.dumps(value)
    assert json.loads(eligibility.evaluate_json(text)) == json.loads(json.dumps(result))
    check_shape(eligibility.next_question(value), "next")


@settings(max_examples=500)
@given(answer_dicts)
def test_dicts_with_real_keys(raw):
    result = eligibility.evaluate(raw)
    check_shape(result)
    for error in result.get("errors", []):
        field, code = error["field"], error["code"]
        if code == "unknown_field":
            assert field in raw and field not in FIELDS
        elif code == "invalid_value":
            assert field in raw and field in FIELDS
        elif code == "missing":
            assert field not in raw and field in QUESTIONS
    # Every unknown key is reported.
    reported = {e["field"] for e in result.get("errors", []) if e["code"] == "unknown_field"}
    assert reported == {k for k in raw if k not in FIELDS}
    # Always-asked questions are always judged.
    for key in ("application", "category"):
        if key not in raw:
            assert {"field": key, "code": "missing"}.items() <= _error_for(result, key).items()
        elif not is_valid(key, raw[key]):
            assert _error_for(result, key)["code"] == "invalid_value"
    nxt = eligibility.next_question(raw)
    check_shape(nxt, "next")
    if "errors" not in result:
        assert nxt["complete"] and nxt["answers"] == result["answers"]


def _error_for(result, field):
    return next(e for e in result["errors"] if e["field"] == field)


@st.composite
def corrupted_answers(draw):
    """A complete valid answer set with some answers made invalid and unknown keys added."""
    answers = dict(draw(st.sampled_from(COMPLETE)))
    corrupt = draw(st.sets(st.sampled_from(sorted(answers)), max_size=len(answers)))
    for key in corrupt:
        answers[key] = draw(invalid_for(key))
    extra = draw(st.sets(unknown_keys, max_size=3))
    for key in extra:
        answers[key] = draw(json_values)
    return answers, corrupt, extra


@settings(max_examples=500)
@given(corrupted_answers())
def test_every_problem_is_listed(case):
    raw, corrupt, extra = case
    result = eligibility.evaluate(raw)
    expected = [[k, "invalid_value"] for k in ORDER if k in corrupt]
    expected += [[k, "unknown_field"] for k in sorted(extra)]
    assert [[e["field"], e["code"]] for e in result.get("errors", [])] == expected


@given(st.sampled_from(COMPLETE), st.data())
def test_one_missing_answer_is_reported_alone(answers, data):
    key = data.draw(st.sampled_from(sorted(answers)))
    partial = {k: v for k, v in answers.items() if k != key}
    result = eligibility.evaluate(partial)
    assert [[e["field"], e["code"]] for e in result["errors"]] == [[key, "missing"]]
    assert eligibility.next_question(partial)["next"] == key


@settings(max_examples=300)
@given(st.binary(max_size=200) | st.text(max_size=200).map(lambda s: s.encode("utf-8")))
def test_any_bytes_on_stdin(data):
    for command in ("evaluate", "next"):
        out, err, code = cli.run([command], data)
        assert err == ""
        assert code in (0, 2)
        result = json.loads(out)
        check_shape(result, command)
        assert (code == 2) == ("errors" in result)


@settings(max_examples=300)
@given(st.text(max_size=200))
def test_any_text(text):
    check_shape(json.loads(eligibility.evaluate_json(text)))
    check_shape(json.loads(eligibility.next_json(text)), "next")


@settings(max_examples=300)
@given(st.dictionaries(st.text(max_size=30), st.text(max_size=20) | json_values, max_size=8))
def test_any_query_parameters(params):
    answers, errors = eligibility.answers_from_query(params)
    assert all(e["code"] != "missing" for e in errors)
    check_shape(eligibility.evaluate_query(params))
    # What the link conversion accepts is valid for evaluate.
    assert all(k in FIELDS for k in answers)
