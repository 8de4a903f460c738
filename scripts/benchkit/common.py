"""What the benchmarks do alike, so that each reads only what it measures."""

from __future__ import annotations

import datetime
import functools
import http.server
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "scripts" / "bench"  # pages and scripts handed to the browser
DEFAULT_OUT = ROOT / "build" / "bench"

from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 - scripts/ is on sys.path (the entry points' folder)


class ScenarioError(Exception):
    """A scenario could not run at all (not a slow figure: a benchmark has no pass mark)."""


# --- the site ----------------------------------------------------------------------------------------------


def build_site(site: Path) -> None:
    """mkdocs build into `site`, never site/: a benchmark leaves the working tree as it found it."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise ScenarioError("mkdocs build failed:\n" + done.stdout[-2000:] + done.stderr[-2000:])


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm"}

    def log_message(self, *args):
        pass  # a line a request would bury the progress lines


def plain_server(site: Path):
    """Python's own static server on 127.0.0.1, in a thread: where the roster's figures start (once the engine is
    ready) the server no longer matters. The caller shuts it down; returns (server, base address)."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


# --- the browser -------------------------------------------------------------------------------------------


def launch(playwright, profile: Path | None = None, **options):
    """Debian's Chromium, as the tests start it: a browser, or with `profile` a context that keeps its
    profile (HTTP cache, Cache Storage) after it is closed."""
    common = {"executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}
    if profile is None:
        return playwright.chromium.launch(**common, **options)
    return playwright.chromium.launch_persistent_context(str(profile), **common, **options)


def version(command: list[str]) -> str:
    """A program's version line, for the report's heading; "unknown" rather than no report."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30)
        return (done.stdout + done.stderr).strip().splitlines()[0].split(" Copyright")[0]
    except Exception:  # noqa: BLE001 - only a heading
        return "unknown"


# --- the machine -------------------------------------------------------------------------------------------


def now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def load_average() -> float:
    """The 1-minute load average: other work on the machine slows every figure, so each report says it."""
    return os.getloadavg()[0]


def machine_line(load: float, why: str) -> str:
    return f"{machine()}, 1-minute load average {load:.1f} ({why})"


# --- figures -----------------------------------------------------------------------------------------------


def median(results: list[dict], key: str):
    """The median of one figure over the runs that have it (a failed run has none)."""
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


def fmt_mb(value: float, digits: int = 0) -> str:
    return f"{value / 1e6:.{digits}f} MB"


# --- the report --------------------------------------------------------------------------------------------


def save_report(out: Path, name: str, text: str, data: dict | None = None, note: str = "") -> None:
    """Print the report, then write it as `name`.md (and the raw figures as `name`.json) into `out`."""
    print()
    print(text)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.md").write_text(text, encoding="utf-8")
    saved = [f"{name}.md"]
    if data is not None:
        (out / f"{name}.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        saved.append(f"{name}.json")
    try:
        shown = out.resolve().relative_to(ROOT)
    except ValueError:
        shown = out
    print(f"Saved {' and '.join(f'{shown}/{file}' for file in saved)}{note}")
