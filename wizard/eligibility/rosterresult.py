"""The roster's result: what a judged row's cells say, and the result file, as CSV or as a workbook.

    result_label(key, code, lang)      a result cell: the code (English) or the result's label (Chinese)
    status_cell(outcomes, lang)        a row's measure_status cell: each measure's status, in words
    status_summary(status, lang)       the same for the status file's measures (the command line, the page)
    ResultFile                         roster.Roster's methods that write its result:
        output_header()                the result's header
        csv_text(), csv_bytes()        the result as CSV (bytes: UTF-8 with a byte order mark, Excel opens it right)
        stream()                       the same bytes, piece by piece as it is judged (the command line)
        xlsx_bytes()                   the result as a workbook (Roster(..., output="xlsx"); rosterbook.py)
        result_bytes()                 the result in the roster's output format

The result has the input's columns, then one column per outcome (English: the outcome key, holding the
result code; Chinese: the outcome's label, holding the result's label), then the row's errors (column:
message, in the chosen language). Every row in gives one row out, in order; a blank row stays a blank row,
written as an empty line (blank rows at the end of the file are left out). The separator is the input's. A cell
copied from the file that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage
return) is written with a leading apostrophe (OWASP, CSV injection); what the engine writes is not changed.

Roster.judge writes each piece of the result (`_sink`: CSV text, or a workbook's rows) as it judges; the
pieces are kept in `roster._pieces` until the file is put together, or, streamed, given away one by one.
csv and io are imported when a result is written; openpyxl (rosterbook.py) only for a workbook.
"""

from . import texts
from .rostercolumns import ERRORS, MEASURE_STATUS, OUTCOME_KEYS, column_label
from .rosterfile import BOM, safe_cells
from .rules import NOT_IN_FORCE

# The result's formats; a workbook read is "encoding" XLSX.
CSV, XLSX = "csv", "xlsx"
OUTPUTS = (CSV, XLSX)
# Rows the browser judges between two progress messages (and rows judged into one piece of a streamed result).
CHUNK = 2000


def result_label(key, code, lang):
    """What a result cell holds: the code (English) or the result's label (Chinese)."""
    if lang == "en":
        return code
    if code == NOT_IN_FORCE:
        return texts.NOT_IN_FORCE["label"][lang]
    return texts.OUTCOMES[key]["results"][code]["label"][lang]


def status_cell(outcomes, lang):
    """The measures' status for one row, in words: "Not confirmed (last confirmed: never): measures 1, 2, …"."""
    groups = {}
    for key in OUTCOME_KEYS:
        outcome = outcomes[key]
        groups.setdefault((outcome["status"], outcome["checked"]), []).append(str(outcome["measure"]))
    return texts.ROSTER["status_separator"][lang].join(
        _status_group(status, checked, numbers, lang) for (status, checked), numbers in groups.items()
    )


def _status_group(status, checked, numbers, lang):
    when = checked or texts.ROSTER["never_checked"][lang]
    return texts.fill(texts.ROSTER["status_cell"][lang], status=texts.STATUS_LABELS[status][lang],
                      checked=when, measures=texts.ROSTER["list_separator"][lang].join(numbers))


def status_summary(status_table, lang):
    """The status file's measures in words, and where to check them (the command line's summary, the page)."""
    outcomes = {key: {"status": m.status, "measure": m.number,
                      "checked": m.checked.isoformat() if m.checked else ""}
                for key, m in status_table.measures.items()}
    return texts.fill(texts.ROSTER["status_summary"][lang], status=status_cell(outcomes, lang))


class ResultFile:
    """The result file of a roster.Roster (its base class). What it reads of the roster: `header`, `keep` (the
    input's columns copied), `lang`, `output` (CSV or XLSX), `separator`, `finished`, `judge` / `_judge_piece`
    (to judge the rows left) and `_pieces` (the result's rows, a piece per judging)."""

    def output_header(self):
        return (
            [self.header[i] for i in self.keep]
            + [column_label(key, self.lang) for key in OUTCOME_KEYS]
            + [column_label(MEASURE_STATUS, self.lang), column_label(ERRORS, self.lang)]
        )

    def _sink(self):
        """(piece, write(row)) for one piece of the result: CSV text, where a cell a spreadsheet would run as a
        formula gets its apostrophe (safe_cells); or, for a workbook, the rows as lists (a blank row: None)."""
        if self.output == XLSX:
            from .rosterbook import Rows

            rows = Rows()
            return rows, rows.append
        import csv
        import io

        out = io.StringIO()
        writerow = csv.writer(out, delimiter=self.separator, lineterminator="\r\n").writerow
        return out, lambda row: writerow(safe_cells(row))

    def _header_text(self):
        import csv
        import io

        out = io.StringIO()
        csv.writer(out, delimiter=self.separator, lineterminator="\r\n").writerow(safe_cells(self.output_header()))
        return out.getvalue()

    def csv_text(self):
        """The result as CSV text (no BOM), judging whatever rows are left."""
        if not self.finished:
            self.judge(table=False)
        return self._header_text() + "".join(self._pieces)

    def csv_bytes(self):
        """The result file: UTF-8 with a byte order mark, so that Excel reads it as UTF-8."""
        if not self.finished:
            self.judge(table=False)
        return b"".join([(BOM + self._header_text()).encode("utf-8", "backslashreplace")]
                        + [piece.encode("utf-8", "backslashreplace") for piece in self._pieces])

    def stream(self):
        """The result file piece by piece, judging the rows left as it goes, each piece let go once given: the
        command line writes them to a file as they come, so the result is never held whole. Once."""
        yield (BOM + self._header_text()).encode("utf-8", "backslashreplace")
        pieces = self._pieces
        while True:
            while pieces:
                yield pieces.pop(0).encode("utf-8", "backslashreplace")
            if self.finished:
                return
            self._judge_piece(CHUNK, table=False)

    def xlsx_bytes(self):
        """The result as a workbook (output="xlsx"): the header frozen, bold and filtered, problem rows marked,
        every cell from the file written as text. Judges whatever rows are left."""
        if self.output != XLSX:
            raise ValueError("xlsx_bytes needs Roster(..., output='xlsx')")
        from .rosterbook import write_workbook

        if not self.finished:
            self.judge(table=False)
        return write_workbook(self)

    def result_bytes(self):
        """The result file in the roster's output format."""
        return self.xlsx_bytes() if self.output == XLSX else self.csv_bytes()
