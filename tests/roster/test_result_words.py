"""What the roster's result files say (issue 24, contract version 3): words a person can act on, framed by the 2022
notice, never a bare present-tense entitlement, and the status statement inside every file.

Every complete set of answers, one employee each, is checked into CSV and workbook results in both languages:
the outcome columns hold the results' labels (never a code: the codes are in the trailing `…_code` columns only),
every cell matches no [forbidden] pattern of wizard/eligibility/wording.toml, and the first line is the statement
(the banner's words, the date of the check), as the command line's summary and the page's info say it.
"""

from __future__ import annotations

import datetime
import io
import json
import re
import tomllib

import openpyxl
import pytest

from . import workbooks
from .helpers import (CODES, HEADER_EN, OUTCOMES, REPO, WIZARD, labels_of, outcomes_of, read_result, result_records,
                      run_cli, statement)

import eligibility  # noqa: E402  (helpers put wizard/ on the path)
from eligibility import roster, texts  # noqa: E402
from eligibility.engine import currency_words  # noqa: E402

WORDING = tomllib.loads((WIZARD / "eligibility" / "wording.toml").read_text(encoding="utf-8"))
LANGS = ("en", "zh")
KEYS = HEADER_EN.split(",")[1:]
# Every code an outcome may give: none of them is a cell a person reads.
RESULT_CODES = {code for outcome in texts.OUTCOMES.values() for code in outcome["results"]} | {"not_in_force"}


def forbidden_in(text: str, lang: str) -> list[str]:
    """The forbidden patterns of wording.toml that `text` matches (whitespace collapsed, case
    ignored)."""
    text = " ".join(text.split())
    return [p for p in WORDING["forbidden"][lang] if re.search(p, text, re.IGNORECASE)]


def _cell(value) -> str:
    return "" if value is None else ("yes" if value else "no") if isinstance(value, bool) else value


def every_case() -> bytes:
    """A roster of every complete set of answers, then rows with errors: a date before the notice, a bad answer."""
    lines = [HEADER_EN + ",as_of"]
    for index, answers in enumerate(eligibility.complete_answer_sets()):
        lines.append(",".join([f"E{index:03d}"] + [_cell(answers.get(k)) for k in KEYS] + [""]))
    lines.append("X1,extension,C,,,no,,2019-01-01")
    lines.append("X2,extension,D,,,no,,")
    return ("\r\n".join(lines) + "\r\n").encode()


def lifted_case() -> bytes:
    """Rows judged by a status file that ends, replaces and confirms measures (not_in_force, dated statuses)."""
    return (HEADER_EN + ",as_of\r\nE1,extension,C,,,no,,2024-06-01\r\nE2,extension,C,,,no,,2023-06-01\r\n").encode()


def csv_table(lang: str, data: bytes, status=None) -> list[list[str]]:
    return result_records(roster.judge_roster(data, lang, status).csv_bytes())


