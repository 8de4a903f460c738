"""Rows per second: the command line on a large roster, and 10,000 rows in the browser's roster page."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchkit.common import ROOT, launch
from benchkit.roster_files import CLI_ENV, XLSX_TYPE, roster_csv, roster_xlsx

AIM_CLI_ROWS_PER_S = 20_000
AIM_BROWSER_S = 1.0
# Issue 14: 10,000 workbook rows in the browser within 2 s once the engine is ready.
AIM_WORKBOOK_S = 2.0
ENGINE_TIMEOUT_MS = 180_000

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


def bench_cli(rows: int, runs: int, work: Path) -> dict:
    """The whole process: interpreter start, reading, judging, writing."""
    source, out = work / "roster.csv", work / "out.csv"
    source.write_bytes(roster_csv(rows))
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-S", "-m", "eligibility", "roster", str(source), "-o", str(out)],
                              capture_output=True, env=CLI_ENV, cwd=ROOT)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise RuntimeError(f"the command line failed: {done.stderr.decode('utf-8', 'replace')[-500:]}")
    seconds = statistics.median(times)
    return {"rows": rows, "seconds": seconds, "rows_per_s": rows / seconds, "runs": times}


def bench_browser(base: str, rows: int, runs: int, lang: str, kind: str = "csv") -> dict:
    """The same file chosen runs + 1 times once the engine is ready; the first pays for importing the roster
    code into Pyodide, so it is reported apart."""
    from playwright.sync_api import sync_playwright

    data = roster_xlsx(rows) if kind == "xlsx" else roster_csv(rows, seed=7)
    mime = XLSX_TYPE if kind == "xlsx" else "text/csv"
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page()
            page.goto(f"{base}/{'zh/' if lang == 'zh' else ''}roster/")
            page.wait_for_function("() => document.documentElement.dataset.rosterEngine === 'ready'",
                                   timeout=ENGINE_TIMEOUT_MS)
            page.evaluate(TIMER)
            requests = []
            page.context.on("request", lambda r: requests.append(r.url))
            for i in range(runs + 1):
                name = f"roster-{i}.{kind}"
                page.set_input_files("#roster-file", files=[{"name": name, "mimeType": mime, "buffer": data}])
                page.wait_for_selector(f"#roster-results:has-text('{name}')", timeout=120_000)
                page.wait_for_function(f"() => window.__bench.length === {i + 1} && window.__bench[{i}].end")
            marks = page.evaluate("() => window.__bench")
            judged = page.locator(".roster-summary").get_attribute("data-judged")
        finally:
            browser.close()
    if judged != str(rows):
        raise RuntimeError(f"the browser judged {judged} rows, not {rows}")
    times = [(m["end"] - m["start"]) / 1000 for m in marks]
    return {"rows": rows, "lang": lang, "kind": kind, "first": times[0], "seconds": statistics.median(times[1:]),
            "runs": times, "requests": [u for u in requests if not u.startswith("blob:")]}


def speed_table(cli: dict | None, browser: list[dict]) -> list[str]:
    lines = []
    if cli or browser:
        lines += ["| what | rows | time | rows per second | aim |", "| --- | ---: | ---: | ---: | --- |"]
    if cli:
        lines.append(f"| command line, whole process (`python3 -S -m eligibility roster`) | {cli['rows']:,} | "
                     f"{cli['seconds']:.2f} s | {cli['rows_per_s']:,.0f} | ≥ {AIM_CLI_ROWS_PER_S:,} rows/s |")
    for b in browser:
        workbook = b.get("kind") == "xlsx"
        what = "a workbook (.xlsx; the first loads openpyxl)" if workbook else "CSV"
        aim = AIM_WORKBOOK_S if workbook else AIM_BROWSER_S
        lines.append(f"| browser ({b['lang']}, {what}), first file after the engine is ready | {b['rows']:,} | "
                     f"{b['first']:.2f} s | {b['rows'] / b['first']:,.0f} | ≤ {aim:g} s |")
        lines.append(f"| browser ({b['lang']}, {what}), next files | {b['rows']:,} | {b['seconds']:.2f} s | "
                     f"{b['rows'] / b['seconds']:,.0f} | ≤ {aim:g} s |")
    if browser:
        lines += ["", "Browser: from choosing the file to the result's download link on screen (file read, judged "
                  "in the Web Worker by Pyodide chunk by chunk, result file made, first page of the table drawn)."]
        requests = [u for b in browser for u in b["requests"]]
        lines.append(f"Requests made while the files were judged: {len(requests)}.")
    return lines
