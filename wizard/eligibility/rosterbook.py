"""The roster's Excel workbooks (.xlsx), read and written with openpyxl, imported here only: the engine itself
stays standard-library only, and a visitor or a command line that never gives a workbook never loads it.

    workbook_text(data)         the bytes of a workbook -> (CSV text, "xlsx"): roster.py reads it like a CSV file
    write_workbook(roster)      a judged Roster (output="xlsx") -> the result workbook's bytes
    template_workbook(rows)     the template to download, as a workbook

Reading (what an HR officer's workbook holds):
- the sheet: the first worksheet (a chart sheet is not one), or the one named like the template's sheet
  (“Roster”, “名单”) wherever it is;
- each sheet row is one line of the text, so a row's number is its number in the spreadsheet (empty rows are
  blank lines, which the roster counts and passes over: the header is the first row that is not empty);
- values as Excel stores them: text as it is, a number as Excel shows it without a format (12, 1.5), a date as
  YYYY-MM-DD (with the time when it has one), a boolean as TRUE / FALSE (the roster reads true / false as yes /
  no); a merged cell's value is in its first cell, the others are empty; formatting is ignored;
- a formula is never run, here or later: its cell is read as its text ("=A1+1"), like any other text, and an
  answer that is a formula is an invalid answer.
- .xls and WPS's .et (OLE2 compound files), a workbook protected by a password (also an OLE2 file, holding
  "EncryptionInfo"), a workbook with macros (.xlsm: a vbaProject part) and other spreadsheets (.ods) are
  refused with a message saying what to do (texts.ROSTER["file_errors"]).

Writing: the statement in the first row (one cell merged across the columns, wrapped: what a notice of 2022
said, that this site has not confirmed it still applies, the date of the check), then the header and the rows as
rosterresult.py's CSV result has them (the input's columns, the outcomes in words, measure_status, the problems,
the outcomes' codes), on one sheet; the header bold, frozen (with the statement) and filtered, columns as wide as
their text (up to a limit), rows with problems filled in a light red, their problems cell in bold. Every cell is written as text (a
string cell): a cell from the input that starts like a formula is shown as it was typed and never runs (it is
also marked "quote prefix", as Excel marks text typed with a leading apostrophe, so editing it keeps it text).
"""

from .rostercolumns import MAX_COLUMNS
from .rosterfile import FORMULA_START, RosterError, megabytes, no_gc

XLSX = "xlsx"
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .xlsx is an OLE2 file with these streams (MS-OFFCRYPTO), named in UTF-16.
ENCRYPTED_MARKS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
# The template's sheet, by language: a workbook's sheet of that name (either language) is read first.
SHEET_NAMES = {"en": "Roster", "zh": "名单"}
RESULT_SHEET = {"en": "Results", "zh": "结果"}
# Column widths, in characters (a Chinese character counts two): at least, at most.
MIN_WIDTH, MAX_WIDTH = 8, 60
# Rows looked at for the widths (the header and the first rows: enough to see what the columns hold).
WIDTH_ROWS = 500
# The statement's row: merged over the first columns up to about this many characters.
STATEMENT_WIDTH = 100
PROBLEM_FILL = "FFF2CC"  # light amber, as spreadsheets mark cells that need attention
# Cells of a workbook that are not text (dates, numbers, booleans) kept with their number format, so that the
# result shows them as the file did; beyond this many, the rest are written as the text the check read.
TYPED_KEPT = 200_000
# The template's drop-down lists reach down to this row (a roster of a few thousand employees fits).
TEMPLATE_ROWS = 5000
# The column guide's columns, at most this wide (the rest wraps).
GUIDE_WIDTH = 50
# The checked_on column's date, and a date cell of the input that had no number format of its own.
DATE_FORMAT = "yyyy-mm-dd"
PROBLEM_FONT = "9C0006"  # dark red

