"""The built site through the shipped nginx configuration: types, precompressed files, caching, headers, 404s.

`base_url` is Debian's nginx on 127.0.0.1 running deploy/nginx.conf and deploy/site.conf over the test build
(tests/conftest.py); the browser tests run against the same server.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import http.client
import re
import socket
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import pytest

from pages.test_site import PAGES

ROOT = Path(__file__).resolve().parents[2]
IMMUTABLE = "public, max-age=31536000, immutable"
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}


class Answer:
    def __init__(self, response: http.client.HTTPResponse):
        self.status = response.status
        self.headers = {k.lower(): v for k, v in response.getheaders()}
        self.body = response.read()

    def decoded(self) -> bytes:
        encoding = self.headers.get("content-encoding")
        if encoding == "br":
            return brotli.decompress(self.body)
        if encoding == "gzip":
            return gzip.decompress(self.body)
        assert encoding is None, encoding
        return self.body


def get(base_url: str, path: str, accept_encoding: str | None = None, method: str = "GET") -> Answer:
    """One request, as sent: no redirect followed, nothing decoded."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        headers = {"Accept-Encoding": accept_encoding} if accept_encoding else {}
        connection.request(method, path, headers=headers)
        return Answer(connection.getresponse())
    finally:
        connection.close()


def runtime_dir(site: Path) -> str:
    (version,) = [p.name for p in (site / "assets" / "pyodide").iterdir()]
    return f"/assets/pyodide/{version}/"


def engine_path(site: Path) -> str:
    (wheel,) = (site / "assets" / "engine").glob("*/eligibility-*.whl")
    return "/" + wheel.relative_to(site).as_posix()


def frontend_dir(site: Path) -> str:
    """The wizard's front end: scripts, the engine's worker, style sheet (assets/wizard/<hash of its files>/)."""
    (folder,) = [p.name for p in (site / "assets" / "wizard").iterdir()]
    return f"/assets/wizard/{folder}/"


# --- precompressed files and types ---------------------------------------------------------------------------

@pytest.mark.parametrize("accept, encoding", [
    (None, None), ("gzip", "gzip"), ("br", "br"), ("gzip, deflate, br, zstd", "br"), ("identity", None),
])
def test_the_runtime_is_application_wasm_in_every_encoding(base_url, site_dir, accept, encoding):
    path = runtime_dir(site_dir) + "pyodide.asm.wasm"
    answer = get(base_url, path, accept)
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/wasm"
    assert answer.headers.get("content-encoding") == encoding
    assert answer.headers["vary"] == "Accept-Encoding"
    assert answer.headers["cache-control"] == IMMUTABLE
    assert answer.decoded() == (site_dir / path.lstrip("/")).read_bytes()
    if encoding == "br":
        assert len(answer.body) < 0.35 * len(answer.decoded())  # about 2.7 MB for 9.6 MB


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("accept, encoding", [(None, None), ("gzip", "gzip"), ("gzip, br", "br")])
def test_pages_are_html_in_every_encoding_and_revalidated(base_url, site_dir, lang, accept, encoding):
    path = "/zh/wizard/" if lang == "zh" else "/wizard/"
    answer = get(base_url, path, accept)
    assert answer.status == 200
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    assert answer.headers.get("content-encoding") == encoding
    assert answer.headers["vary"] == "Accept-Encoding"
    assert answer.headers["cache-control"] == "no-cache"
    assert "etag" in answer.headers  # so the revalidation is a 304
    assert answer.decoded() == (site_dir / path.lstrip("/") / "index.html").read_bytes()


def test_a_revalidated_page_is_304(base_url):
    first = get(base_url, "/", "br")
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", "/", headers={"Accept-Encoding": "br", "If-None-Match": first.headers["etag"]})
    assert connection.getresponse().status == 304
    connection.close()


@pytest.mark.parametrize("name, kind", [
    ("pyodide.mjs", "text/javascript"), ("pyodide.asm.mjs", "text/javascript"),
    ("python_stdlib.zip", "application/zip"),
])
def test_runtime_files_have_their_types(base_url, site_dir, name, kind):
    answer = get(base_url, runtime_dir(site_dir) + name, "br")
    assert answer.status == 200
    assert answer.headers["content-type"].split(";")[0] == kind
    assert answer.headers["cache-control"] == IMMUTABLE


