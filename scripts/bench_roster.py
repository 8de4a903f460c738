#!/usr/bin/env python3
"""Benchmark the employer roster check: the command line's rows per second, 10,000 rows in the browser, and the
largest file accepted (its time and peak memory, on the command line and in the browser).

    .venv/bin/python scripts/bench_roster.py [--runs N] [--rows N] [--browser-rows N] [--site DIR] [--out DIR]
                                             [--limit-mb N] [--no-limits] [--limits-only]

- Command line: `python3 -S -m eligibility roster big.csv -o out.csv` on a file of --rows rows (default
  100,000; answer sets drawn at random from every complete one, so many distinct cases), the whole process
  timed (interpreter start, reading, judging, writing). Aim: 20,000 rows a second or more.
- Browser: the built site (built into a temporary folder, or --site), served on 127.0.0.1, the roster page in
  Chromium with the real engine in Pyodide. Once the engine is ready, a file of --browser-rows rows (default
  10,000) is chosen N times; each time is `performance.now()` in the page from the file input's change event
  to the download link of the result on screen (reading the file, the worker judging it chunk by chunk,
  the result file, the table's first page). The first file pays for importing the roster code into Pyodide:
  it is reported apart. Aim: 1 s or less.
- The largest file: the page takes files up to MAX_MEGABYTES (wizard/frontend/roster.js, 50 MB); files of
  that size (or --limit-mb), of each kind that costs the most: a roster with every row an employee (English
  keys; the same in Chinese, GB18030; the same with one emoji), a file of blank lines, a quote that never
  closes (on line 2), every answer different and wrong. Command line: the whole process with -o (the result written as it is judged)
  and to standard output, its time and peak resident memory (ru_maxrss, from wait4), and that peak as a
  multiple of the file's size over the interpreter's own (a three-row file's peak). Browser: Chromium, a
  fresh profile per file, the time from choosing the file to the result's download link (or the page's
  error), and the peak resident memory of the tab's renderer process, which runs the page and the engine's
  Web Worker with Pyodide's heap (VmHWM from /proc), against the same once the engine is ready. A file just
  over the page's limit is checked to be refused with the page's own message.

Prints Markdown tables and saves them to build/bench/roster.md. Not a test: no figure fails the run, but it
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
import re
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
# Issue 14: 10,000 workbook rows in the browser within 2 s once the engine is ready.
AIM_WORKBOOK_S = 2.0

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


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def roster_xlsx(rows: int, seed: int = 7) -> bytes:
    """The same roster as roster_csv, as an Excel workbook (openpyxl): what an HR officer's Excel saves."""
    import csv
    import io

    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Staff")
    for row in csv.reader(io.StringIO(roster_csv(rows, seed).decode("utf-8-sig"), newline="")):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def bench_browser(base: str, rows: int, runs: int, lang: str, kind: str = "csv") -> dict:
    from playwright.sync_api import sync_playwright

    data = roster_xlsx(rows) if kind == "xlsx" else roster_csv(rows, seed=7)
    mime = XLSX_TYPE if kind == "xlsx" else "text/csv"
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
    network = [u for u in requests if not u.startswith("blob:")]
    times = [(m["end"] - m["start"]) / 1000 for m in marks]
    return {"rows": rows, "lang": lang, "kind": kind, "first": times[0], "seconds": statistics.median(times[1:]),
            "runs": times, "requests": network}


def serve(site: Path):
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


# --- the largest file -----------------------------------------------------------------------------------

LIMIT_KINDS = {
    "dense": "a roster, every row an employee (English keys)",
    "chinese": "a roster in Chinese (GB18030, Chinese headers and labels; result in Chinese)",
    "blank": "one employee, blank lines, one more employee",
    "unclosed": "a quote that never closes, on line 2",
    "junk": "every answer different and wrong",
    "emoji": "the roster with one emoji in a name (Python then holds the text four bytes a character)",
}
BROWSER_KINDS = ("dense", "chinese", "blank", "unclosed")


def page_limit_mb() -> int:
    """The page's limit on a file, as wizard/frontend/roster.js sets it (MiB)."""
    text = (ROOT / "wizard" / "frontend" / "roster.js").read_text(encoding="utf-8")
    return int(re.search(r"const MAX_MEGABYTES = (\d+);", text).group(1))


