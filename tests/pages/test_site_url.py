"""The public address: a build with SITE_URL carries it everywhere; one without it says so in one line.

The session build (tests/conftest.py) has no SITE_URL; this module builds the site once more, strictly, with
SITE_URL set into a temporary folder, and serves that build at that very address (nginx on 127.0.0.1 and a
free port other than the preview's 8000), as production serves a build at its public address.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .htmlscan import read_page
from .test_site import LANG_PREFIX, PAGES, html_file

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import nginx_run  # noqa: E402

PREVIEW = "http://127.0.0.1:8000/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def public_address() -> str:
    port = nginx_run.free_port()
    while port == 8000:
        port = nginx_run.free_port()
    return f"http://127.0.0.1:{port}/"


PUBLIC = public_address()


@pytest.fixture(scope="module")
def public_build(tmp_path_factory) -> tuple[Path, str]:
    site = tmp_path_factory.mktemp("public-site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=PUBLIC)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log
    return site, log


@pytest.fixture(scope="module")
def public_server(public_build):
    site, _ = public_build
    with nginx_run.Server(site, port=int(PUBLIC.rsplit(":", 1)[1].rstrip("/"))) as server:
        assert server.url + "/" == PUBLIC
        yield server


def test_a_build_without_site_url_says_so_in_one_line(build_output):
    _, log = build_output
    lines = [line for line in log.splitlines() if "SITE_URL" in line]
    assert len(lines) == 1, lines
    (line,) = lines
    assert line.startswith("INFO ")  # not a warning: a preview build is not an error, and --strict stays quiet
    for words in ("feeds, sitemap and canonical links", f"preview address {PREVIEW}",
                  "SITE_URL=https://<public address>/ make build"):
        assert words in line, line


def test_a_build_with_site_url_does_not_say_it(public_build):
    _, log = public_build
    assert "SITE_URL" not in log
    assert not re.search(r"^(WARNING|ERROR)\b", log, re.M), log


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_has_absolute_canonical_and_alternates_with_x_default(public_build, lang):
    site, _ = public_build
    for url in PAGES:
        path = html_file(site, lang, url)
        html = path.read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{PUBLIC}{LANG_PREFIX[lang]}{url}">' in html, path
        alternates = {a["hreflang"]: a["href"] for a in read_page(path).alternates}
        assert alternates == {"en": PUBLIC + url, "zh": PUBLIC + "zh/" + url, "x-default": PUBLIC + url}, path


def test_the_sitemap_lists_every_page_at_the_public_address(public_build):
    site, _ = public_build
    locations = [loc.text for loc in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    assert sorted(locations) == sorted(PUBLIC + prefix + url for prefix in ("", "zh/") for url in PAGES)


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_the_feeds_point_at_the_public_address(public_build, prefix):
    site, _ = public_build
    for name in ("feed_rss_created.xml", "feed_rss_updated.xml"):
        channel = ET.parse(site / prefix / name).getroot().find("channel")
        assert channel.findtext("link") == PUBLIC + prefix
        links = [item.findtext("link") for item in channel.iter("item")]
        assert links and all(link.startswith(PUBLIC + prefix) for link in links), links
    for name in ("feed_json_created.json", "feed_json_updated.json"):
        feed = json.loads((site / prefix / name).read_text(encoding="utf-8"))
        assert feed["home_page_url"] == PUBLIC + prefix
        assert feed["feed_url"].startswith(PUBLIC + prefix)
        assert feed["items"] and all(item["url"].startswith(PUBLIC + prefix) for item in feed["items"])


def test_no_page_feed_or_script_names_the_preview_address(public_build):
    site, _ = public_build
    texts = [p for p in site.rglob("*") if p.suffix in (".html", ".xml", ".json", ".js", ".css", ".txt", ".xsl")]
    assert len(texts) > 50
    assert [p for p in texts if PREVIEW.rstrip("/") in p.read_text(encoding="utf-8")] == []


def test_served_at_its_address_the_pages_make_no_failed_or_foreign_request(public_server, page):
    """Material's script fetches sitemap.xml beside every <link rel="alternate">: with absolute alternates,
    on the site's own origin, every such request is answered, and none breaks the Content-Security-Policy
    (tests/conftest.py fails the test on any violation). The language switch still leads to the same page."""
    requests, failed = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    page.goto(PUBLIC + "measures/chip-update/")
    page.wait_for_load_state("networkidle")
    page.click(".md-header__option .md-select button")
    page.click(".md-select__link[hreflang=zh]")
    page.wait_for_url(PUBLIC + "zh/measures/chip-update/")
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("/measures/chip-update/sitemap.xml") for url in requests), requests
    assert failed == []
    assert all(url.startswith(PUBLIC) for url in requests if url.startswith("http")), requests
