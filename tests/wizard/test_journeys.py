"""Whole journeys through the wizard, in both languages, in real Chromium with the real engine in Pyodide."""

from __future__ import annotations

import re

from urllib.parse import urlsplit

import pytest

from .conftest import DRAWN_FORM, answers_in

EXTENSION_WITH_EXEMPTION = (
    [("application", "extension"), ("category", "C"), ("tax_bureau_unreachable", "yes"),
     ("has_withholding_screenshot", "yes")],
    {"tax_records": "exempt", "online": "yes", "chip_update": "deferrable", "e_signature": "accepted",
     "joint_residence_permit": "not_available"},
)
CATEGORY_A_POINTS_IN_CHINA = (
    [("application", "new_in_china"), ("category", "A"), ("category_a_route", "points"),
     ("salary_commitment", "no")],
    {"tax_records": "not_applicable", "online": "no", "chip_update": "not_stated", "e_signature": "accepted",
     "joint_residence_permit": "available"},
)
FROM_ABROAD = (
    # Measure 1 is silent on applications from abroad: no salary or tax question, and the result says so.
    [("application", "new_from_abroad"), ("category", "B")],
    {"tax_records": "not_stated", "online": "no", "chip_update": "not_applicable", "e_signature": "accepted",
     "joint_residence_permit": "not_applicable"},
)
CANCELLATION = (
    [("application", "cancellation"), ("category", "B"), ("tax_bureau_unreachable", "no")],
    {"tax_records": "required", "online": "yes", "chip_update": "not_applicable", "e_signature": "accepted",
     "joint_residence_permit": "not_applicable"},
)
JOURNEYS = {"extension-exempt": EXTENSION_WITH_EXEMPTION, "category-a-points": CATEGORY_A_POINTS_IN_CHINA,
            "cancellation": CANCELLATION, "from-abroad": FROM_ABROAD}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("journey", JOURNEYS)
def test_whole_journey(visit, lang, journey):
    steps, expected = JOURNEYS[journey]
    visit.open(lang)
    for key, value in steps:
        visit.answer(key, value)
    assert visit.outcomes() == expected
    page = visit.page
    # The page speaks the visitor's language, and every block links to the guidance paragraph it rests on.
    assert page.evaluate("document.documentElement.lang") == lang
    for block in page.locator("[data-outcome]").all():
        href = block.locator("a").last.get_attribute("href")
        target = urlsplit(page.evaluate(f"new URL({href!r}, location.href).href"))
        assert target.path.startswith("/zh/measures/" if lang == "zh" else "/measures/"), target
        assert target.fragment
    # The address now holds the answers, in its fragment (never sent to the server).
    assert answers_in(page.url) == dict(steps) and urlsplit(page.url).query == ""
    # The result says once, in one banner in amber, that this site has not confirmed the measures still apply
    # (never as certainly in force), and not again beside every measure.
    banner = page.locator("[data-currency]")
    assert banner.count() == 1 and banner.get_attribute("data-currency") == "unconfirmed"
    assert ("This site has not confirmed" if lang == "en" else "本网站尚未核实") in banner.inner_text()
    assert "https://www.8610hr.cn/" in banner.inner_text()
    assert banner.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 243, 214)"
    assert page.locator("[data-outcome] [data-status]").count() == 0
    visit.assert_clean()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_result_says_which_answers_it_rests_on(visit, lang):
    steps, _ = EXTENSION_WITH_EXEMPTION
    visit.open(lang)
    for key, value in steps:
        visit.answer(key, value)
    visit.wait_for_result()
    tax = visit.page.locator("[data-outcome=tax_records] .wizard-because").inner_text()
    signature = visit.page.locator("[data-outcome=e_signature] .wizard-because").inner_text()
    if lang == "en":
        assert tax == ("Because you answered: Extension · Cannot go to the tax bureau (Covid-19): Yes · "
                       "Has the withholding screenshot: Yes")
        assert signature == "The 2022 notice set no condition for this measure."
        # What the notice provided, framed by it: its result and its explanation, nothing in the present tense.
        result = visit.page.locator("[data-outcome=tax_records] .wizard-outcome__result").inner_text()
        assert result.startswith("Under the 2022 notice, tax records could be")
    else:
        assert tax == "依据您的回答：延期 · 因疫情无法前往税务机关：是 · 已有扣缴明细截图：是"
        assert signature == "2022年通知对本措施未设条件。"
    # The notice's examples of what may be signed electronically are examples, not a checklist to tick.
    signature = visit.page.locator("[data-outcome=e_signature]")
    assert signature.locator("input[type=checkbox]").count() == 0
    examples = signature.locator(".wizard-outcome__examples").inner_text()
    assert ("not a checklist" if lang == "en" else "并非材料清单") in examples
    for document in (("Labor contract", "Employment separation certificate", "Application form") if lang == "en"
                     else ("劳动合同", "离职证明", "申请表")):
        assert document in examples
    assert visit.page.locator(".wizard-prepare [data-document=labor_contract]").count() == 0
    visit.assert_clean()


