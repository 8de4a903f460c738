"""The roster: many employees at once, from a CSV file, judged by the same engine as one visitor.

    roster = Roster(data, lang="en")   read a file (bytes as saved, or text); raises RosterError
    roster.judge(count)                judge the next `count` rows (all when None): rows for a table
    roster.csv_bytes()                 the result file, UTF-8 with a byte order mark (Excel opens it right)
    Job(data, lang)                    the browser worker's handle: JSON text out, never raises for bad input
    template_csv(lang)                 the template employers download (English or Chinese headers)

The command line (`python3 -m eligibility roster IN.csv`, see cli.py) and the browser (the wizard's Web
Worker, through `Job`) run this same code; each row is judged by `engine.evaluate`, so a row gives what the
wizard gives for the same answers.

The file, as employers have it:
- encoding: UTF-8, UTF-8 with a BOM, UTF-16 with a BOM (Excel's "Unicode text"), or GB18030 / GBK (what
  Excel writes on Chinese Windows), told apart from the bytes; a spreadsheet workbook (.xlsx, .xls) or any
  binary file is refused with a message saying so;
- separator: comma, semicolon or tab, whichever makes the first row a header this module knows;
- the first row is the header: `employee` (passed through untouched) and the contract's answer keys, or their
  short Chinese labels (texts.ROSTER["columns"]), in any order, with `as_of` optional; other columns are copied
  to the result unchanged; result columns of an earlier check are dropped (and judged afresh);
- a cell holds the contract's key or the option's English or Chinese label (case-insensitive, whitespace and
  full-width forms folded), booleans as yes / no / true / false / 是 / 否; a blank cell is no answer, which is
  right for a question the row is not asked.

The result has the input's columns, then one column per outcome (English: the outcome key, holding the
result code; Chinese: the outcome's label, holding the result's label), then the row's errors (column:
message, in the chosen language). Every row in gives one row out, in order; a blank row stays a blank row
(blank rows at the end of the file are left out). The separator is the input's.

Identical answers are judged once per file (a roster has few distinct cases), so long files are fast.
csv, io, json and unicodedata are imported when a roster is read, not when the engine is imported.
"""

from . import texts
from .answers import AS_OF, BOOLEAN, INVALID_VALUE, MISSING, QUESTIONS
from .engine import evaluate
from .flow import ORDER, UNKNOWN, is_asked
from .rules import NOT_IN_FORCE, RULES

LANGUAGES = ("en", "zh")
EMPLOYEE = "employee"
ERRORS = "errors"
# After the outcomes: the measures' status, in words (the notice dates from 2022: see status.toml).
MEASURE_STATUS = "measure_status"
ANSWER_KEYS = ORDER + (AS_OF,)
INPUT_KEYS = (EMPLOYEE,) + ANSWER_KEYS
TEMPLATE_KEYS = (EMPLOYEE,) + ORDER
OUTCOME_KEYS = tuple(rule.key for rule in RULES)
# Asked whatever the other answers are: a file without these columns cannot be judged at all.
REQUIRED = tuple(key for key in ORDER if is_asked(key, dict.fromkeys(ORDER, UNKNOWN)) is True)
SEPARATORS = (",", ";", "\t")
SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
BOM = "\ufeff"
# Booleans as people write them (the options' labels, Yes / No / 是 / 否, are accepted too).
BOOLEAN_WORDS = {"yes": True, "true": True, "是": True, "no": False, "false": False, "否": False}
# Headers of the site's earlier templates and result files (before the official terms 薪资承诺, 纳税记录, 两证联办):
# files employers already keep still read.
EARLIER_HEADERS = {
    "category_a_route": ("A类认定依据",),
    "salary_commitment": ("涉及薪酬承诺",),
    "tax_records": ("免交完税证明",),
    "joint_residence_permit": ("工作许可和居留许可同窗申请",),
    "errors": ("错误",),
}
# Short forms of the categories that employers write.
ALIASES = {
    "category": {"Category A": "A", "Category B": "B", "Category C": "C", "A类": "A", "B类": "B", "C类": "C"},
    # The wording of the site's earlier templates, before the question named the 85 points outright.
    "category_a_route": {"A score of 85 points or more": "points", "Any other Category A criterion": "criteria",
                         "积分85分及以上": "points", "其他A类认定标准": "criteria"},
}
# .xlsx (a zip) and .xls (an OLE2 compound file).
WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
# Rows the browser judges between two progress messages.
CHUNK = 2000
_UNSEEN = object()
# How much of a bad first row a message quotes.
_FOUND_CELLS, _FOUND_CHARS = 12, 40


