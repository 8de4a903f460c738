"""MkDocs hook: the wizard's service worker, `sw.js` at the site's root, generated once every language is built.

It lists what the wizard needs with no network, read from the build itself:
- the wizard page in each language (`wizard/`, `zh/wizard/`);
- every style sheet, script and icon those pages link to, the wizard's own scripts (`assets/wizard/<hash>/`), and
  what the theme loads on them (its search worker and index, the search languages, the sitemaps its
  language switch reads);
- the Pyodide runtime (`assets/pyodide/<version>/`) and the engine wheel (`assets/engine/<hash>/`);
- and, once visited, the wizard's questions and results as plain pages (`wizard/<answers>/`).
The cache's name is the hash of the worker's template and of every listed file: any change, a new cache.
The front end's `offline.js` registers the worker on the wizard page once the engine has loaded.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

import jinja2
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "scripts" / "templates" / "sw.js.j2"
CACHE_PREFIX = "wizard-offline-"
# The pages that run the engine: the wizard and the employer roster check, in both languages.
WIZARD_PAGES = ("wizard/", "zh/wizard/", "roster/", "zh/roster/")
LINKED = re.compile(r"""<(?:link|script)\b[^>]*?\b(?:href|src)="([^"]+)"[^>]*>""", re.I)
LINK_REL = re.compile(r"""\brel="([^"]+)\"""", re.I)
CONFIG = re.compile(r"""<script id="__config" type="application/json">(.*?)</script>""", re.S)
# Material's hashed bundles (`bundle.a5f9d56c.min.js`) and the site's own (`site.2a6b8e44.css`, scripts/hooks/
# fingerprint.py): the same address never holds other bytes.
HASHED_BUNDLE = re.compile(r"^assets/(javascripts|stylesheets)/.+\.[0-9a-f]{8}(\.min)?\.(js|css)$")


def _site_path(site: Path, page_url: str, ref: str) -> str | None:
    """A reference in a page, as a path relative to the site's root, if it is a file of the site."""
    parts = urlsplit(urljoin(f"http://site/{page_url}", ref))
    if parts.netloc != "site":
        return None
    path = parts.path.lstrip("/")
    return path if (site / path).is_file() else None


def page_assets(site: Path, page_url: str) -> set[str]:
    html = (site / page_url / "index.html").read_text(encoding="utf-8")
    found = set()
    for match in LINKED.finditer(html):
        tag = match.group(0)
        if tag.lower().startswith("<link"):
            rel = LINK_REL.search(tag)
            if not rel or not {"stylesheet", "icon", "modulepreload"} & set(rel.group(1).lower().split()):
                continue
        path = _site_path(site, page_url, match.group(1))
        if path:
            found.add(path)
    # What Material's script loads from its configuration: the search worker, its index, the search
    # languages (lunr's stemmers and, for Chinese, its segmenter).
    config = json.loads(CONFIG.search(html).group(1))
    search = _site_path(site, page_url, config["search"])
    if search:
        found.add(search)
        # The index of the page's language, under its base (scripts/hooks/search_i18n.py: one per language).
        index = _site_path(site, page_url, config["base"].rstrip("/") + "/search/search_index.json")
        if index:
            found.add(index)
    return found


def search_languages(site: Path) -> set[str]:
    """lunr's files the search worker imports for the languages of the index."""
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return set()
    langs = json.loads(index.read_text(encoding="utf-8")).get("config", {}).get("lang", [])
    lunr = site / "assets" / "javascripts" / "lunr"
    names = {"min/lunr.stemmer.support.min.js", "min/lunr.multi.min.js"} if len(langs) > 1 else set()
    names |= {f"min/lunr.{lang}.min.js" for lang in langs if lang != "en"}
    if "zh" in langs:
        names.add("min/lunr.zh.min.js")
    if "ja" in langs:
        names.add("tinyseg.js")
    if "th" in langs:
        names.add("wordcut.js")
    return {f"assets/javascripts/lunr/{n}" for n in names if (lunr / n).is_file()}


def precache(site: Path, config) -> dict[str, list[str]]:
    wizard = config.extra["wizard"]
    runtime = wizard["runtime"]
    versioned = {str(p.relative_to(site).as_posix()) for p in (site / runtime).iterdir()
                 if p.is_file() and p.suffix not in {".br", ".gz"}}
    # The engine's folder: its lock file and wheel are kept at once; the wheels only the roster's workbooks load
    # (openpyxl, et_xmlfile) once they have been used: the wizard's visitors never download them.
    engine_dir = wizard["engine"].rsplit("/", 1)[0] + "/"
    versioned |= {wizard["engine"], engine_dir + "pyodide-lock.json"}
    on_use = {str(p.relative_to(site).as_posix()) for p in (site / engine_dir).iterdir()
              if p.is_file() and p.suffix == ".whl"} - versioned
    # The wizard's front end (scripts, the engine's worker, style sheet): at its files' hash, as the runtime is.
    frontend = wizard["frontend"]
    versioned |= {f"{frontend}{p.name}" for p in (site / frontend).iterdir() if p.suffix in {".js", ".css"}}
    fresh = set().union(*(page_assets(site, page) for page in WIZARD_PAGES))
    fresh |= search_languages(site)
    # Material reads the sitemap of the language root and of each alternate page (its language switch).
    for page in WIZARD_PAGES:
        for folder in (page, "zh/" if page.startswith("zh/") else ""):
            if (site / folder / "sitemap.xml").is_file():
                fresh.add(f"{folder}sitemap.xml")
    versioned |= {p for p in fresh if HASHED_BUNDLE.match(p)}
    fresh -= versioned
    return {"pages": list(WIZARD_PAGES), "versioned": sorted(versioned), "fresh": sorted(fresh),
            "on_use": sorted(on_use)}


# The folders of the wizard's plain pages, one per language (scripts/hooks/answer_pages.py): kept once visited.
ANSWER_PAGES = ("wizard/", "zh/wizard/")


def cache_name(site: Path, template: str, lists: dict[str, list[str]]) -> str:
    digest = hashlib.sha256(template.encode("utf-8"))
    for path in sorted({p for paths in lists.values() for p in paths}):
        file = site / path / "index.html" if path.endswith("/") else site / path
        digest.update(path.encode("utf-8") + b"\0" + hashlib.sha256(file.read_bytes()).digest())
    return CACHE_PREFIX + digest.hexdigest()[:16]


def render(site: Path, config) -> str:
    template = TEMPLATE.read_text(encoding="utf-8")
    lists = precache(site, config)
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return env.from_string(template).render(cache=cache_name(site, template, lists), prefix=CACHE_PREFIX,
                                            answer_pages=list(ANSWER_PAGES), **lists)


@event_priority(-150)  # after mkdocs-static-i18n has built every language (-100), before compression (-200)
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if getattr(i18n, "building", False):
        return  # a language built from inside mkdocs-static-i18n: the outermost build writes the worker
    site = Path(config.site_dir)
    (site / "sw.js").write_text(render(site, config), encoding="utf-8")