# Bounds on what a workbook unpacks to (issue 27), counted while the parts are inflated and parsed, never taken
# from the zip's directory: a 3 KB file can claim anything and unpack to gigabytes.
# - every part the reader opens, together, at most this many bytes unpacked;
MAX_UNPACKED = 256 * 1024 * 1024
# - a part other than the sheets and the shared strings (the workbook, its styles, [Content_Types].xml, ...);
MAX_PART = 16 * 1024 * 1024
# - bytes between two "<" of a part's XML: a cell's text (Excel's own limit is 32,767 characters, written at most
#   six bytes each as "&#xNNNN;"), an attribute, or whitespace;
MAX_RUN = 256 * 1024
# - a cell's text, in characters (Excel's limit);
MAX_CELL_CHARS = 32_767
# - cells in the sheet (empty ones that the file writes included), and strings in the shared strings part;
MAX_CELLS = 5_000_000
# - strings in the shared strings part (openpyxl holds them all in a list before the sheet is read);
MAX_STRINGS = 1_000_000
# - the sheet's rows as CSV text, in characters (the page's limit for a CSV file is 50 MiB).
MAX_TEXT = 64 * 1024 * 1024


def require_openpyxl():
    """openpyxl, or RosterError("no_openpyxl") (the command line's exit 2, in both languages)."""
    try:
        import openpyxl
    except ImportError:
        raise RosterError("no_openpyxl") from None
    return openpyxl


# --- reading ---------------------------------------------------------------------------------------------------


def workbook_kind(data):
    """Raise RosterError unless `data` is an .xlsx workbook the check reads; else its parts, as a Bounded archive
    (nothing is inflated here but the first 100 bytes of `mimetype` and [Content_Types].xml, both bounded)."""
    import io
    import zipfile

    if data.startswith(OLE2_MAGIC):
        raise RosterError("workbook_encrypted" if any(mark in data for mark in ENCRYPTED_MARKS) else "workbook_xls")
    try:
        archive = Bounded(zipfile.ZipFile(io.BytesIO(data)), len(data))
        names = set(archive.namelist())
        mimetype = b""
        # ODF's first part says what the file is, and ODF stores it uncompressed: only then is it read (100 bytes;
        # zipfile inflates a bzip2 part a whole block at a time, and 2 GB of zeros is one block).
        if "mimetype" in names and archive.zip.getinfo("mimetype").compress_type == zipfile.ZIP_STORED:
            with archive.zip.open("mimetype") as part:
                mimetype = part.read(100)
        types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except RosterError:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError, KeyError):
        raise RosterError("workbook") from None
    if b"opendocument" in mimetype:
        raise RosterError("workbook_other")
    if "xl/vbaProject.bin" in names or b"macroEnabled" in types:
        raise RosterError("workbook_macro")
    if "xl/workbook.xml" not in names:
        raise RosterError("workbook")
    return archive


def _tags():
    import re

    # A start tag the counts need (with or without a namespace prefix): a row, a cell, a shared string.
    return re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c|si)[\s/>]")


_TAGS = _tags()
_PREFIXED_SI = __import__("re").compile(rb"<[A-Za-z_][\w.-]*:si[\s/>]")


class Bounded:
    """A workbook's zip archive as openpyxl's reader uses it (namelist, read, open, close), where every part it
    opens is inflated as it is read and counted: bytes (MAX_UNPACKED in all, MAX_PART for a small part), the
    longest text between two tags (MAX_RUN), the sheet's cells and each row's (MAX_CELLS, MAX_COLUMNS) and the
    shared strings (MAX_CELLS); a DOCTYPE (entities: an XML bomb) or a part not in UTF-8 is a damaged workbook.
    Over a bound: RosterError with the bound and the figure. Parts openpyxl never opens are never inflated."""

    def __init__(self, archive, size):
        self.zip = archive
        self.filename = getattr(archive, "filename", None)
        self.size = size  # the file's, for messages
        self.unpacked = 0
        self.cells = 0
        self.strings = 0

    def namelist(self):
        return self.zip.namelist()

    def open(self, name, mode="r"):
        import zipfile

        # Excel, WPS and LibreOffice deflate their parts; zipfile inflates bzip2 and lzma a whole block at a time,
        # past any bound: such a part is not read.
        if self.zip.getinfo(name).compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise RosterError("workbook")
        return Part(self, name, self.zip.open(name))

    def read(self, name):
        with self.open(name) as part:
            return part.read()

    def close(self):
        self.zip.close()


