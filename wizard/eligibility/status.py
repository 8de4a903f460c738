"""Which measures are in force: loading and checking `status.toml`.

The agency edits `status.toml`; everything here is about reading it safely.
`validate_status` turns the parsed data into a `Status` or raises
`StatusError` naming every problem (a content checker reuses it).

In-force rule (documented in status.toml too): a measure applies on a day
when the day is inside [from, until] (an empty bound is open) and either its
status is "in_force" or "unconfirmed", or an "until" date is set, because a
lifted or superseded measure with an end date was in force up to that date.

"unconfirmed" (the shipped default) means: the notice says so, but the
publisher has not confirmed that the measure still applies. "in_force" is a
confirmation, so it needs the date of that confirmation (`checked`).

`tomllib` and `importlib.resources` are imported only when a file is read:
they are slow to import and the shipped file is read once, then cached. The
wheel the browser loads carries the shipped file as JSON (packed.py).
"""

from datetime import date

from .answers import parse_date
from .packed import packed_data
from .rules import RULES_BY_KEY

IN_FORCE = "in_force"
UNCONFIRMED = "unconfirmed"
STATUSES = (IN_FORCE, UNCONFIRMED, "lifted", "superseded")
# The statuses under which the notice's measure applies (within its dates).
APPLYING = (IN_FORCE, UNCONFIRMED)
NOTICE_KEYS = ("title_en", "title_zh", "issuer_en", "issuer_zh", "date", "issued_en", "issued_zh")
NOT_STATED = "not stated"
# When the notice was issued as far as the site knows (its text carries no date): optional, in both languages.
OPTIONAL_NOTICE_KEYS = ("issued_en", "issued_zh")
MEASURE_TEXT_KEYS = ("note_en", "note_zh", "replaced_by")
MEASURE_KEYS = ("number", "status", "from", "until", "checked") + MEASURE_TEXT_KEYS
STATUS_FILE = "status.toml"


class Problem(str):
    """One problem with the status data: the English text (the str; the content checks read it), and `zh`."""

    def __new__(cls, en, zh):
        problem = super().__new__(cls, en)
        problem.zh = zh
        return problem


class StatusError(ValueError):
    """The measure status data is wrong; `problems` lists every problem (Problem: English, and .zh)."""

    def __init__(self, problems, origin="measure status"):
        self.problems = list(problems)
        self.origin = origin
        super().__init__(
            f"{origin}: invalid measure status:\n" + "\n".join("- " + p for p in self.problems)
        )

    def bilingual(self):
        """Every problem in English, then in Chinese under it: for the agency's staff, who edit the file."""
        lines = [f"{self.origin}:"]
        for problem in self.problems:
            lines.append(f"- {problem}")
            lines.append(f"  {getattr(problem, 'zh', problem)}")
        return "\n".join(lines) + "\n"


class MeasureStatus:
    __slots__ = ("key", "number", "status", "start", "end", "checked", "note_en", "note_zh", "replaced_by")

    def __init__(self, key, number, status, start, end, note_en, note_zh, replaced_by, checked=None):
        self.key = key
        self.number = number
        self.status = status
        self.start = start  # datetime.date or None
        self.end = end  # datetime.date or None (inclusive)
        self.checked = checked  # when the publisher last confirmed the status; None: never
        self.note_en = note_en
        self.note_zh = note_zh
        self.replaced_by = replaced_by

    @property
    def always_in_force(self):
        return self.status in APPLYING and self.start is None and self.end is None

    def in_force(self, day):
        """Does the measure apply on `day` (confirmed or not)?"""
        if self.start is not None and day < self.start:
            return False
        if self.end is not None and day > self.end:
            return False
        return self.status in APPLYING or self.end is not None

    @property
    def status_when_applying(self):
        """The outcome's `status` on a day the measure applies: in_force or unconfirmed.

        A lifted or superseded measure that still applied that day (before its
        `until`) was confirmed by the publisher's own dates: in_force.
        """
        return UNCONFIRMED if self.status == UNCONFIRMED else IN_FORCE

    def to_dict(self):
        return {
            "number": self.number,
            "status": self.status,
            "from": self.start.isoformat() if self.start else "",
            "until": self.end.isoformat() if self.end else "",
            "checked": self.checked.isoformat() if self.checked else "",
            "note_en": self.note_en,
            "note_zh": self.note_zh,
            "replaced_by": self.replaced_by,
        }


