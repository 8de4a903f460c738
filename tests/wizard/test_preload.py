"""The modules a page's script imports are asked for with the page (<link rel="modulepreload">), not one round
trip after the script itself has arrived and been parsed: on a slow mobile line that round trip was about 150 ms
before the first question."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import Visit

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "wizard" / "frontend"
IMPORT = re.compile(r'^import\b[^;]*?\bfrom\s+"\./([\w.-]+\.js)";', re.M)


def imported(entry: str) -> set[str]:
    """What `entry` imports from the front end, directly or not (read from the source)."""
    found, waiting = set(), [entry]
    while waiting:
        for name in IMPORT.findall((FRONTEND / waiting.pop()).read_text(encoding="utf-8")):
            if name not in found:
                found.add(name)
                waiting.append(name)
    return found


def preloaded(html: str) -> list[str]:
    return re.findall(r'<link rel="modulepreload" href="[^"]*/assets/wizard/[0-9a-f]{16}/([\w.-]+\.js)">', html)


@pytest.mark.parametrize("page, entry", [("wizard", "wizard.js"), ("zh/wizard", "wizard.js"),
                                         ("roster", "roster.js"), ("zh/roster", "roster.js")])
def test_each_page_preloads_what_its_script_imports(site_dir, page, entry):
    links = preloaded((site_dir / page / "index.html").read_text(encoding="utf-8"))
    assert len(links) == len(set(links)) and set(links) == imported(entry)
    assert {"dom.js", "engine.js", "ui-text.js"} <= set(links)  # not vacuous


def test_on_a_slow_line_the_modules_are_on_their_way_before_the_pages_script_arrives(browser, base_url):
    context = browser.new_context(service_workers="block")
    try:
        visit = Visit(context.new_page(), base_url)
        cdp = context.new_cdp_session(visit.page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 0.75e6 / 8})
        requests = []
        visit.page.on("request", lambda request: requests.append(request))
        visit.open("en")
        visit.page.wait_for_selector("form[data-question='application']")
        by_name = {r.url.rsplit("/", 1)[1]: r for r in requests if "/assets/wizard/" in r.url}
        script = by_name["wizard.js"].timing
        arrived = script["startTime"] + script["responseEnd"]
        for name in imported("wizard.js"):
            assert by_name[name].timing["startTime"] < arrived, name
        visit.assert_clean()
    finally:
        context.close()
