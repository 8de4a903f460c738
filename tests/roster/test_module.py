"""The roster's modules themselves (wizard/eligibility/roster.py and the modules it names): reading files,
matching headers and answers, the browser's Job, the templates, and its words in both languages. The same code
runs on the command line and in the browser's worker, so what is proved here holds for both."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from .helpers import EXPECTED, HEADER_EN, OUTCOMES, REPO, WIZARD, fixture, outcomes_of, read_result, run_cli

import eligibility  # noqa: E402  (helpers put wizard/ on the path)
from eligibility import roster, rostercolumns, texts  # noqa: E402
from eligibility.answers import BOOLEAN, QUESTIONS  # noqa: E402

THREE = "E001,extension,C,,,yes,yes\r\nE002,new_in_china,A,points,no,,\r\nE003,cancellation,B,,,no,\r\n"


@pytest.mark.parametrize("data, encoding", [
    ((HEADER_EN + "\r\n" + THREE).encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + (HEADER_EN + "\r\n" + THREE).encode("utf-8"), "utf-8-sig"),
    ((HEADER_EN + "\r\n" + THREE).encode("utf-16"), "utf-16"),  # Excel's "Unicode text" (with a BOM)
    (fixture("gb18030-chinese.csv"), "gb18030"),
])
def test_encodings_are_told_apart(data, encoding):
    judged = roster.judge_roster(data)
    assert judged.encoding == encoding
    _, rows = read_result(judged.csv_bytes())
    assert outcomes_of(rows) == EXPECTED


def test_gbk_and_gb18030_read_the_same():
    text = fixture("gb18030-chinese.csv").decode("gb18030")
    assert roster.judge_roster(text.encode("gbk")).csv_bytes() == roster.judge_roster(text.encode("gb18030")).csv_bytes()


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_separators_even_with_separators_inside_quoted_values(separator):
    other = ";" if separator == "," else ","
    text = (HEADER_EN + "\r\n" + THREE).replace(",", separator)
    text = text.replace("E001", f'"Smith{other} John{separator} Jr."')
    judged = roster.judge_roster(text.encode())
    assert judged.separator == separator
    _, rows = read_result(judged.csv_bytes(), separator)
    assert rows[0]["employee"] == f"Smith{other} John{separator} Jr."
    assert outcomes_of(rows) == EXPECTED


def test_headers_in_any_order_any_case_and_either_language():
    text = ("Category, 申请事项 ,EMPLOYEE,tax-bureau-unreachable,已有扣缴明细截图,salary commitment,A类认定依据\n"
            "C,extension,E001,yes,yes,,\nA,new_in_china,E002,,,no,points\nB,cancellation,E003,no,,,\n")
    _, rows = read_result(roster.judge_roster(text.encode()).csv_bytes())
    assert outcomes_of(rows) == EXPECTED


@pytest.mark.parametrize("key", [k for k in QUESTIONS])
def test_every_option_is_accepted_as_key_and_as_either_label(key):
    kind, allowed = QUESTIONS[key]
    table = rostercolumns.lookup()[1][key]
    for option, text in texts.QUESTIONS[key]["options"].items():
        value = (option == "yes") if kind == BOOLEAN else option
        for written in (option, text["label"]["en"], text["label"]["zh"], text["label"]["en"].upper(),
                        "  " + text["label"]["en"].lower() + " "):
            assert table[rostercolumns.norm(written)] == value, written


def test_no_written_answer_means_two_things():
    for key in QUESTIONS:
        seen = {}
        kind, allowed = QUESTIONS[key]
        for option, text in texts.QUESTIONS[key]["options"].items():
            value = (option == "yes") if kind == BOOLEAN else option
            for written in (option, text["label"]["en"], text["label"]["zh"]):
                assert seen.setdefault(rostercolumns.norm(written), value) == value, (key, written)
    headers = {}
    for key in roster.INPUT_KEYS + roster.OUTCOME_KEYS + (roster.ERRORS,):
        for lang in roster.LANGUAGES:
            assert headers.setdefault(rostercolumns.header_key(roster.column_label(key, lang)), key) == key


def test_full_width_forms_and_booleans():
    text = (HEADER_EN + "\nE1,ｅｘｔｅｎｓｉｏｎ,外国专业人才(B类),,,否,\nE2,reissue,B类,,FALSE,,\n"
            "E3,extension,Category C,,,是,TRUE\n")
    judged = roster.judge_roster(text.encode())
    assert judged.summary() == {"rows": 3, "judged": 3, "failed": 0, "blank": 0}


def test_dates_as_spreadsheets_write_them(tmp_path):
    lifted = eligibility.load_status_file(REPO / "tests" / "cases" / "status_lifted.toml")
    text = (HEADER_EN + ",as_of\nE1,extension,C,,,no,,2023/4/1\nE2,extension,C,,,no,,2024-06-01\n"
            "E3,extension,C,,,no,,1 April 2022\n")
    judged = roster.judge_roster(text.encode(), "en", lifted)
    _, rows = read_result(judged.csv_bytes())
    expected = eligibility.evaluate({"application": "extension", "category": "C", "tax_bureau_unreachable": False,
                                     "as_of": "2023-04-01"}, lifted)["outcomes"]
    assert {k: rows[0][f"{k}_code"] for k in OUTCOMES} == {k: o["result"] for k, o in expected.items()}
    assert rows[1]["tax_records_code"] == "not_in_force" and rows[1]["online_code"] == "not_in_force"
    assert rows[1][texts.OUTCOMES["tax_records"]["label"]["en"]] == texts.NOT_IN_FORCE["label"]["en"]
    assert rows[2]["errors"] == "as_of: “1 April 2022” is not an answer here: write a date written YYYY-MM-DD"
    zh = read_result(roster.judge_roster(text.encode(), "zh", lifted).csv_bytes())[1]
    assert zh[1]["纳税记录（2022年通知第一项措施）"] == "按本网站的措施状态，该日期不在施行期内"
    # The status column says which measures the file's status ended, which this site confirmed (and when), and
    # which it has not: in words, never "最近确认：无"; the measures numbered as the outcomes' labels number them.
    assert zh[1]["措施状态"] == ("已停止施行：第一项措施；已被取代：第二项措施；经本网站核实（最近核实日期：2023-06-01）：第三、四项措施；"
                              "本网站尚未核实：第五项措施")
    assert rows[1]["measure_status"] == ("Lifted: measure 1; Superseded: measure 2; Confirmed by this site (last checked "
                                         "on 2023-06-01): measures 3, 4; Not confirmed by this site: measure 5")


def test_the_same_answers_are_judged_once():
    text = HEADER_EN + "\n" + "E,extension,C,,,no,\n" * 1000 + "F,reissue,B,,no,,\n" * 1000
    judged = roster.judge_roster(text.encode())
    assert judged.summary()["judged"] == 2000 and len(judged._answers_cache) == 2


def test_judging_in_chunks_gives_the_same_file_as_at_once():
    data = fixture("bad-row.csv") * 1  # four rows, one bad
    whole = roster.judge_roster(data)
    chunked = roster.Roster(data)
    rows = []
    while not chunked.finished:
        rows += chunked.judge(1)
    assert chunked.csv_bytes() == whole.csv_bytes()
    assert [r["row"] for r in rows] == [2, 3, 4, 5]
    assert rows[1]["results"] is None and rows[1]["errors"][0]["field"] == "category"
    assert rows[0]["results"] == [EXPECTED[0][k] for k in OUTCOMES]  # the page's table: codes, drawn as labels


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_browser_job_writes_the_same_bytes_as_the_command_line(lang):
    data = fixture("gb18030-chinese.csv")
    job = roster.Job(data, lang)
    start = json.loads(job.start_json())
    assert start["info"]["rows"] == 3 and start["info"]["encoding"] == "gb18030"
    assert start["info"]["employee"] == "员工" and start["info"]["outcomes"] == list(OUTCOMES)
    steps = [json.loads(job.next_json(2)), json.loads(job.next_json(2))]
    assert [s["done"] for s in steps] == [2, 3] and [s["finished"] for s in steps] == [False, True]
    assert [r["employee"] for s in steps for r in s["rows"]] == ["张伟", "李娜", "王芳"]
    cli = run_cli("roster", "tests/cases/roster/gb18030-chinese.csv", "--lang", lang)
    assert job.csv_bytes() == cli.stdout


@pytest.mark.parametrize("name, code", [("empty.csv", "empty"), ("header-only.csv", "header_only"),
                                        ("image.png", "not_text"), ("workbook.xlsx", "workbook")])
def test_the_browser_job_reports_a_file_it_cannot_read_in_both_languages(name, code):
    start = json.loads(roster.Job(fixture(name), "zh").start_json())
    assert start["error"]["code"] == code
    assert start["error"]["message"]["en"] and re.search(r"[\u4e00-\u9fff]", start["error"]["message"]["zh"])


def test_a_huge_unterminated_quote_is_a_message_not_a_crash():
    # Beyond the csv module's cell limit (131,072 characters): still the quote's line, not Python's words.
    text = HEADER_EN + '\nE1,extension,C,,,no,\n"E2,' + "x" * 200_000 + "\n" + "E3,extension,C,,,no,\n" * 10
    judged = roster.judge_roster(text.encode())
    assert judged.summary() == {"rows": 2, "judged": 1, "failed": 1, "blank": 0}
    assert [n["code"] for n in judged.notices()] == ["unclosed_quote"]
    assert "opened on line 3 never closes" in judged.notices()[0]["message"]["en"]
    assert "第3行的引号" in judged.notices()[0]["message"]["zh"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_templates_are_judged_without_error(lang):
    data = roster.template_csv(lang)
    assert data.startswith(b"\xef\xbb\xbf")
    judged = roster.judge_roster(data, lang)
    assert judged.exit_code == 0 and judged.summary()["judged"] == 3
    header = data[3:].decode().split("\r\n")[0].split(",")
    if lang == "en":
        assert header == ["employee", "application", "category", "category_a_route", "salary_commitment",
                          "tax_bureau_unreachable", "has_withholding_screenshot"]
    else:
        assert header == ["员工", "申请事项", "人员类别", "计点积分85分以上", "涉及薪资承诺", "因疫情无法前往税务机关",
                          "已有扣缴明细截图"]


def test_the_site_serves_both_templates(site_dir):
    for lang in ("en", "zh"):
        assert (site_dir / "assets" / "roster" / f"roster-template-{lang}.csv").read_bytes() == roster.template_csv(lang)


def _pairs(node):
    if isinstance(node, dict):
        if set(node) == {"en", "zh"}:
            yield node
        else:
            for value in node.values():
                yield from _pairs(value)


def test_every_roster_text_exists_in_both_languages_with_the_same_fields():
    pairs = list(_pairs(texts.ROSTER))
    assert len(pairs) > 25
    for pair in pairs:
        assert pair["en"].strip() and pair["zh"].strip(), pair
        assert set(re.findall(r"\{([a-z_]+)\}", pair["en"])) == set(re.findall(r"\{([a-z_]+)\}", pair["zh"])), pair


def test_importing_the_engine_does_not_import_the_roster():
    code = ("import sys, eligibility\n"
            "eligibility.evaluate({'application': 'reissue', 'category': 'A', 'salary_commitment': False})\n"
            "print(sorted(m for m in ('csv', 'unicodedata', 'eligibility.roster') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, cwd=REPO,
                          env={"PYTHONPATH": str(WIZARD)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
