"""Helpers for the roster tests: the fixture files, the command line, and reading a result file."""

from __future__ import annotations

import csv
import datetime
import io
import os
import re
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
# The trailing columns of a result: each outcome's code, for programs (the same headers in both languages).
CODES = tuple(f"{key}_code" for key in OUTCOMES)
# The measures' status, as shipped (tests/engine/test_status.py: every measure unconfirmed, never confirmed).
STATUS_EN = "Not confirmed by this site: measures 1, 2, 3, 4, 5"
STATUS_ZH = "本网站尚未核实：第一、二、三、四、五项措施"
# After the outcomes: each employee's next steps (documents by provider, the full result's address, the date of
# the check) and the check's notes on the answers.
NEXT_EN = ["documents_from_applicant", "documents_from_employer", "full_result", "checked_on", "check_notes"]
NEXT_ZH = ["申请人提供的材料（2022年通知所列）", "用人单位提供的材料（2022年通知所列）", "完整结果", "自查日期", "自查说明"]
HEADER_EN = ("employee,application,category,category_a_route,salary_commitment,tax_bureau_unreachable,"
             "has_withholding_screenshot")


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def run_cli(*args, stdin: bytes = b"", timeout: float = 60, site_url: str = ""):
    """`python -S -m eligibility ...` as a user runs it: standard library only, any locale. `site_url`: the site's
    address for the results' links (SITE_URL; the page's result has the address it was served from)."""
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(WIZARD), "LC_ALL": "C"}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run([sys.executable, "-S", "-m", "eligibility", *map(str, args)], input=stdin,
                          capture_output=True, cwd=REPO, env=env, timeout=timeout)


def statement(lang: str, day: datetime.date | None = None) -> str:
    """The statement a result carries as shipped (every measure unconfirmed), checked on `day` (today)."""
    from eligibility import texts

    day = day or datetime.date.today()
    gap = " " if lang == "en" else ""
    return (texts.CURRENCY["unconfirmed"][lang] + gap
            + texts.fill(texts.CURRENCY["worked_out"][lang], date=day.isoformat()))


def result_records(data: bytes, separator: str = ",") -> list[list[str]]:
    """Every record of a result file, which must be UTF-8 with a BOM: the statement's, the header, the rows."""
    assert data.startswith(b"\xef\xbb\xbf"), data[:20]
    text = data[3:].decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))


def read_result(data: bytes, separator: str = ",") -> tuple[list[str], list[dict[str, str]]]:
    """(header, rows as dicts) of a result file: its first line, the statement (one cell, dated), is checked and
    passed over."""
    records = result_records(data, separator)
    (said,) = records[0]
    assert re.search(r"(Worked out on |判断日期：)\d{4}-\d{2}-\d{2}", said), said
    header = records[1]
    return header, [dict(zip(header, row)) for row in records[2:]]


def outcomes_of(rows: list[dict[str, str]], columns=CODES) -> list[dict[str, str]]:
    """The result codes of result rows, from their trailing code columns."""
    return [{key: row[column] for key, column in zip(OUTCOMES, columns)} for row in rows]


def labels_of(rows: list[dict[str, str]], lang: str) -> list[dict[str, str]]:
    """The outcome columns (headed by the outcomes' labels) of result rows, read back as codes: each cell must be
    its result's label in `lang`."""
    from eligibility import texts

    found = []
    for row in rows:
        codes = {}
        for key in OUTCOMES:
            labels = {result["label"][lang]: code for code, result in texts.OUTCOMES[key]["results"].items()}
            labels[texts.NOT_IN_FORCE["label"][lang]] = "not_in_force"
            codes[key] = labels[row[texts.OUTCOMES[key]["label"][lang]]]
        found.append(codes)
    return found
