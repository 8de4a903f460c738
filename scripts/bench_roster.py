#!/usr/bin/env python3
"""Benchmark the employer roster check: the command line's rows per second, and 10,000 rows in the browser.

    .venv/bin/python scripts/bench_roster.py [--runs N] [--rows N] [--browser-rows N] [--site DIR] [--out DIR]

- Command line: `python3 -S -m eligibility roster big.csv -o out.csv` on a file of --rows rows (default
  100,000; answer sets drawn at random from every complete one, so many distinct cases), the whole process
  timed (interpreter start, reading, judging, writing). Aim: 20,000 rows a second or more.
- Browser: the built site (built into a temporary folder, or --site), served on 127.0.0.1, the roster page in
  Chromium with the real engine in Pyodide. Once the engine is ready, a file of --browser-rows rows (default
  10,000) is chosen N times; each time is `performance.now()` in the page from the file input's change event
  to the download link of the result on screen (reading the file, the worker judging it chunk by chunk,
  the result file, the table's first page). The first file pays for importing the roster code into Pyodide:
  it is reported apart. Aim: 1 s or less.

Prints a Markdown table and saves it to build/bench/roster.md. Not a test: no figure fails the run, but it
exits 1 if a scenario could not run at all.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import http.server
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIZARD = ROOT / "wizard"
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
AIM_CLI_ROWS_PER_S = 20_000
AIM_BROWSER_S = 1.0

sys.path.insert(0, str(WIZARD))
import eligibility  # noqa: E402
from eligibility import roster  # noqa: E402


def roster_csv(rows: int, seed: int = 6) -> bytes:
    """A roster of `rows` employees with answers drawn from every complete answer set."""
    sets = eligibility.complete_answer_sets()
    rng = random.Random(seed)
    keys = roster.TEMPLATE_KEYS[1:]

    def cell(value):
        if value is None:
            return ""
        return ("yes" if value else "no") if isinstance(value, bool) else value

    lines = [",".join(roster.TEMPLATE_KEYS)]
    for i in range(rows):
        answers = rng.choice(sets)
        lines.append(",".join([f"E{i:06d}"] + [cell(answers.get(k)) for k in keys]))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


# --- the command line -----------------------------------------------------------------------------------


def bench_cli(rows: int, runs: int, work: Path) -> dict:
    source, out = work / "roster.csv", work / "out.csv"
    source.write_bytes(roster_csv(rows))
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(WIZARD), "LC_ALL": "C"}
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-S", "-m", "eligibility", "roster", str(source), "-o", str(out)],
                              capture_output=True, env=env, cwd=ROOT)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise RuntimeError(f"the command line failed: {done.stderr.decode('utf-8', 'replace')[-500:]}")
    seconds = statistics.median(times)
    return {"rows": rows, "seconds": seconds, "rows_per_s": rows / seconds, "runs": times}


# --- the browser ----------------------------------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm"}

    def log_message(self, *args):
        pass


def build_site(site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError("mkdocs build failed:\n" + done.stdout[-2000:] + done.stderr[-2000:])


# Before the page's own listener: the time the file was chosen; then the time its result link showed.
TIMER = """() => {
  window.__bench = [];
  document.addEventListener("change", (event) => {
    if (event.target.id === "roster-file") window.__bench.push({start: performance.now()});
  }, true);
  new MutationObserver(() => {
    const last = window.__bench[window.__bench.length - 1];
    if (last && last.end === undefined && document.querySelector(".roster-download")) last.end = performance.now();
  }).observe(document.getElementById("roster"), {childList: true, subtree: true});
}"""


def bench_browser(base: str, rows: int, runs: int, lang: str) -> dict:
    from playwright.sync_api import sync_playwright

    data = roster_csv(rows, seed=7)
    prefix = "zh/" if lang == "zh" else ""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{base}/{prefix}roster/")
            page.wait_for_function("() => document.documentElement.dataset.rosterEngine === 'ready'",
                                   timeout=180_000)
            page.evaluate(TIMER)
            requests = []
            page.context.on("request", lambda r: requests.append(r.url))
            for i in range(runs + 1):
                name = f"roster-{i}.csv"
                page.set_input_files("#roster-file", files=[{"name": name, "mimeType": "text/csv", "buffer": data}])
                page.wait_for_selector(f"#roster-results:has-text('{name}')", timeout=120_000)
                page.wait_for_function(f"() => window.__bench.length === {i + 1} && window.__bench[{i}].end")
            marks = page.evaluate("() => window.__bench")
            judged = page.locator(".roster-summary").get_attribute("data-judged")
        finally:
            browser.close()
    if judged != str(rows):
        raise RuntimeError(f"the browser judged {judged} rows, not {rows}")
    network = [u for u in requests if not u.startswith("blob:")]
    times = [(m["end"] - m["start"]) / 1000 for m in marks]
    return {"rows": rows, "lang": lang, "first": times[0], "seconds": statistics.median(times[1:]),
            "runs": times, "requests": network}


def serve(site: Path):
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


# --- the report -----------------------------------------------------------------------------------------


def report(cli: dict | None, browser: list[dict], runs: int, failures: list[str], load: float) -> str:
    lines = [
        "# Roster benchmark",
        "",
        f"{datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='seconds')}; "
        f"{platform.python_implementation()} {platform.python_version()}; "
        f"{platform.machine()}, {os.cpu_count()} cores; 1-minute load average {load:.1f} "
        f"(other work on the machine slows every figure). Medians of {runs} runs.",
        "",
        "| what | rows | time | rows per second | aim |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    if cli:
        lines.append(f"| command line, whole process (`python3 -S -m eligibility roster`) | {cli['rows']:,} | "
                     f"{cli['seconds']:.2f} s | {cli['rows_per_s']:,.0f} | ≥ {AIM_CLI_ROWS_PER_S:,} rows/s |")
    for b in browser:
        lines.append(f"| browser ({b['lang']}), first file after the engine is ready | {b['rows']:,} | "
                     f"{b['first']:.2f} s | {b['rows'] / b['first']:,.0f} | ≤ {AIM_BROWSER_S:g} s |")
        lines.append(f"| browser ({b['lang']}), next files | {b['rows']:,} | {b['seconds']:.2f} s | "
                     f"{b['rows'] / b['seconds']:,.0f} | ≤ {AIM_BROWSER_S:g} s |")
    lines += ["", "Browser: from choosing the file to the result's download link on screen (file read, judged in "
              "the Web Worker by Pyodide chunk by chunk, result file made, first page of the table drawn)."]
    requests = [u for b in browser for u in b["requests"]]
    lines.append(f"Requests made while the files were judged: {len(requests)}.")
    if failures:
        lines += ["", "Scenarios that did not run:", ""] + [f"- {f}" for f in failures]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the command line's file")
    parser.add_argument("--browser-rows", type=int, default=10_000, help="rows of the browser's file")
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-roster-"))
    failures: list[str] = []
    cli, browser = None, []
    server = None
    try:
        print(f"Command line: {args.rows:,} rows, {args.runs} runs", flush=True)
        try:
            cli = bench_cli(args.rows, args.runs, work)
        except RuntimeError as error:
            failures.append(f"command line: {error}")
        site = args.site
        if site is None:
            site = work / "site"
            print(f"Building the site into {site}", flush=True)
        try:
            if args.site is None:
                build_site(site)
            server, base = serve(site)
            for lang in ("en", "zh"):
                print(f"Browser ({lang}): {args.browser_rows:,} rows, {args.runs} runs after a first one", flush=True)
                browser.append(bench_browser(base, args.browser_rows, args.runs, lang))
        except Exception as error:  # a benchmark reports what did not run, and goes on
            failures.append(f"browser: {type(error).__name__}: {error}")
    finally:
        if server is not None:
            server.shutdown()
        shutil.rmtree(work, ignore_errors=True)

    text = report(cli, browser, args.runs, failures, os.getloadavg()[0])
    print()
    print(text)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "roster.md").write_text(text, encoding="utf-8")
    print(f"Saved {args.out / 'roster.md'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
