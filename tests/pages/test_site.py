"""The built site: strict build, both languages, section ids, the notice verbatim, no third-party resource."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from .htmlscan import is_third_party, normalise, read_page

ROOT = Path(__file__).resolve().parents[2]
# The notice's source text: the repository's own copy is the source (no test needs a file outside the repository).
NOTICE_COPY = ROOT / "docs" / "_data" / "notice-source.txt"
# sha256 of the official seed text as received, byte for byte: a change to the copy must be deliberate.
NOTICE_SHA256 = "6a22b5a1fc2bfc14f78344e17db89c514f66f426e8c2e83067d0e5237b277487"
GLOSSARY = ROOT / "docs" / "_data" / "glossary.yml"

PAGES = ["", "notice/", "glossary/", "wizard/", "roster/", "updates/", "how-it-decides/"] + [f"measures/{m}/" for m in (
    "tax-records", "online-approval", "chip-update", "e-signature", "work-and-residence-permits")]
GUIDANCE = [p for p in PAGES if p.startswith("measures/")]
SECTION_IDS = ["who-it-applies-to", "what-to-do", "documents", "notice-text", "not-stated"]
LANG_PREFIX = {"en": "", "zh": "zh/"}
CJK = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")


def html_file(site: Path, lang: str, url: str) -> Path:
    return site / LANG_PREFIX[lang] / url / "index.html"


def notice_paragraphs() -> tuple[list[str], list[str]]:
    """The seed's English paragraphs and its official Chinese paragraphs.

    The last paragraph holds the English text and the Chinese one on a single line: split at the first CJK character.
    """
    english, chinese = [], []
    for block in re.split(r"\n\s*\n", NOTICE_COPY.read_text(encoding="utf-8")):
        block = normalise(block)
        if not block:
            continue
        match = CJK.search(block)
        if match is None:
            english.append(block)
        elif match.start() == 0:
            chinese.append(block)
        else:
            english.append(block[: match.start()].strip())
            chinese.append(block[match.start():].strip())
    return english, chinese


def test_repository_copy_of_the_notice_is_the_official_seed():
    assert hashlib.sha256(NOTICE_COPY.read_bytes()).hexdigest() == NOTICE_SHA256, (
        f"{NOTICE_COPY.relative_to(ROOT)} is no longer the official text byte for byte")


def test_seed_has_eight_english_and_two_official_chinese_paragraphs():
    english, chinese = notice_paragraphs()
    assert len(english) == 8 and len(chinese) == 2


def test_strict_build_has_no_warning(build_output):
    _, log = build_output
    assert not re.search(r"^(WARNING|ERROR)\b", log, re.M), log


def test_both_languages_have_the_same_pages(site_dir):
    english = {p.parent.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html")
               if not p.relative_to(site_dir).as_posix().startswith("zh/")}
    chinese = {p.parent.relative_to(site_dir / "zh").as_posix() for p in (site_dir / "zh").rglob("index.html")}
    assert english == chinese
    assert {p.rstrip("/") or "." for p in PAGES} <= english


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("url", GUIDANCE)
def test_guidance_page_has_the_section_ids(site_dir, lang, url):
    page = read_page(html_file(site_dir, lang, url))
    missing = [i for i in SECTION_IDS if i not in page.ids]
    assert not missing, f"{lang} {url} lacks {missing}"


@pytest.mark.parametrize("url", GUIDANCE)
def test_guidance_pages_link_the_agency_and_the_notice(site_dir, url):
    for lang in ("en", "zh"):
        page = read_page(html_file(site_dir, lang, url))
        hrefs = [a["href"] for a in page.anchors]
        assert "https://www.8610hr.cn/" in hrefs
        assert any(re.search(r"notice/#measure-[1-5]$", h) for h in hrefs), hrefs


def test_english_notice_page_has_every_english_paragraph_word_for_word(site_dir):
    paragraphs = read_page(html_file(site_dir, "en", "notice/")).paragraphs
    english, _ = notice_paragraphs()
    for paragraph in english:
        assert paragraph in paragraphs, paragraph[:80]


def test_chinese_notice_page_has_both_official_paragraphs_word_for_word(site_dir):
    page = read_page(html_file(site_dir, "zh", "notice/"))
    _, chinese = notice_paragraphs()
    for paragraph in chinese:
        assert paragraph in page.paragraphs, paragraph[:40]


def test_chinese_notice_page_marks_every_other_paragraph_as_translation(site_dir):
    html = html_file(site_dir, "zh", "notice/").read_text(encoding="utf-8")
    assert html.count('class="translation"') == 6
    assert html.count('class="official"') == 2
    assert "以官方文本为准" in html


def test_no_page_states_a_date_or_address_the_notice_does_not(site_dir):
    for lang, phrase in (("en", "not stated in the notice"), ("zh", "通知中未载明")):
        for url in ["notice/"] + GUIDANCE:
            assert phrase in read_page(html_file(site_dir, lang, url)).text, (lang, url)


def built_files(site: Path, suffixes: tuple[str, ...]):
    return [p for p in site.rglob("*") if p.suffix in suffixes and p.is_file()]


def test_no_built_file_references_a_third_party_resource(site_dir):
    problems = []
    for path in built_files(site_dir, (".html",)):
        for url in read_page(path).resources:
            if is_third_party(url):
                problems.append(f"{path.relative_to(site_dir)}: {url}")
    for path in built_files(site_dir, (".css",)):
        text = path.read_text(encoding="utf-8", errors="replace")
        for url in re.findall(r"url\(([^)]*)\)", text) + re.findall(r"@import\s+['\"]([^'\"]+)", text):
            if is_third_party(url):
                problems.append(f"{path.relative_to(site_dir)}: {url}")
    assert not problems, "\n".join(problems)


def test_no_page_holds_its_parser_for_a_script(site_dir):
    """Every script a page loads is deferred (or a module, deferred by default), in the order written: the theme's
    bundle first, then the site's, whose code waits for the bundle's document$ (overrides/main.html, mkdocs.yml).
    A plain <script src> runs as soon as the parser reaches it, before the browser may have drawn the page."""
    pages = built_files(site_dir, (".html",))
    for path in pages:
        html = path.read_text(encoding="utf-8")
        tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html)
        blocking = [t for t in tags if not re.search(r"\b(defer|async)\b|type=\"module\"", t)]
        assert not blocking, f"{path.relative_to(site_dir)}: {blocking}"
        if "bundle." in html:
            names = [re.search(r'src="([^"]+)"', t).group(1).rsplit("/", 1)[-1] for t in tags]
            assert names[0].startswith("bundle.") and names[1].startswith("accessibility."), (path, names)
    assert len(pages) > 20


def test_no_google_fonts_and_no_generator_link(site_dir):
    for path in built_files(site_dir, (".html",)):
        html = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, path
        assert "squidfunk.github.io" not in html, f"generator footer link in {path}"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("url", PAGES)
def test_language_switcher_and_hreflang_lead_to_the_same_page(site_dir, lang, url):
    path = html_file(site_dir, lang, url)
    page = read_page(path)
    assert page.lang.startswith(lang)
    page_url = "http://site/" + LANG_PREFIX[lang] + url
    expected = {"en": "http://site/" + url, "zh": "http://site/zh/" + url}
    # The head's alternates, with the English page as x-default (relative here: the test build sets no
    # SITE_URL; tests/pages/test_site_url.py builds with one).
    alternates = {a["hreflang"]: urljoin(page_url, a["href"]) for a in page.alternates}
    assert alternates == {**expected, "x-default": expected["en"]}
    switcher = [a for a in page.anchors if "md-select__link" in a.get("class", "")]
    assert {a["hreflang"]: urljoin(page_url, a["href"]) for a in switcher} == expected
    for target in expected.values():
        assert (site_dir / urlsplit(target).path.lstrip("/") / "index.html").is_file(), target


def test_search_index_holds_segmented_chinese(site_dir):
    # One index per language (scripts/hooks/search_i18n.py); the Chinese one's addresses are relative to /zh/.
    index = json.loads((site_dir / "zh" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "zh" in index["config"]["lang"] and "\\u200b" in index["config"]["separator"]
    chinese = [d for d in index["docs"] if d["location"].startswith("measures/chip-update/")]
    text = " ".join(d["text"] for d in chinese)
    # jieba has cut the text into words with zero-width spaces, e.g. 用人单位 stands as one word.
    assert "\u200b用人单位\u200b" in text
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    english = [d for d in index["docs"] if d["location"].startswith("measures/chip-update/")]
    assert english and "\u200b" not in " ".join(d["text"] for d in english)


def test_glossary_terms_appear_as_written_in_both_languages(site_dir):
    entries = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    for lang in ("en", "zh"):
        text = read_page(html_file(site_dir, lang, "glossary/")).text
        for entry in entries:
            assert entry["en"] in text and entry["zh"] in text, (lang, entry["key"])
            assert entry[f"meaning_{lang}"] in text, (lang, entry["key"])


def test_english_pages_gloss_official_names_with_the_chinese_term(site_dir):
    html = html_file(site_dir, "en", "measures/chip-update/").read_text(encoding="utf-8")
    assert '<abbr title="准予行政许可决定书">Decision on Approval of Administrative License</abbr>' in html


def test_issue_terms_are_in_the_glossary():
    entries = {(e["en"], e["zh"]) for e in yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))}
    for pair in [("Foreigner’s Work Permit", "外国人工作许可证"), ("Category A", "外国高端人才（A类）"),
                 ("Category B", "外国专业人才（B类）"), ("Category C", "其他外国人员（C类）"),
                 ("Natural Person Electronic Tax Bureau (Withholding End)", "自然人电子税务局（扣缴端）"),
                 ("Decision on Approval of Administrative License", "准予行政许可决定书"),
                 ("Notification Letter of Foreigner’s Work Permit", "外国人工作许可通知"),
                 ("work-type residence permit", "工作类居留许可")]:
        assert pair in entries


def engine_sources() -> set[str]:
    import sys

    sys.path.insert(0, str(ROOT / "wizard"))
    import eligibility

    sources = set()
    for answers in eligibility.complete_answer_sets():
        for outcome in eligibility.evaluate(answers)["outcomes"].values():
            sources.add(outcome["source"])
    return sources


def test_every_source_the_engine_cites_exists_in_both_languages(site_dir):
    sources = engine_sources()
    assert len(sources) >= 5
    for source in sources:
        url, anchor = source.split("#")
        for lang in ("en", "zh"):
            assert anchor in read_page(html_file(site_dir, lang, url)).ids, (lang, source)
