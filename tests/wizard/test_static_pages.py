"""Every question and every result of the wizard as a plain page (scripts/hooks/answer_pages.py): readable and
answerable with no script, at the readable addresses of eligibility/paths.py, saying what the engine says."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "wizard"))
import eligibility  # noqa: E402
from eligibility import paths  # noqa: E402

LANGS = ("en", "zh")
PREFIX = {"en": "", "zh": "zh/"}
EXTENSION = {"application": "extension", "category": "C", "tax_bureau_unreachable": True,
             "has_withholding_screenshot": True}


def expected_outcomes(answers: dict) -> dict[str, str]:
    return {k: o["result"] for k, o in eligibility.evaluate(answers)["outcomes"].items()}


def page_file(site: Path, lang: str, answers: dict) -> Path:
    return site / PREFIX[lang] / paths.state_path(answers) / "index.html"


def option_value(key: str, value: str):
    return paths.answer_for(key, value)


@pytest.fixture(scope="module")
def no_script(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_every_answer_set_is_reached_by_links_alone(no_script, base_url, lang):
    """From the wizard page, with JavaScript off, following the option links reaches every complete answer set
    the engine knows, and each result page shows the engine's outcomes for the answers on the way there."""
    page = no_script
    start = f"{base_url}/{PREFIX[lang]}wizard/"
    waiting = [(start, {})]
    results: dict[tuple, dict] = {}
    questions = 0
    while waiting:
        url, answers = waiting.pop()
        response = page.goto(url)
        assert response.status == 200, url
        outcomes = page.locator("[data-outcome]")
        if outcomes.count():
            shown = {outcomes.nth(i).get_attribute("data-outcome"): outcomes.nth(i).get_attribute("data-result")
                     for i in range(outcomes.count())}
            assert shown == expected_outcomes(answers), (url, answers)
            results[tuple(sorted(answers.items()))] = shown
            continue
        questions += 1
        links = page.locator("a[data-option]")
        assert links.count() >= 2, url
        for i in range(links.count()):
            link = links.nth(i)
            assert link.is_visible(), (url, link.get_attribute("data-option"))
            key, value = link.get_attribute("data-option").split("=")
            assert paths.answers_from_path(urlsplit(urljoin(url, link.get_attribute("href"))).path
                                           .lstrip("/")[len(PREFIX[lang]):]) == {**answers, key: option_value(key, value)}
            waiting.append((urljoin(url, link.get_attribute("href")), {**answers, key: option_value(key, value)}))
    complete = {tuple(sorted(a.items())) for a in eligibility.complete_answer_sets()}
    assert set(results) == complete and len(complete) == 85
    assert questions == sum(1 for _, key in paths.every_state() if key is not None) == 70


@pytest.mark.parametrize("lang", LANGS)
def test_a_result_page_is_the_wizards_result_in_plain_html(site_dir, lang):
    from pages.htmlscan import read_page  # noqa: PLC0415

    path = page_file(site_dir, lang, EXTENSION)
    html = path.read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in html
    result = eligibility.evaluate(EXTENSION)
    currency = result["currency"]
    assert f'data-currency="{currency["state"]}"' in html
    text = read_page(path).text
    assert currency["text"][lang] in text
    # When it was worked out: the build's date and the status file's.
    assert re.search(r'data-worked-out="\d{4}-\d\d-\d\d" data-status-date="\d{4}-\d\d-\d\d"', html)
    # The epidemic condition beside the dated fact, where the engine gives it (measures 1 and 3 here).
    for key, outcome in result["outcomes"].items():
        block = re.search(rf'<section class="wizard-outcome" data-outcome="{key}"(.*?)</section>', html, re.S).group(1)
        assert ('data-epidemic' in block) == ("epidemic" in outcome), key
        assert outcome["label"][lang] in block
    assert ("26 December 2022" if lang == "en" else "2022年12月26日") in text
    # One checklist, grouped by who provides each document.
    assert 'data-provider="applicant"' in html and 'data-provider="employer"' in html
    # "Change" goes back to the state where the question was asked; "Start again" to the wizard's first question.
    changes = dict(re.findall(r'data-answer="(\w+)">.*?<a class="wizard-link" href="([^"]+)"', html, re.S))
    assert list(changes) == list(EXTENSION)
    here = paths.state_path(EXTENSION)
    for index, key in enumerate(EXTENSION):
        before = dict(list(EXTENSION.items())[:index])
        target = urljoin("http://site/" + PREFIX[lang] + here, changes[key])
        assert target == "http://site/" + PREFIX[lang] + paths.state_path(before), key
    start = re.search(r'href="([^"]+)" data-start-again', html).group(1)
    assert urljoin("http://site/" + PREFIX[lang] + here, start) == f"http://site/{PREFIX[lang]}wizard/"


