"""Links: every link to a page (`….md`) resolves to that page in the same language, and its #anchor to an id
there; an #anchor alone, to an id of its own page. Said at the link's line, before the build.

MkDocs says the rest while it builds (mkdocs.yml's `validation:`, fatal under --strict): absolute links,
links to anything but a .md file that is not there, and anchors in what the hooks add to pages."""

from __future__ import annotations

import difflib
import posixpath
import re
from urllib.parse import unquote, urlsplit

from .model import Problem, Site
from .page import Page

# A web address (scheme: or //host), an absolute path: MkDocs' validation, or no page of the site.
NOT_RELATIVE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/)")


def check(site: Site):
    for page in site.sorted_pages():
        for link in page.links:
            target = link.target.strip()
            if target and not NOT_RELATIVE.match(target):
                yield from check_link(site, page, link.line, target)


def check_link(site: Site, page: Page, line: int, target: str):
    parts = urlsplit(target)
    path, anchor = unquote(parts.path), unquote(parts.fragment)
    written = path + (f"#{anchor}" if parts.fragment else "")
    if not path:
        if anchor and not site.has_anchor(page, anchor):
            yield Problem(page.rel, line, f"link to #{anchor}: no such id in this page", anchor_hint(page, anchor))
        return
    if not path.endswith(".md"):
        return  # a file, or a page's address: MkDocs' validation (unrecognized_links, not_found)
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.rel), path))
    stem = _stem(site, resolved)
    target_page = site.pages.get((stem, page.lang))
    if target_page is None:
        yield missing_page(site, page, line, written, stem, resolved)
    elif anchor and not site.has_anchor(target_page, anchor):
        yield Problem(page.rel, line, f"link to {written}: {target_page.rel} has no id #{anchor}",
                      anchor_hint(target_page, anchor))


def _stem(site: Site, resolved: str) -> str | None:
    """The page a resolved docs/….md path names: no stem outside docs/, the language suffix dropped."""
    if not resolved.startswith("docs/"):
        return None
    stem = resolved[len("docs/"): -len(".md")]
    base, _, lang = stem.rpartition(".")
    return base if base and lang in site.langs else stem


def missing_page(site: Site, page: Page, line: int, written: str, stem: str | None, resolved: str) -> Problem:
    lang = page.lang
    if stem is not None and any((stem, other) in site.pages for other in site.langs):
        what = f"link to {written}: the page has no {site.lang_name(lang)} version ({site.page_file(stem, lang)})"
    else:
        what = f"link to {written}: no such page ({site.page_file(stem, lang) if stem else resolved})"
    return Problem(page.rel, line, what, page_hint(site, stem, lang))


def anchor_hint(page: Page, anchor: str) -> str:
    known = sorted(page.ids)
    close = difflib.get_close_matches(anchor, known, 1)
    if close:
        return f"did you mean #{close[0]}? (ids in {page.rel}: {', '.join(known)})"
    if known:
        return f"use one of the ids of {page.rel}: {', '.join(known)}"
    return f"add {{ #{anchor} }} to the section in {page.rel}, or link without the anchor"


def page_hint(site: Site, stem: str | None, lang: str) -> str:
    if stem is None:
        return "correct the link: it leads out of docs/"
    stems = sorted(other for (other, other_lang) in site.pages if other_lang == lang)
    close = difflib.get_close_matches(stem, stems, 1)
    if close:
        return f"did you mean {close[0]}.md?"
    return f"add {site.page_file(stem, lang)}, or correct the link"
