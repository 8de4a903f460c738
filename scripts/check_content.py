#!/usr/bin/env python3
"""Check the site's content before it is built or tested.

    .venv/bin/python scripts/check_content.py [--root DIR]

Checks, each problem printed as one line `path:line: what is wrong — how to fix it`
(paths relative to the root), exit status 1 when there is any problem, else 0:

- pages:        every page exists in both languages (docs/<page>.en.md and docs/<page>.zh.md), every
                nav entry of mkdocs.yml exists in both, and the Chinese nav_translations cover every nav title;
- section ids:  both languages of a page have the same section ids ({ #id } / {: #id }), the guidance
                pages have the six required ones, and no id is used twice in a page;
- placeholders: no empty page, section or front-matter title, no TODO / TBD / FIXME / XXX / lorem ipsum /
                [translate] / TRANSLATE ME / 待翻译, no English left in a Chinese page (or Chinese in an
                English page), no Chinese page identical to its English one;
- glossary:     terms written exactly as docs/_data/glossary.yml has them (English: the multi-word terms,
                case and apostrophe; Chinese: full-width parentheses and spacing), plus an optional
                `avoid: [...]` list per entry; the notice's own words (quotations) are left as they are; the
                engine's words (wizard/eligibility/texts.toml, or texts.py) carry no Chinese `avoid` variant;
- engine:       every page and `source` the eligibility engine cites exists, with its id, in both languages;
- links:        every internal link resolves to a page in the same language, and its #anchor to an id there;
- third party:  no resource (image, script, style sheet, font, frame) loaded from another host, in the
                pages, the theme overrides, the site's CSS / JS, the wizard's front end and mkdocs.yml;
- status:       wizard/eligibility/status.toml passes the engine's own validation (known measures, real
                dates, from before until, known statuses, "in_force" only with the `checked` date of the
                publisher's confirmation), each problem at its line.

Standard library plus PyYAML (already required by MkDocs). The engine is imported from <root>/wizard.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
# libyaml's loader when PyYAML has it (it keeps line marks too): the pure-Python one is slow.
BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

LANG_NAMES = {"en": "English", "zh": "Chinese"}
DEFAULT_LANGS = ["en", "zh"]
GUIDANCE_DIR = "measures/"
GUIDANCE_IDS = ("what-changed", "who-it-applies-to", "what-to-do", "documents", "notice-text", "not-stated")
STATUS_FILE = "wizard/eligibility/status.toml"
ENGINE_DIR = "wizard/eligibility"
GLOSSARY_FILE = "docs/_data/glossary.yml"
# The engine's words: its data file, or texts.py itself before there was one.
ENGINE_TEXTS_FILES = ("wizard/eligibility/texts.toml", "wizard/eligibility/texts.py")
# Files where a third-party resource could be referenced (besides the pages and mkdocs.yml).
ASSET_GLOBS = (
    "overrides/**/*.html",
    "docs/stylesheets/**/*.css",
    "docs/javascripts/**/*.js",
    "docs/javascripts/**/*.mjs",
    "wizard/frontend/**/*",
)

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z’'\-]+")
LATIN_LETTER = re.compile(r"[A-Za-z]")

PLACEHOLDERS = [
    re.compile(r"(?<![A-Za-z0-9_])(TODO|TBD|FIXME|XXX)(?![A-Za-z0-9_])"),
    re.compile(r"lorem\s+ipsum", re.I),
    re.compile(r"\[\s*translate\s*\]", re.I),
    re.compile(r"(?<![A-Za-z])TRANSLATE\s+ME(?![A-Za-z])", re.I),
    re.compile(r"待翻译"),
]

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
ATTR_LIST_AT_END = re.compile(r"\{:?\s*([^{}]*)\}\s*$")
ATTR_ID = re.compile(r"(?:^|\s)#([\w:.-]+)")
HTML_ID = re.compile(r"""<[a-zA-Z][^>]*?\sid\s*=\s*["']([^"']+)["']""")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
ABS_URL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
REMOTE = re.compile(r"^\s*(?:https?:)?//[^/\s]", re.I)


@dataclass
class Problem:
    path: str
    line: int
    what: str
    fix: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.what} — {self.fix}"


@dataclass
class Page:
    """One Markdown file of one page in one language."""

    rel: str  # path relative to the root, e.g. docs/measures/tax-records.zh.md
    stem: str  # page path inside docs without language and .md, e.g. measures/tax-records
    lang: str
    lines: list[str]  # raw lines
    masked: list[str]  # lines with code blanked (same lengths)
    front: dict = field(default_factory=dict)  # front-matter key -> (value, line)
    body_start: int = 0  # index of the first line after the front matter
    h1: int | None = None  # index of the H1 line
    ids: dict = field(default_factory=dict)  # explicit id -> first line (1-based)
    id_order: list = field(default_factory=list)  # (id, line) in order, duplicates included
    slugs: set = field(default_factory=set)  # heading slugs of headings without an explicit id
    quoted: set = field(default_factory=set)  # 0-based line indexes quoting the notice verbatim
    duplicate_lines: set = field(default_factory=set)  # 1-based lines whose id was already used

    @property
    def url(self) -> str:
        """The page's address relative to its language root (use_directory_urls)."""
        if self.stem == "index":
            return ""
        if self.stem.endswith("/index"):
            return self.stem[: -len("index")]
        return self.stem + "/"


