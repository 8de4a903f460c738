#!/usr/bin/env python3
"""Benchmark the wizard in real Chromium, through the shipped nginx configuration: the wizard as built, against
a bare loadPyodide() and the naive way, on a fast local line and on two emulated mobile lines.

    .venv/bin/python scripts/bench_wizard.py [--runs N] [--out DIR] [--keep] [--no-naive] [--no-lines]

Builds the site into a temporary folder (never site/), adds benchmark pages beside it and serves it all with
deploy/nginx.conf through scripts/nginx_run.py (brotli and gzip variants, the caching headers and the
Content-Security-Policy, as deployed):

- the wizard, /wizard/, as built: first question in the page's HTML, the engine in a Web Worker that
  starts from the memory snapshot this browser made on the first visit, when it has one;
- the engine alone, /bench/engine-alone.html: the wizard page's engine start (the same settings, start.js served
  instead of inlined) and engine.js on a page with nothing else, snapshot included: where the wizard would be if
  its page cost nothing (on a two-core machine the page and the engine's worker share the cores);
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
for the snapshot to be stored (<html data-wizard-engine-snapshot="saved">), as a visitor who reads the result;
the engine alone stores its snapshot once ready.
Then a share link with complete answers is opened cold (a fresh profile) under Chromium's network emulation
(CDP Network.emulateNetworkConditions, on the page and its worker) at 10 Mbit/s with 40 ms and at 1.6 Mbit/s
with 150 ms, and the wizard's return visit is made once more on the 1.6 Mbit/s line (the same profile: what is
not kept as immutable, the page and what it revalidates, goes over that line). Service workers are blocked in
every visit: the return visits come from the HTTP cache, like for like with the baseline.

The viewport is a phone's (390 x 844). Times are performance.now() in the page (navigation start = 0), recorded by
scripts/bench/marks.js: first question answerable = form[data-question=application] visible in a rendered frame; engine
ready = <html data-wizard-engine="ready">; result = the last Continue clicked (after the engine is ready) until
[data-outcome] is in the document, or, for a share link, navigation start until [data-outcome]; layout shift =
the sum of PerformanceObserver "layout-shift" entries without recent input, until the engine is ready. Bytes =
what Chromium received for every request of the visit, the worker's included (headers and encoded bodies, as
Playwright's request.sizes() reports them; nothing for what came from the HTTP cache). Medians of the N runs.

Prints a Markdown table and saves it to build/bench/wizard.md, the raw figures to build/bench/wizard.json.
No figure fails the run (a benchmark is not a test), but the run exits 1 if a scenario could not run at all
(the engine never ready, no result, ...) or if any request left 127.0.0.1.

Its parts, in scripts/benchkit/: wizard_site.py (the pages beside the site), wizard_visit.py (the visits),
wizard_table.py (the report); common.py is shared with the other benchmarks.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nginx_run
from benchkit import common, wizard_site, wizard_table
from benchkit.common import ScenarioError
from benchkit.wizard_visit import LINES, PATH_ANSWERS, VIEWPORT, run_all


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="visits of each scenario (median reported)")
    parser.add_argument("--out", type=Path, default=common.DEFAULT_OUT, help="folder for wizard.md / .json")
    parser.add_argument("--keep", action="store_true", help="keep the temporary site and profiles")
    parser.add_argument("--no-naive", action="store_true", help="leave out the naive way (no PyPI download)")
    parser.add_argument("--no-lines", action="store_true", help="leave out the share links on emulated lines")
    return parser.parse_args()


def measure(args, work: Path, scenarios: list[str], lines: list[tuple], wheels) -> tuple[dict, list[str]]:
    """Build the site with the benchmark's pages beside it, serve it as deployed, visit it."""
    site = work / "site"
    print(f"Building the site into {site}", flush=True)
    common.build_site(site)
    wizard_site.add_bench_pages(site, wheels)
    with nginx_run.Server(site) as server:
        print(f"Serving it with deploy/nginx.conf at {server.url}; {args.runs} runs of each scenario", flush=True)
        return run_all(server.url, args.runs, work, scenarios, lines)


def environment(args, raw: dict, wheels, started: float, load_start: float) -> dict:
    visits = [r for kinds in raw.values() for results in kinds.values() for r in results]
    return {
        "date": common.now(),
        "chromium": common.version([common.CHROMIUM, "--version"]),
        "pyodide": wizard_site.pyodide_version(),
        "micropip": None if wheels is None else {name: path.name for name, path in wheels.items()},
        "machine": common.machine(),
        "runs": args.runs,
        "viewport": VIEWPORT,
        "answers": PATH_ANSWERS,
        "seconds": round(time.monotonic() - started, 1),
        "load_average_1min": {
            "start": load_start,
            "end": common.load_average(),
            "visits_median": common.median(visits, "load_average_1min"),
        },
    }


def main() -> int:
    args = arguments()
    scenarios = ["wizard", "engine alone", "bare"] + ([] if args.no_naive else ["naive"])
    lines = [] if args.no_lines else LINES
    started, load_start = time.monotonic(), common.load_average()
    work = Path(tempfile.mkdtemp(prefix="bench-wizard-"))
    try:
        wheels = None if args.no_naive else wizard_site.micropip_wheels()
        raw, failures = measure(args, work, scenarios, lines, wheels)
    except ScenarioError as error:
        print(f"bench_wizard: {error}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"Kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    medians = wizard_table.medians(raw)
    env = environment(args, raw, wheels, started, load_start)
    text = (wizard_table.heading(env, medians["wizard"]["first"]["snapshot_bytes"]) + "\n"
            + wizard_table.table(medians, scenarios, lines, wizard_table.ratio_spread(raw),
                                 wizard_table.ratio_spread(raw, "engine alone")) + "\n")
    if failures:
        text += "\nScenarios that did not run:\n\n" + "\n".join(f"- {f}" for f in failures) + "\n"
    common.save_report(args.out, "wizard", text,
                       {"environment": env, "medians": medians, "runs": raw, "failures": failures},
                       note=f" ({env['seconds']} s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
