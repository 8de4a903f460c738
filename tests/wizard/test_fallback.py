"""When the wizard cannot run, the visitor gets a clear message in the page's language and the guidance pages."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .conftest import DRAWN_FORM, HeldScripts

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
    visit.page.context.route("**/assets/wizard/*/worker.js", lambda route: route.fulfill(
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


SHARE_LINK = "?application=extension&category=A&tax_bureau_unreachable=no"


def test_a_share_link_starts_the_engine_before_the_pages_scripts_arrive(visit):
    """start.js, inline in the head, starts the worker at once when the address carries answers: the runtime is
    on its way while the page's own scripts (held back here) have not even arrived."""
    page = visit.page
    held = HeldScripts(page.context)
    with page.context.expect_event("request", lambda r: r.url.endswith("/pyodide.asm.wasm"), timeout=30_000):
        page.goto(f"{visit.base_url}/wizard/{SHARE_LINK}", wait_until="commit")
    assert "wizard.js" in held.asked(), held.asked()
    # Nothing of the page's scripts has run (the first question in the page's HTML is hidden: the address has answers).
    assert page.locator(f"[data-outcome], {DRAWN_FORM}").count() == 0
    held.release()
    assert visit.outcomes()["tax_records"] == "required"
    visit.assert_clean()


def test_without_answers_the_engine_starts_once_the_page_is_parsed(visit):
    """The visitor reads the first question first: the runtime's downloads and compiling wait for the page to be
    parsed (here: held back until the page's own script arrives), not to slow it down."""
    page = visit.page
    held = HeldScripts(page.context)
    workers = []
    page.context.on("request", lambda r: r.url.endswith("/worker.js") and workers.append(r.url))
    page.goto(f"{visit.base_url}/wizard/", wait_until="commit")
    page.wait_for_function("() => document.getElementById('engine-start') && window.wizardEngineStart")
    page.wait_for_timeout(2_000)  # time enough for a worker started from the head to ask for its script
    assert "wizard.js" in held.asked(), held.asked()
    assert not workers and page.locator(DRAWN_FORM).count() == 0
    held.release()
    visit.wait_for_engine()
    assert workers and page.locator("form[data-question='application']").count() == 1
    visit.assert_clean()
