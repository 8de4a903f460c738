"""A return visit asks the server for none of the wizard's scripts, nor for the engine's worker: their folder is
named after their hash and served as immutable (deploy/site.conf), so on a phone's slow line the first question
and the engine's start wait for no round trip. Read from Chromium's own account of where each response came
from (the DevTools protocol), with service workers blocked: this is the browser's HTTP cache at work."""

from __future__ import annotations

from .conftest import Visit

FRONTEND = "/assets/wizard/"


class Responses:
    """Every response the page received, with where it came from (the network, or the browser's cache)."""

    def __init__(self, page):
        self.cached: set[str] = set()
        self.from_network: list[tuple[str, int]] = []
        cdp = page.context.new_cdp_session(page)
        cdp.on("Network.requestServedFromCache", lambda e: self.cached.add(e["requestId"]))
        cdp.on("Network.responseReceived", self.received)
        cdp.send("Network.enable")

    def received(self, event):
        response = event["response"]
        if event["requestId"] in self.cached or response.get("fromDiskCache"):
            return
        self.from_network.append((response["url"], response["status"]))

    def clear(self):
        self.cached.clear()
        self.from_network.clear()

    def server_answered(self, part: str) -> list[tuple[str, int]]:
        return [(url, status) for url, status in self.from_network if part in url]


def test_a_return_visit_asks_the_server_for_none_of_the_wizards_scripts(browser, base_url):
    context = browser.new_context(service_workers="block")
    try:
        visit = Visit(context.new_page(), base_url)
        responses = Responses(visit.page)
        visit.open("en")
        visit.wait_for_engine()
        # The first visit downloads them, from the server.
        assert {url.rsplit("/", 1)[1] for url, _ in responses.server_answered(FRONTEND)} >= {
            "wizard.js", "engine.js", "dom.js", "wizard.css"}

        visit.page.wait_for_load_state("networkidle")  # nothing of the first visit's left on the way
        visit.page.goto("about:blank")
        responses.clear()
        visit.open("en")
        visit.wait_for_engine()
        assert visit.page.locator("form[data-question='application']").count() == 1
        # The page itself is asked again (a deploy shows at once) ...
        assert any(url == f"{base_url}/wizard/" for url, _ in responses.server_answered("/wizard/"))
        # ... its scripts and style sheet are not: they come from the cache, with no round trip to revalidate.
        assert not responses.server_answered(FRONTEND), responses.server_answered(FRONTEND)
        visit.assert_clean()
    finally:
        context.close()


LINKED = """() => [...document.querySelectorAll('link[rel=stylesheet][href], script[src]')]
  .map((e) => e.href || e.src)"""


def test_a_return_visit_to_any_page_asks_the_server_for_none_of_its_style_sheets_and_scripts(browser, base_url):
    """Material's bundles and the site's own style sheet and script (at their hash: scripts/hooks/fingerprint.py)
    come from the cache: site.css blocks the first paint, and asking about it cost a round trip on every page."""
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        responses = Responses(page)
        for path in ("/measures/tax-records/", "/zh/notice/"):
            page.goto(f"{base_url}{path}")
            linked = page.evaluate(LINKED)
            assert any("/site." in url and url.endswith(".css") for url in linked), linked
            page.wait_for_load_state("networkidle")
            page.goto("about:blank")
            responses.clear()
            page.goto(f"{base_url}{path}")
            page.wait_for_load_state("networkidle")
            assert any(url == f"{base_url}{path}" for url, _ in responses.from_network)  # the page is asked again
            asked = [(url, status) for url, status in responses.from_network if url in linked]
            assert not asked, asked
    finally:
        context.close()