def test_the_engines_lock_file_and_wheels_are_immutable(base_url, site_dir):
    """The site's pyodide-lock.json and the wheels it lists, in the engine's folder (at the lock file's hash)."""
    folder = engine_path(site_dir).rsplit("/", 1)[0] + "/"
    for name, kind in (("pyodide-lock.json", "application/json"), ("openpyxl-3.1.5-py2.py3-none-any.whl",
                                                                    "application/zip")):
        answer = get(base_url, folder + name, "br")
        assert answer.status == 200, name
        assert answer.headers["content-type"].split(";")[0] == kind
        assert answer.headers["cache-control"] == IMMUTABLE


def test_small_or_incompressible_files_are_sent_as_they_are(base_url, site_dir):
    # An image is compressed already: the build makes no variant of it, nginx sends the file.
    answer = get(base_url, "/assets/images/favicon.png", "gzip, br")
    assert answer.status == 200 and answer.headers.get("content-encoding") is None
    assert not list(site_dir.rglob("*.png.br")) and not list(site_dir.rglob("*.png.gz"))


def test_the_engine_wheel_is_stored_and_sent_with_brotli(base_url, site_dir):
    # Its files stored, not deflated (scripts/hooks/wizard.py): brotli compresses the wheel as a whole, and the
    # browser checks the lock file's sha256 against the decoded wheel, the file itself.
    path = engine_path(site_dir)
    with zipfile.ZipFile(site_dir / path.lstrip("/")) as wheel:
        assert {item.compress_type for item in wheel.infolist()} == {zipfile.ZIP_STORED}
    answer = get(base_url, path, "gzip, deflate, br, zstd")
    assert answer.headers.get("content-encoding") == "br"
    assert answer.decoded() == (site_dir / path.lstrip("/")).read_bytes()
    assert len(answer.body) < 0.35 * len(answer.decoded())


def test_the_standard_library_is_a_stored_zip_sent_with_brotli(base_url, site_dir):
    # A stored zip (scripts/hooks/wizard.py), so that brotli has the files themselves to compress.
    path = runtime_dir(site_dir) + "python_stdlib.zip"
    answer = get(base_url, path, "gzip, deflate, br, zstd")
    assert answer.headers.get("content-encoding") == "br"
    assert answer.decoded() == (site_dir / path.lstrip("/")).read_bytes()
    assert len(answer.body) < 0.25 * len(answer.decoded())
    assert get(base_url, path, "gzip").headers.get("content-encoding") == "gzip"


def test_every_precompressed_file_holds_its_file(site_dir):
    variants = list(site_dir.rglob("*.br")) + [p for p in site_dir.rglob("*.gz")]
    assert len(variants) > 50
    for variant in variants:
        original = variant.with_suffix("")
        data = brotli.decompress(variant.read_bytes()) if variant.suffix == ".br" else gzip.decompress(
            variant.read_bytes())
        assert data == original.read_bytes(), variant
    # Every page, style sheet and script the visitor loads has both.
    for name in ("index.html", "zh/wizard/index.html", frontend_dir(site_dir)[1:] + "wizard.js", "sw.js"):
        assert (site_dir / f"{name}.br").is_file() and (site_dir / f"{name}.gz").is_file(), name


# --- caching ---------------------------------------------------------------------------------------------

def material_bundles(site: Path) -> list[str]:
    found = [p for p in site.glob("assets/*/*.min.*") if re.search(r"\.[0-9a-f]{8}\.min\.(js|css)$", p.name)]
    found += list(site.glob("assets/javascripts/workers/*.min.js"))
    assert len(found) >= 4
    return ["/" + p.relative_to(site).as_posix() for p in found]


def test_versioned_addresses_are_cached_for_a_year_and_immutable(base_url, site_dir):
    paths = [runtime_dir(site_dir) + n for n in ("pyodide.mjs", "pyodide.asm.wasm", "python_stdlib.zip")]
    paths += [engine_path(site_dir)] + material_bundles(site_dir)
    # The wizard's front end, the engine's worker included: on a return visit, no round trip before either.
    paths += [frontend_dir(site_dir) + n for n in ("wizard.js", "engine.js", "worker.js", "roster.js", "wizard.css")]
    for path in paths:
        answer = get(base_url, path, "br", method="HEAD")
        assert answer.status == 200, path
        assert answer.headers["cache-control"] == IMMUTABLE, path


def test_the_front_ends_folder_is_named_after_its_files(site_dir):
    """Immutable is only true if another file can never be served at the same address: the folder's name is
    the hash of its files (wizard/frontend/, all but start.js, which is inlined into the pages)."""
    folder = site_dir / frontend_dir(site_dir).lstrip("/")
    served = {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix in {".js", ".css"}}
    source = {p.name: p.read_bytes() for p in sorted((ROOT / "wizard" / "frontend").iterdir()) if p.name != "start.js"}
    assert served == source
    digest = hashlib.sha256()
    for name in sorted(source):
        digest.update(name.encode() + b"\0" + hashlib.sha256(source[name]).digest())
    assert folder.name == digest.hexdigest()[:16]