class Status:
    """Validated status: the notice's facts and one MeasureStatus per measure."""

    __slots__ = ("notice", "measures", "needs_date")

    def __init__(self, notice, measures):
        self.notice = notice
        self.measures = measures
        # Without dates or lifted measures no date is needed: skip today().
        self.needs_date = not all(m.always_in_force for m in measures.values())

    def to_dict(self):
        return {
            "notice": dict(self.notice),
            "measures": {key: m.to_dict() for key, m in self.measures.items()},
        }


def _date_or_none(value, where, problems):
    """'' -> None; 'YYYY-MM-DD' or a TOML date -> date; else a problem."""
    if value == "":
        return None
    if type(value) is date:  # an unquoted TOML date (not a datetime)
        return value
    day = parse_date(value)
    if day is None:
        problems.append(Problem(f"{where}: {value!r} is not a date written YYYY-MM-DD (or \"\")",
                                f"{where}：{value!r} 不是按 YYYY-MM-DD 书写的日期（或 \"\"）"))
    return day


def _check_keys(table, allowed, where, problems):
    for key in table:
        if key not in allowed:
            problems.append(Problem(f"{where}: unknown key {key!r} (allowed: {', '.join(allowed)})",
                                    f"{where}：未知的键 {key!r}（可用：{'、'.join(allowed)}）"))


def _check_notice(notice, problems):
    if not isinstance(notice, dict):
        problems.append(Problem("[notice] must be a table", "[notice] 必须是一个表"))
        return {}
    _check_keys(notice, NOTICE_KEYS, "[notice]", problems)
    checked = {}
    for key in NOTICE_KEYS:
        if key in OPTIONAL_NOTICE_KEYS and key not in notice:
            continue
        value = notice.get(key)
        if type(value) is date:
            value = value.isoformat()
        if type(value) is not str or not value:
            problems.append(Problem(f"[notice].{key}: missing or not a non-empty string",
                                    f"[notice].{key}：缺失，或不是非空字符串"))
            continue
        if key == "date" and value != NOT_STATED and parse_date(value) is None:
            problems.append(Problem(f"[notice].date: {value!r} is neither YYYY-MM-DD nor {NOT_STATED!r}",
                                    f"[notice].date：{value!r} 既不是 YYYY-MM-DD 格式的日期，也不是 {NOT_STATED!r}"))
        checked[key] = value
    return checked


def _check_measure(key, table, problems, today=None):
    where = f"[measures.{key}]"
    if not isinstance(table, dict):
        problems.append(Problem(f"{where} must be a table", f"{where} 必须是一个表"))
        return None
    _check_keys(table, MEASURE_KEYS, where, problems)
    number = RULES_BY_KEY[key].number
    if "number" in table and (type(table["number"]) is not int or table["number"] != number):
        problems.append(Problem(f"{where}.number: {table['number']!r} but {key} is measure {number}",
                                f"{where}.number：填写为 {table['number']!r}，但 {key} 是第 {number} 项措施"))
    status = table.get("status")
    if status not in STATUSES:
        problems.append(Problem(f"{where}.status: {status!r} is not one of {', '.join(STATUSES)}",
                                f"{where}.status：{status!r} 不是以下之一：{'、'.join(STATUSES)}"))
    start = _date_or_none(table.get("from", ""), f"{where}.from", problems)
    end = _date_or_none(table.get("until", ""), f"{where}.until", problems)
    if start and end and start > end:
        problems.append(Problem(f"{where}: from {start.isoformat()} is after until {end.isoformat()}",
                                f"{where}：from（{start.isoformat()}）晚于 until（{end.isoformat()}）"))
    checked = _date_or_none(table.get("checked", ""), f"{where}.checked", problems)
    if status == IN_FORCE and checked is None:
        problems.append(Problem(
            f"{where}: status \"in_force\" says the publisher confirmed the measure: give the date of that "
            f"confirmation as checked = \"YYYY-MM-DD\", or keep status \"{UNCONFIRMED}\"",
            f"{where}：status \"in_force\" 表示发布机构已确认该措施仍然有效：请以 checked = \"YYYY-MM-DD\" "
            f"填写确认日期，或保留 status \"{UNCONFIRMED}\"",
        ))
    # A confirmation is a fact of the past: a `checked` after the day of the build (a typo, 2099 for 2029) would
    # be published as "last confirmed" on a day still to come.
    if checked is not None and today is not None and checked > today:
        problems.append(Problem(
            f"{where}.checked: {checked.isoformat()} is after today ({today.isoformat()}): give the day the "
            f"publisher confirmed the status, which cannot be in the future",
            f"{where}.checked：{checked.isoformat()} 晚于今天（{today.isoformat()}）：请填写发布机构确认该状态的"
            f"日期，该日期不能晚于今天",
        ))
    texts = {}
    for text_key in MEASURE_TEXT_KEYS:
        value = table.get(text_key, "")
        if type(value) is not str:
            problems.append(Problem(f"{where}.{text_key}: {value!r} is not a string",
                                    f"{where}.{text_key}：{value!r} 不是字符串"))
            value = ""
        texts[text_key] = value.strip()
    if bool(texts["note_en"]) != bool(texts["note_zh"]):
        problems.append(Problem(f"{where}: give note_en and note_zh together (the site is bilingual)",
                                f"{where}：note_en 与 note_zh 须同时填写（本网站为中英双语）"))
    return MeasureStatus(key, number, status, start, end, checked=checked, **texts)


