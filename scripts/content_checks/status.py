"""Status file: wizard/eligibility/status.toml passes the engine's own validation (known measures, real dates,
from before until, known statuses, "in_force" only with the `checked` date of the publisher's confirmation, and
that date not after today).
The engine names each problem by table and key; this finds its line."""

from __future__ import annotations

import difflib
import re
import sys
from datetime import date

from .model import Problem, Site

STATUS_FILE = "wizard/eligibility/status.toml"
TOML_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
TOML_KEY = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*=""")
EMPTY_STRING = re.compile(r"=\s*(\"\"|'')\s*(#.*)?$")
TABLE = r"(notice|measures\.[^\]]+)"


def check(site: Site):
    path = site.root / STATUS_FILE
    if not path.is_file():
        yield Problem(STATUS_FILE, 1, "the measure status file is missing", "restore it")
        return
    engine = site.engine
    if engine is None:
        return
    text = path.read_text(encoding="utf-8")
    try:
        # Today: the day of the check, before every build (a `checked` date after it is a typo).
        engine.parse_status(text, STATUS_FILE, today=date.today())
    except engine.StatusError as error:
        lines = TomlLines(text)
        for problem in error.problems:
            yield Problem(STATUS_FILE, lines.of_problem(problem), problem, hint(problem, engine))


class TomlLines:
    """Where each table header and each key is written (TOML parsers give no lines)."""

    def __init__(self, text: str):
        self.lines = text.splitlines()
        self.headers, self.keys = {}, {}  # table -> line, (table, key) -> line
        table = ""
        for number, line in enumerate(self.lines, 1):
            header = TOML_HEADER.match(line)
            if header:
                table = ".".join(part.strip().strip("\"'") for part in header.group(1).split("."))
                self.headers.setdefault(table, number)
                continue
            key = TOML_KEY.match(line)
            if key:
                self.keys.setdefault((table, key.group(1) or key.group(2) or key.group(3)), number)

    def key_or_header(self, table: str, key: str) -> int:
        return self.keys.get((table, key)) or self.headers.get(table) or 1

    def table(self, table: str) -> int:
        """A table's line: its [header], or its key in the parent table (`measures.x = {…}`)."""
        parent, _, name = table.rpartition(".")
        return self.keys.get((parent, name)) or self.headers.get(table) or 1

    def of_problem(self, problem: str) -> int:
        for pattern, line in self._finders():
            match = re.match(pattern, problem)
            if match:
                return line(*match.groups()) or 1
        return 1

    def _finders(self):
        """(pattern of the engine's message, its line from the pattern's groups), first match wins."""
        return (
            (r"not valid TOML.*at line (\d+)", int),
            (r"top level: unknown key '(.+?)'", self._top_level),
            (rf"\[{TABLE}\]: unknown key '(.+?)'", self.key_or_header),
            (rf"\[{TABLE}\]\.(\w+):", self.key_or_header),
            (r"\[measures\.([^\]]+)\]: unknown measure",
             lambda name: self.headers.get("measures." + name) or self.keys.get(("measures", name))),
            (r"\[measures\.([^\]]+)\] is missing", lambda name: len(self.lines)),
            (rf"\[{TABLE}\] must be a table", self.table),
            (r"\[measures\.([^\]]+)\]: status \"in_force\" says",
             lambda name: self.key_or_header("measures." + name, "status")),
            (r"\[measures\.([^\]]+)\]: from .* is after until",
             lambda name: self.key_or_header("measures." + name, "from")),
            (r"\[measures\.([^\]]+)\]: give note_en and note_zh together", self._empty_note),
        )

    def _top_level(self, name: str) -> int:
        return self.keys.get(("", name)) or self.headers.get(name) or next(
            (line for table, line in self.headers.items() if table.startswith(name + ".")), 1)

    def _empty_note(self, name: str) -> int:
        """The note that is missing or empty, when the other one is written."""
        table = "measures." + name
        for key in ("note_en", "note_zh"):
            line = self.keys.get((table, key))
            if line is None or EMPTY_STRING.search(self.lines[line - 1]):
                return line or self.headers.get(table) or 1
        return self.headers.get(table) or 1


def hint(problem: str, engine) -> str:
    """How to fix one of the engine's problems."""
    if problem.startswith("not valid TOML"):
        if "date" in problem.lower():
            return 'write a real date, quoted: "YYYY-MM-DD" (or "" when not stated)'
        return "fix the TOML syntax (see the comments at the top of the file)"
    if "unknown measure" in problem:
        return unknown_measure_hint(problem)
    for words, fix in HINTS:
        if words in problem:
            return fix(engine) if callable(fix) else fix
    return "see the comments at the top of the file"


HINTS = (  # (words in the engine's problem, the fix or what makes it), first match wins
    ("is missing", "add it, as for the other measures: number, status, from, until, note_en, note_zh, replaced_by"),
    ("unknown key", "remove it or correct its spelling"),
    ("is not a date", 'write a real calendar day as "YYYY-MM-DD", or "" when the notice states none'),
    ("is neither YYYY-MM-DD", 'write a real calendar day as "YYYY-MM-DD", or "" when the notice states none'),
    ("is after today", 'write the day the publisher confirmed the status, today or before, as "YYYY-MM-DD" '
                       '(a confirmation cannot be in the future)'),
    ("is after until", "correct the dates: from must be on or before until"),
    (".status:", lambda engine: f"use {statuses(engine)}"),
    ("says the publisher confirmed", 'write checked = "YYYY-MM-DD" (the day the publisher confirmed the measure '
                                     'applies), or keep status = "unconfirmed"'),
    (".number:", "write the measure's own number, or remove the number line"),
    ("note_en and note_zh", "write both notes, in English and in Chinese, or leave both empty"),
    ("is not a string", "write a quoted string"),
    ("non-empty string", "write a quoted string"),
)


def unknown_measure_hint(problem: str) -> str:
    known = re.search(r"known: ([^)]*)", problem)
    known = known.group(1) if known else ""
    name = re.match(r"\[measures\.([^\]]+)\]", problem).group(1)
    close = difflib.get_close_matches(name, known.split(", "), 1)
    return f"did you mean [measures.{close[0]}]?" if close else f"use one of the known measures ({known})"


def statuses(engine) -> str:
    module = sys.modules.get(engine.__name__ + ".status")
    return ", ".join(f'"{s}"' for s in getattr(module, "STATUSES", ("in_force", "lifted", "superseded")))
