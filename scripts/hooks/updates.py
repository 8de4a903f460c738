"""MkDocs hook: the Updates page, in each language, from one changelog (docs/_data/changelog.yml) and the list of
outside facts the site states (docs/_data/outside-facts.yml).

`<!-- changelog -->` in a page becomes the list of changes, newest first, each linking the pages it concerns by
their titles in the page's language (never a file path: no English inside the Chinese page).
`<!-- outside-facts -->` becomes the facts from outside the notice that the site states, each with its source,
its date and the site's own words for it (read where they live: texts.toml or status.toml, so they cannot drift).
A malformed entry stops the build with the entry and the field to fix.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import sys

import jinja2
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "wizard"))
import eligibility  # noqa: E402
from eligibility import texts  # noqa: E402

CHANGELOG = ROOT / "docs" / "_data" / "changelog.yml"
OUTSIDE_FACTS = ROOT / "docs" / "_data" / "outside-facts.yml"
MARKER = "<!-- changelog -->"
FACTS_MARKER = "<!-- outside-facts -->"
TEXT_KEYS = ("title_en", "title_zh", "text_en", "text_zh")
FACT_KEYS = ("source_en", "source_zh", "words")
TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(ROOT / "scripts" / "templates"),
    undefined=jinja2.StrictUndefined,
)


def dated_entries(path: Path, keys: tuple, missing: str) -> list[dict]:
    """A data file's entries, each with a real date and every one of `keys` (`missing` says why), newest first."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    for number, entry in enumerate(entries, 1):
        where = f"{path.name}, entry {number}"
        if not isinstance(entry.get("date"), datetime.date):
            raise ValueError(f"{where}: date must be a real date written YYYY-MM-DD")
        for key in keys:
            if not str(entry.get(key) or "").strip():
                raise ValueError(f"{where}: {key} is missing: {missing}")
        entry["where"] = where
    return sorted(entries, key=lambda e: e["date"], reverse=True)


def load_changelog(path: Path = CHANGELOG) -> list[dict]:
    return dated_entries(path, TEXT_KEYS, "every change is told in both languages")


def fact_words(reference: str, where: str) -> dict[str, str]:
    """The site's words for an outside fact, {"en": ..., "zh": ...}, from where they live (see outside-facts.yml)."""
    kind, _, name = reference.partition(":")
    if kind == "texts":
        table, _, key = name.partition(".")
        value = getattr(texts, table.upper(), {}).get(key)
        if isinstance(value, dict) and set(value) == {"en", "zh"}:
            return value
    elif kind == "notice":
        notice = eligibility.shipped_status().notice
        if f"{name}_en" in notice and f"{name}_zh" in notice:
            return {"en": notice[f"{name}_en"], "zh": notice[f"{name}_zh"]}
    raise ValueError(f"{where}: words: {reference!r} names no text (write texts:<table>.<key> or notice:<key>)")


def load_outside_facts(path: Path = OUTSIDE_FACTS) -> list[dict]:
    facts = dated_entries(path, FACT_KEYS, "every fact names its source, in both languages")
    return [{**fact, "text": fact_words(fact["words"], fact["where"])} for fact in facts]


def page_title(path: str, lang: str) -> str:
    """The title of docs/<path>.<lang>.md: its front matter's `title`, else its first heading."""
    source = ROOT / "docs" / f"{path}.{lang}.md"
    text = source.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        meta = yaml.safe_load(text.split("---\n", 2)[1]) or {}
        if meta.get("title"):
            return str(meta["title"])
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise ValueError(f"{source}: no title (front matter `title:` or a `# ` heading) to name it on the Updates page")


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown and FACTS_MARKER not in markdown:
        return markdown
    lang = config.theme["language"]
    # Links are relative to the Updates page, which sits at the language's root.
    if FACTS_MARKER in markdown:
        facts = load_outside_facts()
        titles = {p: page_title(p, lang) for e in facts for p in e.get("pages") or ()}
        markdown = markdown.replace(FACTS_MARKER, TEMPLATES.get_template("outside_facts.md.j2").render(
            facts=facts, lang=lang, titles=titles))
    if MARKER in markdown:
        entries = load_changelog()
        titles = {p: page_title(p, lang) for e in entries for p in e.get("pages") or ()}
        markdown = markdown.replace(MARKER, TEMPLATES.get_template("changelog.md.j2").render(
            entries=entries, lang=lang, titles=titles))
    return markdown
