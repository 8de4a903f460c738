"""The roster: many employees at once, from a CSV file or an Excel workbook, judged by the same engine as one
visitor.

    roster = Roster(data, lang="en")   read a file (bytes as saved, or text); raises RosterError
    roster.judge(count)                judge the next `count` rows (all when None): rows for a table
    roster.csv_bytes()                 the result file, UTF-8 with a byte order mark (Excel opens it right)
    roster.stream()                    the same, piece by piece as it is judged (the command line: never whole)
    roster.xlsx_bytes()                the result as a workbook (Roster(..., output="xlsx"); rosterbook.py)
    roster.result_bytes()              the result in the roster's output format: a workbook's is a workbook
    Job(data, lang)                    the browser worker's handle: JSON text out, never raises for bad input
    template_csv(lang)                 the template employers download (English or Chinese headers)

The command line (`python3 -m eligibility roster IN.csv`, see cli.py) and the browser (the wizard's Web
Worker, through `Job`) run this same code; each row is judged by `engine.evaluate`, so a row gives what the
wizard gives for the same answers.

The roster's modules, each read alone (every name above is imported from this one):

    roster.py           this: a file's header read, its rows judged (Roster)
    rosterfile.py       the bytes: encodings, records and the lines they start on, a quote that never closes
    rosterbook.py       Excel workbooks, read into the same text and written (openpyxl, imported only then)
    rostercolumns.py    the columns and cells: headers and answers in both languages, matched
    rosterresult.py     the result: its cells' words, and the file as CSV (streamed) or a workbook
    rosterjob.py        the browser worker's Job: JSON text out, running out of memory said
    rostertemplate.py   the templates employers download, CSV and workbook

The file, as employers have it:
- encoding: UTF-8, UTF-8 with a BOM, UTF-16 with a BOM (Excel's "Unicode text"), or GB18030 / GBK (what
  Excel writes on Chinese Windows), told apart from the bytes; a spreadsheet workbook (.xlsx, .xls) or any
  binary file is refused with a message saying so;
- separator: comma, semicolon or tab, whichever makes the first row a header this module knows;
- the first row is the header (a result's statement line above it, when a result is checked again, is passed
  over): `employee` (passed through untouched) and the contract's answer keys, or their
  short Chinese labels (texts.ROSTER["columns"]), in any order, with `as_of` optional; other columns are copied
  to the result unchanged; result columns of an earlier check are dropped (and judged afresh);
- a cell holds the contract's key or the option's English or Chinese label (case-insensitive, whitespace and
  full-width forms folded), booleans as yes / no / true / false / 是 / 否; a blank cell is no answer, which is
  right for a question the row is not asked.

The result (rosterresult.py) starts with its statement (what a notice of 2022 said, that this site has not
confirmed it still applies, the date of the check), then the header and the input's columns, one column per
outcome (the result in words, framed by the 2022 notice), the measures' status, the row's errors and, for
programs, each outcome's code (`tax_records_code`, …); every row in gives one row out, in order, and a cell from
the file that a spreadsheet would run as a formula is written with a leading apostrophe. A row whose as_of is
before the notice is known to exist (2022-07-05) is an error, with the engine's message saying why.

Reading the bytes (encodings, a file that mixes two, a quote that never closes) is rosterfile.py's: the file is
held once as text, read in two passes (the first counts rows, the second judges them), and no row is kept, so
memory stays a small multiple of the file's size whatever it holds (blank lines cost nothing).

A workbook (.xlsx: rosterbook.py, with openpyxl, imported only then) is read into the same text, one line per
sheet row, so everything above holds for it; its result is a workbook unless asked otherwise (`output`).

Identical answers are judged once per file (a roster has few distinct cases), so long files are fast.
csv, io, json and unicodedata are imported when a roster is read, not when the engine is imported.
"""

from . import texts
from .answers import AS_OF, INVALID_VALUE, MISSING, QUESTIONS
from .engine import evaluate
from .rostercolumns import (
    ANSWER_KEYS,
    EMPLOYEE,
    INPUT_KEYS,
    LANGUAGES,
    OUTCOME_KEYS,
    PROVIDERS,
    REQUIRED,
    allowed_text,
    both_lists,
    cell_date,
    column_label,
    header_key,
    is_statement,
    lookup,
    norm,
)
from .rosterfile import RosterError, Text, decode, no_gc
from .rosterresult import CHUNK, CSV, OUTPUTS, XLSX, ResultFile, result_label, site_address, status_cell