class Part:
    """One part of a Bounded archive, counted as it is read (see Bounded)."""

    CHUNK = 64 * 1024

    def __init__(self, archive, name, stream):
        self.archive, self.name, self.stream = archive, name, stream
        self.sheet = "worksheets/" in name
        self.strings = name.endswith("sharedStrings.xml")
        self.limit = None if (self.sheet or self.strings) else MAX_PART
        self.read_here = 0
        self.run = 0  # bytes since the last "<"
        self.carry = b""  # an unfinished tag at the end of the last piece
        self.row_cells = 0
        self.first = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self.stream.close()

    def read(self, size=-1):
        if size is None or size < 0:
            pieces = []
            while True:
                piece = self.read(self.CHUNK)
                if not piece:
                    return b"".join(pieces)
                pieces.append(piece)
        piece = self.stream.read(min(size, self.CHUNK) or 1)
        if piece:
            self._count(piece)
        return piece

    def _refuse(self, code, **values):
        raise RosterError(code, **values)

    def _count(self, piece):
        archive = self.archive
        archive.unpacked += len(piece)
        self.read_here += len(piece)
        if archive.unpacked > MAX_UNPACKED or (self.limit is not None and self.read_here > self.limit):
            self._refuse("workbook_unpacked", size=megabytes(archive.size),
                         limit=megabytes(MAX_UNPACKED if archive.unpacked > MAX_UNPACKED else self.limit),
                         part=self.name)
        if self.first:
            self.first = False
            if piece.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in piece[:4]:
                raise RosterError("workbook")  # Excel writes UTF-8; anything else is made to mislead a check
        buffer = self.carry + piece
        last = buffer.rfind(b"<")
        if last < 0:
            self.run += len(piece)
            cut = len(buffer)
        else:
            first = buffer.find(b"<")
            longest = max(self.run + first, max(map(len, buffer[first:last].split(b"<"))) if last > first else 0)
            self.run = len(buffer) - last
            if longest > MAX_RUN:
                self._long()
            cut = last if len(buffer) - last < 64 else len(buffer)
        if self.run > MAX_RUN:
            self._long()
        scan, self.carry = buffer[:cut], buffer[cut:]
        if b"<!" in scan and (b"<!DOCTYPE" in scan or b"<!ENTITY" in scan):
            raise RosterError("workbook")  # no workbook has a DTD: entities are how XML bombs are built
        if self.sheet or self.strings:
            self._tags(scan)

    def _long(self):
        self._refuse("workbook_long_text", limit=f"{MAX_CELL_CHARS:,}", part=self.name)

    def _tags(self, scan):
        archive = self.archive
        cells = row_cells = 0
        if self.strings:
            archive.strings += scan.count(b"<si>") + scan.count(b"<si ") + len(_PREFIXED_SI.findall(scan))
            if archive.strings > MAX_STRINGS:
                self._refuse("workbook_strings", limit=f"{MAX_STRINGS:,}")
            return
        for match in _TAGS.finditer(scan):
            tag = match.group(1)
            if tag == b"row":
                row_cells = 0
                self.row_cells = 0
            elif (tag == b"c" and self.sheet) or (tag == b"si" and self.strings):
                cells += 1
                self.row_cells += 1
                if self.sheet and self.row_cells > MAX_COLUMNS:
                    self._refuse("workbook_columns", limit=f"{MAX_COLUMNS:,}")
        archive.cells += cells
        if archive.cells > MAX_CELLS:
            self._refuse("workbook_cells", limit=f"{MAX_CELLS:,}")


