"""Files that attack or break the roster check (issue 13), on the command line and in the module the browser runs:
cells a spreadsheet would run as formulas, megabytes of blank lines, a quote that never closes, a file in two
encodings, Python's English in Chinese messages, and running out of memory. Memory is bounded with
RLIMIT_AS on the command line's process (no timed assert: the figures are scripts/bench_roster.py's).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys

import pytest

from .helpers import EXPECTED, HEADER_EN, REPO, STATUS_EN, WIZARD, fixture, outcomes_of, read_result, run_cli

from eligibility import roster, rosterfile  # noqa: E402  (helpers put wizard/ on the path)

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MB = 1_000_000


def no_traceback(done):
    assert b"Traceback" not in done.stderr and b"Traceback" not in done.stdout


def run_cli_within(limit, *args, stdin=b""):
    """The command line with at most `limit` bytes of address space (what it may use, not what it did)."""
    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return subprocess.run([sys.executable, "-S", "-m", "eligibility", *map(str, args)], input=stdin,
                          capture_output=True, cwd=REPO, env={"PYTHONPATH": str(WIZARD), "LC_ALL": "C"},
                          preexec_fn=cap, timeout=180)


# --- formulas -------------------------------------------------------------------------------------------------


def test_cells_a_spreadsheet_would_run_come_out_as_text():
    done = run_cli("roster", "tests/cases/roster/formula.csv")
    assert done.returncode == 1, done.stderr.decode()
    header, rows = read_result(done.stdout)
    assert header[7:9] == ["note", "'@cmd"]  # an unknown header is a cell too
    assert rows[0]["employee"] == "'=HYPERLINK(\"http://evil.example\",\"x\")"
    assert rows[0]["note"] == "'+86 10 1234 5678" and rows[0]["'@cmd"] == "'-2+3"
    assert rows[1]["employee"] == "'@SUM(A1:A9)" and rows[1]["'@cmd"] == "'=1+1"
    assert rows[1]["note"] == "'\tstarts with a tab"
    assert rows[2]["note"] == "'\rstarts with a carriage return"
    # Markup is no formula: copied as it is (the page shows it as text, test_browser.py).
    assert rows[2]["employee"] == "<img src=x onerror=\"document.title='pwned'\">" and rows[2]["'@cmd"] == "plain"
    # An answer that is a formula: the copied cell is neutralised, and the error quotes it as it was.
    assert rows[3]["application"] == "'=2+2"
    assert rows[3]["errors"].startswith("application: “=2+2” is not an answer here")
    # What the engine writes is untouched.
    assert outcomes_of(rows[:3]) == EXPECTED
    assert [row["measure_status"] for row in rows[:3]] == [STATUS_EN] * 3
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(FORMULA_START), cell


def test_neutralised_cells_stay_as_they_are_when_a_result_is_checked_again():
    first = run_cli("roster", "tests/cases/roster/formula.csv", "--lang", "zh")
    _, rows = read_result(first.stdout)
    assert rows[0]["employee"] == "'=HYPERLINK(\"http://evil.example\",\"x\")"
    again = run_cli("roster", "-", stdin=first.stdout)
    _, rows_again = read_result(again.stdout)
    assert [r["employee"] for r in rows_again] == [r["employee"] for r in rows]  # one apostrophe, not two


def test_an_errors_cell_that_would_start_a_formula_is_neutralised():
    # A header written with a tab before it still names its column: the errors cell starts with that name.
    text = HEADER_EN.replace(",application,", ",\tapplication,") + "\nE1,x,C,,,no,\n"
    judged = roster.judge_roster(text.encode())
    header, rows = read_result(judged.csv_bytes())
    assert header[1] == "'\tapplication"
    assert rows[0]["errors"].startswith("'\tapplication: “x” is not an answer here")


def test_safe_cells_follows_owasp_and_changes_nothing_else():
    cells = ["=1", "+1", "-1", "@A1", "\tx", "\rx", "'=1", " =1", "1-2", "", "李=", "＝1"]
    assert rosterfile.safe_cells(cells) == ["'=1", "'+1", "'-1", "'@A1", "'\tx", "'\rx", "'=1", " =1", "1-2", "",
                                            "李=", "＝1"]
    plain = ["E001", "extension", ""]
    assert rosterfile.safe_cells(plain) is plain


# --- blank lines ----------------------------------------------------------------------------------------------


def test_ten_megabytes_of_blank_lines_are_counted_not_stored(tmp_path):
    # Before: 5 GB and 11-23 s on the command line. Blank lines inside, then blank rows after the last employee.
    source = tmp_path / "blank.csv"
    source.write_bytes((HEADER_EN + "\r\nE1,extension,C,,,no,\r\n").encode() + b"\r\n" * 5_000_000
                       + b"E2,reissue,B,,no,,\r\n" + b",,,,,,\r\n" * 100_000 + b"\n" * 1_000_000)
    out = tmp_path / "out.csv"
    done = run_cli_within(30 * MB + 10 * source.stat().st_size, "roster", source, "-o", out)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert "5000002 rows: 2 judged, 0 with errors, 5000000 blank" in done.stderr.decode()
    data = out.read_bytes()
    lines = data.split(b"\r\n")[1:]  # after the statement's line: the header, the rows
    assert lines[1].startswith(b"E1,") and lines[5_000_002].startswith(b"E2,") and lines[5_000_003:] == [b""]
    assert set(lines[2:5_000_002]) == {b""}  # a blank row out is an empty line


def test_a_file_of_blank_rows_only_has_no_employee_rows():
    done = run_cli("roster", "-", stdin=(HEADER_EN + "\n").encode() + b",,,,,,\r\n" * 200_000 + b"\n" * 200_000)
    assert done.returncode == 2 and "no employee rows" in done.stderr.decode()


def test_the_browser_is_told_of_progress_through_a_long_run_of_blank_rows():
    data = (HEADER_EN + "\nE1,extension,C,,,no,\n").encode() + b"\n" * 1_000_000 + b"E2,reissue,B,,no,,\n"
    job = roster.Job(data, "en")
    assert json.loads(job.start_json())["info"]["rows"] == 1_000_002
    steps = []
    while not steps or not steps[-1]["finished"]:
        steps.append(json.loads(job.next_json(2000)))
    # Each step passes at most 100 blank rows per row asked, so a run of blank lines is not one long silence.
    assert len(steps) > 3 and all(step["done"] - before <= 200_000 for step, before in
                                  zip(steps, [0] + [s["done"] for s in steps]))
    assert [r["row"] for s in steps for r in s["rows"]] == [2, 1_000_003]  # blank rows are not sent
    assert steps[-1]["summary"] == {"rows": 1_000_002, "judged": 2, "failed": 0, "blank": 1_000_000}
    assert job.csv_bytes() == roster.judge_roster(data).csv_bytes()


def test_blank_lines_around_the_header_and_between_rows():
    judged = roster.judge_roster(fixture("blank-lines.csv"))
    _, rows = read_result(judged.csv_bytes())
    assert outcomes_of([r for r in rows if r]) == EXPECTED
    assert judged.summary() == {"rows": 7, "judged": 3, "failed": 0, "blank": 4}
    assert judged.first_row == 4  # two blank lines, then the header (row 3)


# --- memory ---------------------------------------------------------------------------------------------------


def _dense(rows):
    return ((HEADER_EN + "\r\n") + "E0000001,extension,C,,,no,\r\nE0000002,new_in_china,A,points,no,,\r\n"
            * (rows // 2)).encode()


@pytest.mark.parametrize("kind", ["dense", "unclosed", "junk"])
def test_memory_stays_a_small_multiple_of_the_file(kind, tmp_path):
    """README, Reliability: at most 30 MB and eight times the file's size (address space, so more than is used)."""
    if kind == "dense":
        data = _dense(400_000)
    elif kind == "unclosed":  # one cell of the whole file, read by the csv module four bytes a character
        data = (HEADER_EN + '\r\nE1,"extension,C,,,no,\r\n').encode() + b"E2,reissue,B,,no,,\r\n" * 500_000
    else:  # every answer different: nothing to remember, everything to say
        data = (HEADER_EN + "\r\n").encode() + b"".join(b"E%07d,junk%d,X%d,,,,\r\n" % (i, i, i)
                                                        for i in range(100_000))
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_bytes(data)
    done = run_cli_within(30 * MB + 8 * len(data), "roster", source, "-o", out, "--lang", "zh")
    assert done.returncode == (0 if kind == "dense" else 1), done.stderr.decode()[-2000:]
    rows = out.read_bytes().count(b"\r\n") - 2  # the statement's line and the header
    assert rows == {"dense": 400_000, "unclosed": 1, "junk": 100_000}[kind]


