"""MkDocs hook: one RSS feed per language from mkdocs-rss-plugin under mkdocs-static-i18n.

mkdocs-static-i18n builds each language with the same plugin objects, into one site folder:
- the RSS plugin's `on_config` runs again for the second language; its first run replaced the
  `date_from_meta.default_time` setting ("00:00") with a parsed datetime, which the second run cannot parse,
  and its warning fails `mkdocs build --strict`: put the text back before each run;
- both languages would write the same `feed_rss_*.xml`, the second overwriting the first and listing the
  pages of both: give each language its own files (`zh/feed_rss_created.xml`), pages, address and language;
- Material links every page to the root feed: point the Chinese pages at the Chinese feed.
"""

from __future__ import annotations

import datetime

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

FEEDS = ("rss_created", "rss_updated", "json_created", "json_updated")
_file_names: dict[str, str] = {}


def _rss(config):
    return config.plugins.get("rss")


def _prefix(config) -> str:
    lang = config.theme["language"]
    return "" if lang == "en" else f"{lang}/"


@event_priority(100)  # before the RSS plugin's own on_config
def on_config(config):
    rss = _rss(config)
    if rss is not None:
        value = rss.config.date_from_meta.default_time
        if isinstance(value, (datetime.datetime, datetime.time)):
            rss.config.date_from_meta.default_time = value.strftime("%H:%M")
    return config


def on_pre_build(config):
    rss = _rss(config)
    if rss is None:
        return
    prefix = _prefix(config)
    rss.pages_to_filter = []  # the pages the previous language's build collected are not this feed's
    names = rss.config.feeds_filenames
    for feed in FEEDS:
        _file_names.setdefault(feed, names[feed])
        names[feed] = prefix + _file_names[feed]
    for kind, feed in (("created", rss.feed_created), ("updated", rss.feed_updated)):
        feed.language = config.theme["language"]
        feed.title = config.site_name
        feed.description = config.site_description
        feed.html_url = config.site_url + prefix
        feed.rss_url = config.site_url + names[f"rss_{kind}"]
        feed.json_url = config.site_url + names[f"json_{kind}"]


def on_post_page(output, page, config):
    prefix = _prefix(config)
    if not prefix or _rss(config) is None:
        return output
    for feed in ("rss_created", "rss_updated"):
        root_feed = get_relative_url(_file_names[feed], page.url)
        own_feed = get_relative_url(prefix + _file_names[feed], page.url)
        output = output.replace(f'href="{root_feed}"', f'href="{own_feed}"')
    return output