def validate_status(data, origin="measure status", today=None):
    """Check parsed status data; return a `Status` or raise `StatusError`. With `today` (a date: the content
    checks and the build give theirs), a `checked` date after it is a problem too."""
    problems = []
    if not isinstance(data, dict):
        raise StatusError([Problem("the status must be a table of [notice] and [measures.*]",
                                   "状态数据必须是由 [notice] 和 [measures.*] 组成的表")], origin)
    _check_keys(data, ("notice", "measures"), "top level", problems)
    notice = _check_notice(data.get("notice"), problems)
    tables = data.get("measures")
    measures = {}
    if not isinstance(tables, dict):
        problems.append(Problem("[measures] is missing or not a table", "[measures] 缺失，或不是表"))
        tables = {}
    for key in tables:
        if key not in RULES_BY_KEY:
            problems.append(Problem(f"[measures.{key}]: unknown measure (known: {', '.join(RULES_BY_KEY)})",
                                    f"[measures.{key}]：未知的措施（已知：{'、'.join(RULES_BY_KEY)}）"))
    for key in RULES_BY_KEY:
        if key not in tables:
            problems.append(Problem(f"[measures.{key}] is missing", f"[measures.{key}] 缺失"))
            continue
        checked = _check_measure(key, tables[key], problems, today)
        if checked is not None:
            measures[key] = checked
    if problems:
        raise StatusError(problems, origin)
    return Status(notice, measures)


def parse_status(text, origin="measure status", today=None):
    """Parse and check TOML text (`today`: see validate_status)."""
    import tomllib  # lazy: see the module docstring

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise StatusError([Problem(f"not valid TOML: {error}", f"不是有效的 TOML：{error}")], origin) from None
    return validate_status(data, origin, today)


def load_status_file(path):
    """Read, parse and check a status file given by path."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        problem = Problem(f"cannot read the file: {error}", f"无法读取该文件：{error}")
        raise StatusError([problem], str(path)) from None
    return parse_status(text, str(path))


_shipped = None


def shipped_status():
    """The package's own status.toml, read once (works from a wheel too)."""
    global _shipped
    if _shipped is None and (packed := packed_data(STATUS_FILE)) is not None:
        _shipped = validate_status(packed, STATUS_FILE)  # the wheel's JSON copy (packed.py)
    if _shipped is None:
        from importlib.resources import files  # lazy: see the module docstring

        text = files(__package__).joinpath(STATUS_FILE).read_text(encoding="utf-8")
        _shipped = parse_status(text, STATUS_FILE)
    return _shipped


def resolve_status(status):
    """None -> the shipped status; a Status -> itself; parsed data -> checked."""
    if status is None:
        return shipped_status()
    if isinstance(status, Status):
        return status
    return validate_status(status)
