"""One visit of a page in Chromium, and every visit of the wizard's benchmark, run in turn."""

from __future__ import annotations

import shutil
import sys
import time
import traceback
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from benchkit.common import ASSETS, ROOT, ScenarioError, fmt_bytes, fmt_ms, fmt_ms_fine, launch, load_average

# The answers clicked through, in the order the flow asks them; the last one gives the result. The share link
# holds the same answers.
PATH_ANSWERS = {
    "application": "extension",
    "category": "C",
    "tax_bureau_unreachable": "yes",
    "has_withholding_screenshot": "yes",
}
VIEWPORT = {"width": 390, "height": 844}
# Chromium's network emulation: (label, Mbit/s down, Mbit/s up, latency in ms).
LINES = [("10 Mbit/s, 40 ms", 10, 5, 40), ("1.6 Mbit/s, 150 ms", 1.6, 0.75, 150)]
# The wizard's return visit is also made on the slowest line: what a phone's round trips cost it.
RETURN_LINE = LINES[-1]
ENGINE_TIMEOUT_MS = 180_000
STEP_TIMEOUT_MS = 30_000
SNAPSHOT_TIMEOUT_MS = 60_000

SCENARIOS = {
    "wizard": {"path": "/wizard/", "answers": True, "snapshot": True},
    # The same engine with no page around it: how much of the wizard's time is the page's, how much the engine's.
    "engine alone": {"path": "/bench/engine-alone.html", "answers": False, "snapshot": True},
    "bare": {"path": "/bench/bare.html", "answers": False},
    "naive": {"path": "/wizard-naive/", "answers": True},
}


def share_link() -> str:
    return "/wizard/?" + urlencode(PATH_ANSWERS)


def static_result() -> str:
    """The same answers' plain result page (scripts/hooks/answer_pages.py), which needs no engine."""
    sys.path.insert(0, str(ROOT / "wizard"))
    from eligibility import paths  # noqa: PLC0415 - the engine's own addresses

    answers = {key: paths.answer_for(key, value) for key, value in PATH_ANSWERS.items()}
    return "/" + paths.state_path(answers)


# Until the first rendered frame that shows a result ([data-outcome] visible), and what arrived before it: the
# navigation and every resource that ended by then (transferSize: headers and encoded body; 0 from a cache).
RESULT_SHOWN = """() => new Promise((resolve) => {
  const shown = () => {
    const outcome = document.querySelector("[data-outcome]");
    return outcome && outcome.checkVisibility();
  };
  const look = () => requestAnimationFrame(() => {
    if (!shown()) return setTimeout(look, 10);
    const at = performance.now();
    const navigation = performance.getEntriesByType("navigation")[0];
    const before = performance.getEntriesByType("resource").filter((r) => r.responseEnd <= at);
    resolve({ shown_ms: at, bytes_before: navigation.transferSize + before.reduce((n, r) => n + r.transferSize, 0),
              resources_before: before.length });
  });
  look();
})"""


def static_visit(playwright, profile: Path, url: str, line: tuple) -> dict:
    """A cold visit of a plain result page on an emulated line: when its result shows, and the bytes before."""
    context = launch(playwright, profile, viewport=VIEWPORT, service_workers="block")
    watch = Watch()
    try:
        context.on("request", watch.on_request)
        page = context.pages[0] if context.pages else context.new_page()
        page.on("pageerror", lambda error: watch.errors.append(str(error)))
        page.goto(urlsplit(url)._replace(path="/bench/blank.html", query="").geturl(), wait_until="load")
        throttle(context, page, line)
        watch.count_from_now(context)
        page.goto(url, wait_until="commit")
        shown = page.evaluate(RESULT_SHOWN)
        page.wait_for_load_state("networkidle")
        received = watch.received()
    finally:
        context.close()
    return {**shown, "bytes": received, "requests": len(watch.requests),
            "paths": sorted({urlsplit(r.url).path for r in watch.requests}),
            "outside_requests": watch.outside, "page_errors": watch.errors, "load_average_1min": load_average()}


class Watch:
    """What a visit's browser did besides the page: requests (all, and any that left 127.0.0.1), page errors."""

    def __init__(self):
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.requests: list = []

    def on_request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != "127.0.0.1":
            self.outside.append(request.url)

    def count_from_now(self, context):
        """Count what the measured page fetches, not the blank page before it."""
        # Playwright wraps its handlers: a lambda, not the list's built-in append.
        context.on("requestfinished", lambda request: self.requests.append(request))
        context.on("requestfailed", lambda request: self.requests.append(request))

    def received(self) -> int:
        """Headers and encoded bodies received; nothing for what came from the HTTP cache."""
        total = 0
        for request in self.requests:
            try:
                sizes = request.sizes()
            except Exception:  # noqa: BLE001 - a request that failed or was abandoned: nothing received
                continue
            total += max(0, sizes["responseHeadersSize"]) + max(0, sizes["responseBodySize"])
        return total