class _no_gc:
    """No cyclic garbage collection while a long file's rows are read or judged.

    Every row makes a few lists and dicts, none in a reference cycle; with the collector on, its passes
    over the ever-growing list of rows take more time than the judging (a 100,000-row file twice as long).
    """

    def __enter__(self):
        import gc

        self.enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc):
        import gc

        if self.enabled:
            gc.enable()


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


def column_label(key, lang):
    """A column's header in a language: an input key, an outcome key, "measure_status" or "errors"."""
    if key in OUTCOME_KEYS:
        return key if lang == "en" else texts.OUTCOMES[key]["label"][lang]
    return texts.ROSTER["columns"][key][lang]


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


def result_label(key, code, lang):
    """What a result cell holds: the code (English) or the result's label (Chinese)."""
    if lang == "en":
        return code
    if code == NOT_IN_FORCE:
        return texts.NOT_IN_FORCE["label"][lang]
    return texts.OUTCOMES[key]["results"][code]["label"][lang]


# --- reading the bytes ---------------------------------------------------------------------------------


def decode(data):
    """(text, encoding) for the bytes of a file; raises RosterError for an empty or binary file."""
    if isinstance(data, str):
        text, encoding = data, "text"
        if text.startswith(BOM):
            text = text[1:]
    else:
        data = bytes(data)
        if not data.strip():
            raise RosterError("empty")
        if data.startswith(b"\xef\xbb\xbf"):
            encodings = ("utf-8-sig",)
        elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
            encodings = ("utf-16",)
        elif data.startswith(WORKBOOK_MAGIC):
            raise RosterError("workbook")
        elif b"\x00" in data:
            raise RosterError("not_text")
        else:
            # A Chinese GBK file is almost never valid UTF-8, and a UTF-8 file always is.
            encodings = ("utf-8", "gb18030")
        for encoding in encodings:
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise RosterError("not_text")
    import re

    # Control characters (other than tab and line ends) are never in a CSV file, often in binary ones.
    if re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text):
        raise RosterError("not_text")
    if not text.strip():
        raise RosterError("empty")
    return text, encoding


# --- headers and values ----------------------------------------------------------------------------------


def _norm(text):
    """Text folded for matching: NFKC (full-width forms), straight apostrophes, casefolded, spaces collapsed."""
    import unicodedata

    text = unicodedata.normalize("NFKC", text.replace(BOM, "")).replace("’", "'").replace("‘", "'")
    return " ".join(text.casefold().split())


def _header_key(text):
    return _norm(text).replace("-", "_").replace(" ", "_")


_tables = None


def _lookup():
    """(header -> ("input" | "result", key), question -> {folded cell -> value}), built once."""
    global _tables
    if _tables is None:
        headers = {}
        for key in INPUT_KEYS:
            for lang in LANGUAGES:
                headers[_header_key(column_label(key, lang))] = ("input", key)
        for key in OUTCOME_KEYS + (MEASURE_STATUS, ERRORS):
            for lang in LANGUAGES:
                headers[_header_key(column_label(key, lang))] = ("result", key)
        for key, earlier in EARLIER_HEADERS.items():
            for header in earlier:
                headers[_header_key(header)] = ("input" if key in INPUT_KEYS else "result", key)
        values = {}
        for key in ORDER:
            kind, allowed = QUESTIONS[key]
            options = texts.QUESTIONS[key]["options"]
            table = {}
            if kind == BOOLEAN:
                for word, value in BOOLEAN_WORDS.items():
                    table[_norm(word)] = value
                for option, text in options.items():
                    for lang in LANGUAGES:
                        table[_norm(text["label"][lang])] = option == "yes"
            else:
                for option in allowed:
                    table[_norm(option)] = option
                    for lang in LANGUAGES:
                        table[_norm(options[option]["label"][lang])] = option
                for alias, option in ALIASES.get(key, {}).items():
                    table[_norm(alias)] = option
            values[key] = table
        _tables = (headers, values)
    return _tables