def test_result_explains_documents_and_links_to_guidance_that_exists(visit):
    steps, _ = EXTENSION_WITH_EXEMPTION
    visit.open("en")
    for key, value in steps:
        visit.answer(key, value)
    visit.wait_for_result()
    tax = visit.page.locator("[data-outcome=tax_records]")
    assert "explanation" in tax.inner_text().lower()
    # One list of what to prepare, each document once, grouped by who provides it.
    prepare = visit.page.locator(".wizard-prepare")
    assert prepare.locator("[data-provider=applicant] input[type=checkbox]").count() == 3
    assert prepare.locator("[data-provider=employer] input[type=checkbox]").count() == 1
    tax.get_by_role("link").click()
    visit.page.wait_for_url("**/measures/tax-records/#who-it-applies-to")
    assert visit.page.locator("#who-it-applies-to").is_visible()


def test_answers_summary_change_link_updates_the_result(visit):
    steps, _ = EXTENSION_WITH_EXEMPTION
    visit.open("en")
    for key, value in steps:
        visit.answer(key, value)
    assert visit.outcomes()["joint_residence_permit"] == "not_available"
    visit.page.locator(".wizard-summary__row", has_text="category").get_by_role("link").click()
    visit.answer("category", "B")
    # The later answers still fit, so the result comes straight back.
    assert visit.outcomes()["joint_residence_permit"] == "available"
    assert answers_in(visit.page.url)["category"] == "B"
    visit.assert_clean()


def test_change_that_asks_a_new_question(visit):
    visit.open("en")
    for key, value in CANCELLATION[0]:
        visit.answer(key, value)
    visit.wait_for_result()
    visit.page.locator(".wizard-summary__row", has_text="application").get_by_role("link").click()
    visit.answer("application", "new_in_china")
    visit.answer("salary_commitment", "no")  # not asked for a cancellation, asked now
    assert visit.outcomes()["tax_records"] == "not_applicable"


def test_back_returns_to_the_previous_question_with_its_answer(visit):
    visit.open("en")
    visit.answer("application", "extension")
    assert visit.question() == "category"
    visit.page.get_by_role("button", name="Back", exact=True).click()
    assert visit.question() == "application"
    assert visit.page.is_checked("#q-application-extension")


