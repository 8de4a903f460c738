"""The roster's file as bytes and text: its encoding, its records and the lines they start on, and cells that are
safe to write back. roster.py judges what this module reads.

    text, encoding = decode(data)    bytes as saved (or text) -> text; RosterError for a file that is not text
                                     (a workbook is read by rosterbook.py into the same text: encoding "xlsx")
    Text(text)                       where the content starts and ends (blank lines around it cost nothing)
    text.reader(separator)           csv records, fed line by line: nothing is copied whole
    text.scan(separator, header)     the first pass: how many rows, and a quote that never closes
    safe_cells(cells)                cells a spreadsheet will not run as formulas

Memory: a file is held as its text once (and, by the caller, as its bytes). The csv reader is fed pieces of about
a megabyte (an io.StringIO of the whole text would hold it a second time, four bytes a character), and no record
is kept: the first pass counts, the second (roster.Roster.judge) reads again and writes each row out at once. The
csv module's limit on a cell (131,072 characters) stays: a quote that never closes is found without reading the
rest of the file into one cell.

Everything here is also reported in both languages (texts.ROSTER["file_errors"]): a file in two encodings says
which line first fails, and a quote that never closes says the line it opens on.
"""

import operator

from . import texts

LANGUAGES = ("en", "zh")
BOM = "\ufeff"
# .xlsx (a zip) and .xls (an OLE2 compound file).
WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
# Control characters (other than tab and line ends) are never in a CSV file, often in binary ones. In UTF-8 and
# GB18030 every byte below 0x80 is the ASCII character, so the bytes can be checked before decoding.
CONTROL = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
# Fed to the csv reader after the last line: it cannot be in the text (a control character), so a record that
# ends with it is one whose quote never closed (the reader took it into the open cell).
SENTINEL = "\x1f"
# Characters per piece handed to the csv reader.
PIECE = 1 << 20
# The names of encodings in messages.
ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "gb18030": "GB18030 (GBK)"}
# OWASP, CSV injection: a cell starting with one of these is a formula (or part of one) to Excel, WPS and
# LibreOffice; a leading apostrophe makes it text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
WHITESPACE = " \t\r\n"


class RosterError(Exception):
    """The file cannot be judged at all: `code` (a key of texts.ROSTER["file_errors"]) and its message."""

    def __init__(self, code, **values):
        super().__init__(code)
        self.code = code
        # Each value is a string, or a dict by language (lists are written in each language's way).
        self.values = values

    def message(self, lang):
        values = {k: (v[lang] if isinstance(v, dict) else v) for k, v in self.values.items()}
        return texts.fill(texts.ROSTER["file_errors"][self.code][lang], **values)

    def to_dict(self):
        return {"code": self.code, "message": {lang: self.message(lang) for lang in LANGUAGES}}

    def __str__(self):
        return self.message("en")


def megabytes(size):
    """A file's size as messages write it: "0.3 MB", "49 MB"."""
    value = size / 1_000_000
    return f"{value:.1f} MB" if value < 10 else f"{value:.0f} MB"


class no_gc:
    """No cyclic garbage collection while a long file is read, judged or written.

    Every row makes a few lists and dicts (openpyxl a few objects per cell), none in a reference cycle; with
    the collector on, its passes over them take more time than the work itself (in Pyodide most of all).
    """

    def __enter__(self):
        import gc

        self.enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc):
        import gc

        if self.enabled:
            gc.enable()


# --- bytes to text -------------------------------------------------------------------------------------------


def decode(data):
    """(text, encoding) for the bytes of a file; raises RosterError for an empty, binary or mixed file."""
    import re

    if isinstance(data, str):
        text, encoding = data, "text"
        if text.startswith(BOM):
            text = text[1:]
    else:
        data = bytes(data)
        if re.fullmatch(rb"[ \t\r\n\x0b\x0c]*", data):
            raise RosterError("empty")
        if data.startswith(b"\xef\xbb\xbf"):
            text, encoding = _decode_marked(data, 3, "utf-8"), "utf-8-sig"
        elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
            codec = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
            text, encoding = _decode_marked(data, 2, codec), "utf-16"
        elif data.startswith(WORKBOOK_MAGIC):
            from .rosterbook import workbook_text  # openpyxl: imported only for a workbook

            return workbook_text(data)
        elif re.search(CONTROL.encode(), data):
            raise RosterError("not_text")
        else:
            text, encoding = _decode_unmarked(data)
    if re.search(CONTROL, text):
        raise RosterError("not_text")
    if re.match(r"[\s\ufeff]*\Z", text):
        raise RosterError("empty")
    return text, encoding


