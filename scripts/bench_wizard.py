#!/usr/bin/env python3
"""Benchmark the wizard in real Chromium, through the shipped nginx configuration: the wizard as built, against
a bare loadPyodide() and the naive way, on a fast local line and on two emulated mobile lines.

    .venv/bin/python scripts/bench_wizard.py [--runs N] [--out DIR] [--keep] [--no-naive] [--no-lines]

Builds the site into a temporary folder (never site/), adds benchmark pages beside it and serves it all with
deploy/nginx.conf through scripts/nginx_run.py (brotli and gzip variants, the caching headers and the
Content-Security-Policy, as deployed):

- the wizard, /wizard/, as built: first question from the page's own data, the engine in a Web Worker that
  starts from the memory snapshot this browser made on the first visit, when it has one;
- the baseline, /bench/bare.html: a bare loadPyodide() on the main thread, from the npm package's runtime as it
  comes (its own deflated standard library), served at /assets/pyodide/bare-<version>/ with the same headers;
- the naive way, /wizard-naive/: a copy of the wizard page whose script (scripts/bench/naive.js) loads Pyodide
  (the bare runtime) on the main thread, micropip into it, installs the engine wheel with micropip.install, and
  only then draws the first question (micropip and packaging are wheels from PyPI, kept in
  build/bench-wheels/, at the versions Pyodide's own lock file names).

Each is visited N times (default 3) with a fresh browser profile (first visit), then again with the same
profile after the browser was closed (return visit; a persistent profile: Playwright's
launch_persistent_context); each time the browser first opens a blank page of the site, as a visitor who comes
from another page would have it open. The wizard's first visit answers the questions, waits for the result and
for the snapshot to be stored (<html data-wizard-engine-snapshot="saved">), as a visitor who reads the result.
Then a share link with complete answers is opened cold (a fresh profile) under Chromium's network emulation
(CDP Network.emulateNetworkConditions, on the page and its worker) at 10 Mbit/s with 40 ms and at 1.6 Mbit/s
with 150 ms. Service workers are blocked in every visit: the return visits come from the HTTP cache, like for
like with the baseline.

The viewport is a phone's (390 x 844). Times are performance.now() in the page (navigation start = 0), recorded by
scripts/bench/marks.js: first question answerable = form[data-question=application] in the document; engine
ready = <html data-wizard-engine="ready">; result = the last Continue clicked (after the engine is ready) until
[data-outcome] is in the document, or, for a share link, navigation start until [data-outcome]; layout shift =
the sum of PerformanceObserver "layout-shift" entries without recent input, until the engine is ready. Bytes =
what Chromium received for every request of the visit, the worker's included (headers and encoded bodies, as
Playwright's request.sizes() reports them; nothing for what came from the HTTP cache). Medians of the N runs.

Prints a Markdown table and saves it to build/bench/wizard.md, the raw figures to build/bench/wizard.json.
No figure fails the run (a benchmark is not a test), but the run exits 1 if a scenario could not run at all
(the engine never ready, no result, ...) or if any request left 127.0.0.1.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "scripts" / "bench"
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
WHEELS_DIR = ROOT / "build" / "bench-wheels"
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "scripts" / "hooks"))
import nginx_run  # noqa: E402
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

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
ENGINE_TIMEOUT_MS = 180_000
STEP_TIMEOUT_MS = 30_000
SNAPSHOT_TIMEOUT_MS = 60_000

AIM_FIRST_QUESTION_MS = 300
AIM_ENGINE_OVER_BARE = 1.10
AIM_RETURN_OVER_BARE = 0.30
AIM_RESULT_MS = 50
AIM_FIRST_VISIT_BYTES = 3.5e6
AIM_SHARE_LINK_MS = {"10 Mbit/s, 40 ms": 5_000, "1.6 Mbit/s, 150 ms": 20_000}
AIM_LAYOUT_SHIFT = 0.02


class ScenarioError(Exception):
    """A scenario could not run at all."""


# --- the site ----------------------------------------------------------------------------------------------


def pyodide_lock() -> dict:
    return json.loads((PYODIDE_NPM / "pyodide-lock.json").read_text(encoding="utf-8"))


def pyodide_version() -> str:
    return json.loads((PYODIDE_NPM / "package.json").read_text(encoding="utf-8"))["version"]


def micropip_wheels() -> dict[str, Path]:
    """micropip and packaging, at the versions Pyodide's own lock file pins, from PyPI (once)."""
    lock = pyodide_lock()
    wanted = {name: lock["packages"][name]["version"] for name in ("micropip", "packaging")}
    found = {}
    for name, version in wanted.items():
        found[name] = next(iter(WHEELS_DIR.glob(f"{name}-{version}-py3-none-any.whl")), None)
    missing = [f"{n}=={v}" for n, v in wanted.items() if found[n] is None]
    if missing:
        python = ".".join(lock["info"]["python"].split(".")[:2])
        print(f"Fetching {' '.join(missing)} (for the naive way) into {WHEELS_DIR.relative_to(ROOT)}/", flush=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
             "--python-version", python, "-d", str(WHEELS_DIR), *missing],
            check=True,
        )
        for name, version in wanted.items():
            found[name] = next(WHEELS_DIR.glob(f"{name}-{version}-py3-none-any.whl"))
    return found


