"""`make serve` previews a status change the way it previews a page: the rules, their texts and status.toml are
watched, and a rebuild reads them afresh (scripts/hooks/engine_fresh.py)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

from .test_generated_tables import copy_repo


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.read().decode("utf-8")


def wait_for(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except OSError:
            value = None
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"no {what} within {seconds} s")


def test_a_status_change_shows_in_the_preview(tmp_path):
    copy_repo(tmp_path)
    port = free_port()
    url = f"http://127.0.0.1:{port}/measures/online-approval/"
    serve = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                             cwd=tmp_path, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # As shipped the page's one banner says the measure is not confirmed by this site, and no status line.
        banner = re.compile(r'data-currency="(\w+)"')
        first = wait_for(lambda: fetch(url), 240, "first build")
        assert banner.search(first)[1] == "unconfirmed" and 'data-measure-status="online"' not in first
        # The agency confirms measure 2: in force, checked on a day.
        status = tmp_path / "wizard" / "eligibility" / "status.toml"
        text = status.read_text(encoding="utf-8")
        start = text.index("[measures.online]")
        part = text[start:].replace('status = "unconfirmed"', 'status = "in_force"', 1)
        part = part.replace('checked = ""', 'checked = "2026-11-20"', 1)
        status.write_text(text[:start] + part, encoding="utf-8")
        page = wait_for(lambda: (html := fetch(url)) and 'data-state="in_force"' in html and html, 240, "rebuild")
        assert banner.search(page)[1] == "confirmed" and "last checked 2026-11-20" in page
    finally:
        serve.terminate()
        serve.wait(timeout=30)
