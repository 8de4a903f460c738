"""The roster's result: what a judged row's cells say, and the result file, as CSV or as a workbook.

    result_label(key, code, lang)      a result cell: the result's label (what the 2022 notice provided)
    status_cell(outcomes, lang)        a row's measure_status cell: each measure's status, in words
    statement(status, lang, day)       the result's statement: the banner's words, the date of the check
    ResultFile                         roster.Roster's methods that write its result:
        output_header()                the result's header
        csv_text(), csv_bytes()        the result as CSV (bytes: UTF-8 with a byte order mark, Excel opens it right)
        stream()                       the same bytes, piece by piece as it is judged (the command line)
        xlsx_bytes()                   the result as a workbook (Roster(..., output="xlsx"); rosterbook.py)
        result_bytes()                 the result in the roster's output format

The result, in both languages and both formats:
- its first line is the statement (one cell): the banner's words for the measures' status (texts.CURRENCY: what a
  notice of 2022 said, that this site has not confirmed it still applies, where to check), the date of the check
  (currency.worked_out) and, when this site has confirmed or ended a measure, each measure's status; the command
  line's summary and the roster page say the same. A program reading the file skips that one line (pandas:
  `skiprows=1`); the roster itself passes over it when a result is checked again;
- then the header, and one row per row in, in order: the input's columns; one column per outcome, headed by the
  outcome's label and holding the result's label in the chosen language (words, framed by the 2022 notice: never
  a code); each employee's next steps (NEXT_KEYS, issue 26): the documents the 2022 notice named for the
  result, by who provides them (`documents_from_applicant`, `documents_from_employer`), the address of the full
  result (`full_result`: the result's page, paths.state_path, or with a row's as_of the wizard's address with
  the answers and that date; it starts with `site_address()`), the date of the check (`checked_on`: a date in
  a workbook) and the check's notes (`check_notes`: an answer the notice decides, kept but not used, and why);
  `measure_status` (each measure's status by this site, in words); the row's errors (column: message);
  then, for programs, each outcome's result code (`tax_records_code`, …: the contract's codes, headed the same in
  both languages, empty for a row with errors).
A blank row stays a blank row, written as an empty line (blank rows at the end of the file are left out). The
separator is the input's. A cell copied from the file that a spreadsheet would run as a formula (it starts with
=, +, -, @, a tab or a carriage return), at its start or after a separator inside it (, ; tab, a line break: a
spreadsheet splitting at another separator would start a field there), gets an apostrophe before that character
(OWASP, CSV injection; rosterfile.safe_cells); what the engine writes is not changed.

Roster.judge writes each piece of the result (`_sink`: CSV text, or a workbook's rows) as it judges; the
pieces are kept in `roster._pieces` until the file is put together, or, streamed, given away one by one.
csv and io are imported when a result is written; openpyxl (rosterbook.py) only for a workbook.
"""

from . import texts
from .engine import measure_numbers  # "1, 3"; in Chinese "一、三", as the outcomes' labels number the measures
from .rostercolumns import ERRORS, MEASURE_STATUS, NEXT_KEYS, OUTCOME_KEYS, code_column, column_label
from .rosterfile import BOM, safe_cells
from .rules import NOT_IN_FORCE

# The result's formats; a workbook read is "encoding" XLSX.
CSV, XLSX = "csv", "xlsx"
OUTPUTS = (CSV, XLSX)
# Rows the browser judges between two progress messages (and rows judged into one piece of a streamed result).
CHUNK = 2000


def site_address():
    """The site's public address that each row's full_result starts with ("https://…/", ending in a slash), or ""
    for site-relative addresses ("wizard/extension/…/"): the environment's SITE_URL. On the command line that is
    the variable the site's build reads; in the browser the engine's worker sets it (loadPyodide's `env`) to the
    site it was loaded from."""
    import os

    address = os.environ.get("SITE_URL", "")
    if address and not address.endswith("/"):
        address += "/"
    return address


def result_label(key, code, lang):
    """What a result cell holds: the result's label in the language, framed by the 2022 notice."""
    if code == NOT_IN_FORCE:
        return texts.NOT_IN_FORCE["label"][lang]
    return texts.OUTCOMES[key]["results"][code]["label"][lang]


def status_cell(outcomes, lang):
    """The measures' status for one row, in words: "Not confirmed by this site: measures 1, 2, …"."""
    groups = {}
    for key in OUTCOME_KEYS:
        outcome = outcomes[key]
        groups.setdefault((outcome["status"], outcome["checked"]), []).append(int(outcome["measure"]))
    return texts.ROSTER["status_separator"][lang].join(
        _status_group(status, checked, numbers, lang) for (status, checked), numbers in groups.items()
    )


def _status_group(status, checked, numbers, lang):
    when = texts.fill(texts.ROSTER["status_checked"][lang], date=checked) if checked else ""
    template = texts.ROSTER["status_cell" if len(numbers) > 1 else "status_cell_one"][lang]
    return texts.fill(template, status=texts.STATUS_LABELS[status][lang],
                      checked=when, measures=measure_numbers(numbers, lang))


def statement(status_table, lang, day):
    """The result's statement in a language: the banner's words for the status file's measures
    (engine.currency), the date of the check (`day`, a date), and each measure's status when this site has
    confirmed or ended any. The first line of every result file, the command line's summary, the page's banner."""
    from .engine import currency

    outcomes = {key: {"status": m.status, "measure": m.number,
                      "checked": m.checked.isoformat() if m.checked else ""}
                for key, m in status_table.measures.items()}
    banner = currency(outcomes[key] for key in OUTCOME_KEYS if key in outcomes)
    by_measure = ""
    if banner["state"] != "unconfirmed":
        by_measure = texts.fill(texts.ROSTER["by_measure"][lang], status=status_cell(outcomes, lang))
    worked_out = texts.fill(texts.CURRENCY["worked_out"][lang], date=day.isoformat())
    return texts.fill(texts.ROSTER["statement"][lang], currency=banner["text"][lang], worked_out=worked_out,
                      by_measure=by_measure)


class ResultFile:
    """The result file of a roster.Roster (its base class). What it reads of the roster: `header`, `keep` (the
    input's columns copied), `lang`, `output` (CSV or XLSX), `separator`, `finished`, `judge` / `_judge_piece`
    (to judge the rows left) and `_pieces` (the result's rows, a piece per judging)."""

    def output_header(self):
        return (
            [self.header[i] for i in self.keep]
            + [column_label(key, self.lang) for key in OUTCOME_KEYS]
            + [column_label(key, self.lang) for key in NEXT_KEYS]
            + [column_label(MEASURE_STATUS, self.lang), column_label(ERRORS, self.lang)]
            + [code_column(key) for key in OUTCOME_KEYS]
        )

    @property
    def errors_index(self):
        """The errors column's index in a result row (the code columns follow it)."""
        return len(self.keep) + len(OUTCOME_KEYS) + len(NEXT_KEYS) + 1

    @property
    def next_index(self):
        """The index of the first next-steps column in a result row (documents_applicant; NEXT_KEYS)."""
        return len(self.keep) + len(OUTCOME_KEYS)

    def statement(self, lang=None):
        """The result's statement (the file's first line; the command line's summary and the page say it too)."""
        return statement(self.status_table, lang or self.lang, self.day)

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
        """The statement's line, then the header."""
        import csv
        import io

        out = io.StringIO()
        writer = csv.writer(out, delimiter=self.separator, lineterminator="\r\n")
        writer.writerow([self.statement()])
        writer.writerow(safe_cells(self.output_header()))
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