def site_own_files(site: Path) -> dict[str, Path]:
    """The site's own style sheet and script as served (scripts/hooks/fingerprint.py), by their source in docs/."""
    found = {"stylesheets/site.css": list(site.glob("assets/stylesheets/site.*.css")),
             "javascripts/accessibility.js": list(site.glob("assets/javascripts/accessibility.*.js"))}
    assert all(len(paths) == 1 for paths in found.values()), found
    return {source: paths[0] for source, paths in found.items()}


def test_the_sites_own_style_sheet_and_script_are_named_after_their_bytes(site_dir):
    """Immutable is only true if another file can never be served at the same address."""
    for source, served in site_own_files(site_dir).items():
        data = (ROOT / "docs" / source).read_bytes()
        assert served.read_bytes() == data
        assert served.name.split(".")[1] == hashlib.sha256(data).hexdigest()[:8]
        assert not (site_dir / source).exists()  # no second, unversioned address
    page = (site_dir / "zh" / "wizard" / "index.html").read_text(encoding="utf-8")
    for served in site_own_files(site_dir).values():
        assert f'"../../{served.relative_to(site_dir).as_posix()}"' in page


def test_the_sites_own_style_sheet_and_script_are_immutable(base_url, site_dir):
    """site.css blocks the first paint of every page: a return visit must not wait for a round trip about it."""
    for served in site_own_files(site_dir).values():
        answer = get(base_url, "/" + served.relative_to(site_dir).as_posix(), "br", method="HEAD")
        assert answer.status == 200, served
        assert answer.headers["cache-control"] == IMMUTABLE, served


def test_unversioned_files_are_revalidated(base_url):
    for path in ("/", "/zh/", "/sw.js", "/search/search_index.json", "/sitemap.xml",
                 "/assets/javascripts/lunr/min/lunr.zh.min.js"):
        answer = get(base_url, path, "br", method="HEAD")
        assert answer.status == 200, path
        assert answer.headers["cache-control"] == "no-cache", path


def test_the_engine_wheel_is_served_as_built(base_url, site_dir):
    path = engine_path(site_dir)
    answer = get(base_url, path, "gzip, br")
    assert answer.headers["content-type"] == "application/zip"
    assert answer.decoded() == (site_dir / path.lstrip("/")).read_bytes()


# --- the Content-Security-Policy and the other headers ------------------------------------------------------

class InlineScripts(HTMLParser):
    """Inline scripts a browser runs (not JSON data blocks), read by an HTML parser: a second opinion."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.bodies: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs and attrs.get("type", "") in ("", "text/javascript", "module"):
            self._current = []

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._current is not None:
            self.bodies.append("".join(self._current))
            self._current = None


def expected_script_hashes(site: Path) -> set[str]:
    hashes = set()
    for page in site.rglob("*.html"):
        parser = InlineScripts()
        parser.feed(page.read_text(encoding="utf-8"))
        for body in parser.bodies:
            hashes.add("'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'")
    return hashes


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        assert name not in parsed, f"{name} twice"
        parsed[name] = values
    return parsed


def test_the_policy_is_exactly_the_one_required(base_url, site_dir):
    policy = directives(get(base_url, "/wizard/").headers["content-security-policy"])
    assert policy["default-src"] == ["'self'"]
    script = policy["script-src"]
    assert script[:2] == ["'self'", "'wasm-unsafe-eval'"]
    # Exactly the inline scripts Material put in the pages, by hash: no 'unsafe-inline', no 'unsafe-eval'.
    assert set(script[2:]) == expected_script_hashes(site_dir)
    assert len(script[2:]) >= 3
    assert all(s.startswith("'sha256-") for s in script[2:])
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    everything = " ".join(v for values in policy.values() for v in values)
    assert "'unsafe-eval'" not in everything and "'unsafe-inline'" not in everything
    assert "*" not in everything and "http" not in everything and "blob:" not in everything
    # Nothing is loaded from anywhere but the site (img-src data: is Material's icons, in its CSS).
    assert {name: values for name, values in policy.items() if name not in ("script-src", "style-src")} == {
        "default-src": ["'self'"], "img-src": ["'self'", "data:"], "object-src": ["'none'"],
        "base-uri": ["'self'"], "form-action": ["'self'"], "frame-ancestors": ["'none'"],
    }


@pytest.mark.parametrize("path", ["/", "/zh/wizard/", "FRONTEND/worker.js", "/sw.js", "/no-such-page/",
                                  "/zh/no-such-page/", "/.nginx-csp.conf", "/wizard"])
def test_every_answer_carries_the_security_headers(base_url, site_dir, path):
    path = path.replace("FRONTEND/", frontend_dir(site_dir))
    answer = get(base_url, path, "br")
    for name, value in SECURITY_HEADERS.items():
        assert answer.headers.get(name) == value, (path, name)
    assert answer.headers["content-security-policy"] == get(base_url, "/").headers["content-security-policy"]
    assert answer.headers.get("server") == "nginx"  # no version


def raw(base_url: str, request: bytes) -> Answer | None:
    """Bytes sent as they are (requests http.client would not send): the answer's status and headers."""
    parts = urlsplit(base_url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(request)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    answer = Answer.__new__(Answer)
    answer.status = int(head[0].split()[1])
    answer.headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in head[1:] if ":" in line)}
    answer.body = b""
    return answer


