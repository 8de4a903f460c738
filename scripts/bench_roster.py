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

Its parts, in scripts/benchkit/: roster_files.py (the files), roster_speed.py (rows per second),
roster_limits.py (the largest file); common.py is shared with the other benchmarks.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import sys
import tempfile
from pathlib import Path

from benchkit import common
from benchkit.roster_files import page_limit_mb
from benchkit.roster_limits import bench_limits_browser, bench_limits_cli, report_limits
from benchkit.roster_speed import bench_browser, bench_cli, speed_table


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the command line's file")
    parser.add_argument("--browser-rows", type=int, default=10_000, help="rows of the browser's file")
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--out", type=Path, default=common.DEFAULT_OUT)
    parser.add_argument("--limit-mb", type=float, help="size of the largest files, MB (default: the page's limit)")
    parser.add_argument("--no-limits", action="store_true", help="skip the largest files")
    parser.add_argument("--limits-only", action="store_true", help="only the largest files")
    return parser.parse_args()


class Results:
    """What each part measured, and what could not run (a benchmark reports it and goes on)."""

    def __init__(self):
        self.failures: list[str] = []
        self.cli, self.browser = None, []
        self.limits_cli, self.limits_browser = None, []


def command_line(args, work: Path, limit_size: int, found: Results) -> None:
    if not args.limits_only:
        print(f"Command line: {args.rows:,} rows, {args.runs} runs", flush=True)
        try:
            found.cli = bench_cli(args.rows, args.runs, work)
        except RuntimeError as error:
            found.failures.append(f"command line: {error}")
    if not args.no_limits:
        print(f"Command line, the largest files ({limit_size / 1e6:.1f} MB):", flush=True)
        try:
            found.limits_cli = bench_limits_cli(work, limit_size, 1)
        except Exception as error:  # noqa: BLE001 - reported, and the browser's part still runs
            found.failures.append(f"command line, largest files: {type(error).__name__}: {error}")


def in_browser(args, base: str, work: Path, limit_size: int, found: Results) -> None:
    """CSV and then workbooks, in English and Chinese; then the largest files."""
    for kind, what in (("csv", ""), ("xlsx", " workbook")) if not args.limits_only else ():
        for lang in ("en", "zh"):
            print(f"Browser ({lang}): {args.browser_rows:,}{what} rows, {args.runs} runs after a first one",
                  flush=True)
            found.browser.append(bench_browser(base, args.browser_rows, args.runs, lang, kind))
    if not args.no_limits:
        print(f"Browser, the largest files ({limit_size / 1e6:.1f} MB):", flush=True)
        found.limits_browser = bench_limits_browser(base, work, limit_size)


def measure(args, work: Path, limit_size: int) -> Results:
    found = Results()
    command_line(args, work, limit_size, found)
    site = args.site or work / "site"
    server = None
    try:
        if args.site is None:
            print(f"Building the site into {site}", flush=True)
            common.build_site(site)
        server, base = common.plain_server(site)
        in_browser(args, base, work, limit_size, found)
    except Exception as error:  # noqa: BLE001 - a benchmark reports what did not run, and goes on
        found.failures.append(f"browser: {type(error).__name__}: {error}")
    finally:
        if server is not None:
            server.shutdown()
    return found


def report(found: Results, runs: int, limits: list[str]) -> str:
    python = f"{platform.python_implementation()} {platform.python_version()}"
    why = "other work on the machine slows every figure"
    lines = ["# Roster benchmark", "",
             f"{common.now()}; {python}; {common.machine_line(common.load_average(), why)}. Medians of {runs} runs.",
             ""]
    lines += speed_table(found.cli, found.browser) + limits
    if found.failures:
        lines += ["", "Scenarios that did not run:", ""] + [f"- {f}" for f in found.failures]
    return "\n".join(lines) + "\n"


def main() -> int:
    args = arguments()
    limit_size = int(args.limit_mb * 1e6) if args.limit_mb else page_limit_mb() * 1024 * 1024 - 1024
    work = Path(tempfile.mkdtemp(prefix="bench-roster-"))
    try:
        found = measure(args, work, limit_size)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    limits = [] if args.no_limits else report_limits(found.limits_cli, found.limits_browser, limit_size)
    common.save_report(args.out, "roster", report(found, args.runs, limits))
    return 1 if found.failures else 0


if __name__ == "__main__":
    sys.exit(main())
