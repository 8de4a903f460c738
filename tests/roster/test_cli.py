"""The roster on the command line: `python3 -m eligibility roster IN.csv [-o OUT.csv] [--lang en|zh]`.

Every encoding, separator and fault an employer's file may have, from the fixtures in tests/cases/roster/
(and a few generated here): exit 0 when every row was judged, 1 when some rows have errors (every row is
still written), 2 when the file cannot be read (a message in both languages, nothing written).
"""

from __future__ import annotations

import random
import time

import pytest

from .helpers import (CODES, EXPECTED, HEADER_EN, NEXT_EN, NEXT_ZH, OUTCOMES, STATUS_EN, STATUS_ZH, fixture, labels_of, outcomes_of,
                      read_result, result_records, run_cli, statement)

from eligibility import texts  # noqa: E402  (helpers put wizard/ on the path)

LABELS_EN = [texts.OUTCOMES[key]["label"]["en"] for key in OUTCOMES]
LABELS_ZH = [texts.OUTCOMES[key]["label"]["zh"] for key in OUTCOMES]

GOOD = ["utf8.csv", "utf8-bom.csv", "semicolon.csv", "tab.csv", "gb18030-chinese.csv", "labels.csv",
        "unknown-column.csv"]
SEPARATORS = {"semicolon.csv": ";", "tab.csv": "\t"}


def no_traceback(done):
    assert b"Traceback" not in done.stderr and b"Traceback" not in done.stdout


@pytest.mark.parametrize("name", GOOD)
def test_every_good_file_gives_the_three_expected_rows(name, tmp_path):
    out = tmp_path / "out.csv"
    done = run_cli("roster", f"tests/cases/roster/{name}", "-o", out)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == b""
    header, rows = read_result(out.read_bytes(), SEPARATORS.get(name, ","))
    # The outcomes in words (headed by their labels), then the status and the errors, then the codes for programs.
    assert header[-17:] == [*LABELS_EN, *NEXT_EN, "measure_status", "errors", *CODES]
    assert labels_of(rows, "en") == EXPECTED
    assert outcomes_of(rows) == EXPECTED
    assert [row["errors"] for row in rows] == ["", "", ""]
    assert [row["measure_status"] for row in rows] == [STATUS_EN] * 3
    # The file's first line is the statement: the banner's words and the date of the check.
    assert result_records(out.read_bytes(), SEPARATORS.get(name, ","))[0] == [statement("en")]
    err = done.stderr.decode("utf-8")
    assert "3 rows: 3 judged, 0 with errors" in err and "共3行：3行已判断" in err
    # The summary says the same statement, in both languages: not confirmed by this site, where to check, when.
    assert statement("en") in err and statement("zh") in err
    assert err.count("https://www.8610hr.cn/") == 2
    no_traceback(done)


def test_the_input_columns_come_first_untouched(tmp_path):
    source = fixture("labels.csv")
    done = run_cli("roster", "-", stdin=source)
    assert done.returncode == 0
    header, rows = read_result(done.stdout)
    assert header[:7] == ["Employee", "Application", "Category", "Tax_Bureau_Unreachable",
                          "has_withholding_screenshot", "salary_commitment", "category_a_route"]
    assert [r["Employee"] for r in rows] == ["Smith, John", "Doe, Jane", "E003"]
    assert rows[0]["Application"] == " Extension "  # passed through as written, judged as "extension"


def test_gb18030_file_with_chinese_headers_in_chinese(tmp_path):
    out = tmp_path / "结果.csv"
    done = run_cli("roster", "tests/cases/roster/gb18030-chinese.csv", "-o", out, "--lang", "zh")
    assert done.returncode == 0, done.stderr.decode()
    header, rows = read_result(out.read_bytes())
    # The input's own headers (the site's earlier labels) first, as written; then the result's, in Chinese.
    assert header == ["员工", "人员类别", "申请事项", "因疫情无法前往税务机关", "已有扣缴明细截图", "涉及薪酬承诺",
                      "A类认定依据", *LABELS_ZH, *NEXT_ZH, "措施状态", "问题", *CODES]
    assert [r["员工"] for r in rows] == ["张伟", "李娜", "王芳"]
    assert [r["纳税记录（2022年通知第一项措施）"] for r in rows] == [
        "2022年通知规定，可以情况说明和承诺代替纳税记录（免于提供纳税记录）", "按2022年通知，第一项措施不适用：不涉及薪资承诺",
        "按2022年通知，仍按常规提供纳税记录：免于提供仅针对因疫情无法前往税务机关的申请人"]
    assert labels_of(rows, "zh") == outcomes_of(rows) == EXPECTED
    assert [r["措施状态"] for r in rows] == [STATUS_ZH] * 3
    assert result_records(out.read_bytes())[0] == [statement("zh")]