def _sheet(workbook):
    """The worksheet to read: the one named like the template's (either language), else the first worksheet."""
    wanted = {name.casefold() for name in SHEET_NAMES.values()}
    sheets = workbook.worksheets
    for sheet in sheets:
        if sheet.title.strip().casefold() in wanted:
            return sheet
    return sheets[0] if sheets else None


def cell_text(value):
    """A cell's value as the roster reads it (see the module's docstring)."""
    import datetime

    if value is None:
        return ""
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    elif isinstance(value, int):
        return str(value)
    elif isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    elif isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    elif isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    elif isinstance(value, datetime.timedelta):
        return str(value)
    else:  # an array formula (its text), or anything newer openpyxl gives
        text = getattr(value, "text", None)
        text = text if isinstance(text, str) else str(value)
    # Control characters cannot be in the roster's text (rosterfile refuses them): Excel escapes them anyway.
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def _control():
    import re

    return re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


_CONTROL = _control()


class Typed:
    """A workbook's cell that is not text: its value, the text the check read from it (cell_text) and its
    number format. The result workbook writes the value back with its format where the row's cell still holds
    that text (roster.Roster._typed_cells)."""

    __slots__ = ("value", "text", "number_format")

    def __init__(self, value, text, number_format):
        self.value, self.text, self.number_format = value, text, number_format


class WorkbookText(str):
    """The sheet's text, with `typed`: {sheet row: {column index: Typed}}."""

    typed = None


def workbook_text(data):
    """(text, "xlsx"): the sheet's rows as CSV text, one line per sheet row (a WorkbookText: with the cells that
    are not text, `typed`). Raises RosterError."""
    import csv
    import io
    import warnings
    import zipfile

    data = bytes(data)
    archive = workbook_kind(data)
    require_openpyxl()
    try:
        with warnings.catch_warnings(), no_gc():
            warnings.simplefilter("ignore")  # openpyxl's warnings about parts it ignores (data validation, ...)
            # openpyxl.load_workbook, with the archive counted as it is read (Bounded).
            from openpyxl.reader.excel import ExcelReader

            reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=False)
            reader.archive = archive
            reader.valid_files = archive.namelist()
            reader.read()
            workbook = reader.wb
            sheet = _sheet(workbook)
            if sheet is None:
                raise RosterError("workbook_empty", sheet="")
            title = sheet.title
            # Rows as the file has them (not padded to the sheet's stated size: formatted cells can make it huge).
            sheet.reset_dimensions()
            out = io.StringIO()
            writerow = csv.writer(out, lineterminator="\n").writerow
            typed, kept, size = {}, 0, 0
            for number, row in enumerate(sheet.iter_rows(), 1):
                cells = []
                for column, cell in enumerate(row):
                    value = cell.value
                    if value is None or type(value) is str:
                        if value is not None and len(value) > MAX_CELL_CHARS:
                            raise RosterError("workbook_long_text", limit=f"{MAX_CELL_CHARS:,}", part=title)
                        cells.append(cell_text(value))
                        continue
                    text = cell_text(value)
                    cells.append(text)
                    if kept < TYPED_KEPT:
                        typed.setdefault(number, {})[column] = Typed(value, text, cell.number_format)
                        kept += 1
                while cells and not cells[-1]:
                    cells.pop()
                if cells:
                    size += sum(map(len, cells)) + len(cells)
                    if size > MAX_TEXT:  # shared strings used again and again: small parts, a huge sheet
                        raise RosterError("workbook_unpacked", size=megabytes(len(data)),
                                          limit=megabytes(MAX_TEXT), part=title)
                    writerow(cells)
                else:
                    out.write("\n")
            title = sheet.title
            workbook.close()
    except RosterError:
        raise
    except MemoryError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError, AttributeError,
            IndexError, SyntaxError) as error:  # a part missing or broken (xml.etree's ParseError is a SyntaxError)
        raise RosterError("workbook") from error
    text = WorkbookText(out.getvalue())
    if not text.strip():
        raise RosterError("workbook_empty", sheet=title)
    text.typed = typed
    return text, XLSX