def build_site(site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    if proc.returncode != 0:
        raise ScenarioError("mkdocs build failed:\n" + proc.stdout + proc.stderr)


def add_bench_pages(site: Path, wheels: dict[str, Path] | None) -> None:
    """The bare runtime and its page, and the naive wizard, beside the built site."""
    import serving  # the build's own precompression (cached by content: the wasm is not compressed again)

    bare_runtime = f"assets/pyodide/bare-{pyodide_version()}/"
    folder = site / bare_runtime
    folder.mkdir(parents=True)
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"):
        shutil.copyfile(PYODIDE_NPM / name, folder / name)
        if (folder / name).suffix in {".mjs", ".wasm", ".json"}:
            serving.compress_file(folder / name)
    bench = site / "bench"
    bench.mkdir()
    # Visited just before each measured page, so that the browser's process for the site is up (as when a
    # visitor comes to the wizard from another page); it shares nothing with the pages measured.
    (bench / "blank.html").write_text("<!doctype html><title>blank</title>", encoding="utf-8")
    bare = (BENCH_DIR / "bare.html").read_text(encoding="utf-8").replace("__RUNTIME__", "/" + bare_runtime)
    (bench / "bare.html").write_text(bare, encoding="utf-8")
    shutil.copyfile(BENCH_DIR / "bare.js", bench / "bare.js")
    if wheels is None:
        return

    (bench / "wheels").mkdir()
    urls = {}
    for name, wheel in wheels.items():
        shutil.copyfile(wheel, bench / "wheels" / wheel.name)
        urls[name] = f"/bench/wheels/{wheel.name}"
    # The naive page is the wizard page itself (same theme, styles and depth, so the same relative links),
    # with the wizard's data and script swapped for the naive script, on the bare runtime.
    page = (site / "wizard" / "index.html").read_text(encoding="utf-8")
    page, data = re.subn(r'<script type="application/json" id="wizard-data">.*?</script>', "", page, flags=re.S)
    page, script = re.subn(r'<script type="module" src="[^"]*assets/wizard/wizard\.js"></script>', "", page)
    # The engine's start in the head (partials/engine-start.html): its settings give the engine's address.
    start = re.search(r'<script type="application/json" id="engine-start">(.*?)</script>', page, flags=re.S)
    page, early = re.subn(r'<script type="module" async src="[^"]*assets/wizard/engine\.js"></script>', "", page)
    if data != 1 or script != 1 or early != 1 or not start:
        raise ScenarioError("the built wizard page no longer has the data and scripts this benchmark swaps out")
    urls |= {"runtime": f"/{bare_runtime}", "engine": json.loads(start.group(1))["engine"]}
    shutil.copyfile(BENCH_DIR / "naive.js", bench / "naive.js")
    page = page.replace(
        "</body>",
        f'<script type="application/json" id="bench-naive">{json.dumps(urls)}</script>\n'
        f'<script type="module" src="/bench/naive.js"></script>\n</body>',
        1,
    )
    # The whole folder (the theme also fetches the sitemap.xml beside the page), then the naive page.
    shutil.copytree(site / "wizard", site / "wizard-naive", dirs_exist_ok=True)
    (site / "wizard-naive" / "index.html").write_text(page, encoding="utf-8")
    for variant in (site / "wizard-naive").glob("index.html.*"):
        variant.unlink()  # the wizard's own precompressed page would be served instead


# --- the visits --------------------------------------------------------------------------------------------


def share_link() -> str:
    return "/wizard/?" + urlencode(PATH_ANSWERS)


SCENARIOS = {
    "wizard": {"path": "/wizard/", "answers": True, "snapshot": True},
    "bare": {"path": "/bench/bare.html", "answers": False},
    "naive": {"path": "/wizard-naive/", "answers": True},
}


def visit(playwright, profile: Path, url: str, marks_js: str, *, answers: bool = False, snapshot: bool = False,
          line: tuple | None = None) -> dict:
    """One visit in a browser started on this profile; the browser is closed after it (flushing its cache)."""
    context = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, viewport=VIEWPORT,
        service_workers="block",
    )
    outside: list[str] = []
    errors: list[str] = []
    requests: list = []
    sessions = []

    def on_request(request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != "127.0.0.1":
            outside.append(request.url)

    def throttle(session):
        _, down, up, latency = line
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": latency,
            "downloadThroughput": down * 1e6 / 8, "uploadThroughput": up * 1e6 / 8,
        })

    try:
        context.on("request", on_request)
        context.add_init_script(marks_js)
        page = context.pages[0] if context.pages else context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(urlsplit(url)._replace(path="/bench/blank.html", query="").geturl(), wait_until="load")
        if line:
            session = context.new_cdp_session(page)
            throttle(session)
            sessions.append(session)
        context.on("requestfinished", lambda request: requests.append(request))
        context.on("requestfailed", lambda request: requests.append(request))
        page.goto(url, wait_until="commit")
        page.wait_for_function(
            "() => window.__bench && (window.__bench.engineReady !== null || window.__bench.engineFailed !== null)",
            timeout=ENGINE_TIMEOUT_MS, polling=50,
        )
        marks = page.evaluate("() => ({...window.__bench})")
        if marks["engineFailed"] is not None:
            raise ScenarioError(f"engine failed at {marks['engineFailed']:.0f} ms; page errors: {errors}")
        layout_shift = marks["layoutShift"]
        if answers:
            keys = list(PATH_ANSWERS)
            for key in keys:
                form = page.wait_for_selector(f'form[data-question="{key}"]', timeout=STEP_TIMEOUT_MS)
                page.check(f"#q-{key}-{PATH_ANSWERS[key]}")
                if key == keys[-1]:
                    page.evaluate("() => { window.__bench.armed = true; }")
                form.query_selector('button[type="submit"]').click()
            page.wait_for_function("() => window.__bench.result !== null", timeout=STEP_TIMEOUT_MS, polling=50)
        elif "?" in url:
            page.wait_for_function("() => window.__bench.outcome !== null", timeout=ENGINE_TIMEOUT_MS, polling=50)
        marks = page.evaluate("() => ({...window.__bench})")
        start = page.evaluate("() => document.documentElement.dataset.wizardEngineStart || null")
        snapshot_bytes = None
        if snapshot:
            # As a visitor reading the result: the page, idle, lets the worker store its snapshot.
            page.wait_for_function("() => document.documentElement.dataset.wizardEngineSnapshot", timeout=SNAPSHOT_TIMEOUT_MS)
            if page.evaluate("() => document.documentElement.dataset.wizardEngineSnapshot") != "saved":
                raise ScenarioError("the wizard did not store its snapshot")
            snapshot_bytes = page.evaluate("""async () => {
                const store = await caches.open("wizard-engine-snapshot");
                const [key] = await store.keys();
                return key ? (await (await store.match(key)).blob()).size : null;
            }""")
        page.wait_for_load_state("networkidle")
        navigation = page.evaluate("""() => {
            const n = performance.getEntriesByType("navigation")[0];
            return { response_end_ms: n.responseEnd, dom_content_loaded_ms: n.domContentLoadedEventStart };
        }""")
        received = 0
        for request in requests:
            try:
                sizes = request.sizes()
            except Exception:  # noqa: BLE001 - a request that failed or was abandoned: nothing received
                continue
            received += max(0, sizes["responseHeadersSize"]) + max(0, sizes["responseBodySize"])
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
        "requests": len(requests),
        "paths": sorted({urlsplit(r.url).path for r in requests}),
        "outside_requests": outside,
        "page_errors": errors,
        "load_average_1min": os.getloadavg()[0],
    }


