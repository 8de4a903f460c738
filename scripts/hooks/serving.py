"""MkDocs hook: what a production web server needs from the build, made once every language is built.

- A 404 page per language. mkdocs-static-i18n renders the theme's 404.html once per language into the same
  file, so the Chinese one used to overwrite the English one: the English page stays `404.html`, the Chinese
  one goes to `zh/404.html` (deploy/site.conf serves it for addresses under /zh/). Its language switch points
  at the two home pages, not at whatever page was built last.
- The Content-Security-Policy. Material for MkDocs puts small inline scripts in every page (`__md_scope`,
  the tabbed-content anchor fix, ...). Rather than allow inline script, the policy lists the sha256 of each
  one found in the built pages, exactly, and nothing else: `.nginx-csp.conf` in the site folder, an nginx
  `add_header` line that deploy/nginx.conf includes (deploy/site.conf keeps dot files from the public).
  `<script type="application/json">` blocks are data, never run: they need no hash.
- Links: every `<a href>` of every built page that stays on the site leads to a page or a file the build wrote
  (raw HTML in a page, `<a href="../nowhere/">`, is not checked by MkDocs' own validation): a warning per broken
  link, which fails the strict build. Not under `mkdocs serve`, which may build part of the site.
- Precompressed files: `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip -9) beside every text file, the
  WebAssembly runtime and the Python standard library (a stored zip: scripts/hooks/wizard.py leaves the
  compression to this step), for nginx's `brotli_static` and `gzip_static`. A variant is written only when it
  saves at least 5%. Results are cached by content in node_modules/.cache/site-compress/ (the Pyodide runtime
  takes about a minute at quality 11, and never changes between builds). Skipped under `mkdocs serve`.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import html as html_module
import logging
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from copy import deepcopy
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent))  # also when imported from elsewhere (scripts/bench_*)
from build_cache import write_atomically  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_LANGUAGE = "en"
CSP_FILE = ".nginx-csp.conf"

# The policy, apart from the hashes of the inline scripts and styles the build finds.
# 'wasm-unsafe-eval': WebAssembly.instantiate() for Pyodide, without allowing JavaScript eval. Run in Chromium,
# Pyodide in its module worker needs nothing more: no 'unsafe-eval', no blob: or data: script, and its fetches,
# imports and the worker itself are all 'self' (default-src covers connect-src and worker-src).
# img-src data:: Material's stylesheet draws its icons from data: SVG images.
CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

INLINE = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1\s*>", re.S | re.I)
TYPE_ATTR = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
SRC_ATTR = re.compile(r"\bsrc\s*=", re.I)
# Script types a browser runs; anything else (application/json, ...) is a data block.
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}

# .whl: the engine's wheel is stored uncompressed for this (scripts/hooks/wizard.py); deflated wheels (openpyxl's,
# as PyPI has them) save less than MIN_SAVING and are left as they are.
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".xsl", ".svg", ".txt", ".csv", ".map", ".wasm",
                ".zip", ".whl"}
MIN_SIZE = 256
MIN_SAVING = 0.05
BROTLI_QUALITY = 11
CACHE_DIR = ROOT / "node_modules" / ".cache" / "site-compress"

_command: str | None = None
log = logging.getLogger("mkdocs.hooks.serving")


def on_startup(command, dirty):
    global _command
    _command = command


def _language(config) -> str:
    return config.theme["language"]


# --- the 404 page, once per language ------------------------------------------------------------------------

def on_template_context(context, template_name, config):
    if template_name == "404.html":
        i18n = config.plugins.get("i18n")
        if i18n is not None and getattr(i18n, "extra_alternate", None):
            # The language switch of a page that has no address of its own: the two home pages.
            # As mkdocs-static-i18n sets it for each page: an attribute, which templates read before the item.
            config.extra.alternate = deepcopy(i18n.extra_alternate)
    return context


def on_post_template(output, template_name, config):
    if template_name == "404.html" and _language(config) != DEFAULT_LANGUAGE:
        target = Path(config.site_dir) / _language(config) / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output, encoding="utf-8")
        return ""  # MkDocs writes nothing for an empty template: the root 404.html stays English
    return output


# --- after the last language ---------------------------------------------------------------------------------

def last_build(config) -> bool:
    """True in the outermost build, once mkdocs-static-i18n has built every language."""
    i18n = config.plugins.get("i18n")
    return not getattr(i18n, "building", False)


@event_priority(-200)  # after mkdocs-static-i18n (-100), which builds the other languages in its on_post_build
def on_post_build(config):
    if not last_build(config):
        return
    site = Path(config.site_dir)
    write_csp(site)
    if _command != "serve":
        for problem in broken_links(site):
            log.warning(problem)
        compress_tree(site)


# --- links --------------------------------------------------------------------------------------------------

ANCHOR_HREF = re.compile(r"""<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
# What a page may hold that is not markup: its scripts' and styles' text, and comments.
NOT_MARKUP = re.compile(r"<!--.*?-->|<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)


def _exists(site: Path, path: str) -> bool:
    target = site / path
    if path == "" or path.endswith("/"):
        return (target / "index.html").is_file()
    return target.is_file() or (target.is_dir() and (target / "index.html").is_file())


def broken_links(site: Path) -> list[str]:
    """Each `<a href>` of a built page that leads to this site but to no page or file of the build, as
    "page: link to target: ..."; links to other sites, mailto: and the like are not the build's."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        base = f"http://site.invalid/{relative}"
        text = NOT_MARKUP.sub(" ", page.read_text(encoding="utf-8"))
        for match in ANCHOR_HREF.finditer(text):
            href = html_module.unescape(match.group(1) if match.group(1) is not None else match.group(2)).strip()
            if not href or href.startswith("#"):
                continue
            parts = urlsplit(urljoin(base, href))
            if parts.scheme != "http" or parts.netloc != "site.invalid":
                continue
            path = unquote(parts.path).lstrip("/")
            if ".." in path.split("/") or not _exists(site, path):
                problems.append(f"{relative}: link to {href!r} leads to no page or file of the site "
                                f"(/{path}): correct the address (a raw HTML link is relative to the page's own "
                                f"address, e.g. ../notice/ from a page's folder)")
    return problems


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inline_hashes(site: Path) -> dict[str, set[str]]:
    """The hash of every inline script and style element in the built pages, by element."""
    found: dict[str, set[str]] = {"script": set(), "style": set()}
    for path in sorted([*site.rglob("*.html"), *site.rglob("*.xsl")]):
        for tag, attrs, body in INLINE.findall(path.read_text(encoding="utf-8")):
            tag = tag.lower()
            if tag == "script":
                if SRC_ATTR.search(attrs):
                    continue
                kind = TYPE_ATTR.search(attrs)
                if (kind.group(1).lower() if kind else "") not in SCRIPT_TYPES:
                    continue
            found[tag].add(sha256_source(body))
    return found


def policy(site: Path) -> str:
    hashes = inline_hashes(site)
    directives = deepcopy(CSP)
    directives["script-src"] += sorted(hashes["script"])
    directives["style-src"] += sorted(hashes["style"])
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def write_csp(site: Path) -> None:
    value = policy(site)
    (site / CSP_FILE).write_text(
        "# Generated by scripts/hooks/serving.py for this build: the hashes are those of the inline scripts\n"
        "# Material puts in the pages. Include it in the server block (deploy/nginx.conf does); never serve it.\n"
        f'add_header Content-Security-Policy "{value}" always;\n',
        encoding="utf-8",
    )


# --- precompressed files -------------------------------------------------------------------------------------

def _cached(kind: str, data: bytes, make) -> bytes:
    key = hashlib.sha256(data).hexdigest()
    path = CACHE_DIR / f"{key}.{kind}"
    if path.is_file():
        return path.read_bytes()
    result = make(data)
    write_atomically(path, result)  # two files may hold the same bytes: one writer's name each
    return result


def _brotli(data: bytes) -> bytes:
    import brotli

    return brotli.compress(data, quality=BROTLI_QUALITY)


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def compress_file(path: Path) -> None:
    data = path.read_bytes()
    for kind, make in (("br", _brotli), ("gz", _gzip)):
        target = path.with_name(f"{path.name}.{kind}")
        packed = _cached(kind, data, make)
        if len(packed) <= len(data) * (1 - MIN_SAVING):
            target.write_bytes(packed)
        elif target.exists():
            target.unlink()


def compressible(site: Path) -> list[Path]:
    files = [p for p in site.rglob("*") if p.is_file() and p.suffix in COMPRESSIBLE
             and p.stat().st_size >= MIN_SIZE and not p.name.startswith(".")]
    # The biggest first, so that two cores finish together.
    return sorted(files, key=lambda p: p.stat().st_size, reverse=True)


def compress_tree(site: Path) -> None:
    # brotli and zlib release the GIL while they work: threads use every core.
    with ThreadPoolExecutor() as pool:
        list(pool.map(compress_file, compressible(site)))
