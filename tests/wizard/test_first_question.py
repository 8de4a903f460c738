"""The first question is in the wizard page's HTML (overrides/partials/first-question.html, drawn by the build):
shown at first paint, where scripts run and the address holds no answers, and taken over by wizard.js, which
draws it again in the same markup and keeps what the visitor did meanwhile."""

from __future__ import annotations

import http.server
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import DRAWN_FORM, HeldScripts

STATIC_FORM = "form[data-question=application][data-static]"
# The page's HTML as the server sent it, read in the page: its first question as the build drew it.
STATIC_MARKUP = """async () => {
  const html = await (await fetch(location.href)).text();
  const form = new DOMParser().parseFromString(html, "text/html").querySelector("form[data-static]");
  form.removeAttribute("data-static");
  return form.outerHTML;
}"""
# The script's form as drawn: without the marks the focus-visible polyfill adds to the focused heading.
WITHOUT_FOCUS_MARKS = """(form) => {
  const copy = form.cloneNode(true);
  for (const element of copy.querySelectorAll("[data-focus-visible-added]")) {
    element.removeAttribute("data-focus-visible-added");
    element.classList.remove("focus-visible");
    if (!element.classList.length) element.removeAttribute("class");
  }
  return copy.outerHTML;
}"""

WIZARD_CSS_LOADED = "() => [...document.styleSheets].some((sheet) => (sheet.href || '').endsWith('/wizard.css'))"


def prefix(lang: str) -> str:
    return "zh/" if lang == "zh" else ""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_draws_the_first_question_as_the_script_does(visit, lang):
    """Same markup, so that the script's drawing moves nothing; and the build's copy follows the catalog."""
    visit.open(lang)
    page = visit.page
    page.wait_for_selector(DRAWN_FORM)
    assert page.locator("form[data-question]").count() == 1  # the script's drawing replaced the page's
    drawn = page.locator(DRAWN_FORM).evaluate(WITHOUT_FOCUS_MARKS)
    assert page.evaluate(STATIC_MARKUP) == drawn
    assert drawn.count('type="radio"') == 8 and ("Question 1" if lang == "en" else "第 1 题") in drawn
    visit.assert_clean()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_first_question_shows_before_the_pages_scripts_and_answers_as_a_share_link(visit, lang):
    """With the page's own scripts held back, the first question is on screen, and its Continue opens the share
    link of the answer chosen, which the wizard, once its scripts arrive, takes on from."""
    page = visit.page
    held = HeldScripts(page.context)
    page.goto(f"{visit.base_url}/{prefix(lang)}wizard/", wait_until="commit")
    page.locator(STATIC_FORM).wait_for(state="visible")
    assert page.locator(DRAWN_FORM).count() == 0  # nothing of the page's scripts has run
    page.check("#q-application-extension")
    with page.expect_navigation(wait_until="commit"):
        page.click(f"{STATIC_FORM} button[type=submit]")
    # The answer in the address's fragment: never sent to the server.
    assert re.search(r"/wizard/#application=extension$", page.url), page.url
    # Leaving the page aborted what it was still loading (its scripts, held; the search's): nothing failed else.
    assert all(failure.startswith("net::ERR_ABORTED ") for failure in visit.failed), visit.failed
    visit.failed.clear()
    held.release()
    page.wait_for_selector("form[data-question=category]")
    assert page.locator(STATIC_FORM).count() == 0
    visit.answer("category", "A")
    visit.answer("tax_bureau_unreachable", "no")
    assert visit.outcomes()["tax_records"] == "required"
    visit.assert_clean()


def test_a_choice_made_before_the_scripts_ran_is_kept(visit):
    page = visit.page
    held = HeldScripts(page.context)
    page.goto(f"{visit.base_url}/wizard/", wait_until="commit")
    page.locator(STATIC_FORM).wait_for(state="visible")
    page.check("#q-application-cancellation")
    assert page.evaluate("document.activeElement.id") == "q-application-cancellation"
    held.release()
    page.wait_for_selector(DRAWN_FORM)
    assert page.is_checked("#q-application-cancellation")
    assert page.evaluate("document.activeElement.id") == "q-application-cancellation"
    page.click(f"{DRAWN_FORM} button[type=submit]")
    page.wait_for_selector("form[data-question=category]")
    assert "#application=cancellation" in page.url
    visit.assert_clean()


