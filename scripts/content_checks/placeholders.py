"""Placeholders: no empty page, section or front-matter title; no TODO / TBD / FIXME / XXX / lorem ipsum /
[translate] / TRANSLATE ME / 待翻译 (code excepted); no English left in a Chinese page (or Chinese in an English
page); no Chinese page identical to its English one."""

from __future__ import annotations

import re

from .model import Problem, Site, verbatim_lines
from .page import Page

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


def check(site: Site):
    for page in site.sorted_pages():
        yield from empty_front_matter(page)
        yield from placeholder_text(page)
        yield from empty_page(page)
        yield from empty_sections(page)
        yield from wrong_language(page)
    yield from copies(site)


def empty_front_matter(page: Page):
    for key in ("title", "description"):
        if key in page.front:
            value, line = page.front[key]
            if value is None or not str(value).strip():
                yield Problem(page.rel, line, f"front matter {key} is empty",
                              f"write the page's {key}, or remove the {key} line")


def placeholder_text(page: Page):
    """Anywhere but in code: the front matter as written, the words, the HTML comments."""
    texts = {line: page.lines[line - 1] for line in range(2, page.front_end)}
    for line, text in [*page.prose.items(), *page.comments.items()]:
        texts[line] = texts.get(line, "") + " " + text
    for line, text in sorted(texts.items()):
        match = next((found for pattern in PLACEHOLDERS if (found := pattern.search(text))), None)
        if match:
            yield Problem(page.rel, line, f"placeholder text “{match.group(0)}”",
                          "replace it with the real text in this language")


def empty_page(page: Page):
    if page.h1 is None:
        yield Problem(page.rel, page.front_end + 1, "page has no title heading (# …)", "add one H1 heading")
    title_end = page.h1.end if page.h1 else page.front_end
    if not any(block.line > title_end for block in page.blocks):
        yield Problem(page.rel, page.h1.line if page.h1 else page.front_end + 1, "page has no text after its title",
                      "write the page, or remove it from both languages and the nav")


def empty_sections(page: Page):
    """A heading followed by a heading of the same or a higher level, or by nothing."""
    for index, block in enumerate(page.blocks):
        if block.kind != "heading" or block is page.h1:
            continue
        following = page.blocks[index + 1] if index + 1 < len(page.blocks) else None
        if following is None or (following.kind == "heading" and following.level <= block.level):
            yield Problem(page.rel, block.line, "section has no text", "write the section, or remove its heading")


def readable_lines(page: Page) -> dict:
    """line -> the words a reader sees there: the front matter's readable values (title, description…) and
    the page's words, without the notice's own words (verbatim_lines)."""
    lines = {line: str(value) for value, line in page.front.values()
             if isinstance(value, str) and " " in value.strip()}
    lines.update(page.prose)
    for line in verbatim_lines(page):
        lines.pop(line, None)
    return lines


def wrong_language(page: Page):
    flagged = latin_total = cjk_total = 0
    for line, text in sorted(readable_lines(page).items()):
        words = len(LATIN_WORD.findall(text))
        letters = len(LATIN_LETTER.findall(text))
        cjk = len(CJK.findall(text))
        latin_total += letters
        cjk_total += cjk
        if page.lang == "zh" and words >= (2 if line <= page.front_end else 3) and letters > 2 * cjk:
            yield Problem(page.rel, line, "English text in the Chinese page: “" + clip(text) + "”",
                          "translate it into Chinese")
            flagged += 1
        elif page.lang == "en" and cjk >= 6 and 2 * cjk > letters:
            yield Problem(page.rel, line, "Chinese text in the English page: “" + clip(text) + "”",
                          "translate it into English (the Chinese belongs in the .zh.md page)")
            flagged += 1
    if page.lang == "zh" and not flagged and latin_total > cjk_total and latin_total > 40:
        yield Problem(page.rel, page.h1.line if page.h1 else 1,
                      f"the Chinese page is mostly Latin letters ({latin_total} Latin, {cjk_total} Chinese)",
                      "translate the English left in it")


def copies(site: Site):
    for stem in site.stems:
        en, zh = site.pages.get((stem, "en")), site.pages.get((stem, "zh"))
        if en and zh and normalise_space(en.source) == normalise_space(zh.source):
            yield Problem(zh.rel, 1, f"the Chinese page is a copy of {en.rel}", "translate it into Chinese")


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def clip(text: str, width: int = 60) -> str:
    text = normalise_space(text)
    return text if len(text) <= width else text[: width - 1] + "…"