# --- writing ---------------------------------------------------------------------------------------------------


class Rows(list):
    """One piece of a workbook result: rows as lists of cells, None for a blank row (rosterresult.ResultFile._sink)."""

    def write(self, _line_end):
        self.append(None)

    def getvalue(self):
        return self


def _width(text):
    import unicodedata

    longest = 0
    for line in text.split("\n"):
        wide = sum(1 for ch in line if unicodedata.east_asian_width(ch) in "WF")
        longest = max(longest, len(line) + wide)
    return longest


def _widths(rows, count):
    widths = [MIN_WIDTH] * count
    for row in rows:
        for index, cell in enumerate(row):
            if cell:
                text = cell if isinstance(cell, str) else getattr(cell, "text", None) or str(cell)
                widths[index] = max(widths[index], min(MAX_WIDTH, _width(text) + 2))
    return widths


def _text_cell(sheet, value, font=None, fill=None):
    """A cell that holds `value` as text, whatever it looks like ("=1+1", "#N/A", "TRUE")."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet)
    cell._value = value
    cell.data_type = "s"
    if value.startswith(FORMULA_START):
        cell.quotePrefix = True
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    return cell


def _needs_cell(value):
    # openpyxl takes a string starting with "=" for a formula and one of its error codes for an error; a value of
    # the input that is not text (Typed: a date, a number) is written with its number format. The date of the
    # check needs nothing: openpyxl writes a date as a date, formatted yyyy-mm-dd.
    kind = type(value)
    if kind is str:
        return value.startswith(FORMULA_START) or value.startswith("#")
    return kind is not _DATE


def _date_type():
    import datetime

    return datetime.date


_DATE = _date_type()


def _cell(sheet, value, fill=None, link=False):
    """A result cell: text as text (_text_cell); a workbook's typed value (Typed) as it was, with its number
    format; the date of the check as a date; an address as a link (`link`, when it is absolute)."""
    import datetime

    from openpyxl.cell import WriteOnlyCell

    if type(value) is str:
        cell = _text_cell(sheet, value, fill=fill)
        if link and value.startswith(("https://", "http://")):
            cell.hyperlink = value
            cell.style = "Hyperlink"
            if fill is not None:
                cell.fill = fill
        return cell
    if isinstance(value, Typed):
        cell = WriteOnlyCell(sheet, value=value.value)
        if value.number_format and value.number_format != "General":
            cell.number_format = value.number_format
        elif isinstance(value.value, (datetime.date, datetime.time)):
            cell.number_format = DATE_FORMAT
    else:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, datetime.date):
            cell.number_format = DATE_FORMAT
    if fill is not None:
        cell.fill = fill
    return cell


def write_workbook(roster):
    """The result workbook of a judged roster, as bytes."""
    import io

    openpyxl = require_openpyxl()
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    header = roster.output_header()
    rows = [row for piece in roster._pieces for row in piece]
    roster._pieces = []
    count = len(header)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(RESULT_SHEET[roster.lang])
    widths = _widths([header] + [r for r in rows[:WIDTH_ROWS] if r], count)
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    # The statement over the header: frozen with it, so it stays in view; the filter is the header's.
    sheet.freeze_panes = "A3"
    last_row = 2 + len(rows)
    sheet.auto_filter.ref = f"A2:{get_column_letter(count)}{last_row}"
    _append_statement(sheet, roster.statement(), count, widths)
    bold = Font(bold=True)
    sheet.append([_text_cell(sheet, value, font=bold) for value in header])
    with no_gc():
        _append_rows(sheet, rows, roster.errors_index, roster.next_index + 2)
        out = io.BytesIO()
        workbook.save(out)
    return out.getvalue()


def _append_statement(sheet, text, count, widths):
    """The statement's row: one cell, merged across the result's columns, wrapped, tall enough to read."""
    from openpyxl.styles import Alignment, Font

    # Across the first columns, about a screen wide (a cell merged over every column would run off the screen).
    last, span = 1, widths[0] if widths else MIN_WIDTH
    while last < count and span < STATEMENT_WIDTH:
        span += widths[last]
        last += 1
    if last > 1:
        from openpyxl.utils import get_column_letter

        sheet.merged_cells.add(f"A1:{get_column_letter(last)}1")
    lines = -(-_width(text) // span) + 1
    sheet.row_dimensions[1].height = 15 * min(lines, 12)
    cell = _text_cell(sheet, text, font=Font(bold=True))
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.append([cell])


def _append_rows(sheet, rows, errors, link):
    """The result's rows: a row with problems (its cell `errors` not empty) marked; a cell openpyxl would take for
    a formula, as text; a date or number as such (_cell); the full result's address (column `link`) a link."""
    from openpyxl.styles import Font, PatternFill

    problem_fill = PatternFill("solid", fgColor=PROBLEM_FILL)
    problem_font = Font(bold=True, color=PROBLEM_FONT)
    append = sheet.append
    for row in rows:
        if row is None:
            append([])
        elif row[errors]:  # the problems cell: the row is marked
            cells = [_cell(sheet, value, fill=problem_fill) for value in row]
            cells[errors] = _text_cell(sheet, row[errors], font=problem_font, fill=problem_fill)
            append(cells)
        else:
            # An empty cell is not written at all (None): a third of a result's cells, and the time they take.
            cells = [None if value == "" else _cell(sheet, value) if _needs_cell(value) else value for value in row]
            if row[link]:
                cells[link] = _cell(sheet, row[link], link=True)
            append(cells)