def test_running_out_of_memory_is_exit_2_in_both_languages_and_leaves_no_file(tmp_path):
    source, out = tmp_path / "big.csv", tmp_path / "out.csv"
    source.write_bytes(_dense(1_600_000))  # 52 MB: more than 60 MB of address space can judge
    size = rosterfile.megabytes(source.stat().st_size)
    done = run_cli_within(60 * MB, "roster", source, "-o", out)
    assert done.returncode == 2, done.stderr.decode()[-2000:]
    err = done.stderr.decode()
    assert f"not enough memory to check this file ({size})" in err and f"内存不足，无法自查此文件（{size}）" in err
    assert not out.exists()
    no_traceback(done)


def test_running_out_of_memory_reading_answers_is_exit_2_in_both_languages():
    answers = b'{"application": "' + b"x" * 40 * MB + b'"}'
    done = run_cli_within(60 * MB, "evaluate", stdin=answers)
    assert done.returncode == 2 and done.stdout == b""
    err = done.stderr.decode()
    assert "not enough memory" in err and "内存不足" in err
    no_traceback(done)


def test_the_browser_job_says_it_ran_out_of_memory_in_both_languages(monkeypatch):
    def exhausted(*args, **kwargs):
        raise MemoryError

    data = fixture("utf8.csv")
    job = roster.Job(data, "zh")
    json.loads(job.start_json())
    monkeypatch.setattr(roster.Roster, "_judge_piece", exhausted)
    step = json.loads(job.next_json(2))
    assert step["error"]["code"] == "out_of_memory"
    assert "not enough memory" in step["error"]["message"]["en"] and "内存不足" in step["error"]["message"]["zh"]
    monkeypatch.setattr(roster.Roster, "__init__", exhausted)
    start = json.loads(roster.Job(data, "en").start_json())
    assert start["error"]["code"] == "out_of_memory" and "0.0 MB" in start["error"]["message"]["en"]
    monkeypatch.undo()
    job = roster.Job(data, "en")
    monkeypatch.setattr(roster.Roster, "stream", exhausted)
    assert job.csv_bytes() is None
    assert json.loads(job.error_json())["error"]["code"] == "out_of_memory"