def test_english_file_with_chinese_result_and_back(tmp_path):
    done = run_cli("roster", "tests/cases/roster/utf8.csv", "--lang", "zh")
    header, rows = read_result(done.stdout)
    assert header[:7] == HEADER_EN.split(",")
    assert header[7:] == [*LABELS_ZH, *NEXT_ZH, "措施状态", "问题", *CODES]
    # A result file can be checked again: its statement is passed over, its result columns are replaced, in
    # either language.
    again = run_cli("roster", "-", stdin=done.stdout)
    assert again.returncode == 0, again.stderr.decode()
    header, rows = read_result(again.stdout)
    assert header == HEADER_EN.split(",") + [*LABELS_EN, *NEXT_EN, "measure_status", "errors", *CODES]
    assert outcomes_of(rows) == labels_of(rows, "en") == EXPECTED
    assert "replaced by new results" in again.stderr.decode()


def test_a_result_of_the_earlier_version_is_checked_again():
    """Result files written before the outcomes were worded by the 2022 notice (codes under the outcome keys in
    English, the earlier labels in Chinese, no statement line) still read: their result columns are replaced."""
    earlier = {
        "en": ",".join([*OUTCOMES, "measure_status", "errors"]),
        "zh": "免于提供纳税记录,外国人工作许可网上审批,延缓更新芯片,电子签名,工作许可和工作类居留许可“两证联办”,措施状态,问题",
    }
    for lang, columns in earlier.items():
        source = (HEADER_EN + "," + columns + "\nE001,extension,C,,,yes,yes,a,b,c,d,e,f,\n").encode()
        done = run_cli("roster", "-", stdin=source)
        assert done.returncode == 0, done.stderr.decode()
        header, rows = read_result(done.stdout)
        assert header == HEADER_EN.split(",") + [*LABELS_EN, *NEXT_EN, "measure_status", "errors", *CODES]
        assert outcomes_of(rows) == [EXPECTED[0]]


def test_the_separator_of_the_input_is_kept(tmp_path):
    done = run_cli("roster", "tests/cases/roster/semicolon.csv")
    first = done.stdout[3:].split(b"\r\n")[0].decode()
    header = done.stdout[3:].split(b"\r\n")[1].decode()
    assert first.startswith('"This is what a notice of 2022 said') and first.endswith('"')
    assert header == HEADER_EN.replace(",", ";") + ";" + ";".join([*LABELS_EN, *NEXT_EN, "measure_status", "errors", *CODES])


def test_unknown_column_is_copied_and_named(tmp_path):
    done = run_cli("roster", "tests/cases/roster/unknown-column.csv")
    assert done.returncode == 0
    header, rows = read_result(done.stdout)
    assert header[1] == "department" and [r["department"] for r in rows] == ["Sales", "R&D", "Sales"]
    err = done.stderr.decode()
    assert "copied to the result unchanged: “department”" in err and "已原样复制到结果中：“department”" in err


def test_a_bad_row_carries_its_errors_and_the_others_go_on(tmp_path):
    out = tmp_path / "out.csv"
    done = run_cli("roster", "tests/cases/roster/bad-row.csv", "-o", out)
    assert done.returncode == 1
    header, rows = read_result(out.read_bytes())
    assert [r["employee"] for r in rows] == ["E001", "E002", "E003", "E004"]
    assert [r["errors"] for r in rows][::2] == ["", ""] and rows[3]["errors"] == ""
    assert rows[1]["errors"] == "category: “D” is not an answer here: write one of: A, B, C"
    assert all(rows[1][k] == "" for k in [*LABELS_EN, *CODES, "measure_status"])
    assert outcomes_of([rows[0], rows[2]]) == [EXPECTED[0], EXPECTED[2]]
    assert rows[3]["online_code"] == "yes"
    err = done.stderr.decode()
    assert "4 rows: 3 judged, 1 with errors" in err and "Rows with errors" in err and ": 3\n" in err


