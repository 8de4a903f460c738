#!/usr/bin/env python3
"""Benchmark the wizard in real Chromium: the wizard as built, against the naive way and a bare loadPyodide().

    .venv/bin/python scripts/bench_wizard.py [--runs N] [--out DIR] [--keep]

Builds the site into a temporary folder (never site/), adds three pages beside it and serves it all
from a real HTTP server on 127.0.0.1:

- the wizard, /wizard/, as built: first question from the page's own data, the engine in a Web Worker;
- the naive way, /wizard-naive/: a copy of the wizard page whose script (scripts/bench/naive.js) loads
  Pyodide on the main thread, micropip into it, installs the engine wheel with micropip.install, and only
  then draws the first question (micropip and packaging are wheels from PyPI, kept in build/bench-wheels/,
  at the versions Pyodide's own lock file names);
- the baseline, /bench/bare.html: a bare loadPyodide() on the main thread, from the same runtime files.

Each is visited N times (default 3) with a fresh browser profile (first visit), then again with the same
profile after the browser was closed (return visit); each time the browser first opens a blank page of the
site, as a visitor who comes from another page would have it open. The server sends
`Cache-Control: max-age=31536000, immutable` for the runtime, the engine and the bench wheels (their
addresses carry a version or a hash) and `no-cache` for everything else, so a return visit revalidates
the pages and reuses the big files, as it would on the real site.

Times are performance.now() in the page (navigation start = 0), recorded by scripts/bench/marks.js:
first question answerable = form[data-question=application] in the document; engine ready =
<html data-wizard-engine="ready">; result = the last Continue clicked (after the engine is ready) until
[data-outcome] is in the document. Bytes = what the server wrote (headers and bodies, uncompressed,
every request of the visit, the worker's included). Medians of the N runs.

Prints a Markdown table and saves it to build/bench/wizard.md, the raw figures to build/bench/wizard.json.
No figure fails the run (a benchmark is not a test), but the run exits 1 if a scenario could not run at
all (the engine never ready, no result, ...) or if any request left 127.0.0.1.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import http.server
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "scripts" / "bench"
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
WHEELS_DIR = ROOT / "build" / "bench-wheels"
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
# The answers clicked through, in the order the flow asks them; the last one gives the result.
PATH_ANSWERS = {
    "application": "extension",
    "category": "C",
    "tax_bureau_unreachable": "yes",
    "has_withholding_screenshot": "yes",
}
IMMUTABLE_PREFIXES = ("/assets/pyodide/", "/assets/engine/", "/bench/wheels/")
ENGINE_TIMEOUT_MS = 120_000
STEP_TIMEOUT_MS = 30_000

AIM_FIRST_QUESTION_MS = 300
AIM_ENGINE_OVER_BARE = 1.10
AIM_RESULT_MS = 50


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


def add_bench_pages(site: Path, wheels: dict[str, Path]) -> None:
    """The naive wizard and the bare loadPyodide() page, beside the built site."""
    runtime = f"/assets/pyodide/{pyodide_version()}/"
    if not (site / runtime.strip("/") / "pyodide.mjs").is_file():
        raise ScenarioError(f"the built site has no {runtime}pyodide.mjs")
    bench = site / "bench"
    (bench / "wheels").mkdir(parents=True, exist_ok=True)
    urls = {}
    for name, wheel in wheels.items():
        shutil.copyfile(wheel, bench / "wheels" / wheel.name)
        urls[name] = f"/bench/wheels/{wheel.name}"
    # Visited just before each measured page, so that the browser's process for the site is up (as when a
    # visitor comes to the wizard from another page); it shares nothing with the pages measured.
    (bench / "blank.html").write_text("<!doctype html><title>blank</title>", encoding="utf-8")
    bare = (BENCH_DIR / "bare.html").read_text(encoding="utf-8").replace("__RUNTIME__", runtime)
    (bench / "bare.html").write_text(bare, encoding="utf-8")

    # The naive page is the wizard page itself (same theme, styles and depth, so the same relative links),
    # with the wizard's data and script swapped for the naive script.
    page = (site / "wizard" / "index.html").read_text(encoding="utf-8")
    page, data = re.subn(r'<script type="application/json" id="wizard-data">.*?</script>', "", page, flags=re.S)
    page, script = re.subn(r'<script type="module" src="[^"]*assets/wizard/wizard\.js"></script>', "", page)
    if data != 1 or script != 1:
        raise ScenarioError("the built wizard page no longer has the data and script this benchmark swaps out")
    naive = (BENCH_DIR / "naive.js").read_text(encoding="utf-8")
    config = json.dumps(urls)
    page = page.replace(
        "</body>",
        f'<script type="application/json" id="bench-naive">{config}</script>\n'
        f'<script type="module">\n{naive}</script>\n</body>',
        1,
    )
    # The whole folder (the theme also fetches the sitemap.xml beside the page), then the naive page.
    shutil.copytree(site / "wizard", site / "wizard-naive", dirs_exist_ok=True)
    (site / "wizard-naive" / "index.html").write_text(page, encoding="utf-8")


# --- the server --------------------------------------------------------------------------------------------


class Counter:
    """Bytes and requests the server sent since the last reset."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with self.lock:
            self.bytes = 0
            self.requests = []

    def add(self, n: int):
        with self.lock:
            self.bytes += n

    def request(self, path: str, code: int):
        with self.lock:
            self.requests.append((path, code))

    def snapshot(self) -> dict:
        with self.lock:
            not_modified = sum(1 for _, code in self.requests if code == 304)
            return {"bytes": self.bytes, "requests": len(self.requests), "not_modified": not_modified,
                    "paths": [f"{code} {path}" for path, code in self.requests]}