def describe(result: dict) -> str:
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


def run_all(base: str, runs: int, work: Path, scenarios: list[str], lines: list[tuple]) -> tuple[dict, list[str]]:
    from playwright.sync_api import sync_playwright

    marks_js = (BENCH_DIR / "marks.js").read_text(encoding="utf-8")
    raw = {name: {"first": [], "return": []} for name in scenarios}
    raw.update({f"share link, {line[0]}": {"cold": []} for line in lines})
    failures = []

    def attempt(label, results, **kwargs):
        started = time.monotonic()
        try:
            result = visit(playwright, marks_js=marks_js, **kwargs)
        except Exception as error:  # noqa: BLE001 - any failure: the scenario did not run
            failures.append(f"{label}: {type(error).__name__}: {error}")
            print(f"  {label}: FAILED ({type(error).__name__}: {str(error).splitlines()[0]})", flush=True)
            if not isinstance(error, ScenarioError) and type(error).__name__ != "TimeoutError":
                traceback.print_exc()
            return None
        results.append(result)
        if result["outside_requests"]:
            failures.append(f"{label}: requests outside 127.0.0.1: {result['outside_requests']}")
        print(f"  {label}: {describe(result)} ({time.monotonic() - started:.1f} s, "
              f"load average {result['load_average_1min']:.1f})", flush=True)
        return result

    with sync_playwright() as playwright:
        for run in range(1, runs + 1):
            for name in scenarios:  # interleaved, so that drift spreads over all of them
                scenario = SCENARIOS[name]
                profile = work / f"profile-{name}-{run}"
                first = attempt(f"{name} run {run} first visit", raw[name]["first"], profile=profile,
                                url=base + scenario["path"], answers=scenario["answers"],
                                snapshot=scenario.get("snapshot", False))
                if first is not None:  # no return visit without a first one
                    again = attempt(f"{name} run {run} return visit", raw[name]["return"], profile=profile,
                                    url=base + scenario["path"], answers=scenario["answers"])
                    if name == "wizard" and again is not None and again["engine_start"] != "snapshot":
                        failures.append(f"wizard run {run} return visit started {again['engine_start']}, "
                                        "not from its snapshot")
                shutil.rmtree(profile, ignore_errors=True)
            for line in lines:
                profile = work / f"profile-share-{run}"
                attempt(f"share link run {run} cold, {line[0]}", raw[f"share link, {line[0]}"]["cold"],
                        profile=profile, url=base + share_link(), line=line)
                shutil.rmtree(profile, ignore_errors=True)
    return raw, failures


