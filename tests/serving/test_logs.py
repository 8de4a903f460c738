"""Answers never reach the server's logs (deploy/site.conf, deploy/nginx.conf): a visitor's journey through the
wizard in real Chromium, a reload of the result, the language switch, a share link of an earlier version
(`?application=...`), the wizard's plain pages (whose addresses name answers) and a refused request, all
against a real nginx with the shipped configuration; then its access log and its error log are read."""

from __future__ import annotations

import http.client
import sys
from pathlib import Path

import nginx_run

from wizard.conftest import Visit
from wizard.test_history import switch_language
from wizard.test_journeys import EXTENSION_WITH_EXEMPTION

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "wizard"))
from eligibility import paths  # noqa: E402

# Every word that names an answer: the questions' keys, their option keys, the plain pages' slugs.
ANSWER_WORDS = ({"application=", "category=", "tax_bureau_unreachable", "has_withholding_screenshot",
                 "salary_commitment", "category_a_route", "as_of"}
                | {slug for options in paths.SLUGS.values() for slug in options.values()})


def request(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def leaks(lines: list[str]) -> list[str]:
    """Lines that hold a query string or a word naming an answer."""
    return [line for line in lines if "?" in line or any(word in line for word in ANSWER_WORDS)]


def test_no_answer_reaches_the_access_log_or_the_error_log(browser, site_dir):
    server = nginx_run.Server(site_dir, access_log=True)
    context = browser.new_context()
    try:
        visit = Visit(context.new_page(), server.url)
        steps, expected = EXTENSION_WITH_EXEMPTION
        visit.open("en")
        for key, value in steps:
            visit.answer(key, value)
        assert visit.outcomes() == expected
        page = visit.page
        page.reload()  # the result again: its answers are in the fragment, which the browser never sends
        assert visit.outcomes() == expected
        switch_language(page, "zh")
        page.wait_for_selector("[data-outcome]", timeout=60_000)
        assert page.evaluate("document.documentElement.lang") == "zh"
        # A share link of an earlier version sends its query once; the wizard moves it to the fragment.
        visit.open("en", "?" + "&".join(f"{k}={v}" for k, v in steps))
        visit.wait_for_result()
        page.reload()
        visit.wait_for_result()
        # The plain pages, whose addresses name answers, and a request for one that is not there.
        plain = paths.state_path({k: paths.answer_for(k, v) for k, v in steps})
        page.goto(f"{server.url}/{plain}")
        page.wait_for_selector("[data-outcome]")
        page.goto(f"{server.url}/zh/{plain}")
        page.wait_for_selector("[data-outcome]")
        assert request(server.port, "/wizard/extension/category-z/?application=extension") == 404
        assert request(server.port, "/zh/wizard/extension/?application=extension&category=C") == 200
        assert request(server.port, "/?application=extension") == 200
        access, errors = server.access_lines(), server.errors().splitlines()
    finally:
        context.close()
        server.stop()
    assert len(access) > 50, access  # the journey's requests are all there...
    assert not leaks(access), leaks(access)  # ...without a query string or an answer
    # The plain pages are there, as wizard/... in their language, the pages asked with a query as their path.
    assert any('"GET /wizard/... HTTP/1.1" 200' in line for line in access), access
    assert any('"GET /zh/wizard/... HTTP/1.1" 200' in line for line in access), access
    assert any('"GET /wizard/ HTTP/1.1" 200' in line for line in access), access
    assert any('"GET /wizard/... HTTP/1.1" 404' in line for line in access), access
    assert not leaks(errors), errors