def test_start_again_clears_the_answers_and_the_address(visit):
    visit.open("zh")
    for key, value in CANCELLATION[0]:
        visit.answer(key, value)
    visit.wait_for_result()
    visit.page.get_by_role("button", name="重新开始").click()
    assert visit.question() == "application"
    assert not visit.page.locator("input:checked").count()
    assert urlsplit(visit.page.url).query == "" and urlsplit(visit.page.url).fragment == ""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_share_link_round_trip(visit, browser, base_url, lang):
    steps, expected = CATEGORY_A_POINTS_IN_CHINA
    visit.open(lang)
    for key, value in steps:
        visit.answer(key, value)
    visit.wait_for_result()
    link = visit.page.locator(".wizard-share__link").get_attribute("href")
    # Someone else opens the link in a fresh browser: the result shows at once, no question asked.
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(link)
        page.wait_for_selector("[data-outcome]", timeout=60_000)
        got = {b.get_attribute("data-outcome"): b.get_attribute("data-result")
               for b in page.locator("[data-outcome]").all()}
        assert got == expected
        assert page.locator("form[data-question]").count() == 0
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_bad_value_in_a_link_asks_that_question_again_and_keeps_the_rest(visit, lang):
    """Contract v2: unknown keys are ignored; an invalid value keeps every other answer and asks that question."""
    visit.open(lang, "?application=extension&category=D&colour=blue&utm_source=wechat&from=timeline")
    alert = visit.page.locator("[role=alert]")
    alert.wait_for(timeout=60_000)
    text = alert.inner_text()
    assert visit.page.locator("[data-outcome]").count() == 0
    assert visit.question() == "category"
    assert ("There is a problem" if lang == "en" else "请修改以下问题") in text
    assert "colour" not in text and "utm_source" not in text
    # The counter counts questions: category is the second, whatever else the link holds.
    assert visit.page.locator(".wizard-counter").inner_text() == ("Question 2" if lang == "en" else "第 2 题")
    # The valid answer was kept: answering the one question goes on from there.
    visit.answer("category", "C")
    assert visit.question() == "tax_bureau_unreachable"
    visit.answer("tax_bureau_unreachable", "no")
    assert visit.outcomes()["tax_records"] == "required"
    # The address holds the answers (in its fragment, the query gone) and nothing the messaging app added.
    assert urlsplit(visit.page.url).query == ""
    assert answers_in(visit.page.url) == {
        "application": "extension", "category": "C", "tax_bureau_unreachable": "no"}
    visit.assert_clean()


def test_tracking_parameters_are_ignored_in_a_complete_link(visit):
    visit.open("en", "?application=cancellation&category=B&tax_bureau_unreachable=no&isappinstalled=0&from=groupmessage"
                     "&utm_medium=social")
    assert visit.outcomes()["joint_residence_permit"] == "not_applicable"
    assert visit.page.locator("[role=alert]").count() == 0
    visit.assert_clean()


def test_partial_share_link_continues_where_it_stops(visit):
    visit.open("en", "?application=extension&category=A")
    assert visit.question() == "tax_bureau_unreachable"


@pytest.mark.parametrize("link, question", [
    ("?step=constructor", "application"), ("?step=__proto__", "application"), ("?step=toString", "application"),
    ("#step=constructor", "application"), ("?application=extension&step=hasOwnProperty", "category"),
    ("?constructor=1&__proto__=x&toString=y&valueOf=z", "application"), ("?application=__proto__", "application"),
    ("#application=toString&step=__proto__", "application"),
])
def test_names_every_object_has_do_not_blank_the_wizard(visit, link, question):
    """Keys of a link name a question only as the catalog's own: `constructor`, `__proto__`, `toString` are every
    JavaScript object's, and once blanked the wizard (an `in` check took them for questions)."""
    visit.open("en", link)
    visit.page.wait_for_selector(DRAWN_FORM)
    assert visit.question() == question
    visit.assert_clean()


def test_answers_in_the_fragment_and_an_old_query_link_both_open_and_the_query_goes(visit):
    visit.open("en", "#application=extension&category=A")
    assert visit.question() == "tax_bureau_unreachable"
    visit.open("en", "?application=extension&category=A")
    visit.page.wait_for_selector("form[data-question=tax_bureau_unreachable]")
    # The old link's answers moved into the fragment: a reload tells the server nothing.
    assert urlsplit(visit.page.url).query == ""
    assert answers_in(visit.page.url) == {"application": "extension", "category": "A"}
    visit.page.reload()
    visit.page.wait_for_selector("form[data-question=tax_bureau_unreachable]")
    # Leaving a page aborts what it was still loading: nothing else failed.
    assert all(failure.startswith("net::ERR_ABORTED ") for failure in visit.failed), visit.failed
    assert not visit.errors, visit.errors