# --- quotes ---------------------------------------------------------------------------------------------------


def test_a_quote_that_never_closes_is_named_and_the_rows_before_it_are_judged(tmp_path):
    out = tmp_path / "out.csv"
    done = run_cli("roster", "tests/cases/roster/unclosed-quote.csv", "-o", out)
    assert done.returncode == 1
    _, rows = read_result(out.read_bytes())
    assert outcomes_of(rows[:3]) == EXPECTED and len(rows) == 4
    assert rows[3]["employee"] == "E004" and rows[3]["application"] == ""
    assert rows[3]["errors"] == ("a quote (\") opened on line 5 never closes, so this row and the rest of the file "
                                 "were not read")
    err = done.stderr.decode()
    assert "A quote (\") opened on line 5 never closes: row 5 and everything after it were not read." in err
    assert "第5行的引号（\"）没有闭合" in err
    assert "4 rows: 3 judged, 1 with errors" in err
    zh = run_cli("roster", "tests/cases/roster/unclosed-quote.csv", "--lang", "zh")
    assert read_result(zh.stdout)[1][3]["问题"] == "第5行的引号（\"）没有闭合，此行及文件其余部分均未读取"


def test_the_line_of_an_open_quote_counts_the_lines_of_cells_before_it():
    text = HEADER_EN + '\n"Smith,\nJohn",extension,C,,,no,\nE2,reissue,B,,no,,\nE3,"reissue,B,,no,,\nE4,reissue,B,,no,,\n'
    judged = roster.judge_roster(text.encode())
    assert judged.summary() == {"rows": 3, "judged": 2, "failed": 1, "blank": 0}
    assert judged.failed_rows == [4]
    assert "opened on line 5" in judged.notices()[0]["message"]["en"]


@pytest.mark.parametrize("text, line", [
    ('employee,"application,category\nE1,extension,C\n', 1),
    ('\n\nemployee,application,"category\nE1,extension,C\n', 3),
])
def test_a_quote_in_the_header_that_never_closes_is_exit_2_with_its_line(text, line):
    done = run_cli("roster", "-", stdin=text.encode())
    assert done.returncode == 2 and done.stdout == b""
    err = done.stderr.decode()
    assert f"A quote (\") opened on line {line} never closes" in err and f"第{line}行的引号" in err


