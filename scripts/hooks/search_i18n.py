"""MkDocs hook: search in the visitor's language, and the words people use.

One index per language. mkdocs-static-i18n builds each language in turn and merges their search entries into
one index at the root, and Material's script reads `search/search_index.json` under its `base`, the site's
root, on every page: an English search listed 术语表, a Chinese one "Glossary". Instead:
- each language's entries (recorded once its build has written them) go to their own index: the default
  language's at `search/search_index.json`, the others' at `<lang>/search/search_index.json`, with addresses
  relative to that language's root;
- the pages of another language (and its 404 page) tell Material's script that their root is `<lang>/`: the
  `base` in their `__config`. Material uses `base` for the index, the addresses of results and, in its language
  switch, the path of the page within its language (the same page in the other language, as it should).

Synonyms. A page's front matter may list the words visitors use for what it covers, in its own language:

    search:
      keywords: [renew, renewal, extend]

They go into the page's entry in the index as a field of their own, `keywords` (its weight is in mkdocs.yml:
`plugins.search.fields.keywords.boost`): searched like the text, never shown to readers. Chinese keywords are cut
into words by jieba exactly as Material cuts the page's text (with zero-width spaces), so that Material's
query segmentation, which splits a Chinese query into words found in the index, finds them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority

CONFIG = re.compile(r"""(<script id="__config" type="application/json">)(.*?)(</script>)""", re.S)
BASE = re.compile(r'("base":\s*)"([^"]*)"')
FIELD = "keywords"

# Each language's entries, as its build left them (the default language's build runs last: it is the outermost).
_entries: dict[str, list[dict]] = {}
_index_config: dict = {}


def _search(config):
    return config.plugins.get("material/search") or config.plugins.get("search")


def _i18n(config):
    return config.plugins.get("i18n")


def _default_language(config) -> str:
    i18n = _i18n(config)
    if i18n is None:
        return config.theme["language"]
    return next(lang.locale for lang in i18n.config.languages if lang.default)


def _language(config) -> str:
    return config.theme["language"]


def keywords(page) -> list[str]:
    """The page's synonyms from its front matter (`search: {keywords: [...]}`), as a list of strings."""
    search = page.meta.get("search") or {}
    words = search.get(FIELD) if isinstance(search, dict) else None
    if words is None:
        return []
    if isinstance(words, str):
        words = [words]
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise SystemExit(f"{page.file.src_uri}: search.keywords must be a list of words")
    return [w.strip() for w in words]


def on_pre_build(config):
    # A fresh build, in the outermost (default-language) run: forget what a previous build recorded.
    i18n = _i18n(config)
    if not getattr(i18n, "building", False):
        _entries.clear()


@event_priority(-10)  # after Material's search plugin has added the page's entries (priority 0)
def on_page_context(context, page, config, nav):
    words = keywords(page)
    plugin = _search(config)
    if not words or plugin is None:
        return context
    index = plugin.search_index
    text = " ".join(words)
    segment = getattr(index, "_segment_chinese", None)
    if segment is not None:
        text = segment(text)  # jieba, as Material cuts the page's own text
    own = [e for e in index.entries if e["location"] == page.url]
    if not own:
        own = [e for e in index.entries if e["location"].split("#")[0] == page.url][:1]
    for entry in own:
        entry[FIELD] = text
    return context


def on_post_page(output, page, config):
    return _rebase(output, config)


@event_priority(10)  # before scripts/hooks/serving.py moves the other language's 404 page into its folder
def on_post_template(output, template_name, config):
    if template_name == "404.html":
        return _rebase(output, config)
    return output


def _rebase(html: str, config) -> str:
    """In another language's page, Material's `base` is that language's root, where its own index is."""
    lang = _language(config)
    if lang == _default_language(config):
        return html

    def config_block(match):
        def base(m):
            return f'{m.group(1)}"{m.group(2).rstrip("/")}/{lang}/"'
        return match.group(1) + BASE.sub(base, match.group(2), count=1) + match.group(3)

    return CONFIG.sub(config_block, html, count=1)


@event_priority(-50)  # after Material's search plugin has written this language's index (0), before i18n (-100)
def record_entries(config):
    plugin = _search(config)
    if plugin is None:
        return
    _entries[_language(config)] = [dict(e) for e in plugin.search_index.entries]
    _index_config.update({key: plugin.search_index.config[key] for key in ("lang", "separator", "pipeline", "fields")})


@event_priority(-120)  # after mkdocs-static-i18n has merged every language into one index (-100)
def write_indexes(config):
    i18n = _i18n(config)
    if getattr(i18n, "building", False) or _search(config) is None:
        return  # a language built from inside mkdocs-static-i18n: the outermost build writes every index
    site = Path(config.site_dir)
    default = _default_language(config)
    for lang, entries in _entries.items():
        prefix = "" if lang == default else f"{lang}/"
        docs = []
        for entry in entries:
            location = entry["location"]
            if prefix and not location.startswith(prefix):
                raise SystemExit(f"search entry {location!r} of language {lang!r} is outside {prefix}")
            docs.append({**entry, "location": location[len(prefix):]})
        target = site / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        data = {"config": _index_config, "docs": docs}
        target.write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")


on_post_build = CombinedEvent(record_entries, write_indexes)