def _decode_marked(data, skip, codec):
    """The text of a file that says its encoding (a byte order mark): one that does not keep to it mixes two."""
    try:
        return data[skip:].decode(codec)
    except UnicodeDecodeError as error:
        bad = error.start
    body = data[skip:]
    if codec == "utf-8":
        if _control_bytes(body):
            raise RosterError("not_text")
        line = _line_at(body, bad)
        name = ENCODING_NAMES["utf-8"]
    else:  # UTF-16: count the lines in the text before the bad code unit
        line = _line_of(body[:bad - bad % 2].decode(codec))
        name = ENCODING_NAMES["utf-16"]
    raise RosterError("mixed_encoding", encoding=name, line=str(line))


def _decode_unmarked(data):
    """UTF-8, else GB18030: a Chinese GBK file is almost never valid UTF-8, and a UTF-8 file always is.

    When neither reads the whole file, it mixes the two (rows pasted from another file): the first line with
    non-ASCII characters says which encoding the file is in, and the message names the first line that is not.
    Only a file that fails pays for looking at its lines.
    """
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        bad = error.start
    lines = _non_ascii_lines(data)
    if _looks_utf8(next(lines)[1]):
        raise RosterError("mixed_encoding", encoding=ENCODING_NAMES["utf-8"], line=str(_line_at(data, bad)))
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as error:
        bad = _line_at(data, error.start)
    # The first line before it that is UTF-8 (GB18030 reads most UTF-8, wrongly) is the likelier culprit.
    for number, line in lines:
        if number >= bad:
            break
        if _looks_utf8(line):
            bad = number
            break
    raise RosterError("mixed_encoding", encoding=ENCODING_NAMES["gb18030"], line=str(bad))


def _looks_utf8(line):
    """Valid UTF-8 with a character of three bytes or more (Chinese is): GBK text almost never is."""
    import re

    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return re.search(rb"[\xe0-\xf4][\x80-\xbf]{2}", line) is not None


def _non_ascii_lines(data):
    """(line number, bytes) of each line with a byte that is not ASCII, in order."""
    import re

    non_ascii, line_end = re.compile(rb"[\x80-\xff]"), re.compile(rb"[\r\n]")
    number, counted, position = 1, 0, 0
    while True:
        found = non_ascii.search(data, position)
        if found is None:
            return
        start = max(data.rfind(b"\n", 0, found.start()), data.rfind(b"\r", 0, found.start())) + 1
        end = line_end.search(data, found.start())
        end = len(data) if end is None else end.start()
        number, counted = _line_at(data, start, counted, number), start
        yield number, data[start:end]
        position = end


def _control_bytes(data):
    import re

    return re.search(CONTROL.encode(), data) is not None


def _line_at(data, position, start=0, line=1):
    """The line that a byte position is on (lines ending in CR LF, LF or CR), counting on from `line` at `start`."""
    return line + data.count(b"\n", start, position) + data.count(b"\r", start, position) - data.count(
        b"\r\n", start, position)


def _line_of(text_before):
    return text_before.count("\n") + text_before.count("\r") - text_before.count("\r\n") + 1


def _breaks(cells):
    """Line ends inside cells (quoted cells keep theirs)."""
    return sum(_line_of(cell) - 1 for cell in cells)


# --- the text ------------------------------------------------------------------------------------------------


class Layout:
    """What the first pass found: `rows` (after the header, up to the last row that is not blank, or up to the
    row with a quote that never closes), and `unclosed` (None, or (index, line, cells before the open one))."""

    __slots__ = ("rows", "unclosed")

    def __init__(self, rows, unclosed):
        self.rows = rows
        self.unclosed = unclosed


