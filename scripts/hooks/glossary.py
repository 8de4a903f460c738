"""MkDocs hook: the glossary, kept in one data file, rendered into every language.

- `<!-- glossary -->` in a page is replaced by the glossary table in the page's language.
- English pages gloss the official names (entries with `tooltip: true`) with their Chinese term,
  through Python-Markdown's abbreviations, which Material shows as tooltips.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import yaml

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY_FILE = ROOT / "docs" / "_data" / "glossary.yml"
TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(ROOT / "scripts" / "templates"),
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)
MARKER = "<!-- glossary -->"
REQUIRED_KEYS = ("key", "en", "zh", "meaning_en", "meaning_zh")


def load_glossary(path: Path = GLOSSARY_FILE) -> list[dict]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    for entry in entries:
        missing = [k for k in REQUIRED_KEYS if not str(entry.get(k, "")).strip()]
        if missing:
            raise ValueError(f"{path}: glossary entry {entry.get('key')!r} lacks {', '.join(missing)}")
    return entries


def page_language(config) -> str:
    # mkdocs-static-i18n sets the theme language for each language build.
    return config.theme["language"]


def glossary_table(entries: list[dict], lang: str) -> str:
    return TEMPLATES.get_template("glossary.md.j2").render(entries=entries, lang=lang)


def tooltip_definitions(entries: list[dict]) -> str:
    return "\n".join(f"*[{e['en']}]: {e['zh']}" for e in entries if e.get("tooltip"))


_entries: list[dict] = []


def on_config(config):
    _entries[:] = load_glossary()
    return config


def on_page_markdown(markdown, page, config, files):
    lang = page_language(config)
    if MARKER in markdown:
        markdown = markdown.replace(MARKER, glossary_table(_entries, lang))
    if lang == "en":
        markdown = f"{markdown}\n\n{tooltip_definitions(_entries)}\n"
    return markdown
