"""Slow clients cannot starve the shipped nginx configuration (deploy/nginx.conf, deploy/site.conf).

Each test runs its own nginx over the test build (not the session's server other tests share), on 127.0.0.1,
and opens a bounded number of loopback connections. A second client address is 127.0.0.2: Linux routes all
of 127.0.0.0/8 to the loopback interface, so a client bound to it reaches 127.0.0.1 as another visitor would.
Timings are for `make bench` (scripts/bench_nginx.py); here only what is served and what is refused.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import nginx_run  # noqa: E402
import slow_clients  # noqa: E402

# The attack that took the site down: 2,100 connections sending headers slowly filled Debian's 1024
# worker_connections ("1024 worker_connections are not enough"); 2 cores ran two such workers, 2,048 slots.
PARTIAL_CONNECTIONS = 2100
# site.conf sets client_header_timeout 5s; nginx's default, 60 s, would not drop them within this.
HEADER_DEADLINE_SECONDS = 30


@pytest.fixture
def server(site_dir):
    slow_clients.allow_open_files(PARTIAL_CONNECTIONS + 500)
    with nginx_run.Server(site_dir, access_log=True) as running:
        yield running


def runtime_wasm(site: Path) -> str:
    (version,) = [p.name for p in (site / "assets" / "pyodide").iterdir()]
    return f"/assets/pyodide/{version}/pyodide.asm.wasm"


def test_the_configuration_sets_the_slow_client_limits():
    assert slow_clients.configured("client_header_timeout") == "5s"
    assert slow_clients.configured("client_body_timeout") == "10s"
    assert slow_clients.configured("send_timeout") == "30s"
    assert slow_clients.configured("keepalive_timeout") == "15s"
    assert slow_clients.per_address_limit() == 100
    nginx_conf = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert "limit_conn_zone $binary_remote_addr zone=site_per_address:10m;" in nginx_conf
    assert "worker_connections 16384;" in nginx_conf and "worker_rlimit_nofile 32768;" in nginx_conf


def test_half_sent_headers_from_one_address_do_not_starve_another_client(server):
    partial = slow_clients.open_partial(server.port, PARTIAL_CONNECTIONS)
    try:
        # Every one of them holds a connection, and still both addresses are served, a page and a file.
        assert slow_clients.status_from(server.port, "/", address="127.0.0.2") == 200
        assert slow_clients.status_from(server.port, "/zh/wizard/", address="127.0.0.2") == 200
        assert slow_clients.status_from(server.port, "/", address="127.0.0.1") == 200
        assert "worker_connections are not enough" not in server.errors()
        # nginx gives their slots back after client_header_timeout, without any answer.
        still_open = slow_clients.wait_closed(partial, HEADER_DEADLINE_SECONDS)
        assert not still_open, f"{len(still_open)} half-sent requests still open after {HEADER_DEADLINE_SECONDS} s"
        assert slow_clients.status_from(server.port, "/", address="127.0.0.2") == 200
    finally:
        slow_clients.close_all(partial)


def test_one_address_holds_at_most_its_limit_of_requests_in_progress(server, site_dir):
    limit = slow_clients.per_address_limit()
    extra = 10
    # Each asks for the uncompressed runtime (9.6 MB, more than the sockets' buffers hold) and stops reading:
    # the first `limit` are answered and stay in progress, the next are refused.
    readers, statuses = slow_clients.open_slow_readers(server.port, runtime_wasm(site_dir), limit + extra)
    try:
        assert statuses == [200] * limit + [429] * extra
        # That address is at its limit: its next request is refused too, at once (not left waiting)...
        assert slow_clients.status_from(server.port, "/", address="127.0.0.1") == 429
        # ...while another address is served as usual.
        assert slow_clients.status_from(server.port, "/", address="127.0.0.2") == 200
        assert slow_clients.status_from(server.port, runtime_wasm(site_dir), address="127.0.0.2") == 200
        # The refusals are in the access log (429, that address only); the error log, whose lines would carry the
        # request's address, does not get them (limit_conn_log_level info: see test_logs.py).
        refused = [line for line in server.access_lines() if '" 429 ' in line]
        assert refused and all(line.startswith("127.0.0.1 ") for line in refused), refused
        assert "limiting connections" not in server.errors()
    finally:
        slow_clients.close_all(readers)
    # Once they are gone the address is served again (nginx notices the closed sockets on its next write).
    status = None
    for _ in range(100):
        status = slow_clients.status_from(server.port, "/", address="127.0.0.1")
        if status == 200:
            break
        time.sleep(0.1)
    assert status == 200