class Checker:
    def __init__(self, root: Path):
        self.root = root
        self.docs = root / "docs"
        self.problems: list[Problem] = []
        self.langs = list(DEFAULT_LANGS)
        self.default_lang = "en"
        self.mkdocs_node = None
        self.mkdocs = {}
        self.pages: dict[tuple[str, str], Page] = {}  # (stem, lang) -> Page
        self.stems: set[str] = set()
        self.engine = None

    # --- helpers ------------------------------------------------------------

    def add(self, path, line, what, fix):
        if isinstance(path, Path):
            path = path.relative_to(self.root).as_posix()
        self.problems.append(Problem(path, max(1, int(line)), what, fix))

    def lang_name(self, lang):
        return LANG_NAMES.get(lang, lang)

    def page_file(self, stem, lang):
        return f"docs/{stem}.{lang}.md"

    # --- loading ------------------------------------------------------------

    def load_mkdocs(self):
        path = self.root / "mkdocs.yml"
        if not path.is_file():
            self.add("mkdocs.yml", 1, "mkdocs.yml is missing", "restore it")
            return
        loader = _TolerantLoader(path.read_text(encoding="utf-8"))
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else {}
        except yaml.YAMLError as error:
            line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
            self.add("mkdocs.yml", line, f"not valid YAML: {error}".splitlines()[0], "fix the YAML syntax")
            return
        finally:
            loader.dispose()
        self.mkdocs_node = node
        self.mkdocs = data if isinstance(data, dict) else {}
        i18n = self.i18n_config()
        if i18n:
            langs = [l.get("locale") for l in i18n.get("languages", []) if isinstance(l, dict) and l.get("locale")]
            if langs:
                self.langs = langs
            for lang in i18n.get("languages", []):
                if isinstance(lang, dict) and lang.get("default"):
                    self.default_lang = lang.get("locale")

    def i18n_config(self):
        for plugin in self.mkdocs.get("plugins", []) or []:
            if isinstance(plugin, dict) and "i18n" in plugin and isinstance(plugin["i18n"], dict):
                return plugin["i18n"]
        return None

    def load_pages(self):
        if not self.docs.is_dir():
            self.add("docs", 1, "the docs folder is missing", "restore docs/")
            return
        suffix = re.compile(r"^(.*)\.([a-z]{2}(?:[_-][A-Za-z]+)?)\.md$")
        for path in sorted(self.docs.rglob("*.md")):
            rel_docs = path.relative_to(self.docs).as_posix()
            if rel_docs.startswith("_data/") or "/_" in "/" + rel_docs.rsplit("/", 1)[0] + "/":
                continue
            match = suffix.match(rel_docs)
            if not match or match.group(2) not in self.langs:
                base = rel_docs[:-3]
                self.add(path, 1, "page has no language suffix",
                         f"rename it to {base}.{self.langs[0]}.md and give it a {base}.{self.langs[1]}.md twin")
                continue
            stem, lang = match.group(1), match.group(2)
            text = path.read_text(encoding="utf-8")
            page = parse_page(path.relative_to(self.root).as_posix(), stem, lang, text)
            self.pages[(stem, lang)] = page
            self.stems.add(stem)

    # --- pages in both languages --------------------------------------------

    def check_twins(self):
        for stem in sorted(self.stems):
            for lang in self.langs:
                if (stem, lang) in self.pages:
                    continue
                have = [l for l in self.langs if (stem, l) in self.pages]
                source = self.pages[(stem, have[0])]
                self.add(source.rel, 1,
                         f"no {self.lang_name(lang)} version of this page ({self.page_file(stem, lang)} is missing)",
                         f"add {self.page_file(stem, lang)} with the same sections and ids")

    def check_nav(self):
        if self.mkdocs_node is None:
            return
        nav_node = _map_get(self.mkdocs_node, "nav")
        titles = []  # (title, line)

        def walk(node):
            if isinstance(node, yaml.SequenceNode):
                for item in node.value:
                    walk(item)
            elif isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    titles.append((str(key.value), key.start_mark.line + 1))
                    if isinstance(value, yaml.ScalarNode):
                        check_target(str(value.value), value.start_mark.line + 1)
                    else:
                        walk(value)
            elif isinstance(node, yaml.ScalarNode):
                check_target(str(node.value), node.start_mark.line + 1)

        def check_target(target, line):
            if ABS_URL.match(target) or not target.endswith(".md"):
                return
            stem = target[:-3]
            for lang in self.langs:
                if (stem, lang) not in self.pages:
                    self.add("mkdocs.yml", line,
                             f"nav entry {target} has no {self.lang_name(lang)} page ({self.page_file(stem, lang)})",
                             f"add {self.page_file(stem, lang)} or correct the nav entry")

        if nav_node is not None:
            walk(nav_node)
        # nav_translations of every non-default language
        langs_node = _map_get(_plugin_node(self.mkdocs_node, "i18n"), "languages")
        if langs_node is None or not isinstance(langs_node, yaml.SequenceNode):
            return
        for lang_node in langs_node.value:
            locale = _scalar(_map_get(lang_node, "locale"))
            if not locale or locale == self.default_lang:
                continue
            trans_node = _map_get(lang_node, "nav_translations")
            translated = {}
            if isinstance(trans_node, yaml.MappingNode):
                for key, value in trans_node.value:
                    translated[str(key.value)] = (str(value.value or ""), key.start_mark.line + 1)
            anchor_line = (trans_node.start_mark.line if trans_node is not None else lang_node.start_mark.line) + 1
            nav_titles = {t for t, _ in titles}
            for title, line in titles:
                if title not in translated:
                    self.add("mkdocs.yml", line,
                             f"nav title “{title}” has no {self.lang_name(locale)} translation",
                             f"add `{title}: …` under nav_translations of {locale} (line {anchor_line})")
                elif not translated[title][0].strip():
                    self.add("mkdocs.yml", translated[title][1],
                             f"nav_translations of {locale}: “{title}” is translated as nothing",
                             "write the translated title")
            for title, (_, line) in translated.items():
                if title not in nav_titles:
                    close = difflib.get_close_matches(title, nav_titles, 1)
                    hint = f" (did you mean “{close[0]}”?)" if close else ""
                    self.add("mkdocs.yml", line,
                             f"nav_translations of {locale} translates “{title}”, which is no nav title{hint}",
                             "correct it to the nav title exactly, or remove it")

    # --- section ids --------------------------------------------------------

    def check_ids(self):
        for (stem, lang), page in sorted(self.pages.items()):
            seen = {}
            for id_, line in page.id_order:
                if id_ in seen:
                    self.add(page.rel, line, f"id #{id_} is used twice in this page (first at line {seen[id_]})",
                             "give each section its own id")
                else:
                    seen[id_] = line
        for stem in sorted(self.stems):
            present = [self.pages[(stem, l)] for l in self.langs if (stem, l) in self.pages]
            required = GUIDANCE_IDS if stem.startswith(GUIDANCE_DIR) else ()
            for page in present:
                others = [p for p in present if p is not page]
                for id_ in required:
                    if id_ not in page.ids:
                        twin = next((p for p in others if id_ in p.ids), None)
                        line = self.guess_missing_line(page, twin, id_)
                        self.add(page.rel, line, f"guidance page lacks the section id #{id_}",
                                 f"add {{ #{id_} }} to the heading of that section"
                                 + (f" (as {twin.rel} has it)" if twin else ""))
                reported = set()
                for other in others:
                    for id_, _ in other.id_order:
                        if id_ in page.ids or id_ in required or id_ in reported:
                            continue
                        reported.add(id_)
                        line = self.guess_missing_line(page, other, id_)
                        twin_line = other.lines[other.ids[id_] - 1].strip()
                        where = ("under the matching paragraph here" if twin_line.startswith("{")
                                 else "to the matching heading here")
                        self.add(page.rel, line,
                                 f"id #{id_} is in {other.rel} but not in this page",
                                 f"add {_attr_text(twin_line, id_)} {where} (both languages need the same ids)")

    def guess_missing_line(self, page, twin, id_):
        """Where an id missing from `page` belongs: the heading in the same place as in the twin."""
        if twin is None or id_ not in twin.ids:
            return (page.h1 + 1) if page.h1 is not None else 1
        order = [i for i, _ in twin.id_order]
        pos = order.index(id_)
        before = next((page.ids[i] for i in reversed(order[:pos]) if page.ids.get(i)), None)
        after = next((page.ids[i] for i in order[pos + 1:] if page.ids.get(i)), None)
        start = before if before else (page.h1 + 2 if page.h1 is not None else page.body_start + 1)
        end = (after - 1) if after else len(page.lines)
        # an id in the same place that the twin does not have: most likely this one, renamed
        for other, line in page.id_order:
            if start <= line <= end + 1 and other not in twin.ids and (after is None or line < after):
                return line
        twin_line = twin.lines[twin.ids[id_] - 1]
        twin_heading = HEADING.match(twin_line)
        if twin_heading:
            level = len(twin_heading.group(1))
            for index in range(start, end):
                if index >= len(page.lines):
                    break
                match = HEADING.match(page.masked[index])
                if match and len(match.group(1)) == level and (
                        not ATTR_LIST_AT_END.search(match.group(2)) or index + 1 in page.duplicate_lines):
                    return index + 1
        else:
            # a paragraph's id ({: #id } under it): the first paragraph here that has none
            run = []
            for index in range(start, min(end + 1, len(page.lines))):
                line = page.masked[index]
                if line.strip():
                    run.append(index)
                    continue
                if run and not _is_markup_run(page, run):
                    return run[-1] + 1
                run = []
            if run and not _is_markup_run(page, run):
                return run[-1] + 1
        return before or start or 1

    # --- placeholders, empty and untranslated text ---------------------------

    def check_text(self):
        for (stem, lang), page in sorted(self.pages.items()):
            self.check_page_text(page)
        for stem in sorted(self.stems):
            en, zh = self.pages.get((stem, "en")), self.pages.get((stem, "zh"))
            if en and zh and _normalise_ws("\n".join(en.lines)) == _normalise_ws("\n".join(zh.lines)):
                self.add(zh.rel, 1, f"the Chinese page is a copy of {en.rel}", "translate it into Chinese")

    def check_page_text(self, page: Page):
        # front matter
        for key in ("title", "description"):
            if key in page.front:
                value, line = page.front[key]
                if value is None or not str(value).strip():
                    self.add(page.rel, line, f"front matter {key} is empty",
                             f"write the page's {key}, or remove the {key} line")
        # placeholders anywhere (front matter included), code excepted
        for index, line in enumerate(page.masked):
            for pattern in PLACEHOLDERS:
                match = pattern.search(line)
                if match:
                    self.add(page.rel, index + 1, f"placeholder text “{match.group(0)}”",
                             "replace it with the real text in this language")
                    break
        # empty page
        if page.h1 is None:
            self.add(page.rel, page.body_start + 1, "page has no title heading (# …)", "add one H1 heading")
        body = [l for l in page.masked[(page.h1 + 1 if page.h1 is not None else page.body_start):] if l.strip()]
        if not body:
            self.add(page.rel, (page.h1 or page.body_start) + 1, "page has no text after its title",
                     "write the page, or remove it from both languages and the nav")
        # empty sections: a heading followed by a heading of the same or a higher level, or by nothing
        for index, line in enumerate(page.masked):
            match = HEADING.match(line)
            if not match or index == page.h1:
                continue
            level = len(match.group(1))
            following = next((l for l in page.masked[index + 1:] if l.strip()), None)
            nxt = HEADING.match(following) if following is not None else None
            if following is None or (nxt and len(nxt.group(1)) <= level):
                self.add(page.rel, index + 1, "section has no text", "write the section, or remove its heading")
        # the wrong language left in a page
        flagged = 0
        latin_total = cjk_total = 0
        for index in range(len(page.lines)):
            if index in page.quoted or index < page.body_start and not _front_value_line(page, index):
                continue
            text = _prose(page.masked[index])
            if index < page.body_start:
                text = text.split(":", 1)[1] if ":" in text else ""
            words = LATIN_WORD.findall(text)
            letters = len(LATIN_LETTER.findall(text))
            cjk = len(CJK.findall(text))
            latin_total += letters
            cjk_total += cjk
            if page.lang == "zh" and len(words) >= (2 if index < page.body_start else 3) and letters > 2 * cjk:
                self.add(page.rel, index + 1, "English text in the Chinese page: “" + _clip(text) + "”",
                         "translate it into Chinese")
                flagged += 1
            elif page.lang == "en" and cjk >= 6 and 2 * cjk > letters:
                self.add(page.rel, index + 1, "Chinese text in the English page: “" + _clip(text) + "”",
                         "translate it into English (the Chinese belongs in the .zh.md page)")
                flagged += 1
        if page.lang == "zh" and not flagged and latin_total > cjk_total and latin_total > 40:
            self.add(page.rel, (page.h1 or 0) + 1,
                     f"the Chinese page is mostly Latin letters ({latin_total} Latin, {cjk_total} Chinese)",
                     "translate the English left in it")

    # --- glossary -------------------------------------------------------------

    def check_glossary(self):
        path = self.root / GLOSSARY_FILE
        if not path.is_file():
            self.add(GLOSSARY_FILE, 1, "the glossary data file is missing", "restore it")
            return
        loader = BaseLoader(path.read_text(encoding="utf-8"))
        try:
            node = loader.get_single_node()
            entries = (loader.construct_document(node) if node is not None else None) or []
        except yaml.YAMLError as error:
            line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
            self.add(GLOSSARY_FILE, line, "not valid YAML: " + str(error).splitlines()[0], "fix the YAML syntax")
            return
        finally:
            loader.dispose()
        if not isinstance(entries, list):
            self.add(GLOSSARY_FILE, 1, "the glossary is not a list of entries", "write one `- key: …` per term")
            return
        rules = {"en": [], "zh": []}  # (compiled pattern, term, allowed function)
        terms = {"en": [], "zh": []}  # every term as the glossary writes it
        for index, entry in enumerate(entries):
            entry_node = node.value[index] if isinstance(node, yaml.SequenceNode) else None
            line = entry_node.start_mark.line + 1 if entry_node is not None else 1
            if not isinstance(entry, dict):
                self.add(GLOSSARY_FILE, line, "glossary entry is not a mapping", "write key, en, zh, meaning_en, meaning_zh")
                continue
            for key in ("key", "en", "zh", "meaning_en", "meaning_zh"):
                if not str(entry.get(key) or "").strip():
                    self.add(GLOSSARY_FILE, line, f"glossary entry {entry.get('key')!r} has no {key}", f"write its {key}")
            for key in ("en", "zh", "meaning_en", "meaning_zh"):
                value = str(entry.get(key) or "")
                for pattern in PLACEHOLDERS:
                    if pattern.search(value):
                        self.add(GLOSSARY_FILE, _key_line(entry_node, key, line),
                                 f"placeholder text in {key} of glossary entry {entry.get('key')!r}",
                                 "write the real text")
                        break
            for key in ("zh", "meaning_zh"):
                value = str(entry.get(key) or "")
                if value and not CJK.search(value):
                    self.add(GLOSSARY_FILE, _key_line(entry_node, key, line),
                             f"{key} of glossary entry {entry.get('key')!r} is not Chinese: “{_clip(value)}”",
                             "translate it into Chinese")
            en, zh = str(entry.get("en") or ""), str(entry.get("zh") or "")
            terms["en"] += [en] if en else []
            terms["zh"] += [zh] if zh else []
            if en and re.search(r"[\s\-]", en.strip()):
                rules["en"].append((_en_term_pattern(en), en, _en_allowed(en)))
            if zh:
                rules["zh"].append((_zh_term_pattern(zh), zh, lambda found, term=zh: found == term))
            avoid = entry.get("avoid", [])
            if isinstance(avoid, str):
                avoid = [avoid]
            if not isinstance(avoid, list):
                self.add(GLOSSARY_FILE, _key_line(entry_node, "avoid", line),
                         "avoid must be a list of strings", "write avoid: [\"variant\", …]")
                avoid = []
            for variant in avoid:
                variant = str(variant)
                lang = "zh" if CJK.search(variant) else "en"
                term = zh if lang == "zh" else en
                if lang == "zh":
                    pattern = re.compile(re.escape(variant))
                else:
                    pattern = re.compile(r"(?<![A-Za-z0-9_])" + re.escape(variant) + r"(?![A-Za-z0-9_])", re.I)
                rules[lang].append((pattern, term, None))  # None: an `avoid` variant
        for (stem, lang), page in sorted(self.pages.items()):
            if lang not in rules or stem == "glossary":
                continue
            # the whole page at once (a term may wrap onto the next line), quotations and markup blanked
            kept = []
            for index, line in enumerate(page.masked):
                if index in page.quoted or (index < page.body_start and not _front_value_line(page, index)):
                    line = ""
                kept.append(_blank(r"\]\([^)]*\)|<(?:https?|mailto):[^>]*>|https?://\S+|</?[a-zA-Z][^>]*>", line))
            text = _blank_comments("\n".join(kept))
            starts = _line_starts(text)
            reported = set()
            # where the terms are written right: an `avoid` variant inside one of them is no fault
            exact = [m.span() for t in terms[lang] for m in re.finditer(re.escape(t), text)]
            for pattern, term, allowed in rules[lang]:
                for match in pattern.finditer(text):
                    found = re.sub(r"\s+", " ", match.group(0).strip()) if lang == "en" else match.group(0).strip()
                    line = _line_of(starts, match.start() + len(match.group(0)) - len(match.group(0).lstrip()))
                    if allowed is None:
                        if any(a <= match.start() and match.end() <= b for a, b in exact):
                            continue
                    elif allowed(found):
                        continue
                    if (found, term, line) in reported:
                        continue
                    reported.add((found, term, line))
                    self.add(page.rel, line, f"“{found}” is not written as the glossary has it",
                             f"write “{term}” (docs/_data/glossary.yml)")
        self.check_engine_words([(p, t) for p, t, allowed in rules["zh"] if allowed is None], terms["zh"])

    def check_engine_words(self, avoided, terms):
        """The wizard's, the roster's and the command line's Chinese words use the glossary's terms too."""
        rel = next((rel for rel in ENGINE_TEXTS_FILES if (self.root / rel).is_file()), None)
        if rel is None:
            return
        path = self.root / rel
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            exact = [m.span() for t in terms for m in re.finditer(re.escape(t), line)]
            for pattern, term in avoided:
                for match in pattern.finditer(line):
                    if any(a <= match.start() and match.end() <= b for a, b in exact):
                        continue
                    self.add(rel, number, f"“{match.group(0)}” is not written as the glossary has it",
                             f"write “{term}” (docs/_data/glossary.yml)")

    # --- links --------------------------------------------------------------

    def check_links(self):
        by_url = {}
        for (stem, lang), page in self.pages.items():
            by_url[(page.url, lang)] = page
        for (stem, lang), page in sorted(self.pages.items()):
            text = "\n".join(page.masked)
            starts = _line_starts(text)
            for match in _iter_links(text):
                target, offset, is_image = match
                line = _line_of(starts, offset)
                target = target.strip()
                if not target or ABS_URL.match(target):
                    continue  # external links are navigation; resources are checked as third-party
                parts = urlsplit(target)
                path, anchor = unquote(parts.path), unquote(parts.fragment)
                if not path:
                    if anchor and not self.has_anchor(page, anchor):
                        self.add(page.rel, line, f"link to #{anchor}: no such id in this page",
                                 self.anchor_hint(page, anchor))
                    continue
                page_dir = Path(page.rel).parent  # docs/...
                if path.endswith(".md"):
                    resolved = _normpath(page_dir / path)
                    rel_docs = resolved[len("docs/"):] if resolved.startswith("docs/") else None
                    stem = rel_docs[:-3] if rel_docs else None
                    lang_match = re.match(r"^(.*)\.([a-z]{2})$", stem or "")
                    if lang_match and lang_match.group(2) in self.langs:
                        stem = lang_match.group(1)
                    target_page = self.pages.get((stem, lang)) if stem is not None else None
                    if target_page is None:
                        exists_other = [l for l in self.langs if (stem, l) in self.pages]
                        what = (f"link to {target}: the page has no {self.lang_name(lang)} version "
                                f"({self.page_file(stem, lang)})" if exists_other else
                                f"link to {target}: no such page ({self.page_file(stem, lang) if stem else resolved})")
                        self.add(page.rel, line, what, self.page_hint(stem, lang))
                        continue
                else:
                    # a web address relative to the page's own address, or a file in docs/
                    url = urljoin("/" + page.url, path).lstrip("/")
                    target_page = by_url.get((url, lang)) or by_url.get((url.rstrip("/") + "/", lang))
                    if target_page is None:
                        file_path = _normpath(page_dir / path)
                        if (self.root / file_path).exists() or (self.docs / url).exists() or self.generated(url):
                            continue
                        self.add(page.rel, line, f"link to {target}: nothing there",
                                 "link to the page's .md file (e.g. measures/chip-update.md) or to a file in docs/")
                        continue
                if anchor and not self.has_anchor(target_page, anchor):
                    self.add(page.rel, line, f"link to {target}: {target_page.rel} has no id #{anchor}",
                             self.anchor_hint(target_page, anchor))

    def generated(self, url):
        """A file the build writes (not in docs/): MkDocs' and the theme's, the hooks' assets, the feeds."""
        url = url.split("?")[0]
        if url in ("sitemap.xml", "sitemap.xml.gz", "404.html", "search/search_index.json") or url.startswith("assets/"):
            return True
        plugins = [next(iter(p)) if isinstance(p, dict) else p for p in self.mkdocs.get("plugins", []) or []]
        return "rss" in plugins and url in ("feed_rss_created.xml", "feed_rss_updated.xml",
                                            "feed_json_created.json", "feed_json_updated.json")

    def has_anchor(self, page, anchor):
        return anchor in page.ids or anchor in page.slugs

    def anchor_hint(self, page, anchor):
        known = sorted(i for i in page.ids if i)
        close = difflib.get_close_matches(anchor, known, 1)
        if close:
            return f"did you mean #{close[0]}? (ids in {page.rel}: {', '.join(known)})"
        if known:
            return f"use one of the ids of {page.rel}: {', '.join(known)}"
        return f"add {{ #{anchor} }} to the section in {page.rel}, or link without the anchor"

    def page_hint(self, stem, lang):
        stems = sorted(s for (s, l) in self.pages if l == lang)
        close = difflib.get_close_matches(stem or "", stems, 1)
        if close:
            return f"did you mean {close[0]}.md?"
        return f"add {self.page_file(stem, lang)}, or correct the link"

    # --- engine sources -----------------------------------------------------

    def load_engine(self):
        wizard = self.root / "wizard"
        if not (wizard / "eligibility" / "__init__.py").is_file():
            self.add(f"{ENGINE_DIR}/__init__.py", 1, "the eligibility engine is missing", "restore wizard/eligibility/")
            return
        sys.path.insert(0, str(wizard))
        try:
            import eligibility  # noqa: PLC0415
        except Exception as error:  # any error in the engine's own code
            line = getattr(error, "lineno", None) or 1
            where = getattr(error, "filename", None)
            path = f"{ENGINE_DIR}/__init__.py"
            if where:
                try:
                    path = Path(where).resolve().relative_to(self.root.resolve()).as_posix()
                except ValueError:
                    pass
            self.add(path, line, f"the eligibility engine cannot be imported: {type(error).__name__}: {error}",
                     "fix the engine")
            return
        finally:
            sys.path.remove(str(wizard))
        self.engine = eligibility

    def engine_sources(self):
        """Every (what, address) the engine cites: catalog pages and sources, and every evaluated outcome."""
        engine = self.engine
        cited = set()
        catalog = engine.catalog()
        for outcome in catalog["outcomes"].values():
            cited.add(("page", outcome["page"]))
            cited.add(("source", outcome["source"]))
        measures = {key: {"number": o["measure"], "status": "unconfirmed", "from": "", "until": ""}
                    for key, o in catalog["outcomes"].items()}
        notice = {"title_en": "x", "title_zh": "x", "issuer_en": "x", "issuer_zh": "x", "date": "not stated"}
        # every measure applying (whatever status.toml says, which is checked on its own)
        table = engine.validate_status({"notice": notice, "measures": measures})
        for answers in engine.complete_answer_sets():
            result = engine.evaluate(answers, table)
            for outcome in result.get("outcomes", {}).values():
                if outcome.get("source"):
                    cited.add(("source", outcome["source"]))
        return cited

    def check_engine(self):
        if self.engine is None:
            return
        try:
            cited = self.engine_sources()
        except Exception as error:
            self.add(f"{ENGINE_DIR}/__init__.py", 1,
                     f"the engine fails while listing its sources: {type(error).__name__}: {error}", "fix the engine")
            return
        by_url = {(p.url, l): p for (s, l), p in self.pages.items()}
        for kind, address in sorted(cited):
            parts = urlsplit(address)
            url, anchor = parts.path.lstrip("/"), parts.fragment
            for lang in self.langs:
                page = by_url.get((url, lang))
                where = self.engine_location(address, url)
                if page is None:
                    stem = url.rstrip("/") or "index"
                    self.add(*where, f"the engine cites {address}, which has no {self.lang_name(lang)} page "
                                     f"({self.page_file(stem, lang)})",
                             f"correct the page in the engine, or add {self.page_file(stem, lang)}")
                elif anchor and not self.has_anchor(page, anchor):
                    self.add(*where, f"the engine cites {address}, but {page.rel} has no id #{anchor}",
                             f"add {{ #{anchor} }} to the section of {page.rel} that explains it, "
                             "or correct the engine's source")

    def engine_location(self, address, url):
        if not hasattr(self, "_engine_files"):
            self._engine_files = [(path, path.read_text(encoding="utf-8").splitlines())
                                  for path in sorted((self.root / ENGINE_DIR).glob("*.py"))]
        for needle in (address, url):
            for path, lines in self._engine_files:
                for number, line in enumerate(lines, 1):
                    if f'"{needle}"' in line or f"'{needle}'" in line:
                        return path.relative_to(self.root).as_posix(), number
        stem = url.rstrip("/") or "index"
        return self.page_file(stem, self.default_lang), 1

    # --- third-party resources ----------------------------------------------

    def check_third_party(self):
        for (stem, lang), page in sorted(self.pages.items()):
            self.scan_markup(page.rel, _blank_comments("\n".join(page.masked)), markdown=True)
        for pattern in ASSET_GLOBS:
            for path in sorted(self.root.glob(pattern)):
                if not path.is_file() or "__pycache__" in path.parts:
                    continue
                rel = path.relative_to(self.root).as_posix()
                try:
                    text = path.read_text(encoding="utf-8")
                except UnicodeDecodeError:
                    continue
                suffix = path.suffix.lower()
                if suffix in (".html", ".htm", ".j2", ".svg"):
                    self.scan_markup(rel, _blank_comments(text), markdown=False)
                elif suffix == ".css":
                    self.scan_css(rel, text)
                elif suffix in (".js", ".mjs"):
                    self.scan_js(rel, text)
        self.check_mkdocs_resources()

    def third_party(self, path, line, url, what):
        self.add(path, line, f"third-party resource {url} ({what})",
                 "copy the file into the site (docs/ or overrides/) and refer to it by a relative path: "
                 "the site loads nothing from another host")

    def scan_markup(self, rel, text, markdown):
        starts = _line_starts(text)
        if markdown:
            for target, offset, is_image in _iter_links(text, html=False):
                if is_image and REMOTE.match(target):
                    self.third_party(rel, _line_of(starts, offset), target.strip(), "image")
            for match in re.finditer(r"^\s{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?\s*$", text, re.M):
                label = match.group(1)
                if REMOTE.match(match.group(2)) and re.search(r"!\[[^\]]*\]\[" + re.escape(label) + r"\]", text, re.I):
                    self.third_party(rel, _line_of(starts, match.start(2)), match.group(2), "image")
        for tag in re.finditer(r"<([a-zA-Z][a-zA-Z0-9-]*)\b([^>]*)>", text):
            name, attrs = tag.group(1).lower(), tag.group(2)
            if name == "a":
                continue
            if name == "link":
                rel_attr = re.search(r"""\brel\s*=\s*["']?([^"'>]+)""", attrs, re.I)
                if rel_attr and set(rel_attr.group(1).lower().split()) <= {
                        "alternate", "canonical", "author", "license", "help", "next", "prev", "me", "search"}:
                    continue
            for attr in re.finditer(r"""(?<![\w-])(src|href|srcset|data|poster|background|action|formaction)\s*=\s*"""
                                    r"""(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", attrs, re.I):
                index = next(i for i in (2, 3, 4) if attr.group(i) is not None)
                value = attr.group(index)
                if attr.group(1).lower() == "srcset":
                    urls = [v.strip().split()[0] for v in value.split(",") if v.strip()]
                else:
                    urls = [value]
                for url in urls:
                    if REMOTE.match(url):
                        self.third_party(rel, _line_of(starts, tag.start(2) + attr.start(index)),
                                         url.strip(), f"<{name} {attr.group(1).lower()}>")
            for css_url in _css_urls(attrs):
                self.third_party(rel, _line_of(starts, tag.start(2) + css_url[1]), css_url[0], "CSS url()")
        for block in re.finditer(r"<style\b[^>]*>(.*?)</style>", text, re.S | re.I):
            for url, offset, what in _css_remote(block.group(1)):
                self.third_party(rel, _line_of(starts, block.start(1) + offset), url, what)

    def scan_css(self, rel, text):
        text = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.S)
        starts = _line_starts(text)
        for url, offset, what in _css_remote(text):
            self.third_party(rel, _line_of(starts, offset), url, what)

    def scan_js(self, rel, text):
        resource = re.compile(r"\b(import|from|importScripts|fetch|Worker|SharedWorker|src|indexURL|XMLHttpRequest|"
                              r"open|sendBeacon|WebSocket|EventSource|loadPyodide|url\(|@import|register)\b|url\(",
                              re.I)
        for number, line in enumerate(text.splitlines(), 1):
            stripped = line.strip()
            if stripped.startswith(("//", "*", "/*")):
                continue
            for match in re.finditer(r"""(["'`])((?:https?:)?//[A-Za-z0-9][^"'`\s]*)\1""", line):
                if resource.search(line):
                    self.third_party(rel, number, match.group(2), "loaded by script")

    def check_mkdocs_resources(self):
        if self.mkdocs_node is None:
            return
        for key in ("extra_css", "extra_javascript"):
            node = _map_get(self.mkdocs_node, key)
            if not isinstance(node, yaml.SequenceNode):
                continue
            for item in node.value:
                value = item if isinstance(item, yaml.ScalarNode) else _map_get(item, "path")
                if isinstance(value, yaml.ScalarNode) and REMOTE.match(str(value.value)):
                    self.third_party("mkdocs.yml", value.start_mark.line + 1, value.value, key)
        theme = _map_get(self.mkdocs_node, "theme")
        if isinstance(theme, yaml.MappingNode) and _scalar(_map_get(theme, "name")) == "material":
            font = _map_get(theme, "font")
            font_key = _key_node(theme, "font")
            if font is None:
                self.add("mkdocs.yml", theme.start_mark.line + 1,
                         "theme has no `font: false`: Material then loads Google Fonts (a third-party resource)",
                         "add `font: false` under theme and set fonts in the site's CSS")
            elif not (isinstance(font, yaml.ScalarNode) and str(font.value).lower() == "false"):
                self.add("mkdocs.yml", font_key.start_mark.line + 1,
                         "theme font is set: Material loads it from Google Fonts (a third-party resource)",
                         "write `font: false` and set fonts in the site's CSS")
            for key in ("logo", "favicon"):
                value = _map_get(theme, key)
                if isinstance(value, yaml.ScalarNode) and REMOTE.match(str(value.value)):
                    self.third_party("mkdocs.yml", value.start_mark.line + 1, value.value, f"theme {key}")
        extra = _map_get(self.mkdocs_node, "extra")
        analytics = _map_get(extra, "analytics")
        if analytics is not None:
            self.add("mkdocs.yml", analytics.start_mark.line + 1, "extra.analytics loads a third-party script",
                     "remove extra.analytics")

    # --- status file --------------------------------------------------------

    def check_status(self):
        path = self.root / STATUS_FILE
        if not path.is_file():
            self.add(STATUS_FILE, 1, "the measure status file is missing", "restore it")
            return
        if self.engine is None:
            return
        text = path.read_text(encoding="utf-8")
        try:
            self.engine.parse_status(text, STATUS_FILE)
        except self.engine.StatusError as error:
            lines = _toml_lines(text)
            for problem in error.problems:
                line = _status_problem_line(problem, lines, text)
                self.add(STATUS_FILE, line, problem, _status_hint(problem, self.engine))

    # --- all ----------------------------------------------------------------

    def run(self):
        self.load_mkdocs()
        self.load_pages()
        self.load_engine()
        self.check_twins()
        self.check_nav()
        self.check_ids()
        self.check_text()
        self.check_glossary()
        self.check_links()
        self.check_engine()
        self.check_third_party()
        self.check_status()
        unique = {}
        for problem in self.problems:
            unique.setdefault(str(problem), problem)
        return sorted(unique.values(), key=lambda p: (p.path, p.line, p.what))


# --- Markdown parsing ----------------------------------------------------------


def parse_page(rel, stem, lang, text):
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    page = Page(rel=rel, stem=stem, lang=lang, lines=lines, masked=_mask_code(lines))
    # front matter
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                page.body_start = index + 1
                break
        front_text = "\n".join(lines[1: page.body_start - 1])
        try:
            data = yaml.load(front_text, Loader=BaseLoader) or {}
        except yaml.YAMLError:
            data = {}
        if isinstance(data, dict):
            for index in range(1, page.body_start - 1):
                match = re.match(r"^([A-Za-z_][\w-]*)\s*:", lines[index])
                if match and match.group(1) in data:
                    page.front[match.group(1)] = (data[match.group(1)], index + 1)
    # headings, ids, quotations
    for index in range(page.body_start, len(lines)):
        line = page.masked[index]
        heading = HEADING.match(line)
        if heading and page.h1 is None and len(heading.group(1)) == 1:
            page.h1 = index
        attrs = ATTR_LIST_AT_END.search(line)
        found_id = False
        if attrs and (heading or line.lstrip().startswith("{")):
            for id_ in ATTR_ID.findall(attrs.group(1)):
                _record_id(page, id_, index + 1)
                found_id = True
            if not heading and found_id:
                # `{: #id }` under a paragraph: in the notice, that paragraph is the official text verbatim
                if stem == "notice":
                    back = index - 1
                    while back >= page.body_start and page.masked[back].strip():
                        page.quoted.add(back)
                        back -= 1
        for id_ in HTML_ID.findall(line):
            _record_id(page, id_, index + 1)
        if heading and not found_id:
            page.slugs.add(_slugify(_heading_text(heading.group(2))))
        if line.lstrip().startswith(">"):
            page.quoted.add(index)
    return page


def _attr_text(line, id_):
    """How the twin writes the id: `{: #id }` under a paragraph, `{ #id }` on a heading."""
    return f"{{: #{id_} }}" if line.startswith("{:") else f"{{ #{id_} }}"


def _is_markup_run(page, run):
    """A block of lines that is only HTML, headings or attribute lists, or already ends with an id."""
    last = page.masked[run[-1]].strip()
    if last.startswith("{") and ATTR_ID.search(last):
        return True
    return all(page.masked[i].lstrip().startswith(("<", "#", "{", "!!!", "|")) for i in run)


def _record_id(page, id_, line):
    page.id_order.append((id_, line))
    if id_ in page.ids:
        page.duplicate_lines.add(line)
    page.ids.setdefault(id_, line)


def _mask_code(lines):
    masked, fence = [], None
    for line in lines:
        match = FENCE.match(line)
        if fence:
            masked.append(" " * len(line))
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            continue
        if match:
            fence = match.group(1)
            masked.append(" " * len(line))
            continue
        masked.append(re.sub(r"(`+)(.+?)\1", lambda m: " " * len(m.group(0)), line))
    return masked


def _heading_text(text):
    text = ATTR_LIST_AT_END.sub("", text).strip().rstrip("#").strip()
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"[*_`]", "", text)


def _slugify(value, separator="-"):
    """Python-Markdown's default toc slugify."""
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(rf"[{separator}\s]+", separator, value)


LINK = re.compile(r"(!?)\[((?:[^\[\]\n]|\n(?!\s*\n)|\[[^\]]*\])*)\]\(\s*(<[^>]*>|[^)\s]*)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
HTML_HREF = re.compile(r"""<(a|img)\b[^>]*?\b(href|src)\s*=\s*["']([^"']*)["']""", re.I)


def _iter_links(text, html=True):
    """(target, offset of the target, is_image) for Markdown links and (html) HTML <a href> / <img src>."""
    for match in LINK.finditer(text):
        target = match.group(3)
        if target.startswith("<"):
            target = target[1:-1]
        yield target, match.start(3), bool(match.group(1))
    if not html:
        return
    for match in HTML_HREF.finditer(text):
        yield match.group(3), match.start(3), match.group(1).lower() == "img"


def _blank_comments(text):
    """HTML (and Jinja) comments replaced by spaces, newlines kept: offsets and lines do not move."""
    return re.sub(r"<!--.*?-->|\{#.*?#\}", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.S)


def _blank(pattern, text):
    """Matches of `pattern` replaced by spaces of the same length (newlines kept)."""
    return re.sub(pattern, lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _strip_link_targets(line):
    line = re.sub(r"\]\([^)]*\)", "]", line)
    line = re.sub(r"<(?:https?|mailto):[^>]*>", " ", line)
    return re.sub(r"https?://\S+", " ", line)


def _prose(line):
    """The words of a line: no link targets, URLs, HTML tags, attribute lists or table rules."""
    line = _strip_link_targets(_blank_comments(line))
    line = ATTR_LIST_AT_END.sub(" ", line)
    line = re.sub(r"</?[a-zA-Z][^>]*>", " ", line)
    line = re.sub(r"^\s*!!!\s*\w+", " ", line)  # admonition type
    return line


def _front_value_line(page, index):
    """Whether line `index` is a front-matter value visitors read (a string with words: title, description…)."""
    return any(line - 1 == index and isinstance(value, str) and " " in value.strip()
               for key, (value, line) in page.front.items())


def _normalise_ws(text):
    return re.sub(r"\s+", " ", text).strip()


def _clip(text, width=60):
    text = _normalise_ws(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _line_starts(text):
    starts = [0]
    for match in re.finditer("\n", text):
        starts.append(match.end())
    return starts


def _line_of(starts, offset):
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo + 1


def _normpath(path):
    parts = []
    for part in Path(path).as_posix().split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    return "/".join(parts)


def _css_urls(text):
    for match in re.finditer(r"""url\(\s*["']?([^"')\s]+)""", text, re.I):
        if REMOTE.match(match.group(1)):
            yield match.group(1), match.start(1)


def _css_remote(text):
    for url, offset in _css_urls(text):
        yield url, offset, "CSS url()"
    for match in re.finditer(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""", text, re.I):
        if REMOTE.match(match.group(1)):
            yield match.group(1), match.start(1), "CSS @import"


# --- glossary patterns ------------------------------------------------------------


def _en_term_pattern(term):
    parts = []
    for token in re.split(r"(\s+|['’])", term):
        if not token:
            continue
        if token.isspace():
            parts.append(r"\s+")
        elif token in ("'", "’"):
            parts.append("['’]")
        elif len(token) == 1 and token.isalpha() and token.isupper():
            parts.append(f"(?-i:{re.escape(token)})")  # "Category A", never "category a …"
        else:
            parts.append(re.escape(token))
    return re.compile(r"(?<![\w’'-])" + "".join(parts) + r"(?![\w’-])", re.I)


def _en_allowed(term):
    def allowed(found):
        found = re.sub(r"\s+", " ", found)
        if found == term:
            return True
        # a term that starts in lower case may start a sentence or a heading
        return term[0].islower() and found[0].isupper() and found[0].lower() + found[1:] == term
    return allowed


def _zh_term_pattern(term):
    parts = []
    for char in term:
        if char in "（(":
            parts.append(r"\s*[（(]\s*")
        elif char in "）)":
            parts.append(r"\s*[）)]\s*")
        elif char.isascii() and char.isalpha():
            parts.append(r"\s*" + f"[{char.lower()}{char.upper()}]" + r"\s*")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts).replace(r"\s*\s*", r"\s*"))


# --- YAML helpers -----------------------------------------------------------------


class _TolerantLoader(BaseLoader):
    """SafeLoader that reads any tag (e.g. !!python/name:…) as its plain value instead of failing."""


def _construct_unknown(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("", _construct_unknown)
_TolerantLoader.add_multi_constructor("!", _construct_unknown)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_unknown)


def _map_get(node, key):
    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return v
    return None


def _key_node(node, key):
    if not isinstance(node, yaml.MappingNode):
        return None
    for k, _ in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return k
    return None


def _scalar(node):
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _plugin_node(root, name):
    plugins = _map_get(root, "plugins")
    if isinstance(plugins, yaml.SequenceNode):
        for item in plugins.value:
            found = _map_get(item, name)
            if found is not None:
                return found
    elif isinstance(plugins, yaml.MappingNode):
        return _map_get(plugins, name)
    return None


def _key_line(entry_node, key, default):
    if isinstance(entry_node, yaml.MappingNode):
        for k, _ in entry_node.value:
            if k.value == key:
                return k.start_mark.line + 1
    return default


# --- status file ------------------------------------------------------------------

TOML_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
TOML_KEY = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*=""")


def _toml_lines(text):
    """{'headers': {table: line}, 'keys': {(table, key): line}} by scanning the text."""
    headers, keys, table = {}, {}, ""
    for number, line in enumerate(text.splitlines(), 1):
        header = TOML_HEADER.match(line)
        if header:
            table = ".".join(p.strip().strip("\"'") for p in header.group(1).split("."))
            headers.setdefault(table, number)
            continue
        key = TOML_KEY.match(line)
        if key:
            keys.setdefault((table, key.group(1) or key.group(2) or key.group(3)), number)
    return {"headers": headers, "keys": keys, "count": len(text.splitlines())}


def _status_problem_line(problem, lines, text):
    headers, keys = lines["headers"], lines["keys"]

    def key_or_header(table, key):
        return keys.get((table, key)) or headers.get(table) or 1

    match = re.search(r"at line (\d+)", problem)
    if problem.startswith("not valid TOML") and match:
        return int(match.group(1))
    match = re.match(r"top level: unknown key '(.+?)'", problem)
    if match:
        name = match.group(1)
        return keys.get(("", name)) or headers.get(name) or next(
            (line for table, line in headers.items() if table.startswith(name + ".")), 1)
    match = re.match(r"\[(notice|measures\.[^\]]+)\]: unknown key '(.+?)'", problem)
    if match:
        return key_or_header(match.group(1), match.group(2))
    match = re.match(r"\[(notice|measures\.[^\]]+)\]\.(\w+):", problem)
    if match:
        return key_or_header(match.group(1), match.group(2))
    match = re.match(r"\[measures\.([^\]]+)\]: unknown measure", problem)
    if match:
        return headers.get("measures." + match.group(1)) or keys.get(("measures", match.group(1))) or 1
    match = re.match(r"\[measures\.([^\]]+)\] is missing", problem)
    if match:
        return lines["count"]
    match = re.match(r"\[(notice|measures\.[^\]]+)\] must be a table", problem)
    if match:
        table = match.group(1)
        parent, _, name = table.rpartition(".")
        return keys.get((parent, name)) or headers.get(table) or 1
    match = re.match(r"\[measures\.([^\]]+)\]: status \"in_force\" says", problem)
    if match:
        return key_or_header("measures." + match.group(1), "status")
    match = re.match(r"\[measures\.([^\]]+)\]: from .* is after until", problem)
    if match:
        return key_or_header("measures." + match.group(1), "from")
    match = re.match(r"\[measures\.([^\]]+)\]: give note_en and note_zh together", problem)
    if match:
        table = "measures." + match.group(1)
        for key in ("note_en", "note_zh"):
            line = keys.get((table, key))
            if line is None or re.search(r"=\s*(\"\"|'')\s*(#.*)?$", text.splitlines()[line - 1]):
                return line or headers.get(table) or 1
        return headers.get(table) or 1
    return 1


def _status_hint(problem, engine):
    from_status = sys.modules.get(engine.__name__ + ".status")
    statuses = ", ".join(f'"{s}"' for s in getattr(from_status, "STATUSES", ("in_force", "lifted", "superseded")))
    if problem.startswith("not valid TOML"):
        if "date" in problem.lower():
            return 'write a real date, quoted: "YYYY-MM-DD" (or "" when not stated)'
        return "fix the TOML syntax (see the comments at the top of the file)"
    if "unknown measure" in problem:
        known = re.search(r"known: ([^)]*)", problem)
        name = re.match(r"\[measures\.([^\]]+)\]", problem).group(1)
        close = difflib.get_close_matches(name, (known.group(1) if known else "").split(", "), 1)
        return (f"did you mean [measures.{close[0]}]?" if close else
                f"use one of the known measures ({known.group(1) if known else ''})")
    if "is missing" in problem:
        return "add it, as for the other measures: number, status, from, until, note_en, note_zh, replaced_by"
    if "unknown key" in problem:
        return "remove it or correct its spelling"
    if "is not a date" in problem or "is neither YYYY-MM-DD" in problem:
        return 'write a real calendar day as "YYYY-MM-DD", or "" when the notice states none'
    if "is after until" in problem:
        return "correct the dates: from must be on or before until"
    if ".status:" in problem:
        return f"use {statuses}"
    if "says the publisher confirmed" in problem:
        return ('write checked = "YYYY-MM-DD" (the day the publisher confirmed the measure applies), '
                'or keep status = "unconfirmed"')
    if ".number:" in problem:
        return "write the measure's own number, or remove the number line"
    if "note_en and note_zh" in problem:
        return "write both notes, in English and in Chinese, or leave both empty"
    if "is not a string" in problem or "non-empty string" in problem:
        return "write a quoted string"
    return "see the comments at the top of the file"


# --- command line ---------------------------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help="the repository to check (default: this one)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    checker = Checker(root)
    problems = checker.run()
    for problem in problems:
        print(problem)
    if problems:
        print(f"content check: {len(problems)} problem{'s' if len(problems) != 1 else ''}", file=sys.stderr)
        return 1
    print(f"content check: {len(checker.stems)} pages in {len(checker.langs)} languages, no problem")
    return 0


if __name__ == "__main__":
    sys.exit(main())
