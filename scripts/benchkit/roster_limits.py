"""The largest file the roster page takes: time and peak memory, on the command line and in Chromium."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchkit.common import ROOT, fmt_mb, launch
from benchkit.roster_files import BROWSER_KINDS, CLI_ENV, LIMIT_KINDS, limit_file, page_limit_mb, roster_csv
from benchkit.roster_speed import ENGINE_TIMEOUT_MS

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


# --- the command line --------------------------------------------------------------------------------------


def _cli_peak(args: list[str]) -> tuple[float, int, int]:
    """(seconds, peak resident memory in bytes, exit status) of `python3 -S -m eligibility ...`."""
    done = subprocess.run([sys.executable, "-S", "-c", _PEAK, *args], capture_output=True, text=True, env=CLI_ENV,
                          cwd=ROOT, check=True)
    seconds, peak, status = done.stdout.split()
    return float(seconds), int(peak), int(status)


def bench_limits_cli(work: Path, size: int, runs: int) -> dict:
    """Each kind, its result written to a file and to standard output; the peak against a three-row file's."""
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
            print(f"  {kind} ({where}): {seconds:.1f} s, {fmt_mb(peak)}", flush=True)
        source.unlink()
    return {"baseline": baseline, "runs": found}


# --- the browser -------------------------------------------------------------------------------------------


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
    """The highest peak resident memory (VmHWM) among the renderer processes of that Chromium, in bytes: the
    tab's renderer runs the page and the engine's Web Worker with Pyodide's heap."""
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


def _choose_file(p, base: str, kind: str, source: Path) -> dict:
    """One file in a fresh profile: the time to the outcome, the renderer's peak at ready and after."""
    profile = Path(tempfile.mkdtemp(prefix="bench-roster-profile-"))
    context = launch(p, profile)
    try:
        page = context.new_page()
        page.goto(f"{base}/{'zh/' if kind == 'chinese' else ''}roster/")
        page.wait_for_function("() => document.documentElement.dataset.rosterEngine === 'ready'",
                               timeout=ENGINE_TIMEOUT_MS)
        ready = _renderer_peak(str(profile))
        page.evaluate(LIMIT_TIMER)
        page.set_input_files("#roster-file", str(source))
        page.wait_for_function("() => window.__limit.end !== undefined", timeout=900_000, polling=500)
        mark = page.evaluate("() => window.__limit")
        rows = page.locator(".roster-summary").get_attribute("data-rows") if mark["outcome"] == "judged" else None
        peak = _renderer_peak(str(profile))
    finally:
        context.close()
        shutil.rmtree(profile, ignore_errors=True)
    return {"kind": kind, "size": source.stat().st_size, "seconds": (mark["end"] - mark["start"]) / 1000,
            "outcome": mark["outcome"], "rows": rows, "ready": ready, "peak": peak}


def bench_limits_browser(base: str, work: Path, size: int) -> list[dict]:
    """The kinds the page may meet at its limit, and a file just over it (to be refused with its message)."""
    from playwright.sync_api import sync_playwright

    found = []
    cases = [(kind, size) for kind in BROWSER_KINDS] + [("dense", page_limit_mb() * 1024 * 1024 + 1024)]
    with sync_playwright() as p:
        for kind, file_size in cases:
            source = work / f"browser-{kind}.csv"
            source.write_bytes(limit_file(kind, file_size))
            found.append(_choose_file(p, base, kind, source))
            r = found[-1]
            print(f"  {kind}, {fmt_mb(r['size'], 1)}: {r['seconds']:.1f} s, "
                  f"renderer {r['ready'] / 1e6:.0f} -> {fmt_mb(r['peak'])}, {r['outcome'][:60]}", flush=True)
            source.unlink()
    return found


# --- the report --------------------------------------------------------------------------------------------


def cli_table(cli: dict) -> list[str]:
    lines = [f"Command line (`python3 -S -m eligibility roster`): peak resident memory; multiple = (peak − "
             f"{fmt_mb(cli['baseline'])}, a three-row file's peak) / the file's size.", "",
             "| file | result to | time | peak memory | multiple of the file | exit |",
             "| --- | --- | ---: | ---: | ---: | ---: |"]
    for r in cli["runs"]:
        lines.append(f"| {LIMIT_KINDS[r['kind']]}, {fmt_mb(r['size'], 1)} | {r['where']} | {r['seconds']:.1f} s "
                     f"| {fmt_mb(r['peak'])} | {r['multiple']:.1f} | {r['exit']} |")
    return lines


def browser_table(browser: list[dict]) -> list[str]:
    lines = ["", "Browser (Chromium, the roster page): from choosing the file to the download link (or the "
             "page's error); the tab's renderer process (page, Web Worker, Pyodide), its peak resident memory "
             "once the engine is ready and after the file.", "",
             "| file | time | rows | renderer at ready | renderer peak | outcome |",
             "| --- | ---: | ---: | ---: | ---: | --- |"]
    for r in browser:
        outcome = "judged" if r["outcome"] == "judged" else f"refused: “{r['outcome'].splitlines()[-1][:70]}”"
        rows = f"{int(r['rows']):,}" if r["rows"] else "–"
        lines.append(f"| {LIMIT_KINDS[r['kind']]}, {fmt_mb(r['size'], 1)} | {r['seconds']:.1f} s | {rows} | "
                     f"{fmt_mb(r['ready'])} | {fmt_mb(r['peak'])} | {outcome} |")
    return lines


def report_limits(cli: dict | None, browser: list[dict], size: int) -> list[str]:
    lines = ["", f"## The largest file: {fmt_mb(size, 1)} (the page's limit, {page_limit_mb()} MiB)", ""]
    if cli:
        lines += cli_table(cli)
    if browser:
        lines += browser_table(browser)
    return lines
