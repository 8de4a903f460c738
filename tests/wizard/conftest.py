"""Fixtures for driving the wizard in real Chromium, recording every request and console error."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# A question wizard.js drew (the page's HTML also holds the first one, data-static: partials/first-question.html).
DRAWN_FORM = "form[data-question]:not([data-static])"


def answers_in(url: str) -> dict[str, str]:
    """The answers a wizard address holds: in its fragment (wizard.js keeps them there, off the server), else
    in its query (a share link of an earlier version)."""
    parts = urlsplit(url)
    return dict(parse_qsl(parts.fragment if "=" in parts.fragment else parts.query))


class Visit:
    """One visitor's tab: the page plus what it asked the network for and what it logged."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.hosts: set[str] = set()
        self.errors: list[str] = []
        self.failed: list[str] = []
        page.on("request", lambda r: self.hosts.add(urlsplit(r.url).hostname))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.failure} {r.url}"))
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))
        # Requests from the Web Worker (the runtime, the engine) count too.
        page.context.on("request", lambda r: self.hosts.add(urlsplit(r.url).hostname))

    def open(self, lang: str = "en", query: str = ""):
        prefix = "zh/" if lang == "zh" else ""
        self.page.goto(f"{self.base_url}/{prefix}wizard/{query}")
        return self

    def question(self) -> str:
        return self.page.locator("form[data-question]").get_attribute("data-question")

    def answer(self, key: str, value: str):
        assert self.question() == key
        self.page.check(f"#q-{key}-{value}")
        self.page.click("form[data-question] button[type=submit]")

    def wait_for_result(self):
        self.page.wait_for_selector("[data-outcome]", timeout=60_000)

    def outcomes(self) -> dict[str, str]:
        self.wait_for_result()
        blocks = self.page.locator("[data-outcome]")
        return {blocks.nth(i).get_attribute("data-outcome"): blocks.nth(i).get_attribute("data-result")
                for i in range(blocks.count())}

    def wait_for_engine(self):
        self.page.wait_for_function("() => document.documentElement.dataset.wizardEngine === 'ready'",
                                   timeout=60_000)

    def serious_accessibility_violations(self) -> list[str]:
        # Judge the page at rest, not halfway through a fade-in (contrast is wrong mid-transition).
        self.page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
        if not self.page.evaluate("typeof window.axe === 'object'"):
            # Evaluated by the test, not added as an inline <script>, which the site's policy rightly refuses.
            self.page.evaluate(AXE.read_text(encoding="utf-8"))
        violations = self.page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".filter(v => ['serious', 'critical'].includes(v.impact))"
            ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))")
        return violations

    def assert_clean(self):
        assert self.hosts == {"127.0.0.1"}, self.hosts
        assert not self.errors, self.errors
        assert not self.failed, self.failed


class HeldScripts:
    """Holds back the page's own scripts (not the engine's worker) until release()."""

    def __init__(self, context):
        self.routes, self.released = [], False
        context.route(self.page_script, self.hold)

    @staticmethod
    def page_script(url: str) -> bool:
        return "/assets/wizard/" in url and url.endswith(".js") and not url.endswith("/worker.js")

    def hold(self, route):
        if self.released:
            route.continue_()
        else:
            self.routes.append(route)

    def asked(self) -> set[str]:
        return {route.request.url.rsplit("/", 1)[1] for route in self.routes}

    def release(self):
        self.released = True
        for route in self.routes:
            route.continue_()


@pytest.fixture
def visit(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    yield Visit(context.new_page(), base_url)
    context.close()