class _CountingWriter:
    def __init__(self, raw, counter: Counter):
        self.raw, self.counter = raw, counter

    def write(self, data):
        n = self.raw.write(data)
        self.counter.add(len(data) if n is None else n)
        return n

    def flush(self):
        self.raw.flush()

    def __getattr__(self, name):
        return getattr(self.raw, name)


class _Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".whl": "application/octet-stream",
    }

    def __init__(self, *args, counter: Counter, **kwargs):
        self.counter = counter
        super().__init__(*args, **kwargs)

    def setup(self):
        super().setup()
        self.wfile = _CountingWriter(self.wfile, self.counter)

    def send_response(self, code, message=None):
        self.counter.request(urlsplit(self.path).path, code)
        super().send_response(code, message)

    def end_headers(self):
        path = urlsplit(self.path).path
        if path.startswith(IMMUTABLE_PREFIXES):
            self.send_header("Cache-Control", "max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, *args):
        pass


def serve(site: Path, counter: Counter):
    handler = functools.partial(_Handler, directory=str(site), counter=counter)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


# --- the visits --------------------------------------------------------------------------------------------


SCENARIOS = {
    "wizard": {"path": "/wizard/", "answers": True},
    "naive": {"path": "/wizard-naive/", "answers": True},
    "bare": {"path": "/bench/bare.html", "answers": False},
}


def visit(playwright, profile: Path, url: str, answers: bool, counter: Counter, marks_js: str) -> dict:
    """One visit in a browser started on this profile; the browser is closed after it (flushing its cache)."""
    context = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
        # Like for like: no service worker (the wizard's offline cache) in either scenario; return visits
        # come from the HTTP cache.
        service_workers="block",
    )
    outside: list[str] = []
    errors: list[str] = []

    def on_request(request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != "127.0.0.1":
            outside.append(request.url)

    try:
        context.on("request", on_request)
        context.add_init_script(marks_js)
        page = context.pages[0] if context.pages else context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(urlsplit(url)._replace(path="/bench/blank.html", query="").geturl(), wait_until="load")
        counter.reset()
        page.goto(url, wait_until="commit")
        page.wait_for_function(
            "() => window.__bench && (window.__bench.engineReady !== null || window.__bench.engineFailed !== null)",
            timeout=ENGINE_TIMEOUT_MS, polling=50,
        )
        marks = page.evaluate("() => ({...window.__bench})")
        if marks["engineFailed"] is not None:
            raise ScenarioError(f"engine failed at {marks['engineFailed']:.0f} ms; page errors: {errors}")
        if answers:
            keys = list(PATH_ANSWERS)
            for key in keys:
                form = page.wait_for_selector(f'form[data-question="{key}"]', timeout=STEP_TIMEOUT_MS)
                page.check(f"#q-{key}-{PATH_ANSWERS[key]}")
                if key == keys[-1]:
                    page.evaluate("() => { window.__bench.armed = true; }")
                form.query_selector('button[type="submit"]').click()
            page.wait_for_function("() => window.__bench.result !== null", timeout=STEP_TIMEOUT_MS, polling=50)
            marks = page.evaluate("() => ({...window.__bench})")
        page.wait_for_load_state("networkidle")
        navigation = page.evaluate("""() => {
            const n = performance.getEntriesByType("navigation")[0];
            return { response_end_ms: n.responseEnd, dom_interactive_ms: n.domInteractive,
                     dom_content_loaded_ms: n.domContentLoadedEventStart, load_ms: n.loadEventStart };
        }""")
        served = counter.snapshot()
    finally:
        context.close()
    return {
        "first_question_ms": marks["firstQuestion"],
        "engine_ready_ms": marks["engineReady"],
        "result_ms": (marks["result"] - marks["lastClick"]) if marks["result"] is not None else None,
        **navigation,
        "bytes": served["bytes"],
        "requests": served["requests"],
        "not_modified": served["not_modified"],
        "paths": served["paths"],
        "outside_requests": outside,
        "page_errors": errors,
        "load_average_1min": os.getloadavg()[0],
    }


def run_all(base: str, runs: int, counter: Counter, work: Path) -> tuple[dict, list[str]]:
    from playwright.sync_api import sync_playwright

    marks_js = (BENCH_DIR / "marks.js").read_text(encoding="utf-8")
    raw = {name: {"first": [], "return": []} for name in SCENARIOS}
    failures = []
    with sync_playwright() as playwright:
        for run in range(1, runs + 1):
            for name, scenario in SCENARIOS.items():  # interleaved, so that drift spreads over all three
                profile = work / f"profile-{name}-{run}"
                for kind in ("first", "return"):
                    label = f"{name} run {run} {kind} visit"
                    started = time.monotonic()
                    try:
                        result = visit(playwright, profile, base + scenario["path"], scenario["answers"],
                                       counter, marks_js)
                    except Exception as error:  # noqa: BLE001 - any failure: the scenario did not run
                        failures.append(f"{label}: {type(error).__name__}: {error}")
                        print(f"  {label}: FAILED ({type(error).__name__}: {str(error).splitlines()[0]})", flush=True)
                        if not isinstance(error, ScenarioError) and type(error).__name__ != "TimeoutError":
                            traceback.print_exc()
                        break  # no return visit without a first one
                    raw[name][kind].append(result)
                    if result["outside_requests"]:
                        failures.append(f"{label}: requests outside 127.0.0.1: {result['outside_requests']}")
                    print(f"  {label}: first question {fmt_ms(result['first_question_ms'])}, "
                          f"engine ready {fmt_ms(result['engine_ready_ms'])}, "
                          f"result {fmt_ms_fine(result['result_ms'])}, {fmt_bytes(result['bytes'])} "
                          f"({time.monotonic() - started:.1f} s, load average {result['load_average_1min']:.1f})",
                          flush=True)
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


def ratio(naive, wizard):
    if naive is None or wizard is None or wizard == 0:
        return "n/a"
    return f"{naive / wizard:,.2f}×"


def table(medians: dict) -> str:
    w, n, b = medians["wizard"], medians["naive"], medians["bare"]

    def vs_bare(kind):
        wiz, bare = w[kind]["engine_ready_ms"], b[kind]["engine_ready_ms"]
        if wiz is None or bare is None:
            return f"≤ {AIM_ENGINE_OVER_BARE:.2f}× bare"
        return f"≤ {AIM_ENGINE_OVER_BARE:.2f}× bare ({fmt_ms(bare)}); wizard is {wiz / bare:.2f}× bare"

    rows = [
        ("first question answerable, first visit", fmt_ms, "first", "first_question_ms",
         f"≤ {AIM_FIRST_QUESTION_MS} ms"),
        ("first question answerable, return visit", fmt_ms, "return", "first_question_ms",
         f"≤ {AIM_FIRST_QUESTION_MS} ms"),
        ("engine ready, first visit (fresh profile)", fmt_ms, "first", "engine_ready_ms", vs_bare("first")),
        ("engine ready, return visit (same profile)", fmt_ms, "return", "engine_ready_ms", vs_bare("return")),
        ("bytes transferred, first visit", fmt_bytes, "first", "bytes", "—"),
        ("bytes transferred, return visit", fmt_bytes, "return", "bytes", "—"),
        ("result after the last answer, first visit", fmt_ms_fine, "first", "result_ms", f"≤ {AIM_RESULT_MS} ms"),
        ("result after the last answer, return visit", fmt_ms_fine, "return", "result_ms", f"≤ {AIM_RESULT_MS} ms"),
        ("for reference: the page's DOMContentLoaded, first visit", fmt_ms, "first", "dom_content_loaded_ms", "—"),
        ("for reference: the page's DOMContentLoaded, return visit", fmt_ms, "return", "dom_content_loaded_ms", "—"),
    ]
    lines = [
        "| metric | wizard | naive | ratio naive/wizard | aim |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for label, fmt, kind, key, aim in rows:
        lines.append(f"| {label} | {fmt(w[kind][key])} | {fmt(n[kind][key])} | "
                     f"{ratio(n[kind][key], w[kind][key])} | {aim} |")
    lines.append(f"| baseline: bare `loadPyodide()` ready, first / return visit | "
                 f"{fmt_ms(b['first']['engine_ready_ms'])} / {fmt_ms(b['return']['engine_ready_ms'])} | | | "
                 f"bytes {fmt_bytes(b['first']['bytes'])} / {fmt_bytes(b['return']['bytes'])} |")
    return "\n".join(lines)


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
    args = parser.parse_args()

    started = time.monotonic()
    load_start = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="bench-wizard-"))
    counter = Counter()
    server = None
    try:
        wheels = micropip_wheels()
        site = work / "site"
        print(f"Building the site into {site}", flush=True)
        build_site(site)
        add_bench_pages(site, wheels)
        server, base = serve(site, counter)
        print(f"Serving it at {base}; {args.runs} runs of each scenario", flush=True)
        raw, failures = run_all(base, args.runs, counter, work)
    except ScenarioError as error:
        print(f"bench_wizard: {error}", file=sys.stderr)
        return 1
    finally:
        if server is not None:
            server.shutdown()
        if args.keep:
            print(f"Kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    keys = ("first_question_ms", "engine_ready_ms", "result_ms", "bytes", "requests", "not_modified",
            "response_end_ms", "dom_content_loaded_ms", "load_ms")
    medians = {name: {kind: {k: median(results, k) for k in keys} for kind, results in kinds.items()}
               for name, kinds in raw.items()}
    environment = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "chromium": chromium_version(),
        "pyodide": pyodide_version(),
        "micropip": {name: path.name for name, path in wheels.items()},
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        "runs": args.runs,
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
    heading = (
        f"# Wizard benchmark\n\n"
        f"{environment['date']}; {environment['chromium']}; Pyodide {environment['pyodide']}; "
        f"{environment['machine']}, 1-minute load average {load:.1f} "
        f"(median over the visits; other work on the machine slows every figure). Median of {args.runs} runs; times are `performance.now()` in the page "
        f"from navigation start; bytes are what the local server sent (uncompressed), worker requests included. "
        f"Naive = Pyodide on the main thread + micropip.install of the engine wheel, first question drawn after. "
        f"Return visit = the same browser profile after a restart (runtime and engine cached as immutable).\n"
    )
    text = heading + "\n" + table(medians) + "\n"
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
