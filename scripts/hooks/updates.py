"""MkDocs hook: the Updates page, in each language, from one changelog (docs/_data/changelog.yml).

`<!-- changelog -->` in a page becomes the list of changes, newest first, each linking the pages it concerns by
their titles in the page's language (never a file path: no English inside the Chinese page).
A malformed entry stops the build with the entry and the field to fix.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import jinja2
import yaml

ROOT = Path(__file__).resolve().parents[2]
CHANGELOG = ROOT / "docs" / "_data" / "changelog.yml"
MARKER = "<!-- changelog -->"
TEXT_KEYS = ("title_en", "title_zh", "text_en", "text_zh")
TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(ROOT / "scripts" / "templates"),
    undefined=jinja2.StrictUndefined,
)


def load_changelog(path: Path = CHANGELOG) -> list[dict]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    for number, entry in enumerate(entries, 1):
        where = f"{path.name}, entry {number}"
        if not isinstance(entry.get("date"), datetime.date):
            raise ValueError(f"{where}: date must be a real date written YYYY-MM-DD")
        for key in TEXT_KEYS:
            if not str(entry.get(key) or "").strip():
                raise ValueError(f"{where}: {key} is missing: every change is told in both languages")
    return sorted(entries, key=lambda e: e["date"], reverse=True)


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
    if MARKER not in markdown:
        return markdown
    lang = config.theme["language"]
    entries = load_changelog()
    titles = {p: page_title(p, lang) for e in entries for p in e.get("pages") or ()}
    # Links are relative to the Updates page, which sits at the language's root.
    return markdown.replace(MARKER, TEMPLATES.get_template("changelog.md.j2").render(
        entries=entries, lang=lang, titles=titles))
