"""When the wizard cannot run, the visitor gets a clear message in the page's language and the guidance pages."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

MESSAGES = {"en": "cannot run in this browser", "zh": "无法在此浏览器中运行"}


def assert_failure_shown(visit, lang):
    alert = visit.page.locator(".wizard-failure[role=alert]")
    alert.wait_for(timeout=30_000)
    assert MESSAGES[lang] in alert.inner_text()
    links = alert.get_by_role("link")
    assert links.count() == 5
    prefix = "/zh/measures/" if lang == "zh" else "/measures/"
    for i in range(5):
        href = visit.page.evaluate("a => a.href", links.nth(i).element_handle())
        assert urlsplit(href).path.startswith(prefix), href
    assert visit.page.locator(".wizard-status progress:visible").count() == 0  # no endless spinner


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_webassembly(visit, lang):
    visit.page.add_init_script("delete globalThis.WebAssembly")
    visit.open(lang)
    assert_failure_shown(visit, lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_runtime_file_is_missing(visit, lang):
    visit.page.context.route("**/python_stdlib.zip", lambda route: route.fulfill(status=404, body="gone"))
    visit.open(lang)
    assert_failure_shown(visit, lang)


def test_the_engine_wheel_does_not_match_its_hash(visit):
    visit.page.context.route("**/assets/engine/**", lambda route: route.fulfill(status=200, body=b"PK tampered"))
    visit.open("en")
    assert_failure_shown(visit, "en")


def test_the_worker_script_fails(visit):
    visit.page.context.route("**/assets/wizard/worker.js", lambda route: route.fulfill(
        status=200, content_type="text/javascript", body="throw new Error('broken worker')"))
    visit.open("en")
    assert_failure_shown(visit, "en")


def test_loading_takes_too_long(visit):
    page = visit.page
    page.clock.install()
    # The runtime never arrives.
    page.context.route("**/pyodide.asm.wasm", lambda route: None)
    visit.open("zh")
    page.wait_for_selector("form[data-question=application]")
    page.clock.fast_forward("02:00")
    assert_failure_shown(visit, "zh")


def test_the_engine_starts_before_the_pages_scripts_arrive(visit):
    """start.js, inline in the head, starts the worker: the runtime is on its way while the page's own scripts
    (held back here) have not even arrived."""
    page = visit.page
    held = []

    def page_script(url: str) -> bool:
        return "/assets/wizard/" in url and url.endswith(".js") and not url.endswith("/worker.js")

    released = []

    def hold(route):
        if released:
            route.continue_()
        else:
            held.append(route)

    page.context.route(page_script, hold)
    with page.context.expect_event("request", lambda r: r.url.endswith("/pyodide.asm.wasm"), timeout=30_000):
        page.goto(f"{visit.base_url}/wizard/", wait_until="commit")
    asked = {route.request.url.rsplit("/", 1)[1] for route in held}
    assert {"engine.js", "wizard.js"} <= asked, asked
    assert page.locator("form[data-question]").count() == 0  # nothing of the page's own has run yet
    released.append(True)
    for route in held:
        route.continue_()
    visit.wait_for_engine()
    assert page.locator("form[data-question='application']").count() == 1
    visit.assert_clean()