def test_row_errors_in_chinese(tmp_path):
    done = run_cli("roster", "tests/cases/roster/bad-row.csv", "--lang", "zh")
    assert done.returncode == 1
    _, rows = read_result(done.stdout)
    assert rows[1]["问题"] == ("category：“D”不是有效答案，请填写以下之一：外国高端人才（A类）、外国专业人才（B类）、"
                              "其他外国人员（C类）")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_date_before_the_notice_is_an_error_that_says_why(lang):
    """as_of before 2022-07-05, the earliest date the notice is known to exist: the row is not judged, and its
    problem is the engine's message saying why (in the file's language), not "not an answer"."""
    import eligibility

    source = (HEADER_EN + ",as_of\nE1,extension,C,,,no,,2019-01-01\nE2,extension,C,,,no,,2022/7/5\n"
              "E3,extension,C,,,no,,2022-07-04\n").encode()
    done = run_cli("roster", "-", "--lang", lang, stdin=source)
    assert done.returncode == 1
    _, rows = read_result(done.stdout)
    errors = "errors" if lang == "en" else "问题"
    for row, day in ((rows[0], "2019-01-01"), (rows[2], "2022-07-04")):
        engine = eligibility.evaluate({"application": "extension", "category": "C", "tax_bureau_unreachable": False,
                                       "as_of": day})["errors"][0]["message"][lang]
        assert row[errors] == texts.fill(texts.ROSTER["error_format"][lang], column="as_of", message=engine)
        assert ("2022-07-05" in engine and "5 July 2022" in engine) if lang == "en" else "2022年7月5日" in engine
        assert all(row[c] == "" for c in CODES)
    assert rows[1][errors] == "" and outcomes_of([rows[1]])[0]["tax_records"] == "required"
    assert ": 2, 4" in done.stderr.decode()


def test_blank_cells_that_are_needed_are_named():
    source = (HEADER_EN + "\nE1,extension,,,,,\nE2,new_in_china,A,,no,,\n").encode()
    done = run_cli("roster", "-", stdin=source)
    assert done.returncode == 1
    _, rows = read_result(done.stdout)
    # Each names the rule that needs it: the category for every row; for an extension, the notice's salary commitment.
    assert rows[0]["errors"] == (
        "category: “category” is empty, and this row needs it: every row needs the category, which measures 2 and 5 "
        "of the 2022 notice depend on (Which category is the applicant in?); "
        "tax_bureau_unreachable: “tax_bureau_unreachable” is empty, and this row needs it: for an extension or a "
        "cancellation the 2022 notice says a salary commitment is involved, so measure 1 turns on whether Covid-19 "
        "keeps the applicant from the tax bureau (Because of Covid-19, "
        "is the applicant unable to go to the tax bureau to get the tax records?)")
    assert rows[1]["errors"].startswith("category_a_route: “category_a_route” is empty")


def test_a_needed_column_missing_from_the_file_is_named():
    source = b"employee,application,category\nE1,reissue,B\nE2,new_in_china,A\n"
    done = run_cli("roster", "-", stdin=source)
    assert done.returncode == 1
    _, rows = read_result(done.stdout)
    assert rows[0]["errors"].startswith("salary_commitment: the file has no “salary_commitment” column")


def test_answers_to_questions_not_asked_are_ignored():
    # Category A route and the screenshot are not asked here: filled in anyway, they change nothing.
    source = (HEADER_EN + "\nE1,extension,C,points,yes,no,yes\n").encode()
    done = run_cli("roster", "-", stdin=source)
    assert done.returncode == 0
    _, rows = read_result(done.stdout)
    assert rows[0]["tax_records_code"] == "required"


def test_blank_rows_stay_blank_and_trailing_ones_are_dropped():
    source = (HEADER_EN + "\nE1,extension,C,,,no,\n,,,,,,\n\nE2,reissue,B,,no,,\n,,,,,,\n\n").encode()
    done = run_cli("roster", "-", stdin=source)
    assert done.returncode == 0
    _, rows = read_result(done.stdout)
    # A blank row is written as an empty line (a blank row in any spreadsheet): it costs two bytes, not a row of
    # empty cells, however many there are.
    assert [r.get("employee") for r in rows] == ["E1", None, None, "E2"]
    assert rows[1] == rows[2] == {}
    assert done.stdout.split(b"\r\n")[3:5] == [b"", b""]  # after the statement, the header and E1
    assert "4 rows: 2 judged, 0 with errors, 2 blank" in done.stderr.decode()


def test_a_row_with_too_many_cells_is_not_judged():
    source = (HEADER_EN + "\nSmith, John,extension,C,,,no,\nE2,reissue,B,,no,,\n").encode()
    done = run_cli("roster", "-", stdin=source)
    assert done.returncode == 1
    _, rows = read_result(done.stdout)
    assert "more cells than the header" in rows[0]["errors"] and rows[1]["errors"] == ""