# --- the table ---------------------------------------------------------------------------------------------


def median(results: list[dict], key: str):
    values = [r[key] for r in results if r.get(key) is not None]
    return statistics.median(values) if values else None


def fmt_ms(value):
    return "n/a" if value is None else f"{value:,.0f} ms"


def fmt_ms_fine(value):
    return "n/a" if value is None else f"{value:,.1f} ms"


def fmt_bytes(value):
    if value is None:
        return "n/a"
    return f"{value / 1e6:,.2f} MB" if value >= 1e6 else f"{value / 1e3:,.1f} kB"


def fmt_shift(value):
    return "n/a" if value is None else f"{value:.3f}"


def versus(value, reference, aim: float) -> str:
    if value is None or not reference:
        return f"≤ {aim:.2f}× (n/a)"
    ratio = value / reference
    return f"≤ {aim:.2f}× bare: {ratio:.2f}× {'✓' if ratio <= aim else '✗'}"


def against(value, aim, fmt) -> str:
    if value is None:
        return f"≤ {fmt(aim)} (n/a)"
    return f"≤ {fmt(aim)} {'✓' if value <= aim else '✗'}"


def table(medians: dict, scenarios: list[str], lines: list[tuple]) -> str:
    w, b = medians["wizard"], medians["bare"]
    n = medians.get("naive", {"first": {}, "return": {}})
    rows = [
        ("first question answerable", fmt_ms, "first_question_ms",
         lambda kind: against(w[kind]["first_question_ms"], AIM_FIRST_QUESTION_MS, fmt_ms)),
        ("engine ready", fmt_ms, "engine_ready_ms",
         lambda kind: versus(w[kind]["engine_ready_ms"], b[kind]["engine_ready_ms"],
                             AIM_ENGINE_OVER_BARE if kind == "first" else AIM_RETURN_OVER_BARE)),
        ("result after the last answer", fmt_ms_fine, "result_ms",
         lambda kind: against(w[kind]["result_ms"], AIM_RESULT_MS, fmt_ms_fine)),
        ("bytes on the wire", fmt_bytes, "bytes",
         lambda kind: against(w[kind]["bytes"], AIM_FIRST_VISIT_BYTES, fmt_bytes) if kind == "first" else "—"),
        ("layout shift until the engine is ready (CLS)", fmt_shift, "layout_shift",
         lambda kind: against(w[kind]["layout_shift"], AIM_LAYOUT_SHIFT, fmt_shift)),
        ("for reference: the page's DOMContentLoaded", fmt_ms, "dom_content_loaded_ms", lambda kind: "—"),
    ]
    out = ["| metric | visit | wizard | bare `loadPyodide()` | naive | aim (wizard) |",
           "| --- | --- | ---: | ---: | ---: | --- |"]
    for label, fmt, key, aim in rows:
        for kind in ("first", "return"):
            bare = fmt(b[kind].get(key)) if key in ("engine_ready_ms", "bytes", "dom_content_loaded_ms") else ""
            naive = fmt(n[kind].get(key)) if "naive" in scenarios else ""
            visit_label = "first" if kind == "first" else "return (snapshot)" if key == "engine_ready_ms" else "return"
            out.append(f"| {label} | {visit_label} | {fmt(w[kind][key])} | {bare} | {naive} | {aim(kind)} |")
    if lines:
        out += ["", "Cold share link (fresh profile, the result's address opened directly), under Chromium's "
                    "network emulation:", "",
                "| line | result shown | engine ready | bytes on the wire | aim (result shown) |",
                "| --- | ---: | ---: | ---: | --- |"]
        for line in lines:
            m = medians[f"share link, {line[0]}"]["cold"]
            out.append(f"| {line[0]} | {fmt_ms(m['outcome_ms'])} | {fmt_ms(m['engine_ready_ms'])} | "
                       f"{fmt_bytes(m['bytes'])} | "
                       f"{against(m['outcome_ms'], AIM_SHARE_LINK_MS[line[0]], lambda v: f'{v / 1000:.0f} s')} |")
    return "\n".join(out)


