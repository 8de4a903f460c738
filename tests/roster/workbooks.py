"""Workbooks for the roster tests, made here with openpyxl as an HR officer's Excel or WPS would hold them, and a
reader of result workbooks (the same for the command line and the browser)."""

from __future__ import annotations

import datetime
import io
import struct
import zipfile

import openpyxl
from openpyxl.chart import BarChart, Reference

HEADER_EN = ["employee", "application", "category", "category_a_route", "salary_commitment",
             "tax_bureau_unreachable", "has_withholding_screenshot", "as_of"]
# The three employees of every fixture (tests/cases/roster/README.md), with what a workbook stores: booleans,
# a date, numbers.
ROWS_EN = [
    ["=HYPERLINK(\"http://example.com\",\"E001\")", "extension", "C", None, None, True, True,
     datetime.date(2026, 1, 5)],
    [1002, "new_in_china", "A", "points", False, None, None, datetime.datetime(2026, 1, 5, 0, 0)],
    ["E003", "cancellation", "B", None, None, False, None, None],
]
HEADER_ZH = ["员工", "人员类别", "申请事项", "因疫情无法前往税务机关", "已有扣缴明细截图", "涉及薪资承诺", "计点积分85分以上", "备注"]
ROWS_ZH = [
    ["张伟", "其他外国人员（C类）", "延期", "是", "是", None, None, "=1+1"],
    ["李娜", "外国高端人才（A类）", "境内首次申请", None, None, "否", "积分85分及以上", "@SUM(A1:A9)"],
    ["王芳", "外国专业人才（B类）", "注销", "否", None, None, None, "-2+3"],
]


def save(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def english_workbook(blank_rows_before: int = 0) -> bytes:
    """English keys, formulas, booleans TRUE / FALSE, dates; a title cell merged over the header's width."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Staff"
    for _ in range(blank_rows_before):
        ws.append([])
    ws.append(HEADER_EN)
    for row in ROWS_EN:
        ws.append(row)
    ws.cell(row=blank_rows_before + 2, column=1).font = openpyxl.styles.Font(bold=True, color="FF0000")
    return save(wb)


def chinese_workbook(first_sheet: str = "chart") -> bytes:
    """Chinese headers and labels, 是 / 否, a note column of formulas; a chart sheet (or an empty sheet) first."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名单"
    ws.append(HEADER_ZH)
    for row in ROWS_ZH:
        ws.append(row)
    ws.merge_cells("H3:H4")  # the note of the second employee over the third's: read in the first cell only
    if first_sheet == "chart":
        chart = wb.create_chartsheet("图表", 0)
        bar = BarChart()
        bar.add_data(Reference(ws, min_col=1, min_row=1, max_row=4))
        chart.add_chart(bar)
    elif first_sheet == "empty":
        wb.create_sheet("Sheet1", 0)
    return save(wb)


def many_rows_workbook(count: int = 10_000) -> bytes:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Roster")
    ws.append(HEADER_EN[:-1])
    cases = [row[:-1] for row in ROWS_EN]
    for index in range(count):
        row = list(cases[index % 3])
        row[0] = f"E{index:05d}"
        ws.append(row)
    return save(wb)


def empty_workbook() -> bytes:
    return save(openpyxl.Workbook())


def protected_sheet_workbook() -> bytes:
    """Sheet and workbook protection with a password (against editing, not against reading): read as any other."""
    wb = openpyxl.load_workbook(io.BytesIO(english_workbook()))
    wb.active.protection.sheet = True
    wb.active.protection.password = "secret"
    wb.security = openpyxl.workbook.protection.WorkbookProtection(workbookPassword="secret", lockStructure=True)
    return save(wb)


def macro_workbook() -> bytes:
    """An .xlsm: the English workbook with a VBA project part."""
    source = zipfile.ZipFile(io.BytesIO(english_workbook()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not really VBA")
    return out.getvalue()


def encrypted_workbook(password: str = "secret") -> bytes:
    """The English workbook encrypted with a password to open it, as Excel does ("Encrypt with Password": ECMA-376
    agile encryption in an OLE2 file), by msoffcrypto-tool; decrypted again here to prove it is the real thing."""
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = english_workbook()
    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(plain)).encrypt(password, encrypted)
    sealed = OOXMLFile(io.BytesIO(encrypted.getvalue()))
    sealed.load_key(password=password)
    opened = io.BytesIO()
    sealed.decrypt(opened)
    assert openpyxl.load_workbook(opened).active["B1"].value == "application"
    return encrypted.getvalue()


def compound_file(streams: list[str]) -> bytes:
    """A minimal OLE2 compound file (MS-CFB, version 3) whose directory names `streams` (empty streams): what an
    .xls holds ("Workbook"), without the contents."""
    sector = 512
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 44, 1)  # one FAT sector
    struct.pack_into("<I", header, 48, 1)  # the directory starts at sector 1
    struct.pack_into("<I", header, 56, 4096)
    struct.pack_into("<IIII", header, 60, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    struct.pack_into("<I", header, 76, 0)  # the FAT is sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, 0xFFFFFFFF)
    fat = bytearray(b"\xff" * sector)
    struct.pack_into("<II", fat, 0, 0xFFFFFFFD, 0xFFFFFFFE)
    directory = bytearray(sector)
    names = ["Root Entry"] + streams[:3]
    for index, name in enumerate(names):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\0\0"
        entry[0:len(encoded)] = encoded
        struct.pack_into("<HBB", entry, 64, len(encoded), 5 if index == 0 else 2, 1)
        right = index + 1 if 0 < index < len(names) - 1 else 0xFFFFFFFF
        struct.pack_into("<III", entry, 68, 0xFFFFFFFF, right, 1 if index == 0 and len(names) > 1 else 0xFFFFFFFF)
        struct.pack_into("<II", entry, 116, 0xFFFFFFFE, 0)
        directory[index * 128:(index + 1) * 128] = entry
    return bytes(header + fat + directory)


def result_statement(data: bytes) -> str:
    """The statement of a result workbook: the first row's one cell (merged over the first columns)."""
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    first = [c.value for c in ws[1]]
    assert first[0] and not any(first[1:]), first
    return first[0]


def result_rows(data: bytes) -> list[list[str]]:
    """Every row of a result workbook's sheet after its statement (the first row), as the text of its cells (""
    for an empty one): the header, then the rows."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    rows = [["" if c.value is None else c.value for c in row] for row in ws.iter_rows()]
    assert rows[0][0].startswith(("This is what a notice of 2022 said", "以下是2022年一份通知的规定")), rows[0]
    return rows[1:]