@pytest.mark.parametrize("name, code_words", [
    ("empty.csv", ("The file is empty", "文件为空")),
    ("header-only.csv", ("no employee rows", "没有员工数据行")),
    ("image.png", ("not a CSV file: it is not text", "不是 CSV 文件")),
    ("workbook.xlsx", ("spreadsheet workbook", "电子表格工作簿")),
])
def test_files_that_cannot_be_read_exit_2_with_a_message_in_both_languages(name, code_words, tmp_path):
    out = tmp_path / "out.csv"
    done = run_cli("roster", f"tests/cases/roster/{name}", "-o", out)
    assert done.returncode == 2
    assert done.stdout == b"" and not out.exists()
    err = done.stderr.decode("utf-8")
    for words in code_words:
        assert words in err, err
    no_traceback(done)


@pytest.mark.parametrize("source, words", [
    (b"name,age\nJohn,42\n", "The first row must be the header"),
    (b"Staff list 2022\n" + HEADER_EN.encode() + b"\nE1,extension,C,,,no,\n", "The first row must be the header"),
    (b"employee,category,\xe4\xba\xba\xe5\x91\x98\xe7\xb1\xbb\xe5\x88\xab,application\n", "more than once"),
    (b"\n\n   \n", "The file is empty"),
    (b"\xef\xbb\xbf", "The file is empty"),
    (bytes(range(256)) * 4, "not a CSV file"),
    (b"employee,application,category\n\x01\x02\x03,extension,A\n", "not a CSV file"),
])
def test_other_unreadable_files(source, words):
    done = run_cli("roster", "-", stdin=source)
    assert done.returncode == 2 and done.stdout == b""
    assert words in done.stderr.decode("utf-8")
    no_traceback(done)


def test_missing_input_and_bad_options():
    for args, words in ((("roster",), "roster needs the CSV file"),
                        (("roster", "tests/cases/roster/utf8.csv", "--lang", "fr"), "--lang must be en or zh"),
                        (("roster", "a.csv", "b.csv"), "Unknown or incomplete option “b.csv”"),
                        (("roster", "a.csv", "--pretty"), "Unknown or incomplete option")):
        done = run_cli(*args)
        assert done.returncode == 2, args
        assert words in done.stderr.decode("utf-8"), args
        no_traceback(done)
    done = run_cli("roster", "tests/cases/roster/no-such-file.csv")
    assert done.returncode == 2
    assert "Cannot read “tests/cases/roster/no-such-file.csv”" in done.stderr.decode()
    assert "无法读取" in done.stderr.decode()
    # -o into a folder that does not exist: nothing half-written, a message, exit 2.
    done = run_cli("roster", "tests/cases/roster/utf8.csv", "-o", "/nonexistent/folder/out.csv")
    assert done.returncode == 2 and "Cannot write" in done.stderr.decode()


def test_help_mentions_the_roster():
    done = run_cli("--help")
    assert "roster IN.csv" in done.stdout.decode() and "roster 输入.csv" in done.stdout.decode()


def test_100000_rows_in_order_fast(tmp_path):
    import eligibility

    sets = eligibility.complete_answer_sets()
    keys = HEADER_EN.split(",")[1:]
    rng = random.Random(6)
    chosen = [rng.choice(sets) for _ in range(100_000)]

    def cell(value):
        return "" if value is None else ("yes" if value else "no") if isinstance(value, bool) else value

    lines = [HEADER_EN] + [",".join([f"E{i:06d}"] + [cell(a.get(k)) for k in keys]) for i, a in enumerate(chosen)]
    source = tmp_path / "big.csv"
    source.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    out = tmp_path / "out.csv"
    started = time.perf_counter()
    done = run_cli("roster", source, "-o", out, timeout=120)
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert elapsed < 10, f"100,000 rows took {elapsed:.1f} s"
    _, rows = read_result(out.read_bytes())
    assert len(rows) == 100_000
    assert [r["employee"] for r in rows[:3]] == ["E000000", "E000001", "E000002"] and rows[-1]["employee"] == "E099999"
    # Spot checks against the engine itself, one row at a time.
    for index in rng.sample(range(100_000), 200):
        expected = eligibility.evaluate(chosen[index])["outcomes"]
        assert {k: rows[index][f"{k}_code"] for k in expected} == {k: o["result"] for k, o in expected.items()}
        assert {k: rows[index][texts.OUTCOMES[k]["label"]["en"]] for k in expected} == {
            k: o["label"]["en"] for k, o in expected.items()}