def throttle(context, page, line: tuple) -> None:
    """Chromium's network emulation for this page and its worker (CDP Network.emulateNetworkConditions)."""
    _, down, up, latency = line
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": latency,
        "downloadThroughput": down * 1e6 / 8, "uploadThroughput": up * 1e6 / 8,
    })


def wait_engine(page, watch: Watch) -> dict:
    """The marks once the engine is ready (or failed: then the visit did not run)."""
    page.wait_for_function(
        "() => window.__bench && (window.__bench.engineReady !== null || window.__bench.engineFailed !== null)",
        timeout=ENGINE_TIMEOUT_MS, polling=50,
    )
    marks = page.evaluate("() => ({...window.__bench})")
    if marks["engineFailed"] is not None:
        raise ScenarioError(f"engine failed at {marks['engineFailed']:.0f} ms; page errors: {watch.errors}")
    return marks


def answer(page) -> None:
    """Click through the questions; marks.js times the last Continue to the result once it is armed."""
    keys = list(PATH_ANSWERS)
    for key in keys:
        form = page.wait_for_selector(f'form[data-question="{key}"]', timeout=STEP_TIMEOUT_MS)
        page.check(f"#q-{key}-{PATH_ANSWERS[key]}")
        if key == keys[-1]:
            page.evaluate("() => { window.__bench.armed = true; }")
        form.query_selector('button[type="submit"]').click()
    page.wait_for_function("() => window.__bench.result !== null", timeout=STEP_TIMEOUT_MS, polling=50)


def stored_snapshot(page) -> int | None:
    """As a visitor reading the result: the page, idle, lets the worker store its snapshot; its size."""
    page.wait_for_function("() => document.documentElement.dataset.wizardEngineSnapshot", timeout=SNAPSHOT_TIMEOUT_MS)
    if page.evaluate("() => document.documentElement.dataset.wizardEngineSnapshot") != "saved":
        raise ScenarioError("the wizard did not store its snapshot")
    return page.evaluate("""async () => {
        const store = await caches.open("wizard-engine-snapshot");
        const [key] = await store.keys();
        return key ? (await (await store.match(key)).blob()).size : null;
    }""")


def visit(playwright, profile: Path, url: str, marks_js: str, *, answers: bool = False, snapshot: bool = False,
          line: tuple | None = None) -> dict:
    """One visit in a browser started on this profile; the browser is closed after it (flushing its cache)."""
    context = launch(playwright, profile, viewport=VIEWPORT, service_workers="block")
    watch = Watch()
    try:
        context.on("request", watch.on_request)
        context.add_init_script(marks_js)
        page = context.pages[0] if context.pages else context.new_page()
        page.on("pageerror", lambda error: watch.errors.append(str(error)))
        page.goto(urlsplit(url)._replace(path="/bench/blank.html", query="").geturl(), wait_until="load")
        if line:
            throttle(context, page, line)
        watch.count_from_now(context)
        page.goto(url, wait_until="commit")
        layout_shift = wait_engine(page, watch)["layoutShift"]  # until the engine is ready
        if answers:
            answer(page)
        elif "?" in url:
            page.wait_for_function("() => window.__bench.outcome !== null", timeout=ENGINE_TIMEOUT_MS, polling=50)
        marks = page.evaluate("() => ({...window.__bench})")
        start = page.evaluate("() => document.documentElement.dataset.wizardEngineStart || null")
        snapshot_bytes = stored_snapshot(page) if snapshot else None
        page.wait_for_load_state("networkidle")
        navigation = page.evaluate("""() => {
            const n = performance.getEntriesByType("navigation")[0];
            return { response_end_ms: n.responseEnd, dom_content_loaded_ms: n.domContentLoadedEventStart };
        }""")
        received = watch.received()
    finally:
        context.close()
    return {
        "first_question_ms": marks["firstQuestion"],
        "engine_ready_ms": marks["engineReady"],
        "result_ms": (marks["result"] - marks["lastClick"]) if marks["result"] is not None else None,
        "outcome_ms": marks["outcome"],
        "layout_shift": layout_shift,
        "shifts": marks["shifts"],
        "engine_start": start,
        "snapshot_bytes": snapshot_bytes,
        **navigation,
        "bytes": received,
        "requests": len(watch.requests),
        "paths": sorted({urlsplit(r.url).path for r in watch.requests}),
        "outside_requests": watch.outside,
        "page_errors": watch.errors,
        "load_average_1min": load_average(),
    }


