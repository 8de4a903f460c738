"""Issue 27: a result CSV holds no formula whatever separator a spreadsheet splits it at. A tab-separated roster
gives a tab-separated result; a spreadsheet in a comma locale splits it at the commas inside its cells (a
semicolon locale, at the semicolons), so a cell `E2,=HYPERLINK(…)` would start a field with a formula. Each
result is opened by LibreOffice Calc (headless, Debian's soffice, as test_libreoffice.py drives it) under comma,
semicolon and tab splitting and saved as a workbook: no cell of it is a formula."""

from __future__ import annotations

import io
import subprocess

from .helpers import HEADER_EN
from .test_libreoffice import SOFFICE
from .test_workbook import run_with_openpyxl

# Cells that start a formula after a comma, a semicolon, a tab, a line break, past spaces and quotes.
HOSTILE = [
    'E2,=HYPERLINK("http://evil.example","x")',
    "E3;=1+1",
    "E4, +2+3",
    'E5,"@SUM(A1:A2)',
    "E6\n=3+3",
    "E7,-4+4",
]


def _roster(separator: str) -> bytes:
    header = HEADER_EN.split(",")
    lines = [separator.join(header)]
    for cell in HOSTILE:
        row = [cell, "extension", "C", "", "", "yes", "yes"] + [""] * (len(header) - 7)
        quoted = ['"' + c.replace('"', '""') + '"' if any(x in c for x in f'"\n{separator}') else c for c in row]
        lines.append(separator.join(quoted))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _formulas(path) -> list[str]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    return [f"{c.coordinate}: {c.value}" for sheet in book.worksheets for row in sheet.iter_rows()
            for c in row if c.data_type == "f"]


def test_no_formula_in_a_result_under_any_separator(tmp_path):
    results = {}
    for name, separator in (("tab", "\t"), ("comma", ","), ("semicolon", ";")):
        source = tmp_path / f"{name}.csv"
        source.write_bytes(_roster(separator))
        out = tmp_path / f"{name}-results.csv"
        done = run_with_openpyxl("roster", source, "-o", out)
        assert done.returncode == 0, done.stderr.decode()
        results[name] = out
    live = {}
    for split, token in (("comma", 44), ("semicolon", 59), ("tab", 9)):
        out_dir = tmp_path / f"split-{split}"
        args = [SOFFICE, f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless",
                "--norestore", f"--infilter=CSV:{token},34,76,1", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                "--outdir", str(out_dir)]
        done = subprocess.run(args + [str(p) for p in results.values()], capture_output=True, timeout=300)
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
        for name, path in results.items():
            found = _formulas(out_dir / f"{path.stem}.xlsx")
            if found:
                live[f"{name} result split at {split}"] = found
    assert live == {}
