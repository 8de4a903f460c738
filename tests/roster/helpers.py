"""Helpers for the roster tests: the fixture files, the command line, and reading a result file."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
WIZARD = REPO / "wizard"
FIXTURES = REPO / "tests" / "cases" / "roster"

if str(WIZARD) not in sys.path:
    sys.path.insert(0, str(WIZARD))

OUTCOMES = ("tax_records", "online", "chip_update", "e_signature", "joint_residence_permit")
# The three employees every fixture holds (tests/cases/roster/README.md), in order.
EXPECTED = [
    {"tax_records": "exempt", "online": "yes", "chip_update": "deferrable", "e_signature": "accepted",
     "joint_residence_permit": "not_available"},
    {"tax_records": "not_applicable", "online": "no", "chip_update": "not_stated", "e_signature": "accepted",
     "joint_residence_permit": "available"},
    {"tax_records": "required", "online": "yes", "chip_update": "not_applicable", "e_signature": "accepted",
     "joint_residence_permit": "not_applicable"},
]
# The measures' status, as shipped (tests/engine/test_status.py: every measure unconfirmed, never confirmed).
STATUS_EN = "Not confirmed (last confirmed: never): measures 1, 2, 3, 4, 5"
STATUS_ZH = "未经确认（最近确认：无）：第1、2、3、4、5项措施"
HEADER_EN = ("employee,application,category,category_a_route,salary_commitment,tax_bureau_unreachable,"
             "has_withholding_screenshot")


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def run_cli(*args, stdin: bytes = b"", timeout: float = 60):
    """`python -S -m eligibility ...` as a user runs it: standard library only, any locale."""
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(WIZARD), "LC_ALL": "C"}
    return subprocess.run([sys.executable, "-S", "-m", "eligibility", *map(str, args)], input=stdin,
                          capture_output=True, cwd=REPO, env=env, timeout=timeout)


def read_result(data: bytes, separator: str = ",") -> tuple[list[str], list[dict[str, str]]]:
    """(header, rows as dicts) of a result file, which must be UTF-8 with a BOM."""
    assert data.startswith(b"\xef\xbb\xbf"), data[:20]
    text = data[3:].decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    header = rows[0]
    return header, [dict(zip(header, row)) for row in rows[1:]]


def outcomes_of(rows: list[dict[str, str]], columns=OUTCOMES) -> list[dict[str, str]]:
    return [{key: row[column] for key, column in zip(OUTCOMES, columns)} for row in rows]
