"""A bounded load test of the shipped nginx configuration with wrk, on 127.0.0.1: no error under load.

10 seconds, 64 connections, 2 threads, on a page and on the WebAssembly runtime, each asked for in brotli as a
browser would. Every answer must be a 2xx, with no socket error. The requests per second are for
`make bench` (scripts/bench_nginx.py), not a pass mark here.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WRK_SCRIPT = ROOT / "scripts" / "bench" / "wrk_report.lua"


def wrk(url: str, seconds: int = 10, connections: int = 64, threads: int = 2) -> dict:
    """Run wrk with scripts/bench/wrk_report.lua; return its JSON summary (statuses counted one by one)."""
    assert shutil.which("wrk"), "wrk is missing: `make nginx` installs it"
    proc = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
         "-H", "Accept-Encoding: gzip, deflate, br", "-s", str(WRK_SCRIPT), url],
        capture_output=True, text=True, timeout=seconds + 60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (line,) = [x for x in proc.stdout.splitlines() if x.startswith("WRK_JSON ")]
    return json.loads(line.removeprefix("WRK_JSON "))


@pytest.mark.parametrize("path", ["/zh/wizard/", "runtime"])
def test_under_load_every_answer_is_2xx_with_no_socket_error(base_url, site_dir, path):
    if path == "runtime":
        (version,) = [p.name for p in (site_dir / "assets" / "pyodide").iterdir()]
        path = f"/assets/pyodide/{version}/pyodide.asm.wasm"
    report = wrk(base_url + path)
    assert report["requests"] > 0
    assert report["errors"] == {"connect": 0, "read": 0, "write": 0, "status": 0, "timeout": 0}, report
    assert set(report["statuses"]) == {"200"}, report["statuses"]
    assert sum(report["statuses"].values()) == report["requests"]