def test_continue_without_an_answer_shows_an_error_summary_linked_to_the_field(visit):
    visit.open("en")
    visit.page.click("form[data-question] button[type=submit]")
    summary = visit.page.locator(".wizard-error-summary[role=alert]")
    assert summary.is_visible()
    assert visit.page.evaluate("document.activeElement.classList.contains('wizard-error-summary')")
    summary.get_by_role("link").click()
    assert visit.page.evaluate("document.activeElement.id") == "q-application-new_from_abroad"


def test_whole_journey_by_keyboard(visit):
    page = visit.open("en").page
    page.wait_for_selector("form[data-question=application]")
    # Focus starts at the top of the page (its skip link first), not on the question: the skip link leads to the
    # content, and Tab on to the first question's first option.
    assert page.evaluate("document.activeElement === document.body")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    page.keyboard.press("Enter")
    for _ in range(20):
        if page.evaluate("document.activeElement.matches('form[data-question=application] input')"):
            break
        page.keyboard.press("Tab")
    # From then on each new question takes the focus (its heading); Tab reaches the first option, arrows choose,
    # Enter continues.
    for step, (key, presses) in enumerate([("application", 3), ("category", 2), ("tax_bureau_unreachable", 0),
                                           ("has_withholding_screenshot", 0)]):
        assert visit.question() == key
        if step:
            assert page.evaluate("document.activeElement.tagName") == "H2"
            page.keyboard.press("Tab")
        page.keyboard.press("Space")
        for _ in range(presses):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
    assert visit.outcomes()["tax_records"] == "exempt"
    assert page.evaluate("document.activeElement.tagName") == "H2"


def test_first_question_can_be_answered_before_the_engine_is_ready(visit):
    page = visit.page
    # Hold the runtime back: the first question must not wait for it.
    held = []
    page.context.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    visit.open("en")
    page.wait_for_function("() => document.querySelector('form[data-question]')")
    while not held:
        page.wait_for_timeout(50)
    visit.answer("application", "extension")
    visit.answer("category", "C")
    visit.answer("tax_bureau_unreachable", "no")
    status = page.locator(".wizard-status[role=status]")
    assert status.is_visible() and page.locator("progress").count() == 1
    assert page.locator("[data-outcome]").count() == 0
    for route in held:
        route.continue_()
    # The result asked for while loading appears as soon as the engine is ready.
    assert visit.outcomes()["tax_records"] == "required"


def test_result_prints_without_buttons_or_navigation(visit):
    visit.open("en", "?application=cancellation&category=B&tax_bureau_unreachable=no")
    visit.wait_for_result()
    page = visit.page
    page.emulate_media(media="print")
    assert page.locator("[data-outcome]").first.is_visible()
    assert page.locator(".wizard-actions").is_hidden()
    assert page.locator(".wizard-share").is_hidden()
    assert page.locator(".md-header").is_hidden()
    # It carries the banner (the measures' status, the day it was worked out), the address that reproduces it,
    # and one list of the guidance pages instead of a link in every block.
    banner = page.locator("[data-currency=unconfirmed]")
    assert banner.is_visible()
    assert "This site has not confirmed" in banner.inner_text()
    assert re.search(r"Worked out on \d{4}-\d{2}-\d{2}\.", banner.inner_text())
    produced = page.locator(".wizard-produced")
    assert produced.is_visible()
    # The address is the result's plain page, which opens with no script (wizard/<answers>/).
    assert "/wizard/cancellation/category-b/tax-bureau-reachable/" in produced.inner_text()
    assert page.locator(".wizard-guidance").first.is_hidden()
    guidance = page.locator(".wizard-print-guidance li")
    assert guidance.count() == 5 and "/measures/tax-records/" in guidance.first.inner_text()
    # The result comes first: nothing of the page's introduction is printed before it.
    first_printed = page.evaluate("""() => [...document.querySelectorAll('.md-content h1, .md-content p, .md-content h2')]
        .find(e => e.offsetParent !== null && getComputedStyle(e).display !== 'none').textContent""")
    assert first_printed.startswith("What the 2022 notice provided")
    assert len(page.pdf()) > 1000
