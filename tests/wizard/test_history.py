"""The wizard as a visitor moves through it: browser history, the language switch, sharing, focus, the start.

Each question and the result is a history entry with the answers in the address, so the browser's (and
Android's) Back and Forward buttons and a reload behave as on any other site, in both languages.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "wizard"))
from eligibility import paths  # noqa: E402

from .conftest import answers_in
from .test_journeys import CANCELLATION, EXTENSION_WITH_EXEMPTION


def plain_page(steps) -> str:
    """The site-relative address of the plain page of these answers (eligibility/paths.py)."""
    return paths.state_path({k: paths.answer_for(k, v) for k, v in steps})


def switch_language(page, lang: str):
    """As a visitor does: open the header's language menu and choose the language."""
    page.locator(".md-header .md-select").hover()
    page.locator(f".md-header a.md-select__link[hreflang={lang}]").click()


def query(page) -> dict[str, str]:
    """The answers in the page's address (its fragment)."""
    return answers_in(page.url)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_back_forward_and_reload_keep_the_visitor_where_they_were(visit, lang):
    page = visit.open(lang).page
    steps, expected = EXTENSION_WITH_EXEMPTION
    for key, value in steps[:3]:
        visit.answer(key, value)
    assert visit.question() == "has_withholding_screenshot"
    # Back: the previous question, with the answer given there still chosen.
    page.go_back()
    assert visit.question() == "tax_bureau_unreachable"
    assert page.is_checked("#q-tax_bureau_unreachable-yes")
    page.go_back()
    assert visit.question() == "category" and page.is_checked("#q-category-C")
    # Forward comes back; reload stays on the same question with the same answers.
    page.go_forward()
    assert visit.question() == "tax_bureau_unreachable"
    visit.wait_for_engine()  # a reload mid-download would abort it (a request failure the test counts)
    page.reload()
    assert visit.question() == "tax_bureau_unreachable" and page.is_checked("#q-tax_bureau_unreachable-yes")
    page.go_forward()
    assert visit.question() == "has_withholding_screenshot"
    visit.answer("has_withholding_screenshot", "yes")
    assert visit.outcomes() == expected
    # The result is an entry too: reload shows it again, Back returns to the last question, Forward to the result.
    page.reload()
    assert visit.outcomes() == expected
    page.go_back()
    assert visit.question() == "has_withholding_screenshot" and page.is_checked("#q-has_withholding_screenshot-yes")
    page.go_forward()
    assert visit.outcomes() == expected
    assert query(page) == dict(steps)
    visit.assert_clean()


def test_back_from_the_first_question_leaves_the_wizard(visit, base_url):
    page = visit.page
    page.goto(f"{base_url}/")
    page.click("[data-start-check]")  # the home page's button to start the check
    assert visit.question() == "application"
    visit.answer("application", "cancellation")
    page.go_back()
    assert visit.question() == "application"
    page.go_back()
    assert urlsplit(page.url).path == "/"