def _date(cell):
    """as_of as the contract writes it: YYYY-MM-DD, also from YYYY/M/D or YYYY.M.D (spreadsheets write those)."""
    import re

    match = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", cell)
    if match and match.group(0).isascii():
        return f"{match.group(1)}-{int(match.group(2)):02d}-{int(match.group(3)):02d}"
    return cell  # the engine says what is wrong with it


def _quoted_list(cells, lang):
    """Header cells as a message quotes them, in a language's way, shortened."""
    quoted = []
    for cell in cells[:_FOUND_CELLS]:
        cell = " ".join(cell.split())
        if len(cell) > _FOUND_CHARS:
            cell = cell[:_FOUND_CHARS] + "…"
        quoted.append(texts.fill(texts.ROSTER["quote"][lang], text=cell))
    if len(cells) > _FOUND_CELLS:
        quoted.append("…")
    return texts.ROSTER["list_separator"][lang].join(quoted)


def _both_lists(cells_by_lang):
    return {lang: _quoted_list(cells_by_lang(lang), lang) for lang in LANGUAGES}


# --- the file ----------------------------------------------------------------------------------------------


def _reader(text, separator):
    import csv
    import io

    return csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=False)


def _is_blank(record):
    return not any(cell.strip() for cell in record)


def _first_record(text, separator):
    """(index, cells) of the first non-blank record with this separator."""
    import csv

    try:
        for index, record in enumerate(_reader(text, separator)):
            if not _is_blank(record):
                return index, record
    except csv.Error:
        return None, []
    return None, []


def _choose_separator(text):
    """The separator that makes the first row the most known columns (then the most cells; comma first)."""
    headers, _ = _lookup()
    best = None
    for separator in SEPARATORS:
        index, cells = _first_record(text, separator)
        known = sum(1 for cell in cells if _header_key(cell) in headers)
        score = (known, len(cells))
        if best is None or score > best[0]:
            best = (score, separator, index, cells)
    _, separator, index, cells = best
    return separator, index, cells


