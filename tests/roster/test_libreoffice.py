"""A real spreadsheet program opens the roster's result files: Debian's LibreOffice Calc (`make test` installs
libreoffice-calc-nogui), headless, converts each result (CSV from a GB18030 roster, CSV from a UTF-8 roster with
formulas, and workbooks in both languages) to CSV; the cells it read hold the statement (what a notice of 2022
said, not confirmed by this site, the date of the check) in the first row, the Chinese text, the result labels
(words, never codes, except in the trailing code columns), and no formula from the input was evaluated. Two runs
of soffice in all (it is slow to start)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess

from . import workbooks
from .helpers import CODES, EXPECTED, FIXTURES, NEXT_EN, STATUS_EN, STATUS_ZH, statement

from eligibility import texts  # noqa: E402  (helpers put wizard/ on the path)

TAX_EN, TAX_ZH = (texts.OUTCOMES["tax_records"]["label"][lang] for lang in ("en", "zh"))
EXEMPT = texts.OUTCOMES["tax_records"]["results"]["exempt"]["label"]
from .test_workbook import run_with_openpyxl

SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
# LibreOffice's CSV filter options: comma, double quote, UTF-8 (76), from line 1.
CSV_UTF8 = "44,34,76,1"


def convert(files, out_dir, profile, infilter=None):
    """Each file converted to CSV (UTF-8) by LibreOffice Calc, in one run: {name: rows}."""
    args = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
            "--convert-to", f"csv:Text - txt - csv (StarCalc):{CSV_UTF8}", "--outdir", str(out_dir)]
    if infilter:
        args.append(f"--infilter={infilter}")
    done = subprocess.run(args + [str(f) for f in files], capture_output=True, timeout=180)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    rows = {}
    for f in files:
        text = (out_dir / f"{f.stem}.csv").read_bytes().decode("utf-8-sig")
        rows[f.name] = list(csv.reader(io.StringIO(text, newline="")))
    return rows


def test_libreoffice_calc_opens_every_result_as_text(tmp_path):
    results = tmp_path / "results"
    results.mkdir()
    gb = results / "gb18030-results.csv"
    done = run_with_openpyxl("roster", FIXTURES / "gb18030-chinese.csv", "-o", gb, "--lang", "zh")
    assert done.returncode == 0, done.stderr.decode()
    utf8 = results / "formula-results.csv"
    run_with_openpyxl("roster", FIXTURES / "formula.csv", "-o", utf8)
    source = tmp_path / "员工.xlsx"
    source.write_bytes(workbooks.chinese_workbook())
    book = results / "workbook-results.xlsx"
    done = run_with_openpyxl("roster", source, "-o", book, "--lang", "zh")
    assert done.returncode == 0, done.stderr.decode()
    english = tmp_path / "staff.xlsx"
    english.write_bytes(workbooks.english_workbook())
    book_en = results / "workbook-results-en.xlsx"
    done = run_with_openpyxl("roster", english, "-o", book_en)
    assert done.returncode == 0, done.stderr.decode()

    out = tmp_path / "converted"
    profile = tmp_path / "lo-profile"
    rows = convert([gb, utf8], out, profile, infilter=f"CSV:{CSV_UTF8}")
    rows.update(convert([book, book_en], out, profile))

    # The GB18030 roster's result: the statement first, then Chinese names, labels and status.
    said, header, *body = rows[gb.name]
    assert said[0] == statement("zh") and not any(said[1:])
    assert header[0] == "员工" and TAX_ZH in header and header[-7:] == ["措施状态", "问题", *CODES]
    assert [r[0] for r in body] == ["张伟", "李娜", "王芳"]
    assert body[0][header.index(TAX_ZH)] == EXEMPT["zh"]
    assert body[0][header.index("措施状态")] == STATUS_ZH
    assert [[r[header.index(c)] for c in CODES] for r in body] == [list(e.values()) for e in EXPECTED]

    # The UTF-8 roster with formulas: each cell as text, none evaluated (=HYPERLINK(...) would show "x", =1+1 "2").
    said, header, *body = rows[utf8.name]
    assert said[0] == statement("en")
    header = [cell.lstrip("'") for cell in header]  # "@cmd", a header from the file, is written '@cmd
    employees = [r[0] for r in body]
    assert employees[0].lstrip("'") == '=HYPERLINK("http://evil.example","x")' and employees[0] != "x"
    assert employees[1].lstrip("'") == "@SUM(A1:A9)"
    assert body[1][header.index("@cmd")].lstrip("'") == "=1+1"
    assert body[0][header.index(TAX_EN)] == EXEMPT["en"] and body[0][header.index("tax_records_code")] == "exempt"

    # The workbooks: the statement in the first row, the results in words, the note column's formulas as typed.
    said, header, *body = rows[book.name]
    assert said[0] == statement("zh") and not any(said[1:])
    assert header[0] == "员工" and header[-7:] == ["措施状态", "问题", *CODES]
    assert [r[0] for r in body] == ["张伟", "李娜", "王芳"]
    assert [r[header.index("备注")] for r in body] == ["=1+1", "@SUM(A1:A9)", ""]
    assert body[0][header.index(TAX_ZH)] == EXEMPT["zh"]
    said, header, *body = rows[book_en.name]
    assert said[0] == statement("en") and not any(said[1:])
    assert header[-17:-7] == [texts.OUTCOMES[k]["label"]["en"] for k in texts.OUTCOMES] + NEXT_EN
    assert body[0][header.index(TAX_EN)] == EXEMPT["en"] and body[0][header.index("measure_status")] == STATUS_EN
    assert [[r[header.index(c)] for c in CODES] for r in body] == [list(e.values()) for e in EXPECTED]


def _lists(data: bytes) -> dict[str, tuple[str, str]]:
    """{column letter: (the drop-down list's answers, the input message)} of a workbook's first sheet."""
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    found = {}
    for rule in sheet.data_validations.dataValidation:
        assert rule.type == "list", rule
        letter = str(rule.sqref).split(":")[0].rstrip("0123456789")
        found[letter] = (rule.formula1.strip('"'), rule.prompt)
    return found


def test_the_templates_drop_down_lists_survive_a_save_in_libreoffice(tmp_path):
    """Issue 26: every answer column of both workbook templates has a drop-down list and a message saying when
    it applies; LibreOffice Calc opens the template and saves it as .xlsx again, and the lists are still there
    (the same answers, the same messages), as is the second sheet, the column guide."""
    import openpyxl

    from eligibility import roster

    originals = {}
    for lang in ("en", "zh"):
        path = tmp_path / f"roster-template-{lang}.xlsx"
        path.write_bytes(roster.template_xlsx(lang))
        originals[lang] = path
    out = tmp_path / "saved"
    args = [SOFFICE, f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless", "--norestore",
            "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out)]
    done = subprocess.run(args + [str(p) for p in originals.values()], capture_output=True, timeout=180)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    for lang, path in originals.items():
        before = _lists(path.read_bytes())
        saved = (out / path.name).read_bytes()
        after = _lists(saved)
        assert sorted(before) == ["B", "C", "D", "E", "F", "G"]  # every answer column
        assert after == before, lang
        assert ("延期" if lang == "zh" else "extension") in before["B"][0]
        book = openpyxl.load_workbook(io.BytesIO(saved))
        assert book.sheetnames == (["名单", "填写说明"] if lang == "zh" else ["Roster", "Column guide"])
        # Saved by LibreOffice, the template is still a roster the check reads.
        assert [row["results"] is not None for row in roster.Roster(saved, lang).judge()] == [True] * 3