@pytest.mark.parametrize("lang", LANGS)
def test_the_language_switch_keeps_the_state(site_dir, lang):
    other = "zh" if lang == "en" else "en"
    for answers in ({"application": "extension"}, EXTENSION):
        here = PREFIX[lang] + paths.state_path(answers)
        html = page_file(site_dir, lang, answers).read_text(encoding="utf-8")
        switch = dict((h, link) for link, h in re.findall(r'<a href="([^"]+)" hreflang="(\w+)" class="md-select__link"',
                                                           html))
        assert urljoin("http://site/" + here, switch[other]) == "http://site/" + PREFIX[other] + paths.state_path(answers)
        assert page_file(site_dir, other, answers).is_file()


def test_the_pages_stay_out_of_the_sitemap_and_the_search_index(site_dir):
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "/wizard/" in sitemap and "/wizard/extension/" not in sitemap
    for lang in LANGS:
        index = (site_dir / PREFIX[lang] / "search" / "search_index.json").read_text(encoding="utf-8")
        assert '"location":"wizard/extension' not in index.replace(" ", "")
    pages = [p for p in (site_dir / "wizard").rglob("index.html") if p.parent != site_dir / "wizard"]
    assert len(pages) == len(paths.every_state()) - 1
    assert all('<meta name="robots" content="noindex">' in p.read_text(encoding="utf-8") for p in pages)


def test_the_addresses_read_back():
    for answers, _ in paths.every_state():
        assert paths.answers_from_path(paths.state_path(answers)) == answers
    assert paths.state_path(EXTENSION) == "wizard/extension/category-c/tax-bureau-unreachable/has-screenshot/"
    assert paths.answers_from_path("wizard/category-c/") is None  # a category before the application
    assert paths.answers_from_path("wizard/extension/bogus/") is None


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory):
    """The site built with a status file whose measure 3 ends on a day after the build."""
    from pages.test_generated_tables import build_copy  # noqa: PLC0415

    def end_chip_update_later(text: str) -> str:
        start = text.index("[measures.chip_update]")
        end = text.index("[measures.e_signature]")
        return text[:start] + text[start:end].replace('until = ""', 'until = "2099-12-31"') + text[end:]

    return build_copy(tmp_path_factory.mktemp("dated"), {"wizard/eligibility/status.toml": end_chip_update_later})


@pytest.mark.parametrize("lang", LANGS)
def test_a_result_that_could_change_with_the_date_says_so_and_links_to_the_live_check(site_dir, dated_site, lang):
    """A result worked out at build time holds until the status file's next date: a page built before one says
    when it could change and links to the check on the device, which judges by the day it is opened."""
    html = page_file(dated_site, lang, EXTENSION).read_text(encoding="utf-8")
    recheck = re.search(r'<p class="wizard-recheck" data-recheck="">(.*?)</p>', html, re.S)
    assert recheck and "2099-12-31" in recheck.group(1)
    link = re.search(r'href="([^"]+)"', recheck.group(1)).group(1)
    target = urljoin("http://site/" + PREFIX[lang] + paths.state_path(EXTENSION), link)
    assert target == (f"http://site/{PREFIX[lang]}wizard/?application=extension&category=C"
                      "&tax_bureau_unreachable=yes&has_withholding_screenshot=yes")
    # As shipped (no date ahead), no page says it.
    assert "data-recheck" not in page_file(site_dir, lang, EXTENSION).read_text(encoding="utf-8")