def describe(result: dict) -> str:
    """One visit's figures, as its progress line."""
    parts = [f"first question {fmt_ms(result['first_question_ms'])}",
             f"engine ready {fmt_ms(result['engine_ready_ms'])}" +
             (f" ({result['engine_start']})" if result["engine_start"] else "")]
    if result["result_ms"] is not None:
        parts.append(f"result {fmt_ms_fine(result['result_ms'])}")
    if result["outcome_ms"] is not None and result["result_ms"] is None:
        parts.append(f"result shown {fmt_ms(result['outcome_ms'])}")
    parts.append(fmt_bytes(result["bytes"]))
    if result["snapshot_bytes"]:
        parts.append(f"snapshot stored {fmt_bytes(result['snapshot_bytes'])}")
    parts.append(f"layout shift {result['layout_shift']:.3f}")
    return ", ".join(parts)


class Runner:
    """Every visit of the benchmark, its results by scenario and visit kind, and what could not run."""

    def __init__(self, playwright, base: str, work: Path, scenarios: list[str], lines: list[tuple]):
        self.playwright, self.base, self.work = playwright, base, work
        self.scenarios, self.lines = scenarios, lines
        self.marks_js = (ASSETS / "marks.js").read_text(encoding="utf-8")
        self.raw = {name: {"first": [], "return": []} for name in scenarios}
        self.raw.update({f"share link, {line[0]}": {"cold": []} for line in lines})
        self.raw.update({f"static result, {line[0]}": {"cold": []} for line in lines})
        if lines:
            self.raw[f"return visit, {RETURN_LINE[0]}"] = {"return": []}
        self.failures: list[str] = []

    def attempt(self, label: str, results: list, how=None, **kwargs) -> dict | None:
        """One visit (the wizard's kind, or `how`'s); a failure is recorded and the benchmark goes on."""
        started = time.monotonic()
        try:
            if how is None:
                result = visit(self.playwright, marks_js=self.marks_js, **kwargs)
            else:
                result = how(self.playwright, **kwargs)
        except Exception as error:  # noqa: BLE001 - any failure: the scenario did not run
            self.failures.append(f"{label}: {type(error).__name__}: {error}")
            print(f"  {label}: FAILED ({type(error).__name__}: {str(error).splitlines()[0]})", flush=True)
            if not isinstance(error, ScenarioError) and type(error).__name__ != "TimeoutError":
                traceback.print_exc()
            return None
        results.append(result)
        if result["outside_requests"]:
            self.failures.append(f"{label}: requests outside 127.0.0.1: {result['outside_requests']}")
        said = describe(result) if how is None else (f"result shown {fmt_ms(result['shown_ms'])}, "
                                                     f"{fmt_bytes(result['bytes_before'])} before it")
        print(f"  {label}: {said} ({time.monotonic() - started:.1f} s, "
              f"load average {result['load_average_1min']:.1f})", flush=True)
        return result

    def scenario(self, name: str, run: int) -> None:
        """A first visit on a fresh profile, then a return visit on the same one."""
        scenario = SCENARIOS[name]
        profile = self.work / f"profile-{name}-{run}"
        url, answers = self.base + scenario["path"], scenario["answers"]
        first = self.attempt(f"{name} run {run} first visit", self.raw[name]["first"], profile=profile, url=url,
                             answers=answers, snapshot=scenario.get("snapshot", False))
        if first is not None:  # no return visit without a first one
            again = self.attempt(f"{name} run {run} return visit", self.raw[name]["return"], profile=profile,
                                 url=url, answers=answers)
            if scenario.get("snapshot") and again is not None and again["engine_start"] != "snapshot":
                self.failures.append(f"{name} run {run} return visit started {again['engine_start']}, "
                                     "not from its snapshot")
            if name == "wizard" and again is not None and self.lines:
                # Once more on a phone's line: only what is not kept as immutable goes over it.
                self.attempt(f"wizard run {run} return visit, {RETURN_LINE[0]}",
                             self.raw[f"return visit, {RETURN_LINE[0]}"]["return"], profile=profile, url=url,
                             answers=answers, line=RETURN_LINE)
        shutil.rmtree(profile, ignore_errors=True)

    def share_link(self, line: tuple, run: int) -> None:
        profile = self.work / f"profile-share-{run}"
        self.attempt(f"share link run {run} cold, {line[0]}", self.raw[f"share link, {line[0]}"]["cold"],
                     profile=profile, url=self.base + share_link(), line=line)
        shutil.rmtree(profile, ignore_errors=True)
        profile = self.work / f"profile-static-{run}"
        self.attempt(f"static result run {run} cold, {line[0]}", self.raw[f"static result, {line[0]}"]["cold"],
                     how=static_visit, profile=profile, url=self.base + static_result(), line=line)
        shutil.rmtree(profile, ignore_errors=True)


def run_all(base: str, runs: int, work: Path, scenarios: list[str], lines: list[tuple]) -> tuple[dict, list[str]]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        runner = Runner(playwright, base, work, scenarios, lines)
        for run in range(1, runs + 1):
            for name in scenarios:  # interleaved, so that drift spreads over all of them
                runner.scenario(name, run)
            for line in lines:
                runner.share_link(line, run)
    return runner.raw, runner.failures
