"""Shared helpers for the engine tests: the package on sys.path, the case files, the CLI."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
WIZARD = REPO / "wizard"
CASES = REPO / "tests" / "cases"

# The package is imported as the wizard and the command line import it: from wizard/.
if str(WIZARD) not in sys.path:
    sys.path.insert(0, str(WIZARD))

# The guidance pages and paragraph ids a `source` may point to.
PAGES = ("tax-records", "online-approval", "chip-update", "e-signature", "work-and-residence-permits")
PARAGRAPH_IDS = ("who-it-applies-to", "what-to-do", "documents", "notice-text", "not-stated")


def load_cases(name):
    with open(CASES / name, encoding="utf-8") as handle:
        return json.load(handle)


def case_stdin(case):
    """The bytes a case sends on stdin."""
    if "stdin_hex" in case:
        return bytes.fromhex(case["stdin_hex"])
    if "stdin" in case:
        return case["stdin"].encode("utf-8")
    return json.dumps(case["input"], ensure_ascii=False).encode("utf-8")


def case_status_path(case):
    return CASES / case["status"] if "status" in case else None


def run_cli(*args, stdin=b""):
    """Run `python -S -m eligibility ...` as a user would, with no site-packages.

    -S proves that nothing outside the standard library is needed; LC_ALL=C
    checks that the output is UTF-8 whatever the locale.
    """
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(WIZARD), "LC_ALL": "C"}
    return subprocess.run(
        [sys.executable, "-S", "-m", "eligibility", *args],
        input=stdin,
        capture_output=True,
        cwd=REPO,
        env=env,
        timeout=60,
    )


def source_is_valid(source):
    """`measures/<page>/#<id>` with a known page and paragraph id."""
    if not source.startswith("measures/") or "/#" not in source:
        return False
    page, _, paragraph = source[len("measures/"):].partition("/#")
    return page in PAGES and paragraph in PARAGRAPH_IDS


def error_pairs(result):
    return [[e["field"], e["code"]] for e in result["errors"]]


def check_against_expected(result, expected):
    """Compare an evaluate/next result with a case's `expected`."""
    from eligibility import exit_code

    assert exit_code(result) == expected["exit"], result
    if expected["exit"] == 2:
        assert error_pairs(result) == expected["errors"]
        for error in result["errors"]:
            assert error["message"]["en"] and error["message"]["zh"]
        for lang, words in expected.get("messages", {}).items():  # each error's message says why
            assert all(words in error["message"][lang] for error in result["errors"]), (lang, words, result)
        return
    if "outcomes" in expected:
        assert {k: o["result"] for k, o in result["outcomes"].items()} == expected["outcomes"]
    for key in ("because", "status"):
        if key in expected:
            assert {k: o[key] for k, o in result["outcomes"].items()} == expected[key]
    for key in ("next", "complete", "answers"):
        if key in expected:
            assert result[key] == expected[key]


@pytest.fixture(scope="session")
def lifted_status():
    from eligibility import load_status_file

    return load_status_file(CASES / "status_lifted.toml")