def limit_file(kind: str, size: int) -> bytes:
    """A file of about `size` bytes (never more) of one kind."""
    from eligibility import texts

    keys = roster.TEMPLATE_KEYS[1:]
    if kind == "blank":
        head = (",".join(roster.TEMPLATE_KEYS) + "\r\nE1,extension,C,,,yes,yes\r\n").encode()
        tail = b"E2,cancellation,B,,,no,\r\n"
        return head + b"\r\n" * ((size - len(head) - len(tail)) // 2) + tail
    if kind == "unclosed":
        head = (",".join(roster.TEMPLATE_KEYS) + '\r\nE1,"extension,C,,,no,\r\n').encode()
        line = b"E2,reissue,B,,no,,\r\n"
        return head + line * ((size - len(head)) // len(line))
    if kind == "emoji":
        return limit_file("dense", size - 4).replace(b"E0000000", "😀0000000".encode(), 1)
    sets = eligibility.complete_answer_sets()
    rng = random.Random(8)
    lang, encoding = ("zh", "gb18030") if kind == "chinese" else ("en", "utf-8")
    lines = [",".join(roster.column_label(k, lang) for k in roster.TEMPLATE_KEYS).encode(encoding)]
    total, i = len(lines[0]) + 2, 0
    while True:
        if kind == "junk":
            line = b"E%07d,junk%d,X%d,,,," % (i, i, i)
        else:
            answers = rng.choice(sets)
            row = [f"员工{i:07d}" if lang == "zh" else f"E{i:07d}"]
            for key in keys:
                value = answers.get(key)
                option = None if value is None else ("yes" if value else "no") if isinstance(value, bool) else value
                if option is None:
                    row.append("")
                elif lang == "zh":
                    row.append(texts.QUESTIONS[key]["options"][option]["label"]["zh"])
                else:
                    row.append(option)
            line = ",".join(row).encode(encoding)
        if total + len(line) + 2 > size:
            return b"\r\n".join(lines) + b"\r\n"
        lines.append(line)
        total += len(line) + 2
        i += 1


# Starts the command line and reports its time, peak resident memory and exit status. A small process of its own
# does it: a child's peak (ru_maxrss) counts the memory of the process it was started from.
_PEAK = """import os, sys, time
null = os.open(os.devnull, os.O_WRONLY)
started = time.perf_counter()
pid = os.posix_spawn(sys.executable, [sys.executable, "-S", "-m", "eligibility", *sys.argv[1:]], os.environ,
                     file_actions=[(os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)])
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - started, usage.ru_maxrss * 1024, os.waitstatus_to_exitcode(status))
"""


def _cli_peak(args: list[str]) -> tuple[float, int, int]:
    """(seconds, peak resident memory in bytes, exit status) of `python3 -S -m eligibility ...`."""
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(WIZARD), "LC_ALL": "C"}
    done = subprocess.run([sys.executable, "-S", "-c", _PEAK, *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, check=True)
    seconds, peak, status = done.stdout.split()
    return float(seconds), int(peak), int(status)


def bench_limits_cli(work: Path, size: int, runs: int) -> dict:
    small = work / "small.csv"
    small.write_bytes(roster_csv(3))
    baseline = min(_cli_peak(["roster", str(small), "-o", str(work / "small-out.csv")])[1] for _ in range(3))
    found = []
    for kind in LIMIT_KINDS:
        source = work / f"limit-{kind}.csv"
        source.write_bytes(limit_file(kind, size))
        lang = ["--lang", "zh"] if kind == "chinese" else []
        for where, out in (("-o FILE", ["-o", str(work / "out.csv")]), ("stdout", [])):
            measured = [_cli_peak(["roster", str(source), *out, *lang]) for _ in range(runs)]
            seconds = statistics.median(m[0] for m in measured)
            peak = max(m[1] for m in measured)
            found.append({"kind": kind, "where": where, "size": source.stat().st_size, "seconds": seconds,
                          "peak": peak, "multiple": (peak - baseline) / source.stat().st_size,
                          "exit": measured[0][2]})
            print(f"  {kind} ({where}): {seconds:.1f} s, {peak / 1e6:.0f} MB", flush=True)
        source.unlink()
    return {"baseline": baseline, "runs": found}


def _process_tree(marker: str) -> dict[int, bytes]:
    """The processes of the Chromium started with `marker` (its profile folder) in its command line."""
    table = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                parent = int(handle.read().rsplit(b")", 1)[1].split()[1])
            with open(f"/proc/{name}/cmdline", "rb") as handle:
                command = handle.read()
        except OSError:
            continue
        table[int(name)] = (parent, command)
    tree = {pid for pid, (_, command) in table.items() if marker.encode() in command and b"--type=" not in command}
    while True:
        more = {pid for pid, (parent, _) in table.items() if parent in tree} - tree
        if not more:
            return {pid: table[pid][1] for pid in tree}
        tree |= more


def _renderer_peak(marker: str) -> int:
    """The highest peak resident memory (VmHWM) among the renderer processes of that Chromium, in bytes."""
    peaks = [0]
    for pid, command in _process_tree(marker).items():
        if b"--type=renderer" not in command:
            continue
        try:
            with open(f"/proc/{pid}/status", encoding="ascii") as handle:
                peaks += [int(line.split()[1]) * 1024 for line in handle if line.startswith("VmHWM:")]
        except OSError:
            continue
    return max(peaks)


# From the file input's change event to the result's download link, or the page's error.
LIMIT_TIMER = """() => {
  window.__limit = {};
  document.addEventListener("change", (event) => {
    if (event.target.id === "roster-file") window.__limit = {start: performance.now()};
  }, true);
  new MutationObserver(() => {
    const done = document.querySelector(".roster-download, .roster-error");
    if (done && window.__limit.start !== undefined && window.__limit.end === undefined) {
      window.__limit.end = performance.now();
      window.__limit.outcome = done.classList.contains("roster-error") ? done.innerText : "judged";
    }
  }).observe(document.getElementById("roster"), {childList: true, subtree: true});
}"""


def bench_limits_browser(base: str, work: Path, size: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    found = []
    cases = [(kind, size) for kind in BROWSER_KINDS] + [("dense", page_limit_mb() * 1024 * 1024 + 1024)]
    with sync_playwright() as p:
        for kind, file_size in cases:
            source = work / f"browser-{kind}.csv"
            source.write_bytes(limit_file(kind, file_size))
            profile = Path(tempfile.mkdtemp(prefix="bench-roster-profile-"))
            context = p.chromium.launch_persistent_context(str(profile), executable_path=CHROMIUM, headless=True,
                                                           args=CHROMIUM_ARGS)
            try:
                page = context.new_page()
                page.goto(f"{base}/{'zh/' if kind == 'chinese' else ''}roster/")
                page.wait_for_function("() => document.documentElement.dataset.rosterEngine === 'ready'",
                                       timeout=180_000)
                ready = _renderer_peak(str(profile))
                page.evaluate(LIMIT_TIMER)
                page.set_input_files("#roster-file", str(source))
                page.wait_for_function("() => window.__limit.end !== undefined", timeout=900_000, polling=500)
                mark = page.evaluate("() => window.__limit")
                rows = page.locator(".roster-summary").get_attribute("data-rows") if mark["outcome"] == "judged" \
                    else None
                peak = _renderer_peak(str(profile))
            finally:
                context.close()
                shutil.rmtree(profile, ignore_errors=True)
            found.append({"kind": kind, "size": source.stat().st_size, "seconds": (mark["end"] - mark["start"]) / 1000,
                          "outcome": mark["outcome"], "rows": rows, "ready": ready, "peak": peak})
            print(f"  {kind}, {source.stat().st_size / 1e6:.1f} MB: {found[-1]['seconds']:.1f} s, "
                  f"renderer {ready / 1e6:.0f} -> {peak / 1e6:.0f} MB, {mark['outcome'][:60]}", flush=True)
            source.unlink()
    return found


def report_limits(cli: dict | None, browser: list[dict], size: int) -> list[str]:
    lines = ["", f"## The largest file: {size / 1e6:.1f} MB (the page's limit, {page_limit_mb()} MiB)", ""]
    if cli:
        lines += [f"Command line (`python3 -S -m eligibility roster`): peak resident memory; multiple = (peak − "
                  f"{cli['baseline'] / 1e6:.0f} MB, a three-row file's peak) / the file's size.", "",
                  "| file | result to | time | peak memory | multiple of the file | exit |",
                  "| --- | --- | ---: | ---: | ---: | ---: |"]
        for r in cli["runs"]:
            lines.append(f"| {LIMIT_KINDS[r['kind']]}, {r['size'] / 1e6:.1f} MB | {r['where']} | {r['seconds']:.1f} s "
                         f"| {r['peak'] / 1e6:.0f} MB | {r['multiple']:.1f} | {r['exit']} |")
    if browser:
        lines += ["", "Browser (Chromium, the roster page): from choosing the file to the download link (or the "
                  "page's error); the tab's renderer process (page, Web Worker, Pyodide), its peak resident memory "
                  "once the engine is ready and after the file.", "",
                  "| file | time | rows | renderer at ready | renderer peak | outcome |",
                  "| --- | ---: | ---: | ---: | ---: | --- |"]
        for r in browser:
            outcome = "judged" if r["outcome"] == "judged" else f"refused: “{r['outcome'].splitlines()[-1][:70]}”"
            lines.append(f"| {LIMIT_KINDS[r['kind']]}, {r['size'] / 1e6:.1f} MB | {r['seconds']:.1f} s | "
                         f"{int(r['rows']):,} | {r['ready'] / 1e6:.0f} MB | {r['peak'] / 1e6:.0f} MB | {outcome} |"
                         if r["rows"] else
                         f"| {LIMIT_KINDS[r['kind']]}, {r['size'] / 1e6:.1f} MB | {r['seconds']:.1f} s | – | "
                         f"{r['ready'] / 1e6:.0f} MB | {r['peak'] / 1e6:.0f} MB | {outcome} |")
    return lines


# --- the report -----------------------------------------------------------------------------------------


def report(cli: dict | None, browser: list[dict], runs: int, failures: list[str], load: float,
           limits: list[str] = ()) -> str:
    lines = [
        "# Roster benchmark",
        "",
        f"{datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='seconds')}; "
        f"{platform.python_implementation()} {platform.python_version()}; "
        f"{platform.machine()}, {os.cpu_count()} cores; 1-minute load average {load:.1f} "
        f"(other work on the machine slows every figure). Medians of {runs} runs.",
        "",
    ]
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
    lines += list(limits)
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
    parser.add_argument("--limit-mb", type=float, help="size of the largest files, MB (default: the page's limit)")
    parser.add_argument("--no-limits", action="store_true", help="skip the largest files")
    parser.add_argument("--limits-only", action="store_true", help="only the largest files")
    args = parser.parse_args()
    limit_size = int(args.limit_mb * 1e6) if args.limit_mb else page_limit_mb() * 1024 * 1024 - 1024
    limits_cli, limits_browser = None, []

    work = Path(tempfile.mkdtemp(prefix="bench-roster-"))
    failures: list[str] = []
    cli, browser = None, []
    server = None
    try:
        if not args.limits_only:
            print(f"Command line: {args.rows:,} rows, {args.runs} runs", flush=True)
            try:
                cli = bench_cli(args.rows, args.runs, work)
            except RuntimeError as error:
                failures.append(f"command line: {error}")
        if not args.no_limits:
            print(f"Command line, the largest files ({limit_size / 1e6:.1f} MB):", flush=True)
            try:
                limits_cli = bench_limits_cli(work, limit_size, 1)
            except Exception as error:  # a benchmark reports what did not run, and goes on
                failures.append(f"command line, largest files: {type(error).__name__}: {error}")
        site = args.site
        if site is None:
            site = work / "site"
            print(f"Building the site into {site}", flush=True)
        try:
            if args.site is None:
                build_site(site)
            server, base = serve(site)
            for lang in ("en", "zh") if not args.limits_only else ():
                print(f"Browser ({lang}): {args.browser_rows:,} rows, {args.runs} runs after a first one", flush=True)
                browser.append(bench_browser(base, args.browser_rows, args.runs, lang))
            for lang in ("en", "zh") if not args.limits_only else ():
                print(f"Browser ({lang}): {args.browser_rows:,} workbook rows, {args.runs} runs after a first one",
                      flush=True)
                browser.append(bench_browser(base, args.browser_rows, args.runs, lang, "xlsx"))
            if not args.no_limits:
                print(f"Browser, the largest files ({limit_size / 1e6:.1f} MB):", flush=True)
                limits_browser = bench_limits_browser(base, work, limit_size)
        except Exception as error:  # a benchmark reports what did not run, and goes on
            failures.append(f"browser: {type(error).__name__}: {error}")
    finally:
        if server is not None:
            server.shutdown()
        shutil.rmtree(work, ignore_errors=True)

    limits = report_limits(limits_cli, limits_browser, limit_size) if not args.no_limits else []
    text = report(cli, browser, args.runs, failures, os.getloadavg()[0], limits)
    print()
    print(text)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "roster.md").write_text(text, encoding="utf-8")
    print(f"Saved {args.out / 'roster.md'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
