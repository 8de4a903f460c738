"""Issue 27: a small file cannot make the check unpack or hold without bound. Each crafted file is made here (a
few kilobytes to a few megabytes compressed; nothing large is committed) and given to the command line in a
process of its own, whose peak memory is measured (os.wait4's ru_maxrss): each is refused, exit 2, with the
message that names the bound and the figure, and never says to split a small file, within MAX_RSS_MB.

- a workbook with a 1 GB bzip2 `mimetype` that the reader never needs (it was inflated whole: 4.1 GB for 2 GB);
- one 60 MB cell; 1.2 million cells in one row; 6 million shared strings; a 40 MB padded [Content_Types].xml;
  an entity expanded quadratically under expat's own limit (a DOCTYPE);
- a CSV header of 2 million empty columns, and a row of 2 million commas;
- 16,384 input columns (the outcome columns fell past the last spreadsheet column): refused, in a CSV and in a
  workbook; 16,367 are judged, and the result's last column is the last code column.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile

import pytest

from . import workbooks
from .helpers import HEADER_EN, REPO, WIZARD

from eligibility.rostercolumns import MAX_COLUMNS  # noqa: E402

# A three-row roster takes about 40 MB with openpyxl loaded; every crafted file must stay near that.
MAX_RSS_MB = 160


# Started from a small process of its own: a child's peak resident memory (ru_maxrss) counts what the process it
# was forked from had before its exec, and the test run that starts it may hold hundreds of megabytes.
LAUNCHER = (
    "import os, subprocess, sys\n"
    "child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
    "_, status, usage = os.wait4(child.pid, 0)\n"
    "print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)\n"
)


def run_measured(path, *args):
    """(exit status, stderr, peak resident memory in MB) of the command line checking `path`."""
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(WIZARD), "LC_ALL": "C"}
    done = subprocess.run([sys.executable, "-c", LAUNCHER, sys.executable, "-m", "eligibility", "roster", str(path),
                           "-o", str(path) + "-out", *args], cwd=REPO, env=env, capture_output=True, timeout=600)
    code, peak_kb = (int(n) for n in done.stdout.split())
    return code, done.stderr.decode("utf-8", "replace"), peak_kb / 1024


def _rebuild(base: bytes, replace: dict, extra=()) -> bytes:
    """The workbook `base` with parts replaced: {name: bytes or a function(stream) that writes them}; `extra`:
    (name, compression, writer) parts added first."""
    out = io.BytesIO()
    src = zipfile.ZipFile(io.BytesIO(base))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, compression, writer in extra:
            info = zipfile.ZipInfo(name)
            info.compress_type = compression
            with dst.open(info, "w", force_zip64=True) as stream:
                writer(stream)
        for name in src.namelist():
            value = replace.get(name, src.read(name))
            if callable(value):
                with dst.open(name, "w", force_zip64=True) as stream:
                    value(stream)
            else:
                dst.writestr(name, value)
    return out.getvalue()


def _sheet_name(base: bytes) -> str:
    return next(n for n in zipfile.ZipFile(io.BytesIO(base)).namelist() if "worksheets/sheet" in n)


HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
FIRST_ROW = (b'<row r="1"><c r="A1" t="inlineStr"><is><t>employee</t></is></c><c r="B1" t="inlineStr"><is><t>'
             b'application</t></is></c><c r="C1" t="inlineStr"><is><t>category</t></is></c></row>')
TAIL = b"</sheetData></worksheet>"


def _zeros(size):
    def write(stream):
        block = b"\0" * (1 << 20)
        for _ in range(size >> 20):
            stream.write(block)
    return write


def _sheet_with(body_writer):
    def write(stream):
        stream.write(HEAD + FIRST_ROW)
        body_writer(stream)
        stream.write(TAIL)
    return write


def _long_cell(stream):
    stream.write(b'<row r="2"><c r="A2" t="inlineStr"><is><t>')
    block = b"x" * (1 << 20)
    for _ in range(60):
        stream.write(block)
    stream.write(b"</t></is></c></row>")


def _wide_row(stream):
    stream.write(b'<row r="2">')
    for _ in range(120):
        stream.write(b"<c/>" * 10_000)
    stream.write(b"</row>")


def _many_strings(stream):
    stream.write(b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
                 b'spreadsheetml/2006/main">')
    for _ in range(600):
        stream.write(b"<si><t>a</t></si>" * 10_000)
    stream.write(b"</sst>")


def _padded_types(types: bytes):
    def write(stream):
        head, _, rest = types.partition(b"?>")
        stream.write(head + b"?>")
        block = b" " * (1 << 20)
        for _ in range(40):
            stream.write(block)
        stream.write(rest)
    return write


def _quadratic(stream):
    # One 100 kB entity, used 2,000 times (200 MB when expanded), behind enough whitespace to keep the
    # amplification under expat's factor.
    stream.write(b'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE worksheet [<!ENTITY a "' + b"a" * 100_000
                 + b'">]>')
    stream.write(HEAD[HEAD.index(b"<worksheet"):] + FIRST_ROW + b'<row r="2"><c r="A2" t="inlineStr"><is><t>')
    stream.write(b"&a;" * 2_000)
    stream.write(b"</t></is></c></row>" + TAIL)


def _bombs():
    base = workbooks.english_workbook()
    sheet = _sheet_name(base)
    types = zipfile.ZipFile(io.BytesIO(base)).read("[Content_Types].xml")
    names = zipfile.ZipFile(io.BytesIO(base)).namelist()
    if "xl/sharedStrings.xml" in names:
        strings = {"xl/sharedStrings.xml": _many_strings}
    else:  # openpyxl writes inline strings: the part is added, and named in [Content_Types].xml
        override = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                    b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        strings = {"[Content_Types].xml": types.replace(b"</Types>", override)}
    yield "bzip2 mimetype", _rebuild(base, {}, [("mimetype", zipfile.ZIP_BZIP2, _zeros(1 << 30))]), \
        "workbook_unpacked_not"  # never inflated: the workbook is judged
    yield "one 60 MB cell", _rebuild(base, {sheet: _sheet_with(_long_cell)}), "32,767"
    yield "1.2 million cells in a row", _rebuild(base, {sheet: _sheet_with(_wide_row)}), f"{MAX_COLUMNS:,}"
    added = [] if "xl/sharedStrings.xml" in names else [("xl/sharedStrings.xml", zipfile.ZIP_DEFLATED, _many_strings)]
    yield "6 million shared strings", _rebuild(base, strings, added), "1,000,000"
    yield "padded [Content_Types].xml", _rebuild(base, {"[Content_Types].xml": _padded_types(types)}), "32,767"
    yield "quadratic entity", _rebuild(base, {sheet: _quadratic}), "damaged"


BOMBS = list(_bombs())


@pytest.mark.parametrize("name,data,said", BOMBS, ids=[b[0] for b in BOMBS])
def test_a_workbook_bomb_is_refused_within_bounded_memory(tmp_path, name, data, said):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(data)
    code, err, peak = run_measured(path)
    assert peak < MAX_RSS_MB, (name, peak, err[-400:])
    if said == "workbook_unpacked_not":
        assert code == 0, err
        return
    assert code == 2, (name, err[-600:])
    assert said in err, err
    assert "split" not in err and "拆分" not in err


def test_a_csv_with_millions_of_columns_is_refused_within_bounded_memory(tmp_path):
    header = tmp_path / "header.csv"
    header.write_bytes(HEADER_EN.encode() + b"," * 2_000_000 + b"\r\nE1,extension,C\r\n")
    row = tmp_path / "row.csv"
    row.write_bytes(HEADER_EN.encode() + b"\r\nE1,extension,C" + b"," * 2_000_000 + b"\r\n")
    for path, line in ((header, "Line 1 "), (row, "Line 2 ")):
        code, err, peak = run_measured(path)
        assert code == 2 and line in err and f"{MAX_COLUMNS:,}" in err, err
        assert "split" not in err
        assert peak < MAX_RSS_MB, (path.name, peak)


def test_outcome_columns_never_fall_past_the_last_spreadsheet_column(tmp_path):
    """16,384 input columns: refused with the limit; the most that fit are judged, the codes last."""
    header = HEADER_EN.split(",")
    too_many = header + [f"x{i}" for i in range(16_384 - len(header))]
    path = tmp_path / "wide.csv"
    path.write_text(",".join(too_many) + "\r\nE1,extension,C\r\n", encoding="utf-8")
    code, err, _ = run_measured(path)
    assert code == 2 and "16,384 columns" in err and f"{MAX_COLUMNS:,}" in err, err
    fits = header + [f"x{i}" for i in range(MAX_COLUMNS - len(header))]
    path.write_text(",".join(fits) + "\r\nE1,extension,C,,,yes,yes\r\n", encoding="utf-8")
    code, err, _ = run_measured(path)
    assert code == 0, err
    import csv

    rows = list(csv.reader(io.StringIO((tmp_path / "wide.csv-out").read_text("utf-8-sig"), newline="")))
    assert len(rows[1]) == 16_384 and rows[1][-1] == "joint_residence_permit_code" and rows[2][-1]
