#!/usr/bin/env python3
"""Benchmark the shipped nginx configuration with wrk, on 127.0.0.1: requests per second, no pass mark.

    .venv/bin/python scripts/bench_nginx.py [--seconds 10] [--connections 64] [--threads 2] [--partial 2100]
                                            [--out DIR]

Builds the site into a temporary folder (never site/), serves it with deploy/nginx.conf through
scripts/nginx_run.py (as `make serve-nginx` does) and runs wrk against a page and the WebAssembly runtime,
each as a browser asks for it (brotli) and with no compression. wrk counts every answer's status through
scripts/bench/wrk_report.lua, which buffers each body: the figures include that work on wrk's side.
(--connections above site.conf's per-address limit, 100, would measure 429s: wrk has one address.)

Then slow clients, on a fresh nginx (scripts/slow_clients.py, as tests/serving/test_slow_clients.py): --partial
connections from 127.0.0.1 that send half a request's headers and stop, and while they are held, requests from
127.0.0.2 (another address to nginx) and from 127.0.0.1 itself: their status and time; nginx's memory; how long
until nginx drops the half-sent requests (client_header_timeout). Then more slow readers of the runtime from
127.0.0.1 than one address may hold: how many were answered and refused, and another address meanwhile.

Prints Markdown tables and saves them to build/bench/nginx.md, the raw figures to build/bench/nginx.json.
Exits 1 if any answer was not a 2xx or any socket error happened under wrk, or if another client was not
served while slow clients held connections (then the figures mean nothing, or the limit failed).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nginx_run
import slow_clients
from benchkit import common

WRK_SCRIPT = common.ASSETS / "wrk_report.lua"


def wrk(url: str, encoding: str | None, seconds: int, connections: int, threads: int) -> dict:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
               "-s", str(WRK_SCRIPT), url]
    if encoding:
        command[1:1] = ["-H", f"Accept-Encoding: {encoding}"]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True)
    (line,) = [x for x in proc.stdout.splitlines() if x.startswith("WRK_JSON ")]
    return json.loads(line.removeprefix("WRK_JSON "))


def nginx_memory_kb(master_pid: int) -> int:
    """Resident memory of nginx's master and workers, in kB (from /proc)."""
    pids = [master_pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == master_pid:
                pids.append(int(entry.name))
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def timed_status(port: int, path: str, address: str, tries: int = 5) -> dict:
    """`tries` requests from `address`, one after another: their statuses and median time."""
    statuses, seconds = [], []
    for _ in range(tries):
        start = time.perf_counter()
        try:
            statuses.append(slow_clients.status_from(port, path, address=address, timeout=10))
        except OSError as error:  # refused, or no answer within 10 s
            statuses.append(type(error).__name__)
        seconds.append(time.perf_counter() - start)
    return {"statuses": statuses, "median_ms": statistics.median(seconds) * 1000}


def slow_client_figures(site: Path, partial: int) -> dict:
    """Half-sent headers and slow readers against a fresh nginx: who is still served, and at what cost."""
    slow_clients.allow_open_files(partial + 1000)
    limit = slow_clients.per_address_limit()
    (runtime,) = (site / "assets" / "pyodide").iterdir()
    wasm = f"/assets/pyodide/{runtime.name}/pyodide.asm.wasm"
    figures = {"partial_connections": partial, "per_address_limit": limit,
               "client_header_timeout": slow_clients.configured("client_header_timeout")}
    with nginx_run.Server(site) as server:
        figures["memory_idle_kb"] = nginx_memory_kb(server.process.pid)
        start = time.perf_counter()
        held = slow_clients.open_partial(server.port, partial)
        figures["open_seconds"] = time.perf_counter() - start
        try:
            figures["memory_held_kb"] = nginx_memory_kb(server.process.pid)
            figures["partial_other_address"] = timed_status(server.port, "/", "127.0.0.2")
            figures["partial_same_address"] = timed_status(server.port, "/", "127.0.0.1")
            start = time.perf_counter()
            still_open = slow_clients.wait_closed(held, 120)
            figures["dropped_after_seconds"] = time.perf_counter() - start
            figures["still_open_after_120_s"] = len(still_open)
        finally:
            slow_clients.close_all(held)
        figures["worker_connections_alert"] = "worker_connections are not enough" in server.errors()

    with nginx_run.Server(site) as server:
        readers, statuses = slow_clients.open_slow_readers(server.port, wasm, limit + 20)
        try:
            figures["slow_readers"] = {"opened": len(readers), "answered_200": statuses.count(200),
                                       "refused_429": statuses.count(429),
                                       "other": len(statuses) - statuses.count(200) - statuses.count(429)}
            figures["readers_other_address"] = timed_status(server.port, "/", "127.0.0.2")
            figures["readers_same_address"] = timed_status(server.port, "/", "127.0.0.1")
        finally:
            slow_clients.close_all(readers)
    return figures


def slow_client_lines(f: dict) -> list[str]:
    def served(entry: dict) -> str:
        return f"{', '.join(map(str, sorted(set(map(str, entry['statuses'])))))}, median {entry['median_ms']:.1f} ms"

    readers = f["slow_readers"]
    return [
        "## Slow clients",
        "",
        f"A fresh nginx for each part; the other address is 127.0.0.2 (loopback). Per-address limit "
        f"(`limit_conn`): {f['per_address_limit']}; `client_header_timeout` {f['client_header_timeout']}.",
        "",
        "| measure | figure |",
        "| --- | --- |",
        f"| half-sent requests held from 127.0.0.1 | {f['partial_connections']:,} (opened in "
        f"{f['open_seconds']:.2f} s) |",
        f"| meanwhile, 5 requests for `/` from 127.0.0.2 | {served(f['partial_other_address'])} |",
        f"| meanwhile, 5 requests for `/` from 127.0.0.1 | {served(f['partial_same_address'])} |",
        f"| nginx's memory (master and workers, resident), idle → holding them | "
        f"{f['memory_idle_kb'] / 1024:.1f} MB → {f['memory_held_kb'] / 1024:.1f} MB "
        f"({(f['memory_held_kb'] - f['memory_idle_kb']) / f['partial_connections']:.1f} kB a connection) |",
        f"| all dropped by nginx after | {f['dropped_after_seconds']:.1f} s "
        f"({f['still_open_after_120_s']} still open at 120 s) |",
        f'| "worker_connections are not enough" in the error log | '
        f"{'yes' if f['worker_connections_alert'] else 'no'} |",
        f"| slow readers of the runtime from 127.0.0.1 | {readers['opened']}: {readers['answered_200']} answered "
        f"(200), {readers['refused_429']} refused (429), {readers['other']} other |",
        f"| meanwhile, 5 requests for `/` from 127.0.0.2 | {served(f['readers_other_address'])} |",
        f"| meanwhile, 5 requests for `/` from 127.0.0.1 | {served(f['readers_same_address'])} |",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--partial", type=int, default=2100,
                        help="half-sent requests held from one address (default: the 2,100 that once took the site down)")
    parser.add_argument("--out", type=Path, default=common.DEFAULT_OUT)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("bench_nginx: wrk is missing: `make nginx` installs it", file=sys.stderr)
        return 1

    work = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
    rows = []
    load_start = common.load_average()
    try:
        site = work / "site"
        print(f"Building the site into {site}", flush=True)
        common.build_site(site)
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
        print(f"Slow clients: {args.partial} half-sent requests, then slow readers", flush=True)
        slow = slow_client_figures(site, args.partial)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    environment = {
        "date": common.now(),
        "nginx": common.version([nginx_run.NGINX, "-v"]),
        "wrk": common.version(["wrk", "-v"]),
        "machine": common.machine(),
        "seconds": args.seconds, "connections": args.connections, "threads": args.threads,
        "load_average_1min": {"start": load_start, "end": common.load_average()},
    }
    why = "at the start; wrk and nginx share the machine, and other work slows every figure"
    lines = [
        "# nginx benchmark",
        "",
        f"{environment['date']}; {environment['nginx']}; {environment['wrk']}; "
        f"{common.machine_line(load_start, why)}. deploy/nginx.conf over a fresh build, wrk {args.threads} threads, "
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
    lines += [""] + slow_client_lines(slow)
    limit = slow["per_address_limit"]
    failed |= set(slow["partial_other_address"]["statuses"]) != {200}
    failed |= set(slow["partial_same_address"]["statuses"]) != {200}
    failed |= set(slow["readers_other_address"]["statuses"]) != {200}
    failed |= slow["slow_readers"]["answered_200"] != limit or slow["still_open_after_120_s"] != 0
    common.save_report(args.out, "nginx", "\n".join(lines) + "\n",
                       {"environment": environment, "runs": rows, "slow_clients": slow})
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
