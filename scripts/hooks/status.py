"""MkDocs hook: how current the measures are (wizard/eligibility/status.toml, the file the agency edits), once
per page, in the engine's own words (texts.toml [currency], [epidemic]).

- every measure page shows ONE banner under its title (GOV.UK's pattern for withdrawn guidance): what the 2022
  notice said, that this site has not confirmed it still applies, where to check. A measure this site has
  confirmed, or one that was lifted, also shows its dated status line (with its note) in the banner;
- `<!-- status-notice -->` puts the same banner, for all five measures, where a page says it (home, notice,
  glossary, how the check decides);
- `<!-- status: KEY -->` puts one measure's dated status line anywhere, as a paragraph, and nothing while the
  measure is unconfirmed (the page's banner already says so: no badge repeated on every row);
- `<!-- epidemic: KEY -->` writes the notice's epidemic condition for measure 1 or 3, then, beside it, the dated
  public fact with its source (texts.toml [epidemic]): both stated, no conclusion drawn;
- `<!-- notice-facts -->` writes the notice's issuer, when it was issued and its title, "not stated" where the
  file says so.
The engine reads the same files, so the wizard's and the roster's banners say what the pages say.
"""

from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "wizard"))
import eligibility  # noqa: E402
from eligibility import texts  # noqa: E402
from eligibility.engine import currency_words, epidemic_fact  # noqa: E402  (the wizard's banner and notes say the same)
from eligibility.status import NOT_STATED, UNCONFIRMED  # noqa: E402

STATUS_MARKER = re.compile(r"<!-- status: (\w+) -->")
EPIDEMIC_MARKER = re.compile(r"<!-- epidemic: (\w+) -->")
FACTS_MARKER = "<!-- notice-facts -->"
NOTICE_MARKER = "<!-- status-notice -->"
URL = re.compile(r"https://[^\s）)]+")
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


def linked(text: str) -> Markup:
    """A text from the engine, escaped, with its web addresses as links."""
    return Markup(URL.sub(lambda m: f'<a href="{m[0]}">{m[0]}</a>', str(escape(text))))


def status_line(key: str, lang: str, today: datetime.date, with_note: bool = True) -> str:
    """One measure's dated status (a confirmed, lifted, superseded or not yet applying measure), as HTML."""
    measure = eligibility.shipped_status().measures[key]
    note = (measure.note_zh if lang == "zh" else measure.note_en) if with_note else ""
    state = state_of(measure, today)
    labels = texts.STATUS_LABELS
    return TEMPLATES.get_template("status_badge.html.j2").render(
        m=measure, key=key, lang=lang, state=state, note=note,
        label=labels[state][lang] if state in labels else None,
    ).strip()


def banner(keys: list[str], lang: str, today: datetime.date | None = None) -> str:
    """The one banner for the measures `keys`: the engine's currency words, then the dated status line of each
    measure that is not simply unconfirmed."""
    today = today or datetime.date.today()
    measures = [eligibility.shipped_status().measures[key] for key in keys]
    unconfirmed = [m for m in measures if state_of(m, today) == UNCONFIRMED]
    state, words = currency_words([m.number for m in unconfirmed], len(measures))
    text = words[lang]
    outcomes = eligibility.catalog()["outcomes"]
    lines = [{"label": outcomes[m.key]["label"][lang] if len(keys) > 1 else "",
              "line": Markup(status_line(m.key, lang, today))}
             for m in measures if m not in unconfirmed]
    return TEMPLATES.get_template("status_notice.html.j2").render(
        state=state, title=texts.CURRENCY["title"][lang], text=linked(text), lines=lines,
        unconfirmed=" ".join(str(m.number) for m in unconfirmed),
    ).strip()


def epidemic(key: str, lang: str) -> str:
    """The notice's epidemic condition for measure `key`, and beside it the dated public fact, with its source."""
    return TEMPLATES.get_template("epidemic_note.html.j2").render(
        key=key, condition=linked(texts.EPIDEMIC[key][lang]), fact=linked(epidemic_fact(lang)),
    ).strip()


def notice_facts(lang: str) -> str:
    notice = eligibility.shipped_status().notice
    facts = {k: (None if v == NOT_STATED else v) for k, v in notice.items()}
    return TEMPLATES.get_template("notice_facts.md.j2").render(facts=facts, lang=lang)


def page_path(page) -> str:
    src = re.sub(r"\.(en|zh)\.md$", "", page.file.src_uri)
    return ("" if src == "index" else src + "/")


def block(html: str) -> str:
    """Raw HTML as a Markdown block of its own (blank lines around it), or nothing."""
    return f"\n\n{html}\n\n" if html else ""


def on_page_markdown(markdown, page, config, files):
    lang = config.theme["language"]
    today = datetime.date.today()
    keys = list(eligibility.shipped_status().measures)

    def line(match):
        key = match[1]
        if state_of(eligibility.shipped_status().measures[key], today) == UNCONFIRMED:
            return ""
        return block(f'<p class="status-line">{status_line(key, lang, today, with_note=False)}</p>')

    markdown = STATUS_MARKER.sub(line, markdown)
    markdown = EPIDEMIC_MARKER.sub(lambda m: block(epidemic(m[1], lang)), markdown)
    markdown = markdown.replace(FACTS_MARKER, notice_facts(lang))
    markdown = markdown.replace(NOTICE_MARKER, block(banner(keys, lang, today)))
    key = measure_pages().get(page_path(page))
    if key:
        # Under the page's title, before anything else.
        markdown = re.sub(r"^(# .*)$", lambda m: f"{m[1]}{block(banner([key], lang, today))}", markdown,
                          count=1, flags=re.M)
    return markdown
