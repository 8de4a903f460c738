"""Issue 26: the roster as a finished task. Each message says why a cell is needed; an answer the 2022 notice
decides (否 for an extension's salary commitment) is kept in the file, not used, and noted on its row; every
judged row carries its next steps (the documents by who provides them, the address of the full result, the date
of the check); a workbook's other columns keep their types."""

from __future__ import annotations

import datetime
import io
import os

import openpyxl

from . import workbooks
from .helpers import NEXT_ZH, read_result, run_cli

from eligibility import roster, texts  # noqa: E402  (helpers put wizard/ on the path)
from eligibility.paths import state_path  # noqa: E402

DAY = datetime.date(2026, 3, 2)
HEADER_ZH = "员工,申请事项,人员类别,计点积分85分以上,涉及薪资承诺,因疫情无法前往税务机关,已有扣缴明细截图,判断日期"


def _zh_roster(*rows: str) -> bytes:
    return ("\r\n".join([HEADER_ZH, *rows]) + "\r\n").encode()


def test_a_needed_cell_names_the_rule_and_an_overridden_answer_is_noted():
    data = _zh_roster("张伟,延期,其他外国人员（C类）,,否,,,", "李娜,延期,其他外国人员（C类）,,否,是,是,")
    judged = roster.Roster(data, "zh", day=DAY, site_url="")
    rows = judged.judge()
    failed, good = rows
    # The empty cell: the rule that needs it, in the officer's words (延期 counts a salary commitment as involved).
    (error,) = failed["errors"]
    assert error["field"] == "tax_bureau_unreachable"
    assert "延期、注销按2022年通知涉及薪资承诺，所以需要填写" in error["message"]
    # Her 否 is not used, and the row says so, whether or not the row is judged.
    note = "“涉及薪资承诺”填写的“否”未采用：延期、注销按2022年通知涉及薪资承诺"
    assert failed["notes"] == good["notes"] == [note]
    assert good["results"][0] == "exempt" and good["errors"] == []
    header, out = read_result(judged.csv_bytes())
    assert out[0]["涉及薪资承诺"] == "否"  # kept in the file as she wrote it
    assert out[0]["自查说明"] == out[1]["自查说明"] == note
    assert out[0]["自查日期"] == out[1]["自查日期"] == "2026-03-02"


def test_every_missing_answer_says_why_in_both_languages():
    for lang in ("en", "zh"):
        for key, why in texts.ROSTER["needed"].items():
            assert why[lang] and why["en"] != why["zh"], key
        data = b"employee,application,category,category_a_route,salary_commitment\nE1,new_in_china,A,,\n"
        (row,) = roster.Roster(data, lang).judge()
        assert [e["field"] for e in row["errors"]] == ["category_a_route", "salary_commitment"]
        for error in row["errors"]:
            assert texts.ROSTER["needed"][error["field"]][lang] in error["message"]


def test_next_steps_documents_by_provider_the_full_result_and_the_date():
    data = _zh_roster("张伟,延期,其他外国人员（C类）,,,是,是,", "王芳,注销,外国专业人才（B类）,,,否,,2023-01-10")
    judged = roster.Roster(data, "zh", day=DAY, site_url="https://example.org/")
    first, second = judged.judge()
    assert first["documents"] == {"applicant": ["covid_explanation", "cooperation_commitment",
                                                "withholding_screenshot"],
                                  "employer": ["approval_decision"]}
    answers = {"application": "extension", "category": "C", "tax_bureau_unreachable": True,
               "has_withholding_screenshot": True}
    assert first["link"] == "https://example.org/zh/" + state_path(answers)
    assert first["link"] == "https://example.org/zh/wizard/extension/category-c/tax-bureau-unreachable/has-screenshot/"
    # Judged by the row's own date: the wizard's address with the answers and that date, which judges by it.
    assert second["link"] == ("https://example.org/zh/wizard/#application=cancellation&category=B"
                              "&tax_bureau_unreachable=no&as_of=2023-01-10")
    assert second["documents"] == {"applicant": ["tax_records"]}
    header, out = read_result(judged.csv_bytes())
    assert header[header.index("工作许可和工作类居留许可“两证联办”（2022年通知第五项措施）") + 1:][:5] == NEXT_ZH
    docs = texts.DOCUMENTS
    assert out[0][NEXT_ZH[0]] == "；".join(docs[d]["label"]["zh"] for d in first["documents"]["applicant"])
    assert out[0][NEXT_ZH[1]] == docs["approval_decision"]["label"]["zh"]
    assert out[1][NEXT_ZH[1]] == ""
    assert [r["完整结果"] for r in out] == [first["link"], second["link"]]
    assert [r["自查日期"] for r in out] == ["2026-03-02"] * 2


def test_the_command_line_takes_the_sites_address_from_site_url():
    source = b"employee,application,category,tax_bureau_unreachable\nE1,cancellation,B,no\n"
    relative = read_result(run_cli("roster", "-", stdin=source).stdout)[1][0]["full_result"]
    assert relative == "wizard/cancellation/category-b/tax-bureau-reachable/"
    env = dict(os.environ, SITE_URL="https://permits.example.cn")
    import subprocess
    import sys

    from .helpers import REPO, WIZARD

    done = subprocess.run([sys.executable, "-S", "-m", "eligibility", "roster", "-", "--lang", "zh"], input=source,
                          capture_output=True, cwd=REPO, env={**env, "PYTHONPATH": str(WIZARD)})
    link = read_result(done.stdout)[1][0]["完整结果"]
    assert link == "https://permits.example.cn/zh/wizard/cancellation/category-b/tax-bureau-reachable/"


def test_a_workbooks_other_columns_keep_their_types():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["员工", "申请事项", "人员类别", "因疫情无法前往税务机关", "已有扣缴明细截图", "工作许可到期日", "工号"])
    for index in range(3):
        sheet.append([f"员工{index}", "延期", "C类", "是", "是", datetime.datetime(2026, 5, 1 + index), 1001 + index])
        sheet.cell(row=index + 2, column=6).number_format = "yyyy年m月d日"
    judged = roster.Roster(workbooks.save(book), "zh", day=DAY, site_url="https://example.org/")
    result = openpyxl.load_workbook(io.BytesIO(judged.result_bytes())).worksheets[0]
    header = [c.value for c in result[2]]
    expiry, number, day, link = (header.index(h) for h in ("工作许可到期日", "工号", "自查日期", "完整结果"))
    for index, row in enumerate(result.iter_rows(min_row=3)):
        assert row[expiry].is_date and row[expiry].value == datetime.datetime(2026, 5, 1 + index)
        assert row[expiry].number_format == "yyyy年m月d日"
        assert row[number].value == 1001 + index and row[number].data_type == "n"
        assert row[day].is_date and row[day].value.date() == DAY and row[day].number_format == "yyyy-mm-dd"
        assert row[link].hyperlink.target == row[link].value
        assert row[link].value.startswith("https://example.org/zh/wizard/extension/")
    # CSV results as before: text.
    header, out = read_result(roster.Roster(workbooks.save(book), "zh", output="csv", day=DAY).csv_bytes())
    assert out[0]["工作许可到期日"] == "2026-05-01" and out[0]["工号"] == "1001"
