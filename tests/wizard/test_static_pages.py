"""Every question and every result of the wizard as a plain page (scripts/hooks/answer_pages.py): readable and
answerable with no script, at the readable addresses of eligibility/paths.py, saying what the engine says."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

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
    assert target == (f"http://site/{PREFIX[lang]}wizard/#application=extension&category=C"
                      "&tax_bureau_unreachable=yes&has_withholding_screenshot=yes")
    # As shipped (no date ahead), no page says it.
    assert "data-recheck" not in page_file(site_dir, lang, EXTENSION).read_text(encoding="utf-8")


def link_query(answers: dict) -> str:
    """The wizard's query address for answers (booleans yes / no; as_of as it is)."""
    return "?" + urlencode({k: v if k == "as_of" else paths.option_key(k, v) for k, v in answers.items()})


@pytest.mark.parametrize("lang", LANGS)
def test_share_and_print_give_the_plain_page_which_opens_without_script(visit, browser, lang):
    visit.open(lang, link_query(EXTENSION))
    visit.wait_for_result()
    link = visit.page.locator(".wizard-share__link").get_attribute("href")
    assert urlsplit(link).path == "/" + PREFIX[lang] + paths.state_path(EXTENSION)
    assert visit.page.locator(".wizard-produced__link").text_content() == link  # the printout's address
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(link)
        blocks = page.locator("[data-outcome]").all()
        assert {b.get_attribute("data-outcome"): b.get_attribute("data-result") for b in blocks} == \
            expected_outcomes(EXTENSION)
        # Its language switch keeps the result.
        other = "zh" if lang == "en" else "en"
        page.goto(urljoin(link, page.locator(f"a.md-select__link[hreflang={other}]").get_attribute("href")))
        assert urlsplit(page.url).path == "/" + PREFIX[other] + paths.state_path(EXTENSION)
        assert page.locator("[data-outcome]").count() == 5
    finally:
        context.close()


def test_a_result_judged_by_a_date_keeps_its_wizard_address(visit):
    """No plain page judges by a date: the link is the wizard's, its answers in the fragment (off the server)."""
    visit.open("en", link_query({**EXTENSION, "as_of": "2023-01-01"}))
    visit.wait_for_result()
    link = visit.page.locator(".wizard-share__link").get_attribute("href")
    assert urlsplit(link).path == "/wizard/" and urlsplit(link).query == ""
    assert "as_of=2023-01-01" in urlsplit(link).fragment


@pytest.mark.parametrize("lang", LANGS)
def test_the_wizard_on_the_device_gives_every_plain_pages_outcomes(visit, lang):
    """The wizard (the engine in Pyodide) shows, for each of the 85 answer sets, the outcomes its plain page shows
    (the engine in CPython, test_every_answer_set_is_reached_by_links_alone): one page, each set through the
    wizard's own history handling."""
    visit.open(lang)
    visit.wait_for_engine()
    page = visit.page
    for answers in eligibility.complete_answer_sets():
        page.evaluate("""(query) => {
            document.querySelectorAll("[data-outcome]").forEach((n) => n.remove());
            history.pushState({ wizard: true }, "", location.pathname + query);
            dispatchEvent(new PopStateEvent("popstate"));
        }""", link_query(answers))
        page.wait_for_function("""(expected) => {
            const shown = Object.fromEntries([...document.querySelectorAll("[data-outcome]")]
              .map((n) => [n.dataset.outcome, n.dataset.result]));
            return JSON.stringify(shown) === JSON.stringify(expected);
        }""", arg=expected_outcomes(answers), timeout=10_000)
    visit.assert_clean()


@pytest.mark.parametrize("query", ["", link_query(EXTENSION)], ids=["first question", "share link"])
def test_on_load_focus_stays_at_the_top_of_the_page(visit, query):
    """Focus moves to a question only once the visitor has acted (the skip link, the heading and the privacy
    note come first for a keyboard or a screen reader)."""
    visit.open("en", query)
    if query:
        visit.wait_for_result()
    else:
        visit.page.wait_for_selector("form[data-question]:not([data-static])")
    assert visit.page.evaluate("document.activeElement === document.body")
    visit.page.keyboard.press("Tab")
    assert visit.page.evaluate("document.activeElement.classList.contains('md-skip')")
    if not query:
        visit.answer("application", "extension")
        visit.page.wait_for_selector("form[data-question=category]")
        assert visit.page.evaluate("document.activeElement.matches('form[data-question=category] h2')")


FOCUSABLE = {
    # what, page, selector of the control, selector of what shows the ring (the control itself)
    "radio": ("wizard/", "form[data-question] input[type=radio]"),
    "checkbox": ("wizard/" + link_query(EXTENSION), ".wizard-checklist input[type=checkbox]"),
    "file input": ("roster/", "input[type=file]"),
    "link": ("wizard/extension/", "a[data-option]"),
    "button": ("wizard/", "form[data-question] button[type=submit]"),
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("what", list(FOCUSABLE))
def test_keyboard_focus_is_visible_on_every_control(browser, base_url, scheme, what):
    """WCAG 2.4.7: Material's style sheet takes the outline off inputs; every control shows a ring when focused
    from the keyboard, in both colour schemes (axe does not check this)."""
    address, selector = FOCUSABLE[what]
    context = browser.new_context(color_scheme=scheme, viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"{base_url}/{address}")
        page.wait_for_selector(selector, state="visible", timeout=60_000)
        page.keyboard.press("Tab")  # keyboard use: focus() afterwards shows the ring as a Tab would
        page.focus(selector)
        style = page.eval_on_selector(selector, """(el) => {
            const s = getComputedStyle(el);
            return { visible: el.matches(":focus-visible"), style: s.outlineStyle, width: parseFloat(s.outlineWidth),
                     color: s.outlineColor, background: getComputedStyle(document.body).backgroundColor };
        }""")
        assert style["visible"], style
        assert style["style"] not in ("none", "hidden") and style["width"] >= 2, style
        assert style["color"] != style["background"] and "rgba(0, 0, 0, 0)" not in style["color"], style
    finally:
        context.close()