# The rest of the roster's names, importable from here as they were before its modules were split: the command
# line, the browser worker (`from eligibility.roster import Job`), the build's hooks and the tests use them.
from .rostercolumns import ALIASES, BOOLEAN_WORDS, EARLIER_HEADERS, ERRORS, MEASURE_STATUS, NEXT_KEYS, TEMPLATE_KEYS  # noqa: F401
from .rosterfile import BOM  # noqa: F401
from .rosterjob import Job  # noqa: F401
from .rostertemplate import template_csv, template_xlsx  # noqa: F401

SEPARATORS = (",", ";", "\t")
SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
# Blank rows passed over, per row asked, before `judge` returns anyway (a file of blank lines shows progress).
BLANKS_PER_ROW = 100
# Distinct answers (and sets of answers) remembered: far more than a roster has, far less than memory holds.
CACHE_SIZE = 20_000
# Spreadsheet row numbers of rows with errors kept for the command line's message (it names the first 50).
FAILED_ROWS_KEPT = 51
_UNSEEN = object()


# --- the file ----------------------------------------------------------------------------------------------


def _header_record(text, separator):
    """(index, cells) of the header: the first record that is not blank, after a result's statement line (a
    result checked again), counted from the content's start."""
    import csv

    try:
        for index, record in enumerate(text.reader(separator)):
            if record and "".join(record).strip() and not is_statement(record):
                return index, record
    except csv.Error:
        pass
    return None, []


def _choose_separator(text):
    """The separator that makes the first row the most known columns (then the most cells; comma first).

    `text` is a rosterfile.Text; the header's index is counted from where its content starts.
    """
    headers, _ = lookup()
    best = None
    for separator in SEPARATORS:
        index, cells = _header_record(text, separator)
        known = sum(1 for cell in cells if header_key(cell) in headers)
        score = (known, len(cells))
        if best is None or score > best[0]:
            best = (score, separator, index, cells)
    _, separator, index, cells = best
    return separator, index, cells