class Roster:
    """One file, read and checked; its rows are judged by `judge` (all at once, or in chunks)."""

    def __init__(self, data, lang="en", status=None):
        if lang not in LANGUAGES:
            raise ValueError(f"lang must be one of {LANGUAGES}, not {lang!r}")
        self.lang = lang
        self.status = status
        text, self.encoding = decode(data)
        self.separator, header_index, header = _choose_separator(text)
        self._columns(header)
        with _no_gc():
            self._read_records(text, header_index)
        self.done = 0
        self.judged = self.failed = self.blank = 0
        self.failed_rows = []  # spreadsheet row numbers of the rows with errors
        self._out = []
        self._answers_cache = {}
        self._values = {key: {} for key in ANSWER_KEYS}
        self._keep_all = self.keep == list(range(self.width))
        self._blank_results = [""] * (len(OUTCOME_KEYS) + 2)  # the outcomes, the status, the errors

    # -- the header

    def _columns(self, header):
        headers, _ = _lookup()
        self.header = header
        self.width = len(header)
        self.keep = []  # input column indexes copied to the result
        self.answer_columns = []  # (index, key)
        self.employee_column = None
        self.unknown = []
        self.replaced = []
        found = {}
        for index, cell in enumerate(header):
            kind = headers.get(_header_key(cell)) if cell.strip() else None
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
            raise RosterError("duplicate_columns", columns=_both_lists(lambda lang: cells))
        missing = [key for key in REQUIRED if key not in found]
        if missing:
            raise RosterError(
                "missing_columns",
                missing=_both_lists(lambda lang: [column_label(k, lang) for k in missing]),
                found=_both_lists(lambda lang: header),
            )
        for key, (index,) in found.items():
            if key == EMPLOYEE:
                self.employee_column = index
            else:
                self.answer_columns.append((index, key))
        self.answer_columns.sort(key=lambda item: ANSWER_KEYS.index(item[1]))
        self.column_names = {key: header[index] for index, key in self.answer_columns}

    def _read_records(self, text, header_index):
        import csv

        reader = _reader(text, self.separator)
        records = []
        try:
            for index, record in enumerate(reader):
                if index > header_index:
                    records.append(record)
        except csv.Error as error:
            raise RosterError("not_csv", row=str(header_index + len(records) + 2), detail=str(error)) from None
        while records and _is_blank(records[-1]):
            records.pop()
        if not records:
            raise RosterError("header_only")
        self.records = records
        self.first_row = header_index + 2  # spreadsheet numbering: the header is row 1

    # -- what the result looks like

    @property
    def total(self):
        return len(self.records)

    @property
    def finished(self):
        return self.done == len(self.records)

    def output_header(self):
        return (
            [self.header[i] for i in self.keep]
            + [column_label(key, self.lang) for key in OUTCOME_KEYS]
            + [column_label(MEASURE_STATUS, self.lang), column_label(ERRORS, self.lang)]
        )

    def notices(self):
        """What the file should know about columns, each {"code", "message": {"en", "zh"}}."""
        found = []
        for code, cells in (("unknown_columns", self.unknown), ("replaced_columns", self.replaced)):
            if cells:
                columns = _both_lists(lambda lang: cells)
                message = {lang: texts.fill(texts.ROSTER["notices"][code][lang], columns=columns[lang])
                           for lang in LANGUAGES}
                found.append({"code": code, "message": message})
        return found

    def info(self):
        return {
            "rows": self.total,
            "encoding": self.encoding,
            "separator": SEPARATOR_NAMES[self.separator],
            "header": self.output_header(),
            "employee": None if self.employee_column is None else self.header[self.employee_column],
            "outcomes": list(OUTCOME_KEYS),
            "notices": self.notices(),
            "status": {lang: self.status_summary(lang) for lang in LANGUAGES},
        }

    def status_summary(self, lang):
        from .status import resolve_status

        return status_summary(resolve_status(self.status), lang)

    def summary(self):
        return {"rows": self.total, "judged": self.judged, "failed": self.failed, "blank": self.blank}

    # -- judging

    def _value(self, key, cell):
        """The answer a (stripped, non-empty) cell gives: a contract value, or the cell itself when invalid."""
        if key == AS_OF:
            value = _date(cell)
        else:
            value = _lookup()[1][key].get(_norm(cell), cell)
        self._values[key][cell] = value
        return value

    def judge(self, count=None):
        """Judge the next `count` rows (every row left when None); returns them as rows for a table."""
        stop = len(self.records) if count is None else min(len(self.records), self.done + max(0, count))
        with _no_gc():
            rows = [self._judge(index) for index in range(self.done, stop)]
        self.done = stop
        return rows

    def _judge(self, index):
        record = self.records[index]
        row = self.first_row + index
        size = len(record)
        if size == self.width and self._keep_all:
            cells = record
        else:
            cells = [record[i] if i < size else "" for i in self.keep]
        if not "".join(record).strip():
            self.blank += 1
            self._out.append(cells + self._blank_results)
            return {"row": row, "blank": True}
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
        codes, problems, results = judged
        employee = self.employee_column
        employee = record[employee] if employee is not None and employee < size else ""
        # Cells beyond the header: an unquoted separator inside a value has shifted the row. Blank ones are
        # harmless unless the row is wrong anyway, when they are the likely reason and are named first.
        extra = size > self.width and "".join(record[self.width:]).strip()
        if not problems and not extra:
            self.judged += 1
            self._out.append(cells + results)
            return {"row": row, "employee": employee, "results": codes, "errors": []}
        errors = [self._error(field, code, answers) for field, code in problems]
        if size > self.width:
            errors.insert(0, {"field": None, "column": None,
                              "message": texts.ROSTER["row_errors"]["extra_cells"][self.lang]})
        self.failed += 1
        self.failed_rows.append(row)
        self._out.append(cells + self._blank_results[:-1] + [self._errors_cell(errors)])
        return {"row": row, "employee": employee, "results": None, "errors": errors}

    def _evaluate(self, answers):
        """(result codes, problems, result cells with an empty errors cell) for one set of answers."""
        result = evaluate(answers, self.status)
        if "errors" in result:
            return None, tuple((e["field"], e["code"]) for e in result["errors"]), None
        outcomes = result["outcomes"]
        codes = [outcomes[k]["result"] for k in OUTCOME_KEYS]
        cells = [result_label(k, c, self.lang) for k, c in zip(OUTCOME_KEYS, codes)]
        return codes, (), cells + [status_cell(outcomes, self.lang), ""]

    def _error(self, field, code, answers):
        """One problem of a row: {"field", "column", "message"} in the roster's language."""
        lang = self.lang
        column = self.column_names.get(field) or (column_label(field, lang) if field in INPUT_KEYS else field)
        question = texts.QUESTIONS[field]["label"][lang] if field in QUESTIONS else column
        row_errors = texts.ROSTER["row_errors"]
        if code == MISSING:
            template = row_errors["missing" if field in self.column_names else "no_column"][lang]
            message = texts.fill(template, column=column, question=question)
        elif code == INVALID_VALUE and field in ANSWER_KEYS:
            message = texts.fill(row_errors["invalid_value"][lang], value=answers.get(field, ""),
                                 allowed=_allowed(field, lang))
        else:  # not reachable from a file (unknown fields are not passed on); the engine's own words
            from .engine import error

            message = error(field, code)["message"][lang]
        return {"field": field, "column": column, "message": message}

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

    # -- the result file

    def csv_text(self):
        """The result as CSV text (no BOM), judging whatever rows are left."""
        import csv
        import io

        if not self.finished:
            self.judge()
        out = io.StringIO()
        writer = csv.writer(out, delimiter=self.separator, lineterminator="\r\n")
        writer.writerow(self.output_header())
        with _no_gc():
            writer.writerows(self._out)
        return out.getvalue()

    def csv_bytes(self):
        """The result file: UTF-8 with a byte order mark, so that Excel reads it as UTF-8."""
        return (BOM + self.csv_text()).encode("utf-8", "backslashreplace")

    @property
    def exit_code(self):
        """The command line's exit status: 0 every row judged, 1 some rows have errors."""
        return 1 if self.failed else 0