# Requests nginx cannot read (answered before any `set` of site.conf runs) and other errors.
ERRORS = {
    "a request line that is none": (b"GARBAGE\r\n\r\n", 400),
    "no Host": (b"GET / HTTP/1.1\r\n\r\n", 400),
    "a broken header": (b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n", 400),
    "headers too large": (b"GET / HTTP/1.1\r\nHost: x\r\nX: " + b"a" * 20000 + b"\r\n\r\n", 400),
    "an address too long": (b"GET /" + b"a" * 10000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    "an unknown transfer encoding": (b"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: foo\r\n\r\n", 501),
    "a post": (b"POST /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", 405),
    "a missing page": (b"GET /no-such-page/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 404),
    "a range past the end": (b"GET /index.html HTTP/1.1\r\nHost: x\r\nRange: bytes=99999999-\r\n"
                             b"Connection: close\r\n\r\n", 416),
}


@pytest.mark.parametrize("name", list(ERRORS))
def test_error_answers_carry_cache_control_and_the_headers(base_url, name):
    request, status = ERRORS[name]
    answer = raw(base_url, request)
    assert answer.status == status
    assert answer.headers.get("cache-control") == "no-cache", answer.headers
    for header, value in SECURITY_HEADERS.items():
        assert answer.headers.get(header) == value, (name, header)


def test_nothing_the_site_serves_can_be_embedded_by_another_site_or_keep_its_window(base_url, site_dir):
    for path in ["/", "/zh/wizard/", runtime_dir(site_dir) + "pyodide.asm.wasm", engine_path(site_dir)]:
        answer = get(base_url, path, "br")
        assert answer.headers["cross-origin-resource-policy"] == "same-origin", path
        assert answer.headers["cross-origin-opener-policy"] == "same-origin", path


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_answers_200_with_the_policy(base_url, lang):
    prefix = "/zh/" if lang == "zh" else "/"
    for url in PAGES:
        answer = get(base_url, prefix + url, "br", method="HEAD")
        assert answer.status == 200, url
        assert "content-security-policy" in answer.headers, url


# --- 404s, dot files, redirects ---------------------------------------------------------------------------

@pytest.mark.parametrize("path, lang, heading", [
    ("/no-such-page/", "en", "404: page not found"),
    ("/measures/no-such-measure/", "en", "404: page not found"),
    ("/assets/pyodide/0.0.0/pyodide.mjs", "en", "404: page not found"),
    ("/zh/no-such-page/", "zh", "404：找不到此页面"),
    ("/zh/measures/no-such-measure/", "zh", "404：找不到此页面"),
])
def test_a_missing_page_is_a_404_in_the_language_of_its_address(base_url, path, lang, heading):
    answer = get(base_url, path, "br")
    assert answer.status == 404
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    assert answer.headers["cache-control"] == "no-cache"
    html = answer.decoded().decode("utf-8")
    assert f'<html lang="{lang}"' in html
    assert heading in html
    home = "/zh/" if lang == "zh" else "/"
    assert f'href="{home}"' in html and f'href="{home}wizard/"' in html


def test_the_build_writes_one_404_page_per_language(site_dir):
    assert '<html lang="en"' in (site_dir / "404.html").read_text(encoding="utf-8")
    zh = (site_dir / "zh" / "404.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in zh
    # Its language switch leads to the other language's home page, not to some page built before it.
    assert re.search(r'<a href="/" hreflang="en" class="md-select__link"', zh)


@pytest.fixture
def planted(site_dir):
    """Files a server may hold beside the build: an ACME token, a repository, a hidden file under
    /.well-known/ (removed again after the test)."""
    files = {
        ".well-known/acme-challenge/Xy7-token_0": "Xy7-token_0.account-thumbprint",
        ".well-known/security.txt": "Contact: mailto:security@example.org\n",
        ".well-known/.htpasswd": "admin:secret\n",
        ".well-known/acme-challenge/.secret": "secret\n",
        ".git/config": "[core]\n\trepositoryformatversion = 0\n",
        ".git/HEAD": "ref: refs/heads/main\n",
        "zh/.hidden": "secret\n",
        "assets/.anything": "secret\n",
    }
    for name, text in files.items():
        (site_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / name).write_text(text, encoding="utf-8")
    yield files
    for name in files:
        (site_dir / name).unlink()
    for folder in (".well-known/acme-challenge", ".well-known", ".git"):
        (site_dir / folder).rmdir()


@pytest.mark.parametrize("path", ["/.nginx-csp.conf", "/.git/config", "/.git/HEAD", "/.git/", "/.git",
                                  "/zh/.hidden", "/assets/.anything", "/.well-known/.htpasswd",
                                  "/.well-known/acme-challenge/.secret"])
def test_dot_files_are_not_served(base_url, site_dir, planted, path):
    answer = get(base_url, path)
    assert answer.status == 404
    assert "404: page not found" in answer.decoded().decode("utf-8") or path.startswith("/zh/")
    assert b"add_header" not in answer.body and b"secret" not in answer.body and b"refs/" not in answer.body


@pytest.mark.parametrize("path", ["/.well-known/acme-challenge/Xy7-token_0", "/.well-known/security.txt"])
def test_well_known_files_are_served_for_certificate_renewal(base_url, planted, path):
    answer = get(base_url, path)
    assert answer.status == 200
    assert answer.body.decode("utf-8") == planted[path.lstrip("/")]
    for name, value in SECURITY_HEADERS.items():
        assert answer.headers.get(name) == value, name


def test_a_missing_well_known_file_is_the_404_page(base_url, planted):
    answer = get(base_url, "/.well-known/acme-challenge/no-such-token")
    assert answer.status == 404
    assert "404: page not found" in answer.decoded().decode("utf-8")


@pytest.mark.parametrize("path, heading", [
    ("/measures/", "404: page not found"), ("/assets/", "404: page not found"),
    ("/assets/wizard/", "404: page not found"), ("/search/", "404: page not found"),
    ("/zh/measures/", "404：找不到此页面"), ("/.well-known/", "404: page not found"),
])
def test_a_folder_without_an_index_page_is_the_404_page_not_a_403(base_url, site_dir, planted, path, heading):
    assert (site_dir / path.lstrip("/")).is_dir() and not (site_dir / path.lstrip("/") / "index.html").exists()
    answer = get(base_url, path, "br")
    assert answer.status == 404
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    html = answer.decoded().decode("utf-8")
    assert heading in html
    assert "403" not in html and "Forbidden" not in html


def test_a_folder_without_its_slash_redirects_on_the_same_host(base_url):
    answer = get(base_url, "/zh/wizard", method="HEAD")
    assert answer.status == 301
    assert answer.headers["location"] == "/zh/wizard/"


def test_the_browser_enforces_the_policy_and_the_tests_see_every_violation(page, base_url, no_csp_violation):
    """The policy is not just sent: Chromium refuses an injected inline script and eval, and the recorder
    every browser test runs with (tests/conftest.py) reports both."""
    page.goto(f"{base_url}/wizard/")
    # From a timer, as the page's own code would run (the test's evaluate() itself is exempt, like DevTools).
    page.evaluate("""() => setTimeout(() => {
      const script = document.createElement("script");
      script.textContent = "window.injected = true";
      document.head.append(script);
      try { eval("1"); window.evalOutcome = "eval ran"; } catch (error) { window.evalOutcome = error.name; }
    })""")
    page.wait_for_function("() => window.evalOutcome !== undefined")
    assert page.evaluate("() => window.evalOutcome") == "EvalError"
    assert page.evaluate("() => window.injected") is None
    page.wait_for_function("() => window.__cspViolations.length >= 2")
    for _ in range(50):
        if len(no_csp_violation) >= 2:
            break
        page.wait_for_timeout(100)
    assert sorted(v["directive"] for v in no_csp_violation) == ["script-src", "script-src-elem"]
    no_csp_violation.clear()  # expected here: this test's own violations are not a failure