def _bounded(lines, separator, before):
    """The lines, except that one with more cells than a result has room for (rostercolumns.MAX_COLUMNS: its
    separators counted, quoted ones too) is RosterError("too_many_columns"), before the csv module makes a list
    of its cells (49 million commas in one line were a gigabyte)."""
    from .rostercolumns import MAX_COLUMNS

    for number, line in enumerate(lines, before + 1):
        if len(line) > MAX_COLUMNS and line.count(separator) >= MAX_COLUMNS:
            raise RosterError("too_many_columns", line=str(number), count=f"{line.count(separator) + 1:,}",
                              limit=f"{MAX_COLUMNS:,}")
        yield line


class Text:
    """A file's text, with where its content starts and ends: blank lines before and after it are never parsed."""

    def __init__(self, text):
        import re

        self.text = text
        blank = re.compile("[ \t\r\n]*").match(text).end()
        # The content starts at the beginning of the line with the first character that is not blank.
        self.start = max(text.rfind("\n", 0, blank), text.rfind("\r", 0, blank)) + 1
        # The lines before it, also the records before it: each is one blank line.
        self.lines_before = text.count("\n", 0, self.start) + text.count("\r", 0, self.start) - text.count(
            "\r\n", 0, self.start)
        self.end = self._end()

    def _end(self):
        """Just after the line end that follows the last character that is not blank (or the end of the text)."""
        text, end = self.text, len(self.text)
        while end > self.start:
            piece = text[max(self.start, end - PIECE):end]
            kept = piece.rstrip(WHITESPACE)
            if kept:
                last = end - len(piece) + len(kept)
                break
            end -= len(piece)
        else:
            return self.start
        for ending in ("\r\n", "\n", "\r"):
            if text.startswith(ending, last):
                return last + len(ending)
        return last

    def _pieces(self):
        import io

        text, start, end = self.text, self.start, self.end
        while start < end:
            # Cut after a line end, so that no line is split: LF (CR LF ends with it), else a lone CR.
            stop = text.find("\n", start + PIECE, end)
            if stop < 0:
                stop = text.find("\r", start + PIECE, end)
            stop = end if stop < 0 else stop + 1
            yield io.StringIO(text[start:stop], newline="")
            start = stop

    def reader(self, separator, sentinel=False):
        """A csv reader over the content, line by line (its line_num counts lines from the content's start)."""
        import csv
        import itertools

        lines = _bounded(itertools.chain.from_iterable(self._pieces()), separator, self.lines_before)
        if sentinel:
            lines = itertools.chain(lines, (SENTINEL,))
        return csv.reader(lines, delimiter=separator, strict=False)

    def first_record(self, separator):
        """(index, cells) of the first record that is not blank, counted from the content's start."""
        import csv

        try:
            for index, record in enumerate(self.reader(separator)):
                if record and "".join(record).strip():
                    return index, record
        except csv.Error:
            pass
        return None, []

    def scan(self, separator, header):
        """The first pass over every record (none is kept): a Layout. `header` is the header's index.

        A quote that never closes takes the rest of the file into its cell: the sentinel ends up in it, or, past
        the csv module's limit on a cell (131,072 characters), the reader stops, and the quote is looked for.
        Raises RosterError for such a quote in the header, and for a record that cannot be read otherwise.
        """
        import csv

        reader = self.reader(separator, sentinel=True)
        last = -1  # the last row that is not blank, counted from the first row after the header
        line = 0  # lines read, up to the end of the record before
        number = -1
        try:
            for number, record in enumerate(reader):
                if record and record[-1].endswith(SENTINEL):
                    if record == [SENTINEL] and reader.line_num == line + 1:
                        break  # the sentinel on its own line: every quote closed
                    opened = self.lines_before + line + 1 + _breaks(record[:-1])
                    return self._unclosed(number, header, opened, record[:-1])
                if number > header and record and "".join(record).strip():
                    last = number - header - 1
                line = reader.line_num
        except csv.Error:
            start = self._offset_of_line(line)
            quote = self._open_quote(start, separator)
            if quote is None:
                raise RosterError("not_csv", line=str(self.lines_before + line + 1),
                                  row=str(self.lines_before + number + 2)) from None
            opened = self.lines_before + line + _line_of(self.text[start:quote])
            return self._unclosed(number + 1, header, opened, self._cells_before(start, quote, separator))
        return Layout(last + 1, None)

    @staticmethod
    def _unclosed(number, header, line, cells):
        if number <= header:
            raise RosterError("unclosed_quote", line=str(line))
        return Layout(number - header, (number - header - 1, line, cells))

    def _offset_of_line(self, lines):
        """Where the content's line after `lines` lines starts (counted in pieces, then line by line)."""
        text, position = self.text, self.start
        while lines:
            stop = min(self.end, position + PIECE)
            if text.startswith("\n", stop) and text.startswith("\r", stop - 1):
                stop += 1  # never between the CR and the LF of one line end
            inside = text.count("\n", position, stop) + text.count("\r", position, stop) - text.count(
                "\r\n", position, stop)
            if inside >= lines or stop >= self.end:
                break
            lines -= inside
            position = stop
        while lines and position < self.end:
            lf, cr = text.find("\n", position, self.end), text.find("\r", position, self.end)
            ends = [i for i in (lf, cr) if i >= 0]
            if not ends:
                return self.end
            position = min(ends) + (2 if text.startswith("\r\n", min(ends)) else 1)
            lines -= 1
        return position

    def _open_quote(self, start, separator):
        """The offset of a quote that opens a cell of the record at `start` and never closes, or None.

        Read as the csv module reads (a quote opens a cell only at its start; two quotes inside are one).
        """
        import re

        text, end, position = self.text, self.end, start
        boundary = re.compile("[" + re.escape(separator) + "\r\n]")
        at_start = True
        while position < end:
            if at_start and text.startswith('"', position):
                quote, position = position, position + 1
                while True:
                    close = text.find('"', position, end)
                    if close < 0:
                        return quote
                    position = close + 1
                    if not text.startswith('"', position):
                        break
                    position += 1
            found = boundary.search(text, position, end)
            if found is None or found.group() != separator:
                return None  # the record ends with every quote closed
            position, at_start = found.end(), True
        return None

    def _cells_before(self, start, quote, separator):
        """The cells of a record before the cell whose quote never closes."""
        import csv
        import io

        if quote == start:
            return []
        return next(csv.reader(io.StringIO(self.text[start:quote], newline=""), delimiter=separator,
                               strict=False))[:-1]