def test_a_cell_beyond_the_csv_modules_limit_is_named_in_the_projects_words():
    # Closed, but longer than the csv module reads (131,072 characters): no roster has one.
    text = HEADER_EN + '\nE1,extension,C,,,no,\n\n"' + "x" * 300_000 + '",extension,C,,,no,\nE2,reissue,B,,no,,\n'
    done = run_cli("roster", "-", stdin=text.encode())
    assert done.returncode == 2
    err = done.stderr.decode()
    assert "A cell that starts on line 4 (row 4) is longer than 131,072 characters" in err
    assert "第4行（电子表格第4行）的单元格超过 131,072 个字符" in err
    assert "field larger" not in err


# --- encodings ------------------------------------------------------------------------------------------------


def test_a_bom_then_gbk_rows_is_a_file_in_two_encodings():
    done = run_cli("roster", "tests/cases/roster/mixed-encoding.csv")
    assert done.returncode == 2 and done.stdout == b""
    err = done.stderr.decode()
    assert "The file mixes two encodings: it is in UTF-8, but line 3 is not" in err
    assert "文件混用了两种编码：文件为 UTF-8 编码，但第3行不是" in err
    assert "not text" not in err
    no_traceback(done)


@pytest.mark.parametrize("data, encoding, line", [
    # No BOM: UTF-8 rows with Chinese, then a row pasted from a GBK file.
    ((HEADER_EN + "\n张伟,extension,C,,,no,\n").encode() + "李娜,reissue,B,,no,,\n".encode("gbk"), "UTF-8", 3),
    # GBK rows, then a UTF-8 row that GB18030 cannot read (its last character before the line end).
    ((HEADER_EN + "\n张伟,extension,C,,,no,\n").encode("gbk") + "王芳,reissue,B,,no,,中\n".encode(), "GB18030 (GBK)",
     3),
    # UTF-16 with a lone surrogate on line 3.
    (("\ufeff" + HEADER_EN + "\nE1,extension,C,,,no,\n").encode("utf-16-le") + b"\x00\xd8"
     + "E\n".encode("utf-16-le"), "UTF-16", 3),
])
def test_the_first_line_that_is_not_in_the_files_encoding_is_named(data, encoding, line):
    with pytest.raises(roster.RosterError) as caught:
        roster.Roster(data)
    assert caught.value.code == "mixed_encoding"
    assert f"it is in {encoding}, but line {line} is not" in caught.value.message("en")
    assert f"第{line}行不是" in caught.value.message("zh")


def test_a_binary_file_with_a_bom_is_still_not_text():
    with pytest.raises(roster.RosterError) as caught:
        roster.Roster(b"\xef\xbb\xbf" + fixture("image.png"))
    assert caught.value.code == "not_text"


# --- no English from Python in Chinese ------------------------------------------------------------------------


@pytest.mark.parametrize("args, en, zh", [
    (("roster", "tests/cases/roster/no-such-file.csv"), "there is no such file or folder", "文件或文件夹不存在"),
    (("roster", "tests/cases/roster"), "it is a folder, not a file", "这是文件夹，不是文件"),
    (("roster", "tests/cases/roster/utf8.csv", "-o", "/nonexistent/folder/out.csv"), "there is no such file or folder",
     "文件或文件夹不存在"),
    (("roster", "tests/cases/roster/utf8.csv", "-o", "tests/cases/roster"), "it is a folder, not a file",
     "这是文件夹，不是文件"),
])
def test_file_problems_are_said_in_the_projects_words(args, en, zh):
    done = run_cli(*args)
    assert done.returncode == 2
    en_line, zh_line = [line for line in done.stderr.decode().splitlines() if line][-2:]
    assert en in en_line and zh in zh_line
    for python_words in ("No such file", "Is a directory", "Errno", "field larger"):
        assert python_words not in done.stderr.decode()
    no_traceback(done)


def test_every_file_error_message_is_filled_in_both_languages():
    # No template is left with a {field} that only Python could have filled (no {detail}).
    for code, message in rosterfile.texts.ROSTER["file_errors"].items():
        assert "{detail}" not in message["en"] + message["zh"], code
