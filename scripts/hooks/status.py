"""MkDocs hook: the measures' status (wizard/eligibility/status.toml, the file the agency edits) on the pages.

- every measure page shows its status badge, with its note, under its title;
- `<!-- status: KEY -->` puts one measure's badge anywhere (the home page's table), without the note;
- `<!-- status-notice -->` says once how current the measures are (which are not confirmed, and why);
- `<!-- notice-facts -->` writes the notice's issuer, when it was issued and its title, "not stated" where the
  file says so.
The engine reads the same file, so the wizard and the tables agree with the badges.
"""

from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path

import jinja2

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "wizard"))
import eligibility  # noqa: E402
from eligibility.status import NOT_STATED  # noqa: E402

STATUS_MARKER = re.compile(r"<!-- status: (\w+) -->")
FACTS_MARKER = "<!-- notice-facts -->"
NOTICE_MARKER = "<!-- status-notice -->"
TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(ROOT / "scripts" / "templates"),
    undefined=jinja2.StrictUndefined,
    autoescape=True,
)


def measure_pages() -> dict[str, str]:
    """Guidance page path (e.g. "measures/online-approval/") -> the measure's key."""
    return {o["page"]: key for key, o in eligibility.catalog()["outcomes"].items()}


def state_of(measure, today: datetime.date) -> str:
    """in_force or unconfirmed (it applies today), not_yet (its start is ahead), or what ended it."""
    if measure.in_force(today):
        return measure.status_when_applying
    if measure.start is not None and today < measure.start:
        return "not_yet"
    return measure.status if measure.status != "in_force" else "ended"


def badge(key: str, lang: str, today: datetime.date | None = None, with_note: bool = True) -> str:
    measure = eligibility.shipped_status().measures[key]
    today = today or datetime.date.today()
    note = (measure.note_zh if lang == "zh" else measure.note_en) if with_note else ""
    return TEMPLATES.get_template("status_badge.html.j2").render(
        m=measure, key=key, lang=lang, state=state_of(measure, today), note=note,
    ).strip()


def status_notice(lang: str, today: datetime.date | None = None) -> str:
    """Once per page: which measures are not confirmed, and why (nothing when every one is confirmed)."""
    today = today or datetime.date.today()
    measures = eligibility.shipped_status().measures.values()
    unconfirmed = [str(m.number) for m in measures if state_of(m, today) == "unconfirmed"]
    if not unconfirmed:
        return ""
    return TEMPLATES.get_template("status_notice.md.j2").render(lang=lang, unconfirmed=unconfirmed)


def notice_facts(lang: str) -> str:
    notice = eligibility.shipped_status().notice
    facts = {k: (None if v == NOT_STATED else v) for k, v in notice.items()}
    return TEMPLATES.get_template("notice_facts.md.j2").render(facts=facts, lang=lang)


def page_path(page) -> str:
    src = re.sub(r"\.(en|zh)\.md$", "", page.file.src_uri)
    return ("" if src == "index" else src + "/")


def on_page_markdown(markdown, page, config, files):
    lang = config.theme["language"]
    markdown = STATUS_MARKER.sub(lambda m: badge(m[1], lang, with_note=False), markdown)
    markdown = markdown.replace(FACTS_MARKER, notice_facts(lang))
    markdown = markdown.replace(NOTICE_MARKER, status_notice(lang))
    key = measure_pages().get(page_path(page))
    if key:
        # Under the page's title, before anything else.
        markdown = re.sub(r"^(# .*)$", lambda m: f"{m[1]}\n\n{badge(key, lang)}\n", markdown, count=1, flags=re.M)
    return markdown
