"""Shared fixtures: the built site, served by a real nginx with the shipped configuration, and real Chromium.

Every browser context records Content-Security-Policy violations (`securitypolicyviolation` events, on every
page it opens); a test during which any happened fails.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import nginx_run  # noqa: E402  (runs deploy/nginx.conf, as `make serve-nginx` does)

from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (Debian’s Chromium, kept off the network)


@pytest.fixture(scope="session")
def build_output(tmp_path_factory) -> tuple[Path, str]:
    """Build the site once, strictly, into a temporary folder; return (folder, build log)."""
    site = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)  # the preview address, whatever the shell sets (tests/pages/test_site_url.py sets one)
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log
    return site, log


@pytest.fixture(scope="session")
def site_dir(build_output) -> Path:
    return build_output[0]


@pytest.fixture(scope="session")
def nginx(site_dir):
    """Debian's nginx on 127.0.0.1 with the shipped configuration (deploy/nginx.conf, deploy/site.conf)."""
    with nginx_run.Server(site_dir) as server:
        yield server


@pytest.fixture(scope="session")
def base_url(nginx) -> str:
    """The built site, as production serves it: headers, precompressed files, 404 pages, the CSP."""
    return nginx.url


@pytest.fixture(scope="session")
def python_server():
    """serve(folder, handler=SimpleHTTPRequestHandler) -> address: Python's own static server for a folder, in a
    thread, for what the shipped nginx cannot do in a test (a site built apart, a page sent in pieces). Quiet;
    stopped at the end of the session."""
    servers = []

    def serve(folder: Path, handler=http.server.SimpleHTTPRequestHandler) -> str:
        quiet = type("Quiet" + handler.__name__, (handler,), {"log_message": lambda self, *args: None})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(quiet, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield serve
    for server in servers:
        server.shutdown()


# Runs before any script of every page: keeps each violation in window.__cspViolations and reports it to
# the test, so none is lost when the page navigates away.
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const v = {page: location.href, directive: e.effectiveDirective, blocked: e.blockedURI,
             source: e.sourceFile, line: e.lineNumber, sample: e.sample};
  window.__cspViolations.push(v);
  if (typeof window.__reportCspViolation === "function") window.__reportCspViolation(v);
});
"""
_csp_violations: list[dict] = []


class RecordingBrowser:
    """Playwright's Browser whose every new context records the CSP violations of its pages."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        context.expose_binding("__reportCspViolation", lambda source, v: _csp_violations.append(v))
        context.add_init_script(CSP_RECORDER)
        return context

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield RecordingBrowser(browser)
        browser.close()


@pytest.fixture(autouse=True)
def no_csp_violation():
    """No test may see a page break the Content-Security-Policy."""
    _csp_violations.clear()
    yield _csp_violations
    violations = list(_csp_violations)
    _csp_violations.clear()
    assert not violations, f"Content-Security-Policy violations: {violations}"


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
