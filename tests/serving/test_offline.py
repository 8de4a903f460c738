"""Offline use: after one visit to the wizard, the service worker keeps it working with no network at all,
and a new deploy replaces its cache. Each test runs its own nginx (the shipped configuration) so that it can
stop it: "no network" is a server that is gone and a browser that is offline.
"""

from __future__ import annotations

import time

import nginx_run
import pytest

from pages.test_generated_tables import build_copy
from serving.test_nginx import frontend_dir
from wizard.conftest import Visit
from wizard.test_journeys import CATEGORY_A_POINTS_IN_CHINA, EXTENSION_WITH_EXEMPTION

# The service worker's caches (the engine's memory snapshot has a cache of its own: wizard/frontend/worker.js).
CACHE_STATE = """async () => {
  const names = (await caches.keys()).filter((name) => name.startsWith("wizard-offline-"));
  const entries = {};
  for (const name of names) entries[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
  return entries;
}"""


def wait_until_offline_ready(page, timeout: float = 90) -> dict[str, list[str]]:
    """Wait for the service worker to be active, controlling the page, with its cache filled; return the caches."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        controlled = page.evaluate("() => navigator.serviceWorker.controller !== null")
        caches = page.evaluate(CACHE_STATE)
        if controlled and len(caches) == 1:
            (urls,) = caches.values()
            if any(u.endswith(".whl") for u in urls):
                return caches
        page.wait_for_timeout(250)
    raise AssertionError(f"no service worker ready after {timeout} s: {page.evaluate(CACHE_STATE)}")


def journey(visit: Visit, lang: str, steps) -> dict[str, str]:
    visit.open(lang)
    for key, value in steps:
        visit.answer(key, value)
    return visit.outcomes()


def test_after_one_visit_the_wizard_works_with_no_network(browser, site_dir):
    server = nginx_run.Server(site_dir)
    context = browser.new_context()
    try:
        visit = Visit(context.new_page(), server.url)
        requested = []
        # What the page and the engine's worker ask for (not the service worker filling its cache).
        context.on("request", lambda r: r.service_worker is None and requested.append(r.url.removeprefix(server.url)))
        steps, expected = EXTENSION_WITH_EXEMPTION
        assert journey(visit, "en", steps) == expected
        caches = wait_until_offline_ready(visit.page)
        (name,) = caches
        assert name.startswith("wizard-offline-")
        cached = {u.removeprefix(server.url) for u in caches[name]}
        frontend = frontend_dir(site_dir)
        assert {"/wizard/", "/zh/wizard/", frontend + "wizard.js", frontend + "worker.js",
                "/sw.js"} - cached == {"/sw.js"}  # the worker's own script is the browser's business
        # The runtime it keeps is what the engine loaded: the reduced standard library, the WebAssembly, ...
        runtime = {u for u in cached if u.startswith("/assets/pyodide/")}
        assert runtime == {u for u in requested if u.startswith("/assets/pyodide/")}
        assert {u.rsplit("/", 1)[1] for u in runtime} == {
            "pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"}
        # ... the site's lock file and the engine's wheel; not openpyxl, which only a workbook loads.
        engine = {u.rsplit("/", 1)[1] for u in cached if u.startswith("/assets/engine/")}
        assert engine == {"pyodide-lock.json", "eligibility-1.0.0-py3-none-any.whl"}
        # The engine's snapshot was stored too (the result was shown): offline, the engine restores from it.
        visit.page.wait_for_function("() => document.documentElement.dataset.wizardEngineSnapshot === 'saved'",
                                     timeout=60_000)

        # The network goes: the server is gone and the browser is offline.
        server.stop()
        context.set_offline(True)
        visit.errors.clear()
        visit.failed.clear()
        visit.page.reload()
        assert journey(visit, "en", steps) == expected
        visit.wait_for_engine()
        assert visit.page.evaluate("() => document.documentElement.dataset.wizardEngineStart") == "snapshot"
        # The other language too, never visited before: it was cached with the first.
        steps, expected = CATEGORY_A_POINTS_IN_CHINA
        assert journey(visit, "zh", steps) == expected
        assert visit.page.evaluate("document.documentElement.lang") == "zh"
        assert not visit.errors, visit.errors
        # Nothing failed for want of the network; the page may abandon requests when it moves on (aborted).
        failed = [f for f in visit.failed if not f.startswith("net::ERR_ABORTED ")]
        assert not failed, failed
    finally:
        context.close()
        server.stop()


@pytest.fixture(scope="module")
def next_deploy(tmp_path_factory):
    """The site as the next deploy would build it: the engine changed, so its wheel and address too."""
    return build_copy(tmp_path_factory.mktemp("next-deploy"),
                      {"wizard/eligibility/__init__.py": lambda text: text + "\n# The next release.\n"})


def engine_urls(urls):
    return {u for u in urls if u.endswith(".whl")}


def test_a_new_deploy_brings_a_new_cache_and_deletes_the_old_one(browser, site_dir, next_deploy):
    old_wheel = {p.name for p in (site_dir / "assets" / "engine").iterdir()}
    new_wheel = {p.name for p in (next_deploy / "assets" / "engine").iterdir()}
    assert old_wheel != new_wheel
    server = nginx_run.Server(site_dir)
    context = browser.new_context()
    try:
        visit = Visit(context.new_page(), server.url)
        visit.open("en")
        visit.wait_for_engine()
        before = wait_until_offline_ready(visit.page)
        (old_name,) = before

        # Deploy: the same address now serves the new build.
        server.stop()
        server = nginx_run.Server(next_deploy, port=server.port)
        visit.page.reload()
        visit.wait_for_engine()
        deadline = time.monotonic() + 90
        while True:
            after = visit.page.evaluate(CACHE_STATE)
            if list(after) != [old_name] and len(after) == 1 and engine_urls(next(iter(after.values()))):
                break
            assert time.monotonic() < deadline, f"the old cache is still there: {list(after)}"
            visit.page.wait_for_timeout(250)
        (new_name,) = after
        assert new_name.startswith("wizard-offline-") and new_name != old_name
        assert {u.rsplit("/", 2)[1] for u in engine_urls(after[new_name])} == new_wheel
        assert engine_urls(after[new_name]).isdisjoint(engine_urls(before[old_name]))
        # The page runs the new engine, through the new worker.
        steps, expected = EXTENSION_WITH_EXEMPTION
        assert journey(visit, "en", steps) == expected
    finally:
        context.close()
        server.stop()


def test_a_plain_result_page_once_visited_opens_with_no_network(browser, site_dir):
    """The wizard's plain pages (wizard/<answers>/) go into the service worker's cache when visited: a result
    opened once, after the wizard was used, opens again with no network, and so does its question before it."""
    server = nginx_run.Server(site_dir)
    context = browser.new_context()
    try:
        visit = Visit(context.new_page(), server.url)
        steps, expected = EXTENSION_WITH_EXEMPTION
        assert journey(visit, "en", steps) == expected
        wait_until_offline_ready(visit.page)
        plain = visit.page.locator(".wizard-share__link").get_attribute("href")
        question = server.url + "/zh/wizard/extension/"
        for address in (plain, question):
            visit.page.goto(address)
            visit.page.wait_for_load_state("networkidle")
        cached = set(visit.page.evaluate(CACHE_STATE).popitem()[1])
        assert {plain, question} <= cached
        server.stop()
        context.set_offline(True)
        visit.page.goto(plain)
        shown = {b.get_attribute("data-outcome"): b.get_attribute("data-result")
                 for b in visit.page.locator("[data-outcome]").all()}
        assert shown == expected
        visit.page.goto(question)
        assert visit.page.locator("a[data-option]").count() == 3
    finally:
        context.close()
        server.stop()