def _allowed(field, lang):
    allowed = texts.ROSTER["allowed"]
    if field == AS_OF:
        return allowed["date"][lang]
    kind, options = QUESTIONS[field]
    if kind == BOOLEAN:
        return allowed["boolean"][lang]
    if lang == "en":
        names = list(options)
    else:
        names = [texts.QUESTIONS[field]["options"][o]["label"][lang] for o in options]
    return texts.fill(allowed["choice"][lang], options=texts.OPTION_SEPARATOR[lang].join(names))


def judge_roster(data, lang="en", status=None):
    """Read and judge a whole file: the Roster, finished (raises RosterError when it cannot be read)."""
    roster = Roster(data, lang, status)
    roster.judge()
    return roster


# --- the browser --------------------------------------------------------------------------------------------


def _dump(value):
    import json

    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Job:
    """The browser worker's handle on one file. Text in (bytes), JSON text out; bad input is never an exception.

        job = Job(data, lang)
        job.start_json()        {"info": {...}} or {"error": {"code", "message": {"en", "zh"}}}
        job.next_json(count)    {"rows": [...], "done", "total", "finished", "summary"}
        job.csv_bytes()         the result file, byte for byte what the command line writes
    """

    def __init__(self, data, lang="en", status=None):
        self.roster = self.error = None
        try:
            self.roster = Roster(data, lang, status)
        except RosterError as error:
            self.error = error

    def start_json(self):
        if self.error is not None:
            return _dump({"error": self.error.to_dict()})
        return _dump({"info": self.roster.info()})

    def next_json(self, count=CHUNK):
        roster = self.roster
        rows = roster.judge(count)
        return _dump({"rows": rows, "done": roster.done, "total": roster.total, "finished": roster.finished,
                      "summary": roster.summary()})

    def csv_bytes(self):
        return self.roster.csv_bytes()


# --- the template -------------------------------------------------------------------------------------------

# Example rows of the template: a staff number and answers by key (None: not asked, left blank).
_EXAMPLES = (
    ("E001", {"application": "extension", "category": "C", "tax_bureau_unreachable": True,
              "has_withholding_screenshot": True}),
    ("E002", {"application": "new_in_china", "category": "A", "category_a_route": "points",
              "salary_commitment": False}),
    ("E003", {"application": "change_of_employer", "category": "B", "salary_commitment": True,
              "tax_bureau_unreachable": False}),
)


def template_csv(lang="en"):
    """The template to download: the headers in a language and three example rows, UTF-8 with a BOM."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column_label(key, lang) for key in TEMPLATE_KEYS])
    for employee, answers in _EXAMPLES:
        row = [employee]
        for key in ORDER:
            value = answers.get(key)
            if value is None:
                row.append("")
            elif lang == "en":
                row.append(("yes" if value else "no") if isinstance(value, bool) else value)
            else:
                option = ("yes" if value else "no") if isinstance(value, bool) else value
                row.append(texts.QUESTIONS[key]["options"][option]["label"][lang])
        writer.writerow(row)
    return (BOM + out.getvalue()).encode("utf-8")
