"""MkDocs hook: the public address (SITE_URL) everywhere it is needed, and one line when it is not set.

- `mkdocs build` (so `make build`) without SITE_URL says so in one line: the feeds, the sitemap and the
  canonical links then point at the preview address, and the line says how to set the public one.
  (`mkdocs serve` stays quiet: there the preview address is the right one.)
- Each page's `<link rel="alternate" hreflang>` (from mkdocs-static-i18n, through Material's `extra.alternate`)
  is relative, e.g. `../../zh/measures/chip-update/`; search engines and Lighthouse's SEO audit want absolute
  addresses. With SITE_URL set they are made absolute on it, as the canonical link is. Every build adds an
  `hreflang="x-default"` alternate: the English page, for any other language.
  Without SITE_URL they stay relative: Material's script fetches `sitemap.xml` beside every
  `<link rel="alternate">` (scripts/hooks/alternates.py), and from a preview served on another port than the
  preview address that would be a request to another origin, which the Content-Security-Policy refuses.
  Only the links in the page's head change: the language switch in the header keeps its relative links (the
  site works from any folder).
"""

from __future__ import annotations

import logging
import os
import re
from urllib.parse import urljoin

log = logging.getLogger("mkdocs.hooks.site_url")

MESSAGE = ("SITE_URL is not set: the feeds, sitemap and canonical links point at the preview address {url}; "
           "for the public site build with SITE_URL=https://<public address>/ make build")

ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">')
DEFAULT_LANGUAGE = "en"

_state = {"command": None, "said": False}


def on_startup(command, dirty):
    _state["command"] = command
    _state["said"] = False


def on_config(config):
    # mkdocs-static-i18n runs on_config again for each language: say it once.
    if _state["command"] == "build" and not os.environ.get("SITE_URL") and not _state["said"]:
        log.info(MESSAGE.format(url=config.site_url))
        _state["said"] = True
    return config


def alternates(html: str, page_url: str, site_url: str | None) -> str:
    """The head's hreflang alternates, absolute on the page's address if site_url is given, plus x-default
    (the English page's)."""
    head_end = html.find("</head>")
    if head_end < 0:
        return html
    head, rest = html[:head_end], html[head_end:]
    base = urljoin(site_url, page_url) if site_url else None
    found = {}

    def rewrite(match: re.Match) -> str:
        href, lang = match.group(1), match.group(2)
        found[lang] = urljoin(base, href) if base else href
        return f'<link rel="alternate" href="{found[lang]}" hreflang="{lang}">'

    head = ALTERNATE.sub(rewrite, head)
    if DEFAULT_LANGUAGE in found and "x-default" not in found:
        last = list(ALTERNATE.finditer(head))[-1]
        head = (head[:last.end()] + f'\n    <link rel="alternate" href="{found[DEFAULT_LANGUAGE]}" hreflang="x-default">'
                + head[last.end():])
    return head + rest


def on_post_page(output, page, config):
    return alternates(output, page.url, config.site_url if os.environ.get("SITE_URL") else None)