def chromium_version() -> str:
    try:
        out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout
        return out.strip().splitlines()[0]
    except Exception:  # noqa: BLE001
        return "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="visits of each scenario (median reported)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench", help="folder for wizard.md / .json")
    parser.add_argument("--keep", action="store_true", help="keep the temporary site and profiles")
    parser.add_argument("--no-naive", action="store_true", help="leave out the naive way (no PyPI download)")
    parser.add_argument("--no-lines", action="store_true", help="leave out the share links on emulated lines")
    args = parser.parse_args()

    scenarios = ["wizard", "bare"] + ([] if args.no_naive else ["naive"])
    lines = [] if args.no_lines else LINES
    started = time.monotonic()
    load_start = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="bench-wizard-"))
    try:
        wheels = None if args.no_naive else micropip_wheels()
        site = work / "site"
        print(f"Building the site into {site}", flush=True)
        build_site(site)
        add_bench_pages(site, wheels)
        with nginx_run.Server(site) as server:
            print(f"Serving it with deploy/nginx.conf at {server.url}; {args.runs} runs of each scenario", flush=True)
            raw, failures = run_all(server.url, args.runs, work, scenarios, lines)
    except ScenarioError as error:
        print(f"bench_wizard: {error}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"Kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    keys = ("first_question_ms", "engine_ready_ms", "result_ms", "outcome_ms", "layout_shift", "bytes",
            "requests", "snapshot_bytes", "response_end_ms", "dom_content_loaded_ms")
    medians = {name: {kind: {k: median(results, k) for k in keys} for kind, results in kinds.items()}
               for name, kinds in raw.items()}
    environment = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "chromium": chromium_version(),
        "pyodide": pyodide_version(),
        "micropip": None if wheels is None else {name: path.name for name, path in wheels.items()},
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        "runs": args.runs,
        "viewport": VIEWPORT,
        "answers": PATH_ANSWERS,
        "seconds": round(time.monotonic() - started, 1),
        "load_average_1min": {
            "start": load_start,
            "end": os.getloadavg()[0],
            "visits_median": median([r for kinds in raw.values() for rs in kinds.values() for r in rs],
                                    "load_average_1min"),
        },
    }
    load = environment["load_average_1min"]["visits_median"] or environment["load_average_1min"]["end"]
    snapshot = medians["wizard"]["first"]["snapshot_bytes"]
    heading = (
        f"# Wizard benchmark\n\n"
        f"{environment['date']}; {environment['chromium']}; Pyodide {environment['pyodide']}; "
        f"{environment['machine']}, 1-minute load average {load:.1f} "
        f"(median over the visits; other work on the machine slows every figure). Served by nginx with the "
        f"shipped configuration (brotli), viewport {VIEWPORT['width']}×{VIEWPORT['height']}. Median of "
        f"{args.runs} runs; times are `performance.now()` in the page from navigation start; bytes are what "
        f"Chromium received (headers and encoded bodies), worker requests included. "
        f"Return visit = the same browser profile after a restart (runtime and engine in the HTTP cache as "
        f"immutable; the wizard's engine from the memory snapshot its first visit stored, "
        f"{fmt_bytes(snapshot)} gzip in Cache Storage). Bare = `loadPyodide()` of the npm package as it comes "
        f"(its whole, deflated standard library). Naive = Pyodide on the main thread + micropip.install of the "
        f"engine wheel, first question drawn after.\n"
    )
    text = heading + "\n" + table(medians, scenarios, lines) + "\n"
    if failures:
        text += "\nScenarios that did not run:\n\n" + "\n".join(f"- {f}" for f in failures) + "\n"
    print()
    print(text)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "wizard.md").write_text(text, encoding="utf-8")
    (args.out / "wizard.json").write_text(
        json.dumps({"environment": environment, "medians": medians, "runs": raw, "failures": failures},
                   indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    try:
        shown = args.out.resolve().relative_to(ROOT)
    except ValueError:
        shown = args.out
    print(f"Saved {shown}/wizard.md and {shown}/wizard.json ({environment['seconds']} s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
