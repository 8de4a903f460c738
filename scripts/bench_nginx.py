#!/usr/bin/env python3
"""Benchmark the shipped nginx configuration with wrk, on 127.0.0.1: requests per second, no pass mark.

    .venv/bin/python scripts/bench_nginx.py [--seconds 10] [--connections 64] [--threads 2] [--out DIR]

Builds the site into a temporary folder (never site/), serves it with deploy/nginx.conf through
scripts/nginx_run.py (as `make serve-nginx` does) and runs wrk against a page and the WebAssembly runtime,
each as a browser asks for it (brotli) and with no compression. wrk counts every answer's status through
scripts/bench/wrk_report.lua, which buffers each body: the figures include that work on wrk's side.
Prints a Markdown table and saves it to build/bench/nginx.md, the raw figures to build/bench/nginx.json.
Exits 1 if any answer was not a 2xx or any socket error happened (then the figures mean nothing).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import nginx_run  # noqa: E402

WRK_SCRIPT = ROOT / "scripts" / "bench" / "wrk_report.lua"


def build_site(site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site)],
                   cwd=ROOT, env=env, check=True)


def wrk(url: str, encoding: str | None, seconds: int, connections: int, threads: int) -> dict:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
               "-s", str(WRK_SCRIPT), url]
    if encoding:
        command[1:1] = ["-H", f"Accept-Encoding: {encoding}"]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True)
    (line,) = [x for x in proc.stdout.splitlines() if x.startswith("WRK_JSON ")]
    return json.loads(line.removeprefix("WRK_JSON "))


def version(command: list[str]) -> str:
    proc = subprocess.run(command, capture_output=True, text=True)
    return (proc.stdout + proc.stderr).strip().splitlines()[0].split(" Copyright")[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("bench_nginx: wrk is missing: `make nginx` installs it", file=sys.stderr)
        return 1

    work = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
    rows = []
    load_start = os.getloadavg()[0]
    try:
        site = work / "site"
        print(f"Building the site into {site}", flush=True)
        build_site(site)
        (runtime,) = (site / "assets" / "pyodide").iterdir()
        targets = [("page `/zh/wizard/`", "/zh/wizard/"),
                   ("runtime `pyodide.asm.wasm`", f"/assets/pyodide/{runtime.name}/pyodide.asm.wasm")]
        with nginx_run.Server(site) as server:
            for label, path in targets:
                for encoding in ("br", None):
                    print(f"wrk {args.seconds} s, {args.connections} connections: {path} ({encoding or 'identity'})",
                          flush=True)
                    report = wrk(server.url + path, encoding, args.seconds, args.connections, args.threads)
                    rows.append({"target": label, "path": path, "encoding": encoding or "identity", **report})
    finally:
        shutil.rmtree(work, ignore_errors=True)

    environment = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "nginx": version([nginx_run.NGINX, "-v"]),
        "wrk": version(["wrk", "-v"]),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        "seconds": args.seconds, "connections": args.connections, "threads": args.threads,
        "load_average_1min": {"start": load_start, "end": os.getloadavg()[0]},
    }
    lines = [
        "# nginx benchmark",
        "",
        f"{environment['date']}; {environment['nginx']}; {environment['wrk']}; {environment['machine']}, "
        f"1-minute load average {load_start:.1f} at the start (wrk and nginx share the machine, and other work "
        f"slows every figure). deploy/nginx.conf over a fresh build, wrk {args.threads} threads, "
        f"{args.connections} connections, {args.seconds} s a row, on 127.0.0.1; every answer's status counted.",
        "",
        "| target | encoding | requests/s | MB/s | latency p50 | latency p99 | requests | non-2xx | socket errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    failed = False
    for row in rows:
        seconds = row["duration_us"] / 1e6
        non_2xx = sum(n for status, n in row["statuses"].items() if not status.startswith("2"))
        errors = sum(v for k, v in row["errors"].items() if k != "status")
        failed |= bool(non_2xx or errors)
        lines.append(
            f"| {row['target']} | {row['encoding']} | {row['requests'] / seconds:,.0f} | "
            f"{row['bytes'] / seconds / 1e6:,.1f} | {row['latency_us']['p50'] / 1000:,.1f} ms | "
            f"{row['latency_us']['p99'] / 1000:,.1f} ms | {row['requests']:,} | {non_2xx} | {errors} |")
    text = "\n".join(lines) + "\n"
    print()
    print(text)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "nginx.md").write_text(text, encoding="utf-8")
    (args.out / "nginx.json").write_text(json.dumps({"environment": environment, "runs": rows}, indent=2) + "\n",
                                         encoding="utf-8")
    print(f"Saved {args.out}/nginx.md and nginx.json")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
