"""The roster page as an HR officer meets it (issue 11): nothing shown that means nothing, the chosen file
named, the summary once, problem rows that show what was entered, each employee a card on a phone (issue 26)
and a header row that stays in view on a desktop, the Chinese template first on the Chinese page, and offline use after one visit."""

from __future__ import annotations

import re

import nginx_run
import pytest

from serving.test_offline import wait_until_offline_ready
from wizard.conftest import Visit

from .helpers import EXPECTED, fixture
from .test_browser import choose, open_roster, phone, table, visit, wait_for_results  # noqa: F401  (fixtures)


def visible_text(page) -> str:
    return page.locator("#roster").inner_text()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_before_a_file_nothing_stands_for_nothing(visit, lang):
    open_roster(visit, lang)
    page = visit.page
    assert page.locator("#roster progress:visible").count() == 0  # no empty bar before a file is chosen
    assert "null" not in page.locator("article").inner_text()
    choose(visit, "staff.csv", fixture("bad-row.csv"))
    wait_for_results(visit, "staff.csv")
    text = visible_text(page)
    assert "null" not in text and "undefined" not in text
    summary = page.locator(".roster-summary").inner_text().split("。")[0].split(".")[0]
    assert text.count(summary) == 1, summary  # said once
    # The chooser still names the file that was checked.
    assert page.evaluate("document.querySelector('#roster-file').files[0].name") == "staff.csv"
    assert page.locator("#roster progress:visible").count() == 0
    visit.assert_clean()


def test_a_problem_row_shows_what_was_entered_and_reads_as_a_sentence(visit):
    open_roster(visit, "en")
    choose(visit, "staff.csv", fixture("bad-row.csv"))
    wait_for_results(visit, "staff.csv")
    problem = visit.page.locator("tr.roster-row--problem .roster-problems")
    assert problem.locator("strong").inner_text() == "category"
    assert problem.inner_text() == "category: “D” is not an answer here: write one of: A, B, C"
    assert problem.locator("li").get_attribute("data-entered") == "D"
    # A reading width: the problem text wraps as words, not two characters a line, even on a wide screen.
    width = problem.evaluate("td => td.getBoundingClientRect().width")
    assert width >= 250, width


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_on_a_phone_each_employee_is_a_card_and_the_problem_reads_without_scrolling_sideways(phone, lang):
    """Issue 26: under 600 px each employee is a card (row and employee, then the problem, then the results and
    next steps, each under its column's name); nothing is wider than the screen."""
    open_roster(phone, lang)
    choose(phone, "staff.csv", fixture("bad-row.csv"))
    wait_for_results(phone, "staff.csv")
    page = phone.page
    assert list(table(phone)[0].values())[::2] == [EXPECTED[0], EXPECTED[2]]
    first = page.locator("table.roster-results tbody tr").first.locator("th[scope=row]")
    assert first.inner_text() == "2 · E001"
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
    problem = page.locator("tr.roster-row--problem td.roster-problems")
    box = problem.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    assert "“D”" in problem.inner_text()
    # The problem comes right under the row's number, before the results.
    who = page.locator("tr.roster-row--problem th[scope=row]").bounding_box()
    outcome = page.locator("tr.roster-row--problem td[data-outcome]").first
    assert who["y"] < box["y"] and not outcome.is_visible()  # no results for a row with a problem
    # The error summary at the top links to the card.
    page.locator(".roster-error-summary a[data-row-link='3']").click()
    assert page.evaluate("document.activeElement.id") == "roster-row-3"
    phone.assert_clean()


def test_on_a_desktop_the_header_row_stays_in_view(visit):
    open_roster(visit, "en")
    header = fixture("utf8.csv").split(b"\r\n")[0]
    rows = b"\r\n".join(b"E%03d,extension,C,,,yes,yes" % i for i in range(60))
    choose(visit, "long.csv", header + b"\r\n" + rows + b"\r\n")
    wait_for_results(visit, "long.csv")
    page = visit.page
    box = page.locator(".roster-table")
    head = page.locator("table.roster-results thead th").first
    box.evaluate("b => { b.scrollTop = 2000; }")
    page.wait_for_timeout(100)
    assert box.evaluate("b => b.scrollTop") > 500  # it did scroll
    assert abs(head.bounding_box()["y"] - box.bounding_box()["y"]) < 2  # the header row stuck at its top


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_pages_language_template_comes_first(visit, lang):
    open_roster(visit, lang)
    links = visit.page.locator("a[data-template]")
    assert links.first.get_attribute("data-template") == lang
    # The page's words for the columns are the result file's words (问题, not 错误).
    if lang == "zh":
        assert re.search(r"问题", visit.page.locator("article").inner_text())


def reload_with_no_network(visit, server, context):
    """Once the offline cache is filled: the server gone, the browser offline, the roster page again, ready."""
    wait_until_offline_ready(visit.page)
    server.stop()
    context.set_offline(True)
    visit.page.reload()
    visit.page.wait_for_function("() => document.documentElement.dataset.rosterEngine === 'ready'", timeout=60_000)


def test_after_one_visit_the_roster_works_with_no_network(browser, site_dir):
    server = nginx_run.Server(site_dir)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        visit = Visit(context.new_page(), server.url)
        open_roster(visit, "zh")
        reload_with_no_network(visit, server, context)
        choose(visit, "员工.csv", fixture("gb18030-chinese.csv"))
        wait_for_results(visit, "员工.csv")
        assert list(table(visit)[0].values()) == EXPECTED
    finally:
        context.close()
        server.stop()
