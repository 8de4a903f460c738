"""The roster's Excel workbooks (.xlsx), on the command line and in the module (rosterbook.py, with openpyxl): the
same columns, labels and results as a CSV file; a workbook's result is a workbook whose cells from the input are
text (no formula from the input ever runs); workbooks the check cannot read are refused with a message saying
what to do, in both languages. The browser's side is in test_browser_workbook.py."""

from __future__ import annotations

import datetime
import io
import os
import subprocess
import sys

import openpyxl
import pytest

from . import workbooks
from .helpers import (CODES, EXPECTED, NEXT_EN, OUTCOMES, REPO, STATUS_EN, STATUS_ZH, WIZARD, labels_of, outcomes_of,
                      read_result, run_cli, statement)

from eligibility import roster, texts  # noqa: E402  (helpers put wizard/ on the path)
from eligibility.rosterfile import RosterError  # noqa: E402


def run_with_openpyxl(*args, site_url=""):
    """The command line with the site's packages (openpyxl) importable, as `make deps` installs them (`site_url`:
    SITE_URL, the address the results' links start with)."""
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(WIZARD), "LC_ALL": "C"}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run([sys.executable, "-m", "eligibility", *map(str, args)], capture_output=True, cwd=REPO,
                          env=env, timeout=120)


def codes(rows, lang="en"):
    """The outcome columns of result rows (dicts by header) as result codes: the labels (in the language) read
    back, which must agree with the trailing code columns."""
    found = labels_of(rows, lang)
    assert found == outcomes_of(rows)
    return found


def as_dicts(rows):
    header = rows[0]
    return [dict(zip(header, row)) for row in rows[1:] if any(row)]


def test_english_workbook_reads_like_the_csv_and_gives_a_workbook(tmp_path):
    source = tmp_path / "staff.xlsx"
    source.write_bytes(workbooks.english_workbook(blank_rows_before=2))
    out = tmp_path / "results.xlsx"
    done = run_with_openpyxl("roster", source, "-o", out)
    assert done.returncode == 0, done.stderr.decode()
    rows = workbooks.result_rows(out.read_bytes())
    assert rows[0][:8] == workbooks.HEADER_EN
    table = as_dicts(rows)
    assert codes(table) == EXPECTED
    assert [r["measure_status"] for r in table] == [STATUS_EN] * 3
    assert workbooks.result_statement(out.read_bytes()) == statement("en")
    # Values as Excel stores them, kept in the result (issue 26): the formula as its text, a number, booleans and
    # dates as they were (the check read them as 1002, TRUE, 2026-01-05).
    assert [r["employee"] for r in table] == ['=HYPERLINK("http://example.com","E001")', 1002, "E003"]
    assert [r["tax_bureau_unreachable"] for r in table] == [True, "", False]
    assert [r["salary_commitment"] for r in table] == ["", False, ""]
    assert [r["as_of"] for r in table] == [datetime.datetime(2026, 1, 5)] * 2 + [""]
    assert "3 rows: 3 judged" in done.stderr.decode()
    # Two empty rows above the header: a row's number is its number in the spreadsheet.
    assert [row["row"] for row in roster.Roster(source.read_bytes()).judge()] == [4, 5, 6]


