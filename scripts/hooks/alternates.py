"""MkDocs hook: keep per-page hreflang alternates without 404s in the browser console.

mkdocs-static-i18n points each page's `<link rel="alternate" hreflang>` at the same page in the other
language, which is what search engines want. Material's JavaScript, though, fetches `sitemap.xml` next to
every alternate address, expecting language roots (upstream mkdocs-material#6582), so every page asked
for `<page>/sitemap.xml` and got a 404. An empty, valid sitemap in each page folder answers that request;
with no entry in it Material's language switch simply follows the alternate link, to the same page.
"""

from __future__ import annotations

from pathlib import Path

EMPTY_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
)

_page_dirs: list[str] = []


def on_pre_build(config):
    _page_dirs.clear()


def on_page_context(context, page, config, nav):
    if page.url:  # the language root already has MkDocs' own sitemap.xml
        _page_dirs.append(page.url)
    return context


def on_post_build(config):
    site = Path(config.site_dir)
    for url in _page_dirs:
        target = site / url / "sitemap.xml"
        if not target.exists():
            target.write_text(EMPTY_SITEMAP, encoding="utf-8")
