"""The case files (tests/cases/*.json) through the Python functions and the command line.

The same files are meant to run later inside Pyodide, so they stay plain JSON
and every check here compares what a case states with what the engine says.
"""

import json

import pytest
from conftest import (
    case_status_path,
    case_stdin,
    check_against_expected,
    load_cases,
    run_cli,
)

import eligibility
from eligibility.jsonapi import dump_json

EVALUATE_CASES = load_cases("evaluate.json")
NEXT_CASES = load_cases("next.json")


def _ids(cases):
    return [case["name"] for case in cases]


def _status(case):
    path = case_status_path(case)
    return eligibility.load_status_file(path) if path else None


@pytest.mark.parametrize("case", EVALUATE_CASES, ids=_ids(EVALUATE_CASES))
def test_evaluate_function(case):
    status = _status(case)
    if "input" in case:
        check_against_expected(eligibility.evaluate(case["input"], status), case["expected"])
    text = eligibility.evaluate_json(case_stdin(case), status)
    check_against_expected(json.loads(text), case["expected"])
    if "input" in case:
        # The JSON entry point is exactly the function's result, serialised.
        assert text == dump_json(eligibility.evaluate(case["input"], status))


@pytest.mark.parametrize("case", EVALUATE_CASES, ids=_ids(EVALUATE_CASES))
def test_evaluate_cli(case):
    args = ["evaluate"]
    if "status" in case:
        args += ["--status", str(case_status_path(case))]
    done = run_cli(*args, stdin=case_stdin(case))
    assert done.returncode == case["expected"]["exit"], done.stderr
    assert done.stderr == b""
    check_against_expected(json.loads(done.stdout.decode("utf-8")), case["expected"])
    # Byte for byte what the browser entry point returns.
    assert done.stdout == eligibility.evaluate_json(case_stdin(case), _status(case)).encode("utf-8")


@pytest.mark.parametrize("case", NEXT_CASES, ids=_ids(NEXT_CASES))
def test_next_function(case):
    if "input" in case:
        check_against_expected(eligibility.next_question(case["input"]), case["expected"])
    check_against_expected(json.loads(eligibility.next_json(case_stdin(case))), case["expected"])


@pytest.mark.parametrize("case", NEXT_CASES, ids=_ids(NEXT_CASES))
def test_next_cli(case):
    done = run_cli("next", stdin=case_stdin(case))
    assert done.returncode == case["expected"]["exit"], done.stderr
    assert done.stderr == b""
    check_against_expected(json.loads(done.stdout.decode("utf-8")), case["expected"])
    assert done.stdout == eligibility.next_json(case_stdin(case)).encode("utf-8")


def test_cases_cover_every_result_and_error_code():
    """The case file exercises every result code of every outcome, and every error code."""
    seen_results = {}
    seen_errors = set()
    for case in EVALUATE_CASES:
        expected = case["expected"]
        for key, result in expected.get("outcomes", {}).items():
            seen_results.setdefault(key, set()).add(result)
        seen_errors.update(code for _, code in expected.get("errors", []))
    for rule in eligibility.rules.RULES:
        assert seen_results[rule.key] == set(rule.results) | {"not_in_force"}, rule.key
    assert seen_errors == set(eligibility.answers.ERROR_CODES)


def test_case_names_are_unique():
    for cases in (EVALUATE_CASES, NEXT_CASES):
        names = _ids(cases)
        assert len(names) == len(set(names))