@pytest.mark.parametrize("lang, other", [("en", "zh"), ("zh", "en")])
def test_the_language_switch_keeps_the_answers(visit, lang, other):
    page = visit.open(lang).page
    visit.answer("application", "extension")
    visit.answer("category", "B")
    visit.wait_for_engine()  # leaving mid-download would abort it (a request failure the test counts)
    # Mid-way: the same question in the other language, with the same answers.
    switch_language(page, other)
    page.wait_for_function(f"() => document.documentElement.lang === '{other}'")
    assert visit.question() == "tax_bureau_unreachable"
    assert query(page) == {"application": "extension", "category": "B"}
    visit.answer("tax_bureau_unreachable", "no")
    result = visit.outcomes()
    # And back again from the result: the same result in the first language.
    switch_language(page, lang)
    page.wait_for_function(f"() => document.documentElement.lang === '{lang}'")
    assert visit.outcomes() == result
    assert query(page) == {"application": "extension", "category": "B", "tax_bureau_unreachable": "no"}
    visit.assert_clean()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_share_copies_the_link_with_a_visible_confirmation(browser, base_url, lang):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    try:
        page = context.new_page()
        prefix = "zh/" if lang == "zh" else ""
        steps, _ = CANCELLATION
        page.goto(f"{base_url}/{prefix}wizard/?" + "&".join(f"{k}={v}" for k, v in steps))
        page.wait_for_selector("[data-outcome]", timeout=60_000)
        page.evaluate("window.__samePage = true")
        page.get_by_role("button", name="Share this result" if lang == "en" else "分享此结果").click()
        said = page.locator(".wizard-share__said[role=status]")
        said.wait_for()
        assert said.inner_text() == ("Link copied. Paste it into a message or an email." if lang == "en"
                                     else "链接已复制，可粘贴到消息或邮件中。")
        copied = page.evaluate("navigator.clipboard.readText()")
        # The result's plain page (wizard/<answers>/): it opens with no script and no engine.
        assert copied == f"{base_url}/{prefix}{plain_page(steps)}"
        assert page.evaluate("window.__samePage === true")  # sharing never reloads the page
    finally:
        context.close()


def test_where_the_browser_has_a_share_sheet_it_is_used(visit):
    page = visit.page
    page.add_init_script("navigator.share = async (data) => { window.__shared = data; }")
    visit.open("en", "?" + "&".join(f"{k}={v}" for k, v in CANCELLATION[0]))
    visit.wait_for_result()
    page.get_by_role("button", name="Share this result").click()
    page.locator(".wizard-share__said", has_text="Shared.").wait_for()
    assert page.evaluate("window.__shared.url") == f"{visit.base_url}/{plain_page(CANCELLATION[0])}"


def test_focus_moves_to_each_question_without_a_heavy_box(visit):
    page = visit.open("en").page
    visit.answer("application", "extension")
    assert page.evaluate("document.activeElement.tagName") == "H2"
    style = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert style == "none"


def test_checklists_have_one_marker_per_item(visit):
    visit.open("en", "?" + "&".join(f"{k}={v}" for k, v in EXTENSION_WITH_EXEMPTION[0]))
    visit.wait_for_result()
    item = visit.page.locator(".wizard-checklist li").first
    assert item.evaluate("li => getComputedStyle(li).listStyleType") == "none"
    assert item.locator("input[type=checkbox]").count() == 1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_result_begins_with_a_summary_and_one_list_of_what_to_prepare(visit, lang):
    visit.open(lang, "?" + "&".join(f"{k}={v}" for k, v in EXTENSION_WITH_EXEMPTION[0]))
    visit.wait_for_result()
    page = visit.page
    lines = page.locator(".wizard-in-short li")
    assert lines.count() == 5
    assert lines.first.get_attribute("data-result") == "exempt"
    # The measures' status is said once, in the banner above, not beside each line.
    assert lines.first.locator("[data-status]").count() == 0
    assert page.locator("[data-currency]").count() == 1
    documents = page.locator(".wizard-prepare [data-document]")
    keys = [documents.nth(i).get_attribute("data-document") for i in range(documents.count())]
    assert len(keys) == len(set(keys)) == 4
    # The summary and the checklist come before the measures in detail.
    order = page.evaluate("""() => ['[data-currency]', '.wizard-in-short', '.wizard-prepare', '[data-outcome]']
        .map(s => document.querySelector(s).getBoundingClientRect().top)""")
    assert order == sorted(order)
    visit.assert_clean()


@pytest.mark.parametrize("lang, words", [("en", ("Up to six questions", "about a minute", "leaves this device")),
                                         ("zh", ("最多六个问题", "约需一分钟", "不会离开本设备"))])
def test_the_wizard_page_says_what_it_asks_how_long_and_that_nothing_leaves(visit, lang, words):
    intro = " ".join(visit.open(lang).page.locator(".wizard-intro").all_inner_texts())
    for word in words:
        assert word in intro
