"""The built pages say what the 2022 notice provided, never a bare present-tense entitlement, under one dated
banner; measures 1 and 3 state the notice's epidemic condition beside the dated public fact; the Updates page
lists every outside fact with its source and date.

The forms that must not come back are the engine's list, wizard/eligibility/wording.toml ([forbidden], per
language): each pattern is matched, case-insensitively, on one text with its whitespace collapsed (a page's
<title>, a heading h1-h3, a table cell, a paragraph, a list item), so `^`/`$` anchor it to the whole text. The
notice's own words are exempt: quotations (blockquote) and the notice page's text (div.notice-text). A leading
measure number ("Measure 1: ", "1. ", "第一项：") is also stripped before matching, so "1. Tax records can be
exempted" is caught as "Tax records can be exempted".
"""

from __future__ import annotations

import re
import sys
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .htmlscan import normalise, read_page
from .test_site import GUIDANCE, html_file

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "wizard"))
import eligibility  # noqa: E402
from eligibility import texts  # noqa: E402

WORDING = tomllib.loads((ROOT / "wizard" / "eligibility" / "wording.toml").read_text(encoding="utf-8"))
FORBIDDEN = {lang: [re.compile(p, re.I) for p in patterns] for lang, patterns in WORDING["forbidden"].items()}
CHECKED = {"title", "h1", "h2", "h3", "td", "th", "p", "li"}
# Void elements: no end tag, so never on the stack.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
NUMBERED = re.compile(r"^(?:measure \d+:\s*|\d+\.\s*|第[一二三四五六七八九十\d]+项(?:措施)?[：:]\s*|[一二三四五]、\s*)", re.I)
MEASURE_PAGES = dict(zip(GUIDANCE, eligibility.shipped_status().measures))
EPIDEMIC_PAGES = {"measures/tax-records/": "tax_records", "measures/chip-update/": "chip_update"}
NHC_DATE = {"en": "26 December 2022", "zh": "2022年12月26日"}
REPOST_DATE = {"en": "5 July 2022", "zh": "2022年7月5日"}
NHC_SOURCE = {"en": "National Health Commission", "zh": "国家卫生健康委员会"}
REPOST_SOURCE = {"en": "repost of the notice", "zh": "通知的一份转载"}


