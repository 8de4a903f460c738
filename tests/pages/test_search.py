"""Search, as a visitor on a 360 px phone uses it: results in the page's language only, and the words people
use (synonyms, in the pages' front matter `search: {keywords: [...]}`) lead to the page that answers them.

scripts/hooks/search_i18n.py writes one index per language and indexes the keywords; Material's own search
(lunr, with jieba's segmentation for Chinese) does the rest.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
import yaml

from .test_browser import PHONE, type_search
from .test_site import ROOT

TAX, ONLINE, CHIP, ESIGN, PERMITS = (f"measures/{m}/" for m in (
    "tax-records", "online-approval", "chip-update", "e-signature", "work-and-residence-permits"))
EXTENSION = {TAX, ONLINE, CHIP}  # the pages on what the notice provides for an extension
CANCELLATION = {TAX, ONLINE}

# query -> the pages (addresses within the language) one of which must come first; each must be listed.
ENGLISH = {
    # The words for an extension find its pages and the check (the wizard may come first).
    "extend": EXTENSION | {"wizard/"},
    "renew": EXTENSION | {"wizard/"},
    "renewal": EXTENSION | {"wizard/"},
    "tax certificate": {TAX},
    "chip": {CHIP},
    "e-sign": {ESIGN},
    "sign online": {ESIGN},
    "am I eligible": {"wizard/"},
    "employees": {"roster/"},
    "CSV": {"roster/"},
}
CHINESE = {
    "续签": EXTENSION | {"wizard/"},
    "续期": EXTENSION | {"wizard/"},
    "延续": EXTENSION | {"wizard/"},
    "延期": EXTENSION | {"wizard/"},
    "注销": CANCELLATION,
    "芯片": {CHIP},
    "电子签名": {ESIGN},
    "两证联办": {PERMITS},
    "完税证明": {TAX},
    "员工名单": {"roster/"},
}
# Questions both check pages answer: each is listed (not necessarily first).
LISTS_BOTH = {"en": "check", "zh": "自查"}
CHECK_PAGES = {"wizard/", "roster/"}

PREFIX = {"en": "", "zh": "zh/"}


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    yield page
    context.close()


def search(page, base_url: str, lang: str, query: str) -> list[str]:
    """Type the query into Material's search on the language's home page; the results' pages, in order, as
    site paths (`/zh/measures/chip-update/`), one per result item (an item groups a page's sections)."""
    type_search(page, base_url, PREFIX[lang], query)
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link", "links => links.map(a => a.href)")
    return [urlsplit(h).path for h in hrefs]


def in_language(lang: str, path: str) -> bool:
    return path.startswith("/zh/") if lang == "zh" else not path.startswith("/zh/")


def within(lang: str, paths: list[str]) -> list[str]:
    """Site paths as addresses within the language (`measures/chip-update/`)."""
    return [p.removeprefix("/" + PREFIX[lang]) if lang == "zh" else p.removeprefix("/") for p in paths]


@pytest.mark.parametrize(("lang", "query", "expected"), [
    *[("en", q, e) for q, e in ENGLISH.items()],
    *[("zh", q, e) for q, e in CHINESE.items()],
], ids=lambda v: v if isinstance(v, str) else None)
def test_the_words_people_use_find_the_right_page(phone, base_url, lang, query, expected):
    paths = search(phone, base_url, lang, query)
    assert all(in_language(lang, p) for p in paths), paths
    found = within(lang, paths)
    assert found[0] in expected, (query, found)
    assert expected <= set(found), (query, found)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_both_checks_are_listed_for_check(phone, base_url, lang):
    found = within(lang, search(phone, base_url, lang, LISTS_BOTH[lang]))
    assert CHECK_PAGES <= set(found), found


# Words found in both languages' pages: the Chinese glossary has an English column, English pages name the
# Chinese terms. Each language's search lists its own pages only.
@pytest.mark.parametrize(("lang", "query"), [
    ("en", "glossary"), ("en", "Category"), ("en", "permit"),
    ("zh", "Category"), ("zh", "Foreigner"), ("zh", "术语"),
])
def test_a_search_lists_only_pages_in_the_visitors_language(phone, base_url, lang, query):
    paths = search(phone, base_url, lang, query)
    assert paths and all(in_language(lang, p) for p in paths), paths
    # Beyond the first results Material draws as the list scrolls: the whole index the page searches.
    index = phone.evaluate("""async () => {
      const base = new URL(JSON.parse(document.getElementById("__config").textContent).base, location);
      const index = await (await fetch(new URL("search/search_index.json", base))).json();
      return index.docs.map(d => new URL(d.location, base).pathname);
    }""")
    assert index and all(in_language(lang, p) for p in index), [p for p in index if not in_language(lang, p)]


def test_each_language_has_its_own_index(site_dir):
    english = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    chinese = json.loads((site_dir / "zh" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert {d["title"] for d in english["docs"]} >= {"Glossary", "Employer roster check"}
    assert "术语表" not in {d["title"] for d in english["docs"]}
    # Addresses relative to the language's root, where Chinese pages' `base` points.
    assert {d["title"].replace("\u200b", "") for d in chinese["docs"] if d["location"] == "glossary/"} == {"术语表"}
    assert not any(d["location"].startswith("zh/") for d in chinese["docs"])
    page = (site_dir / "zh" / "measures" / "chip-update" / "index.html").read_text(encoding="utf-8")
    assert '"base": "../../../zh/"' in page


def test_keywords_are_indexed_cut_by_jieba_and_never_shown(site_dir):
    for lang in ("en", "zh"):
        index = json.loads((site_dir / PREFIX[lang] / "search" / "search_index.json").read_text(encoding="utf-8"))
        source = ROOT / "docs" / "measures" / f"tax-records.{lang}.md"
        front = yaml.safe_load(source.read_text(encoding="utf-8").split("---\n")[1])
        (entry,) = [d for d in index["docs"] if d["location"] == TAX]
        words = entry["keywords"].replace("\u200b", "")
        assert all(w in words for w in front["search"]["keywords"]), (lang, words)
        page = (site_dir / PREFIX[lang] / TAX / "index.html").read_text(encoding="utf-8")
        assert front["search"]["keywords"][0] not in page
    zh = json.loads((site_dir / "zh" / "search" / "search_index.json").read_text(encoding="utf-8"))
    (entry,) = [d for d in zh["docs"] if d["location"] == PERMITS]
    # jieba cuts 两证联办 into words, as it cuts the page's text: Material's query segmentation relies on it.
    assert "两证\u200b联办" in entry["keywords"]


# The words people use for an extension: each finds the pages on it and the check.
RENEWAL = {"en": ("renew", "renewal", "extend"), "zh": ("续期", "延续", "续签")}
BANNER = {"en": "This is what a notice of 2022 said", "zh": "以下是2022年一份通知的规定"}


@pytest.mark.parametrize(("lang", "query"), [(lang, q) for lang, words in RENEWAL.items() for q in words])
def test_renewal_words_find_the_pages_and_the_check(phone, base_url, lang, query):
    found = set(within(lang, search(phone, base_url, lang, query)))
    assert EXTENSION | {"wizard/"} <= found, (query, found)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_snippets_show_each_pages_own_words_not_the_banner(phone, base_url, site_dir, lang):
    """Every page carries the same banner; search shows what each page itself says."""
    index = json.loads((site_dir / PREFIX[lang] / "search" / "search_index.json").read_text(encoding="utf-8"))
    openings = [d for d in index["docs"] if "#" not in d["location"]]  # each page's opening text
    assert len(openings) >= 12
    assert not [d["location"] for d in openings if BANNER[lang] in d["text"].replace("\u200b", "")]
    search(phone, base_url, lang, "芯片" if lang == "zh" else "chip")
    teasers = phone.eval_on_selector_all(".md-search-result__item", "items => items.map(i => i.textContent)")
    assert teasers and not [t for t in teasers if BANNER[lang] in t.replace("\u200b", "")]


@pytest.mark.parametrize(("lang", "query", "other"), [("en", "续签", "zh"), ("zh", "renew", "en")])
def test_a_query_in_the_other_language_offers_its_results(phone, base_url, lang, query, other):
    """Each language's search reads its own index: a query in the other language's words offers that site's
    results (search-languages.js), which open with the same query."""
    type_search(phone, base_url, PREFIX[lang], query, results=False)  # this site may have none
    offer = phone.locator(".search-other-language a")
    offer.wait_for()
    target = urlsplit(offer.get_attribute("href"))
    assert target.path == "/" + PREFIX[other]
    offer.click()
    phone.wait_for_selector(".md-search-result__item", timeout=10_000)
    assert phone.locator("input[data-md-component=search-query]").input_value() == query
    hrefs = phone.eval_on_selector_all(".md-search-result__item > .md-search-result__link",
                                       "links => links.map(a => a.href)")
    found = within(other, [urlsplit(h).path for h in hrefs])
    assert all(in_language(other, urlsplit(h).path) for h in hrefs) and EXTENSION <= set(found), found