def test_result_workbook_is_text_frozen_bold_filtered_and_marks_problems(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(workbooks.HEADER_EN[:3] + ["tax_bureau_unreachable", "note"])
    ws.append(["=1+1", "extension", "C", False, "#N/A"])
    ws.append(["E2", "=2+2", "C", None, "-1"])
    data = roster.Roster(workbooks.save(wb), "en")
    assert data.output == "xlsx"
    result = openpyxl.load_workbook(io.BytesIO(data.result_bytes()))
    sheet = result.worksheets[0]
    # The statement first, bold and wrapped in one cell merged over the first columns; frozen with the header.
    statement_cell = sheet["A1"]
    assert statement_cell.value == statement("en") and statement_cell.font.b and statement_cell.alignment.wrap_text
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A1:F1"]
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:V4"
    assert all(cell.font.b for cell in sheet[2])
    header = [cell.value for cell in sheet[2]]
    assert header[5:] == [texts.OUTCOMES[k]["label"]["en"] for k in OUTCOMES] + NEXT_EN + ["measure_status", "errors", *CODES]
    good, bad = sheet[3], sheet[4]
    checked_on, errors = header.index("checked_on"), header.index("errors")
    # Every text cell from the input is a string cell: nothing from the input is a formula or an error value. A
    # cell that was not text keeps its type (the boolean FALSE); the date of the check is a date.
    assert good[3].value is False and good[3].data_type == "b"
    for cell in (*good, *bad):
        if cell.column - 1 not in (3, checked_on):
            assert cell.data_type == "s" or cell.value is None, (cell.coordinate, cell.value, cell.data_type)
    assert good[checked_on].is_date and good[checked_on].number_format == "yyyy-mm-dd"
    assert bad[checked_on].is_date
    assert [good[0].value, good[4].value, bad[1].value, bad[4].value] == ["=1+1", "#N/A", "=2+2", "-1"]
    # Words where people read, the code where a program reads.
    assert good[5].value == texts.OUTCOMES["tax_records"]["results"]["required"]["label"]["en"]
    assert good[errors].value is None and good[-5].value == "required"  # no problem; the code of measure 1
    assert good[0].quotePrefix and bad[1].quotePrefix and not good[1].quotePrefix
    # The row with a problem is filled and its problems cell bold; the judged row is not.
    assert bad[0].fill.fgColor.rgb.endswith("FFF2CC") and bad[errors].font.b and not bad[-1].font.b
    assert good[0].fill.fill_type is None
    assert "“=2+2” is not an answer here" in bad[errors].value
    assert [cell.value for cell in bad[-5:]] == [None] * 5
    # Columns wide enough to read their header and cells.
    widths = {letter: dim.width for letter, dim in sheet.column_dimensions.items()}
    assert widths["A"] >= len("employee") and widths["P"] >= len("measure_status")
    assert widths["Q"] >= 30  # the problems


def test_chinese_workbook_after_a_chart_sheet_gives_chinese_results(tmp_path):
    source = tmp_path / "名单.xlsx"
    source.write_bytes(workbooks.chinese_workbook(first_sheet="chart"))
    out = tmp_path / "结果.xlsx"
    done = run_with_openpyxl("roster", source, "-o", out, "--lang", "zh")
    assert done.returncode == 0, done.stderr.decode()
    rows = workbooks.result_rows(out.read_bytes())
    table = as_dicts(rows)
    assert rows[0][:8] == workbooks.HEADER_ZH
    assert rows[0][-7:] == ["措施状态", "问题", *CODES]
    assert codes(table, "zh") == EXPECTED
    assert [r["措施状态"] for r in table] == [STATUS_ZH] * 3
    assert workbooks.result_statement(out.read_bytes()) == statement("zh")
    assert [r["员工"] for r in table] == ["张伟", "李娜", "王芳"]
    # The formulas of the note column come back as typed; a merged cell's value is in its first cell.
    assert [r["备注"] for r in table] == ["=1+1", "@SUM(A1:A9)", ""]


def test_sheet_named_like_the_template_is_read_wherever_it_is():
    data = workbooks.chinese_workbook(first_sheet="empty")  # an empty Sheet1 first, then 名单
    judged = roster.judge_roster(data, "zh")
    assert judged.total == 3 and judged.failed == 0


def test_first_sheet_empty_says_which_sheet(tmp_path):
    with pytest.raises(RosterError) as raised:
        roster.Roster(workbooks.empty_workbook())
    assert raised.value.code == "workbook_empty"
    assert "“Sheet”" in raised.value.message("en") and "“Sheet”" in raised.value.message("zh")


def test_ten_thousand_rows(tmp_path):
    source = tmp_path / "big.xlsx"
    source.write_bytes(workbooks.many_rows_workbook(10_000))
    out = tmp_path / "big-results.xlsx"
    done = run_with_openpyxl("roster", source, "-o", out)
    assert done.returncode == 0, done.stderr.decode()
    rows = workbooks.result_rows(out.read_bytes())
    assert len(rows) == 10_001
    assert rows[-1][0] == "E09999" and rows[-1][-5:] == list(EXPECTED[9999 % 3].values())


def test_format_follows_the_output_extension_or_the_input(tmp_path):
    source = tmp_path / "staff.xlsx"
    source.write_bytes(workbooks.english_workbook())
    # A workbook to CSV: the same rows, the formula made safe as in any CSV result.
    done = run_with_openpyxl("roster", source, "-o", tmp_path / "r.csv")
    assert done.returncode == 0, done.stderr.decode()
    _, rows = read_result((tmp_path / "r.csv").read_bytes())
    assert outcomes_of(rows) == EXPECTED
    assert rows[0]["employee"] == "'=HYPERLINK(\"http://example.com\",\"E001\")"
    # A workbook to standard output: a workbook.
    done = run_with_openpyxl("roster", source)
    assert done.returncode == 0 and done.stdout.startswith(b"PK\x03\x04")
    assert codes(as_dicts(workbooks.result_rows(done.stdout))) == EXPECTED
    # A CSV file to a workbook.
    done = run_with_openpyxl("roster", "tests/cases/roster/gb18030-chinese.csv", "-o", tmp_path / "r.xlsx",
                             "--lang", "zh")
    assert done.returncode == 0, done.stderr.decode()
    assert codes(as_dicts(workbooks.result_rows((tmp_path / "r.xlsx").read_bytes())), "zh") == EXPECTED
    # A CSV file to standard output stays CSV.
    done = run_with_openpyxl("roster", "tests/cases/roster/utf8.csv")
    assert done.stdout.startswith(b"\xef\xbb\xbf")


def test_without_openpyxl_a_workbook_is_exit_2_in_both_languages(tmp_path):
    source = tmp_path / "staff.xlsx"
    source.write_bytes(workbooks.english_workbook())
    for args in (("roster", source), ("roster", "tests/cases/roster/utf8.csv", "-o", tmp_path / "r.xlsx")):
        done = run_cli(*args)  # python -S: no site packages, so no openpyxl
        err = done.stderr.decode()
        assert done.returncode == 2, err
        assert "needs the Python package openpyxl" in err and "需要 Python 软件包 openpyxl" in err
        assert "Traceback" not in err and done.stdout == b""
    assert not (tmp_path / "r.xlsx").exists()


REFUSED = {
    "workbook_xls": lambda: workbooks.compound_file(["Workbook", "SummaryInformation"]),
    "workbook_encrypted": workbooks.encrypted_workbook,
    "workbook_macro": workbooks.macro_workbook,
}


@pytest.mark.parametrize("code", sorted(REFUSED))
def test_workbooks_the_check_cannot_read_say_what_to_do(code, tmp_path):
    source = tmp_path / "staff.xlsx"
    source.write_bytes(REFUSED[code]())
    done = run_with_openpyxl("roster", source, "-o", tmp_path / "out.xlsx")
    err = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in err
    message = texts.ROSTER["file_errors"][code]
    assert message["en"] in err and message["zh"] in err
    assert "Excel Workbook (*.xlsx)" in message["en"] and "Excel 工作簿（*.xlsx）" in message["zh"]
    assert not (tmp_path / "out.xlsx").exists()


def test_protection_against_editing_does_not_stop_reading():
    judged = roster.judge_roster(workbooks.protected_sheet_workbook())
    assert judged.total == 3 and judged.failed == 0


def test_template_workbooks_read_back_as_the_csv_templates():
    for lang in ("en", "zh"):
        book = roster.Roster(roster.template_xlsx(lang), lang)
        csv_rows = roster.Roster(roster.template_csv(lang), lang).judge()
        assert book.judge() == csv_rows
        sheet = openpyxl.load_workbook(io.BytesIO(roster.template_xlsx(lang))).worksheets[0]
        assert sheet.title == {"en": "Roster", "zh": "名单"}[lang] and sheet.freeze_panes == "A2"
    assert roster.template_xlsx("zh") == roster.template_xlsx("zh")  # the same texts, the same bytes