class Roster(ResultFile):
    """One file, read and checked; its rows are judged by `judge` (all at once, or in chunks). The methods that
    give the result file (csv_bytes, stream, xlsx_bytes, result_bytes, output_header) are rosterresult.py's."""

    def __init__(self, data, lang="en", status=None, output=None, day=None, site_url=None):
        """`status`: a status table (None: the shipped status.toml); `day`: the date of the check (a date; None:
        today), which the result's statement and each row's checked_on give; `site_url`: the site's public
        address, which each row's full_result starts with (None: rosterresult.site_address(), the environment's
        SITE_URL or, in the browser, the site the engine was loaded from; "": site-relative addresses)."""
        if lang not in LANGUAGES:
            raise ValueError(f"lang must be one of {LANGUAGES}, not {lang!r}")
        if output not in (None,) + OUTPUTS:
            raise ValueError(f"output must be one of {OUTPUTS}, not {output!r}")
        self.lang = lang
        self.status = status
        if day is None:
            import datetime

            day = datetime.date.today()
        self.day = day
        self.site_url = site_address() if site_url is None else site_url
        text, self.encoding = decode(data)
        # The result's format: the input's (a workbook's result is a workbook) unless asked for.
        self.output = output or (XLSX if self.encoding == XLSX else CSV)
        # A workbook's cells that are not text (dates, numbers, booleans): {sheet row: {column: Typed}}, so that a
        # workbook's result keeps them as they were (rosterbook.workbook_text).
        self._typed = getattr(text, "typed", None) if self.encoding == XLSX == self.output else None
        text = Text(text)
        self.separator, header_index, header = _choose_separator(text)
        try:
            self._columns(header)
        except RosterError:
            text.scan(self.separator, header_index or 0)  # a quote in the header that never closes is likelier
            raise
        # The first pass: how many rows, and whether a quote never closes (RosterError for one in the header).
        layout = text.scan(self.separator, header_index)
        if not layout.rows:
            raise RosterError("header_only")
        self.total = layout.rows  # rows after the header, blank ones included, trailing blank ones not
        self.first_row = text.lines_before + header_index + 2  # spreadsheet numbering: the header is row 1
        self._unclosed = layout.unclosed  # (index, line, cells) of the row whose quote never closes, or None
        # The second pass, in `judge`: the records after the header, read as they are judged.
        self._text = text
        self._records = text.reader(self.separator)
        for _ in range(header_index + 1):
            next(self._records)
        self.done = 0  # rows passed, blank ones included
        self.judged = self.failed = self.blank = 0
        self.failed_rows = []  # spreadsheet row numbers of the first rows with errors (FAILED_ROWS_KEPT)
        self._pieces = []  # the result's rows, as CSV text, a piece per `judge`
        self._write = None
        self._answers_cache = {}
        self._values = {key: {} for key in ANSWER_KEYS}
        self._keep_all = self.keep == list(range(self.width))
        # A row with errors: no outcome, no status, its errors, no code.
        self._blank_results = [""] * (len(OUTCOME_KEYS) + 3)
        self._blank_codes = [""] * len(OUTCOME_KEYS)
        # The date of the check, in the checked_on column: a date cell in a workbook, YYYY-MM-DD in CSV.
        self._day_cell = self.day if self.output == XLSX else self.day.isoformat()
        self._keep_at = {column: position for position, column in enumerate(self.keep)}

    # -- the header

    def _columns(self, header):
        headers, _ = lookup()
        self.header = header
        self.width = len(header)
        self.keep = []  # input column indexes copied to the result
        self.answer_columns = []  # (index, key)
        self.employee_column = None
        self.unknown = []
        self.replaced = []
        found = {}
        for index, cell in enumerate(header):
            kind = headers.get(header_key(cell)) if cell.strip() else None
            if kind is not None and kind[0] == "result":
                self.replaced.append(cell)
                continue
            self.keep.append(index)
            if kind is None:
                if cell.strip():
                    self.unknown.append(cell)
                continue
            found.setdefault(kind[1], []).append(index)
        duplicates = [i for indexes in found.values() if len(indexes) > 1 for i in indexes]
        if duplicates:
            cells = [header[i] for i in sorted(duplicates)]
            raise RosterError("duplicate_columns", columns=both_lists(lambda lang: cells))
        missing = [key for key in REQUIRED if key not in found]
        if missing:
            raise RosterError(
                "missing_columns",
                missing=both_lists(lambda lang: [column_label(k, lang) for k in missing]),
                found=both_lists(lambda lang: header),
            )
        for key, (index,) in found.items():
            if key == EMPLOYEE:
                self.employee_column = index
            else:
                self.answer_columns.append((index, key))
        self.answer_columns.sort(key=lambda item: ANSWER_KEYS.index(item[1]))
        self.column_names = {key: header[index] for index, key in self.answer_columns}

    # -- what the file holds, and how far it is judged

    @property
    def finished(self):
        return self.done == self.total

    def notices(self):
        """What the file should know about columns, each {"code", "message": {"en", "zh"}}."""
        found = []
        if self._unclosed is not None:
            index, line, _ = self._unclosed
            template = texts.ROSTER["notices"]["unclosed_quote"]
            found.append({"code": "unclosed_quote", "message": {
                lang: texts.fill(template[lang], line=str(line), row=str(self.first_row + index))
                for lang in LANGUAGES}})
        for code, cells in (("unknown_columns", self.unknown), ("replaced_columns", self.replaced)):
            if cells:
                columns = both_lists(lambda lang: cells)
                message = {lang: texts.fill(texts.ROSTER["notices"][code][lang], columns=columns[lang])
                           for lang in LANGUAGES}
                found.append({"code": code, "message": message})
        return found

    def info(self):
        return {
            "rows": self.total,
            "encoding": self.encoding,
            "separator": SEPARATOR_NAMES[self.separator],
            "format": self.output,  # the result file's: "csv" or "xlsx" (an extension of the roster's info)
            "header": self.output_header(),
            "employee": None if self.employee_column is None else self.header[self.employee_column],
            "outcomes": list(OUTCOME_KEYS),
            "notices": self.notices(),
            # The result's statement (its first line), in both languages: the page shows it above the table.
            "status": {lang: self.statement(lang) for lang in LANGUAGES},
            # The date of the check (YYYY-MM-DD): each row's next steps give it with the full result's address.
            "day": self.day.isoformat(),
        }

    @property
    def status_table(self):
        from .status import resolve_status

        return resolve_status(self.status)

    def status_summary(self, lang):
        """The command line's summary of the measures' status: the result's statement, in `lang`."""
        return self.statement(lang)

    def summary(self):
        return {"rows": self.total, "judged": self.judged, "failed": self.failed, "blank": self.blank}

    # -- judging

    def _value(self, key, cell):
        """The answer a (stripped, non-empty) cell gives: a contract value, or the cell itself when invalid."""
        if key == AS_OF:
            value = cell_date(cell)
        else:
            value = lookup()[1][key].get(norm(cell), cell)
        self._values[key][cell] = value
        return value

    def judge(self, count=None, table=True):
        """Judge the next `count` rows that are not blank (every row left when None): rows for a table.

        Blank rows on the way are counted and written as empty lines, not returned; a call also returns after
        passing BLANKS_PER_ROW blank rows per row asked, so that a long run of them still shows progress.
        With table=False (the command line, the result file) the rows are written to the result only.
        """
        if count is not None:
            return self._judge_piece(max(0, count), table)
        rows = []
        while not self.finished:
            rows += self._judge_piece(CHUNK, table)
        return rows

    def _judge_piece(self, wanted, table):
        """Judge up to `wanted` rows (and the blank rows on the way) into one piece of the result."""
        if self.finished:
            return []
        stop = min(self.total, self.done + max(1, wanted) * BLANKS_PER_ROW)
        out, self._write = self._sink()
        rows = []
        passed = 0
        records = self._records
        with no_gc():
            while self.done < stop and passed < wanted:
                index = self.done
                self.done += 1
                if self._unclosed is not None and index == self._unclosed[0]:
                    row = self._unclosed_row()
                else:
                    record = next(records)
                    if not record or not "".join(record).strip():
                        self.blank += 1
                        out.write("\r\n")
                        continue
                    row = self._judge(record, self.first_row + index)
                passed += 1
                if table:
                    rows.append(row)
        self._pieces.append(out.getvalue())
        if self.finished:  # the text is read: let it go before the result is put together
            self._text = self._records = None
        # A file of answers all different (no roster has them) must not grow the caches without end.
        if len(self._answers_cache) > CACHE_SIZE:
            self._answers_cache.clear()
        for values in self._values.values():
            if len(values) > CACHE_SIZE:
                values.clear()
        return rows

    def _judge(self, record, row):
        size = len(record)
        if size == self.width and self._keep_all:
            cells = record
        else:
            cells = [record[i] if i < size else "" for i in self.keep]
        answers = {}
        key = []
        values = self._values
        for column, name in self.answer_columns:
            cell = record[column].strip() if column < size else ""
            if cell:
                value = values[name].get(cell, _UNSEEN)
                if value is _UNSEEN:
                    value = self._value(name, cell)
                answers[name] = value
            else:
                value = None
            key.append(value)
        key = tuple(key)
        judged = self._answers_cache.get(key)
        if judged is None:
            judged = self._answers_cache[key] = self._evaluate(answers)
        codes, problems, results, notes, documents, link = judged
        if self._typed and row in self._typed:
            cells = self._typed_cells(cells, self._typed[row])
        employee = self.employee_column
        employee = record[employee] if employee is not None and employee < size else ""
        # Cells beyond the header: an unquoted separator inside a value has shifted the row. Blank ones are
        # harmless unless the row is wrong anyway, when they are the likely reason and are named first.
        extra = size > self.width and "".join(record[self.width:]).strip()
        if not problems and not extra:
            self.judged += 1
            self._write(cells + results)
            return {"row": row, "employee": employee, "results": codes, "errors": [], "notes": notes,
                    "documents": documents, "link": link}
        entered = {name: record[column].strip() for column, name in self.answer_columns if column < size}
        errors = [self._error(field, code, answers, entered.get(field, ""), said)
                  for field, code, said in problems]
        if size > self.width:
            errors.insert(0, {"field": None, "column": None,
                              "message": texts.ROSTER["row_errors"]["extra_cells"][self.lang]})
        self._fail(row, cells, errors, notes)
        return {"row": row, "employee": employee, "results": None, "errors": errors, "notes": notes,
                "documents": None, "link": None}

    def _fail(self, row, cells, errors, notes=()):
        self.failed += 1
        if len(self.failed_rows) < FAILED_ROWS_KEPT:
            self.failed_rows.append(row)
        # No outcome, no documents, no link; the date of the check and the notes; no status; the errors.
        self._write(cells + self._blank_results + [self._day_cell, self._notes_cell(notes), "",
                                                   self._errors_cell(errors)] + self._blank_codes)

    def _typed_cells(self, cells, typed):
        """The row's cells with a workbook's dates, numbers and booleans as they were (where the text is theirs)."""
        cells = list(cells)
        for column, value in typed.items():
            position = self._keep_at.get(column)
            if position is not None and position < len(cells) and cells[position] == value.text:
                cells[position] = value
        return cells

    def _unclosed_row(self):
        """The row whose quote never closes: its cells before the open one, and the error (not judged)."""
        index, line, record = self._unclosed
        row = self.first_row + index
        message = texts.fill(texts.ROSTER["row_errors"]["unclosed_quote"][self.lang], line=str(line))
        errors = [{"field": None, "column": None, "message": message}]
        cells = [record[i] if i < len(record) else "" for i in self.keep]
        employee = self.employee_column
        employee = record[employee] if employee is not None and employee < len(record) else ""
        self._fail(row, cells, errors)
        return {"row": row, "employee": employee, "results": None, "errors": errors, "notes": [],
                "documents": None, "link": None}

    def _evaluate(self, answers):
        """(result codes, problems, result cells, notes, documents, link) for one set of answers. The result
        cells: the labels, the next steps (the documents by provider, the full result's address, the date of the
        check, the notes), the status, an empty errors cell, the codes. `documents`: {provider: [document
        keys]}; `link`: the full result's address; `notes`: what the check did not use of the answers, and why."""
        result = evaluate(answers, self.status)
        notes = self._notes(answers)
        if "errors" in result:
            # The engine's message is kept only where it says why a date cannot be taken (as_of before the notice):
            # the roster words the others itself, and a cache of every message would hold them by the thousand.
            return None, tuple((e["field"], e["code"], e["message"] if e["field"] == AS_OF else None)
                               for e in result["errors"]), None, notes, None, None
        outcomes = result["outcomes"]
        codes = [outcomes[k]["result"] for k in OUTCOME_KEYS]
        cells = [result_label(k, c, self.lang) for k, c in zip(OUTCOME_KEYS, codes)]
        documents = {}
        for key in OUTCOME_KEYS:
            for document in outcomes[key].get("documents", ()):
                provider = texts.DOCUMENTS[document].get("provider", "applicant")
                listed = documents.setdefault(provider, [])
                if document not in listed:
                    listed.append(document)
        documents = {provider: documents[provider] for provider in PROVIDERS if provider in documents}
        separator = texts.ROSTER["item_separator"][self.lang]
        document_cells = [separator.join(texts.DOCUMENTS[d]["label"][self.lang] for d in documents.get(p, ()))
                          for p in PROVIDERS]
        link = self._link(result["answers"])
        cells += document_cells + [link, self._day_cell, self._notes_cell(notes), status_cell(outcomes, self.lang),
                                   ""]
        return codes, (), cells + codes, notes, documents, link

    def _link(self, answers):
        """The address of the employee's full result: the result's own page (paths.state_path), or, judged by a
        date of the row's (as_of), the wizard's address with the answers and the date, which judges by it."""
        from .paths import ROOT, option_key, state_path

        prefix = self.site_url + ("zh/" if self.lang == "zh" else "")
        if AS_OF not in answers:
            return prefix + state_path(answers)
        query = "&".join(f"{key}={option_key(key, answers[key])}" for key in ANSWER_KEYS[:-1] if key in answers)
        return f"{prefix}{ROOT}#{query}&{AS_OF}={answers[AS_OF]}"  # in the fragment: never sent to a server

    def _notes(self, answers):
        """What the check did not use of a row's answers, and why (the file keeps them as written): a salary
        commitment the 2022 notice decides (extension, cancellation: involved) or does not speak to (a first
        application from outside China)."""
        from .rules import APPLICATIONS_MEASURE_1_IS_SILENT_ON, APPLICATIONS_WITH_SALARY_COMMITMENT

        field = "salary_commitment"
        value = answers.get(field)
        application = answers.get("application")
        if value is None or value is True and application not in APPLICATIONS_MEASURE_1_IS_SILENT_ON:
            return []
        if application in APPLICATIONS_WITH_SALARY_COMMITMENT:
            code = "salary_by_notice"
        elif application in APPLICATIONS_MEASURE_1_IS_SILENT_ON:
            code = "salary_not_stated"
        else:
            return []
        if isinstance(value, bool):
            value = texts.QUESTIONS[field]["options"]["yes" if value else "no"]["label"][self.lang]
        column = self.column_names.get(field) or column_label(field, self.lang)
        return [texts.fill(texts.ROSTER["notes"][code][self.lang], column=column, value=value)]

    def _notes_cell(self, notes):
        return texts.ROSTER["item_separator"][self.lang].join(notes)

    def _error(self, field, code, answers, entered="", said=None):
        """One problem of a row: {"field", "column", "value" (the cell as entered), "message"}, in the roster's
        language. `said`: the engine's message ({"en", "zh"}); the roster's own words replace it, except where
        the engine says why a valid answer cannot be taken (an as_of before the notice is known to exist)."""
        from .engine import error

        lang = self.lang
        column = self.column_names.get(field) or (column_label(field, lang) if field in INPUT_KEYS else field)
        question = texts.QUESTIONS[field]["label"][lang] if field in QUESTIONS else column
        row_errors = texts.ROSTER["row_errors"]
        if said is not None and code == INVALID_VALUE and said != error(field, code)["message"]:
            message = said[lang]  # answers.Problem: its own message (as_of before the notice)
        elif code == MISSING:
            template = row_errors["missing" if field in self.column_names else "no_column"][lang]
            message = texts.fill(template, column=column, question=question, why=self._why(field, answers))
        elif code == INVALID_VALUE and field in ANSWER_KEYS:
            message = texts.fill(row_errors["invalid_value"][lang], value=answers.get(field, ""),
                                 allowed=allowed_text(field, lang))
        else:  # not reachable from a file (unknown fields are not passed on); the engine's own words
            message = error(field, code)["message"][lang]
        return {"field": field, "column": column, "value": entered, "message": message}

    def _why(self, field, answers):
        """The rule that needs a missing answer, in words (texts.ROSTER["needed"]; the flow's conditions)."""
        from .rules import APPLICATIONS_WITH_SALARY_COMMITMENT

        needed = texts.ROSTER["needed"]
        if field == "tax_bureau_unreachable" and answers.get("application") in APPLICATIONS_WITH_SALARY_COMMITMENT:
            return needed["tax_bureau_unreachable_by_notice"][self.lang]
        return needed[field][self.lang] if field in needed else ""

    def _errors_cell(self, errors):
        lang = self.lang
        parts = []
        for error in errors:
            if error["column"] is None:
                parts.append(error["message"])
            else:
                parts.append(texts.fill(texts.ROSTER["error_format"][lang], column=error["column"],
                                        message=error["message"]))
        return texts.ROSTER["error_separator"][lang].join(parts)

    @property
    def exit_code(self):
        """The command line's exit status: 0 every row judged, 1 some rows have errors."""
        return 1 if self.failed else 0


def judge_roster(data, lang="en", status=None):
    """Read and judge a whole file: the Roster, finished (raises RosterError when it cannot be read)."""
    roster = Roster(data, lang, status)
    roster.judge(table=False)
    return roster