class Texts(HTMLParser):
    """The texts a reader sees as units: (tag, text) for every element of CHECKED, outside the notice's words."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, exempt: inside the notice's own words)
        self.open: list[list] = []  # [tag, depth, chunks] of the checked elements being read
        self.found: list[tuple[str, str]] = []
        self.skip = 0

    def exempt(self) -> bool:
        return any(exempt for _, exempt in self.stack)

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        self.stack.append((tag, tag == "blockquote" or "notice-text" in classes))
        if tag in ("script", "style", "template"):
            self.skip += 1
        if tag in CHECKED and not self.exempt():
            self.open.append([tag, len(self.stack), []])

    def handle_endtag(self, tag):
        if tag in VOID or not any(t == tag for t, _ in self.stack):
            return
        while self.stack:
            top, _ = self.stack.pop()
            if top in ("script", "style", "template"):
                self.skip -= 1
            depth = len(self.stack) + 1
            if self.open and self.open[-1][1] == depth:
                name, _, chunks = self.open.pop()
                text = normalise("".join(chunks))
                if text:
                    self.found.append((name, text))
            if top == tag:
                break

    def handle_data(self, data):
        if self.skip:
            return
        for element in self.open:
            element[2].append(data)


def page_texts(path: Path) -> list[tuple[str, str]]:
    html = path.read_text(encoding="utf-8")
    # Permalinks carry only "¶": drop them whole, so the heading's own text is what is checked.
    html = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", html, flags=re.S)
    reader = Texts()
    reader.feed(html)
    return reader.found


def built_pages(site: Path, lang: str) -> list[Path]:
    pages = sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)
    if lang == "zh":
        return [p for p in pages if p.relative_to(site).parts[0] == "zh"]
    return [p for p in pages if p.relative_to(site).parts[0] != "zh"]


def forbidden_in(text: str, lang: str) -> list[str]:
    candidates = {text, NUMBERED.sub("", text)}
    return [p.pattern for p in FORBIDDEN[lang] for c in candidates if p.search(c)]


def test_the_reader_sees_headings_cells_and_paragraphs_but_not_the_notices_words(site_dir):
    found = page_texts(html_file(site_dir, "en", "measures/tax-records/"))
    tags = {tag for tag, _ in found}
    assert {"title", "h1", "h2", "td", "th", "p", "li"} <= tags
    assert ("h1", "Measure 1: what the 2022 notice provided on tax records") in found
    assert not any(text.startswith("First, tax records can be exempted") for _, text in found)
    assert not any("tax records can be exempted. In applications" in text
                   for _, text in page_texts(html_file(site_dir, "en", "notice/")))
    # The check itself: a bare entitlement, with or without a measure number before it, is caught.
    assert forbidden_in("1. Tax records can be exempted", "en")
    assert forbidden_in("第三项：可延缓更新芯片", "zh")
    assert not forbidden_in("Under the 2022 notice, tax records could be replaced by an explanation", "en")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_built_page_says_a_forbidden_form(site_dir, lang):
    pages = built_pages(site_dir, lang)
    assert len(pages) >= 13
    problems = []
    for path in pages:
        for tag, text in page_texts(path):
            for pattern in forbidden_in(text, lang):
                problems.append(f"{path.relative_to(site_dir)} <{tag}> {pattern!r}: {text[:120]}")
    assert not problems, "\n".join(problems)


def banners(path: Path) -> list[str]:
    html = path.read_text(encoding="utf-8")
    return re.findall(r'<div class="admonition warning currency-banner"[^>]*>(.*?)</div>', html, re.S)


def text_of(html: str) -> str:
    return normalise(re.sub(r"<[^>]+>", " ", html)).replace(" ）", "）").replace("（ ", "（").replace(" )", ")").replace("( ", "(")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_measure_page_shows_one_banner_in_the_engines_words(site_dir, lang):
    """As published every measure is unconfirmed: one banner, texts.toml [currency] unconfirmed, and no badge."""
    for url in GUIDANCE:
        path = html_file(site_dir, lang, url)
        (banner,) = banners(path)
        assert texts.CURRENCY["title"][lang] in banner
        assert texts.CURRENCY["unconfirmed"][lang] in text_of(banner), url
        html = path.read_text(encoding="utf-8")
        assert "status-badge" not in html, url  # no "Not confirmed" label repeated on rows or tables
        assert REPOST_DATE[lang] in read_page(path).text
    for url in ("", "notice/", "glossary/", "how-it-decides/"):
        (banner,) = banners(html_file(site_dir, lang, url))
        assert texts.CURRENCY["unconfirmed"][lang] in text_of(banner), url
    for path in built_pages(site_dir, lang):
        assert len(banners(path)) <= 1, path
        assert "最近确认：无" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_measures_1_and_3_state_the_epidemic_condition_beside_the_dated_fact(site_dir, lang):
    for url, key in EPIDEMIC_PAGES.items():
        text = read_page(html_file(site_dir, lang, url)).text
        condition, fact = texts.EPIDEMIC[key][lang], texts.EPIDEMIC["fact"][lang]
        assert condition in text and fact in text, url
        assert text.index(condition) < text.index(fact)
        assert NHC_DATE[lang] in fact and NHC_SOURCE[lang] in fact
    for url in set(GUIDANCE) - set(EPIDEMIC_PAGES):
        assert texts.EPIDEMIC["fact"][lang] not in read_page(html_file(site_dir, lang, url)).text, url


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_updates_page_lists_every_outside_fact_with_its_source_and_date(site_dir, lang):
    page = read_page(html_file(site_dir, lang, "updates/"))
    assert "outside-facts" in page.ids
    section = page.text[page.text.index("本站所述的外部事实" if lang == "zh" else "Outside facts this site states"):]
    for source, date in ((NHC_SOURCE[lang], NHC_DATE[lang]), (REPOST_SOURCE[lang], REPOST_DATE[lang])):
        assert source in section and date in section, (source, date)
    assert texts.EPIDEMIC["fact"][lang] in section
    issued = eligibility.shipped_status().notice[f"issued_{lang}"]
    assert issued in section