def template_workbook(rows, lang, lists=None, prompts=None, guide=None):
    """The template as a workbook: the rows as text, the header bold and frozen, the sheet named for reading.

    `lists`: {column index: [answers]}, each answer column's drop-down list (Excel data validation, the list
    written in the rule itself, so that it needs no other sheet; blank cells allowed); `prompts`: {column index:
    (title, text)}, the input message shown when a cell of the column is selected, and (title, text) under the key
    "error" for an answer typed that is not on the list; `guide`: the second sheet, the column guide, as
    (sheet name, rows), its first row the headings."""
    import io

    openpyxl = require_openpyxl()
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    import datetime

    workbook = openpyxl.Workbook()
    # A fixed date in the document's properties: the same texts make the same file.
    workbook.properties.created = workbook.properties.modified = datetime.datetime(2020, 1, 1)
    sheet = workbook.active
    sheet.title = SHEET_NAMES[lang]
    for index, width in enumerate(_widths(rows, len(rows[0])), 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    for number, row in enumerate(rows, 1):
        for column, value in enumerate(row, 1):
            cell = sheet.cell(row=number, column=column)
            cell.value = value
            cell.data_type = "s"
            if number == 1:
                cell.font = bold
    prompts = prompts or {}
    error_title, error_text = prompts.get("error", (None, None))
    for column, answers in (lists or {}).items():
        letter = get_column_letter(column + 1)
        rule = DataValidation(type="list", formula1='"' + ",".join(answers) + '"', allow_blank=True,
                              showDropDown=False, showInputMessage=True, showErrorMessage=True,
                              errorStyle="stop", errorTitle=error_title, error=error_text)
        if column in prompts:
            rule.promptTitle, rule.prompt = prompts[column]
        rule.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
        sheet.add_data_validation(rule)
    if guide is not None:
        name, guide_rows = guide
        page = workbook.create_sheet(name)
        for row in guide_rows:
            page.append(row)
        for cell in page[1]:
            cell.font = bold
        for index, width in enumerate(_widths(guide_rows, max(len(r) for r in guide_rows)), 1):
            page.column_dimensions[get_column_letter(index)].width = min(width, GUIDE_WIDTH)
        for row in page.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        page.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