def test_the_page_stays_where_the_visitor_scrolled_it_before_the_scripts_ran(visit):
    """Taking the question over must not scroll the page back up under a visitor who has already scrolled down,
    reading; nor does it take the focus, which stays at the top of the page until the visitor acts."""
    page = visit.page
    held = HeldScripts(page.context)
    page.goto(f"{visit.base_url}/wizard/", wait_until="commit")
    page.locator(STATIC_FORM).wait_for(state="visible")
    page.locator("footer").wait_for(state="attached")
    page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    scrolled = page.evaluate("() => window.scrollY")
    assert page.evaluate("() => document.querySelector('#wizard h2').getBoundingClientRect().bottom < 0")
    held.release()
    page.wait_for_selector(DRAWN_FORM)
    assert page.evaluate("() => document.activeElement === document.body")
    assert page.evaluate("() => window.scrollY") == scrolled > 0
    visit.assert_clean()


def test_a_share_link_never_shows_the_first_question(visit):
    """The address holds answers: the page's first question stays hidden while the result is worked out."""
    page = visit.page
    held = HeldScripts(page.context)
    page.goto(f"{visit.base_url}/wizard/?application=extension&category=A&tax_bureau_unreachable=no",
              wait_until="commit")
    page.locator(STATIC_FORM).wait_for(state="attached")
    page.wait_for_function(WIZARD_CSS_LOADED)
    assert not page.locator(STATIC_FORM).is_visible()
    held.release()
    assert visit.outcomes()["tax_records"] == "required"
    assert page.locator("form[data-question]").count() == 0
    visit.assert_clean()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_without_scripts_the_first_question_is_links(browser, base_url, lang):
    """Without JavaScript the wizard's form cannot answer (its Continue would only lead back to it): it stays
    hidden, the first question shows as links to the wizard's plain pages, and the note says to follow them."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{base_url}/{prefix(lang)}wizard/")
        assert page.locator(STATIC_FORM).count() == 1
        assert not page.locator(STATIC_FORM).is_visible()
        links = page.locator("#wizard a[data-option^='application=']")
        assert links.count() == 8 and all(link.is_visible() for link in links.all())
        assert page.locator("#wizard .wizard-noscript").is_visible()
    finally:
        context.close()


class PauseBeforeTheWizard(http.server.SimpleHTTPRequestHandler):
    """The built site, with the wizard page's HTML sent in two parts: up to the wizard, a pause, the rest. A phone
    gets a page in pieces like this; between them the browser may draw a frame."""

    def do_GET(self):
        path = urlsplit(self.path).path
        if path not in ("/wizard/", "/zh/wizard/"):
            return super().do_GET()
        html = (Path(self.directory) / path.strip("/") / "index.html").read_bytes()
        cut = html.index(b'<div id="wizard"')
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(html)))
        self.end_headers()
        self.wfile.write(html[:cut])
        self.wfile.flush()
        time.sleep(PAUSE_S)
        self.wfile.write(html[cut:])


PAUSE_S = 0.6
# The first frame the page renders (its first animation frame): is the first question in it, and visible?
FIRST_FRAME = """
window.__firstFrame = null;
requestAnimationFrame(() => {
  const form = document.querySelector("form[data-static]");
  window.__firstFrame = { form: Boolean(form), visible: Boolean(form && form.checkVisibility()) };
});
"""


@pytest.fixture(scope="module")
def paused_site(site_dir, python_server):
    return python_server(site_dir, PauseBeforeTheWizard)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_first_frame_the_page_renders_holds_the_first_question(browser, paused_site, lang):
    """The wizard page asks the browser to draw nothing before the wizard is in (link rel=expect, render-blocking):
    no frame of the page's header alone, which, with a script due next (the theme's, run once parsed), could stay
    the only frame for a while. Here the page's HTML pauses just before the wizard: without the request, the
    browser draws the header meanwhile."""
    context = browser.new_context()
    try:
        context.add_init_script(FIRST_FRAME)
        page = context.new_page()
        page.goto(f"{paused_site}/{prefix(lang)}wizard/", wait_until="commit")
        page.wait_for_function("() => window.__firstFrame !== null", timeout=10_000)
        assert page.evaluate("window.__firstFrame") == {"form": True, "visible": True}
    finally:
        context.close()