# --- cells out -----------------------------------------------------------------------------------------------


def safe_cells(cells):
    """The cells as they are, except where a spreadsheet could start a formula.

    OWASP's guidance on CSV injection: `=`, `+`, `-`, `@`, tab and carriage return at the start of a cell get a
    leading apostrophe. And because a spreadsheet may split the file at another separator than the one it was
    written with (a tab-separated result opened in a comma locale splits at the commas inside a cell; a comma
    file in a semicolon locale at the semicolons), the same characters after any separator a spreadsheet splits
    on (`,` `;` tab, and a line break), past spaces and quotes, get one too: `E2,=HYPERLINK(…)` is written
    `E2,'=HYPERLINK(…)` (issue 27). Returns the same list when no cell needs it (almost always: one pass).
    """
    if any(map(_formula, cells)) or _INNER.search(_JOIN.join(cells)):
        return [safe_cell(cell) for cell in cells]
    return cells


_formula = operator.methodcaller("startswith", FORMULA_START)


def _inner():
    import re

    return re.compile("([,;\t\r\n][ \"]*)(?=[=+\\-@\t\r])")


# A separator a spreadsheet may split a line at (or a line break), then spaces or quotes, then a formula's start.
_INNER = _inner()
_JOIN = "\x00"  # never in a cell (control characters are refused), so never makes a match across two cells


def safe_cell(cell):
    if _INNER.search(cell):
        cell = _INNER.sub("\\1'", cell)
    return "'" + cell if cell.startswith(FORMULA_START) else cell