def xlsx_table(lang: str, data: bytes, status=None) -> list[list[str]]:
    judged = roster.Roster(data, lang, status, output="xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(judged.xlsx_bytes())).worksheets[0]
    return [["" if c.value is None else c.value for c in row] for row in sheet.iter_rows()]


TABLES = {"csv": csv_table, "xlsx": xlsx_table}


def _lifted():
    return eligibility.load_status_file(REPO / "tests" / "cases" / "status_lifted.toml")


@pytest.mark.parametrize("kind", sorted(TABLES))
@pytest.mark.parametrize("lang", LANGS)
def test_every_cell_of_every_result_file_is_free_of_forbidden_forms(lang, kind):
    for data, status in ((every_case(), None), (lifted_case(), _lifted())):
        table = TABLES[kind](lang, data, status)
        found = [(cell, hit) for row in table for cell in row for hit in forbidden_in(str(cell), lang)]
        assert found == [], found[:5]
    # The list is not empty words here either: the cells the roster wrote before version 3 are caught.
    earlier = {"en": ["Not confirmed (last confirmed: never): measures 1, 2, 3, 4, 5", "Does not apply",
                      "Tax records as usual"],
               "zh": ["可免于提供纳税记录", "未经确认（最近确认：无）：第1、2、3、4、5项措施", "按常规提供纳税记录"]}
    for text in earlier[lang]:
        assert forbidden_in(text, lang), text


@pytest.mark.parametrize("kind", sorted(TABLES))
@pytest.mark.parametrize("lang", LANGS)
def test_outcome_columns_hold_labels_and_the_codes_trail(lang, kind):
    said, header, *rows = TABLES[kind](lang, every_case())
    assert said[0] == statement(lang) and not any(said[1:])
    labels = [texts.OUTCOMES[k]["label"][lang] for k in OUTCOMES]
    status, errors = roster.column_label("measure_status", lang), roster.column_label("errors", lang)
    assert header[-17:] == [*labels, *[roster.column_label(k, lang) for k in roster.NEXT_KEYS], status, errors, *CODES]
    table = [dict(zip(header, row)) for row in rows]
    judged = [row for row in table if not row[errors]]
    # Each label cell is its result's label, and agrees with the code column a program reads.
    assert labels_of(judged, lang) == outcomes_of(judged)
    expected = [eligibility.evaluate(a)["outcomes"] for a in eligibility.complete_answer_sets()]
    assert outcomes_of(judged) == [{k: o[k]["result"] for k in OUTCOMES} for o in expected]
    # No cell a person reads holds a code: the codes are only in the trailing columns.
    for row in table:
        for column in [*labels, status, errors]:
            assert row[column] not in RESULT_CODES, (column, row[column])
    # The rows with errors have neither words nor codes for the outcomes.
    failed = [row for row in table if row[errors]]
    assert [row[header[0]] for row in failed] == ["X1", "X2"]
    assert all(row[c] == "" for row in failed for c in [*labels, *CODES, status])


@pytest.mark.parametrize("kind", sorted(TABLES))
@pytest.mark.parametrize("lang", LANGS)
def test_a_date_before_the_notice_says_why_in_every_file(lang, kind):
    _, header, *rows = TABLES[kind](lang, every_case())
    errors = header.index(roster.column_label("errors", lang))
    (row,) = [r for r in rows if r[0] == "X1"]
    why = eligibility.evaluate({"application": "extension", "category": "C", "tax_bureau_unreachable": False,
                                "as_of": "2019-01-01"})["errors"][0]["message"][lang]
    assert texts.ERRORS["as_of_before_notice"][lang].split("{")[0] in why
    assert row[errors].endswith(why)


def test_the_statement_follows_the_measures_status_and_names_the_date_of_the_check():
    day = datetime.date(2030, 1, 2)
    for lang in LANGS:
        shipped = roster.Roster(lifted_case(), lang, day=day).statement()
        assert shipped == statement(lang, day)
        assert ("Worked out on 2030-01-02." if lang == "en" else "判断日期：2030-01-02。") in shipped
        # Some measures confirmed or ended by the status file: the banner says which are not confirmed, and each
        # measure's status (with the date this site checked it) follows.
        lifted = roster.Roster(lifted_case(), lang, _lifted(), day=day).statement()
        assert lifted.startswith(currency_words([5], 5)[1][lang])
        assert ("not confirmed that measure 5 still applies" if lang == "en" else "尚未核实第五项措施") in lifted
        assert ("Confirmed by this site (last checked on 2023-06-01): measures 3, 4" if lang == "en"
                else "经本网站核实（最近核实日期：2023-06-01）：第三、四项措施") in lifted
        assert "2030-01-02" in lifted and forbidden_in(lifted, lang) == []


def test_the_command_line_and_the_page_say_the_statement_the_files_carry(tmp_path):
    data = every_case()
    done = run_cli("roster", "-", "--lang", "zh", stdin=data)
    assert done.returncode == 1
    err = done.stderr.decode()
    said = result_records(done.stdout)[0][0]
    assert said == statement("zh") and statement("zh") in err and statement("en") in err
    for line in err.splitlines():
        assert forbidden_in(line, "en") == forbidden_in(line, "zh") == [], line
    assert "最近确认" not in err and "本网站尚未核实" in err
    # The page (the browser worker's info) shows the same words above its table.
    info = json.loads(roster.Job(data, "en").start_json())["info"]
    assert info["status"] == {lang: statement(lang) for lang in LANGS}
    assert info["header"][-5:] == list(CODES)


def test_a_result_workbook_checked_again_reads_like_the_first_time(tmp_path):
    first = roster.Roster(every_case(), "zh", output="xlsx")
    book = first.xlsx_bytes()
    again = roster.Roster(book, "en")
    assert again.first_row == 3  # the statement (row 1), the header (row 2): rows numbered as the sheet does
    assert [n["code"] for n in again.notices()] == ["replaced_columns"]
    rows = again.judge()
    assert [r["results"] for r in rows] == [r["results"] for r in roster.Roster(every_case(), "en").judge()]
    assert workbooks.result_rows(again.xlsx_bytes() if again.output == "xlsx" else book)[0][0] == "employee"
    _, csv_rows = read_result(roster.Roster(book, "en", output="csv").csv_bytes())
    assert len(csv_rows) == len(rows)
