"""Updates page from the changelog, an RSS feed per language, and each page's last-change date in its language."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .htmlscan import read_page
from .test_generated_tables import build_copy
from .test_site import PAGES, html_file


def feed_items(path):
    channel = ET.parse(path).getroot().find("channel")
    return channel, [(i.findtext("title"), i.findtext("link")) for i in channel.findall("item")]


def test_each_language_has_its_own_feed_of_its_own_pages(site_dir):
    for feed in ("feed_rss_created.xml", "feed_rss_updated.xml"):
        en_channel, en_items = feed_items(site_dir / feed)
        zh_channel, zh_items = feed_items(site_dir / "zh" / feed)
        assert en_channel.findtext("language") == "en" and zh_channel.findtext("language") == "zh"
        assert len(en_items) == len(zh_items) == len(PAGES)
        assert not any("/zh/" in link for _, link in en_items)
        assert all("/zh/" in link for _, link in zh_items)
        assert any(title == "通知全文" for title, _ in zh_items)


def test_chinese_pages_point_at_the_chinese_feed(site_dir):
    html = html_file(site_dir, "zh", "notice/").read_text(encoding="utf-8")
    feeds = re.findall(r'type="application/rss\+xml"[^>]*href="([^"]+)"', html)
    assert feeds == ["../feed_rss_created.xml", "../feed_rss_updated.xml"]  # zh/notice/ -> zh/feed_*


def test_every_page_shows_when_it_last_changed_in_its_language(site_dir):
    for url in PAGES:
        en = html_file(site_dir, "en", url).read_text(encoding="utf-8")
        zh = html_file(site_dir, "zh", url).read_text(encoding="utf-8")
        assert re.search(r'revision-date[^>]*>[A-Z][a-z]+ \d{1,2}, \d{4}<', en), url
        assert re.search(r'revision-date[^>]*>\d{4}年\d{1,2}月\d{1,2}日<', zh), url
        # Labelled as the page's date, so nobody reads it as the notice's.
        assert re.search(r"data-page-updated>\s*This page last updated: ", en), url
        assert re.search(r"data-page-updated>\s*本页最后更新：", zh), url


def test_updates_page_lists_the_changelog_in_both_languages(site_dir):
    assert "Site published" in read_page(html_file(site_dir, "en", "updates/")).text
    zh = read_page(html_file(site_dir, "zh", "updates/")).text
    assert "网站发布" in zh
    # Pages are named by their titles in the page's language, never by their paths.
    assert "通知全文" in zh and "notice" not in zh.split("网站发布")[1].split("\n\n")[0]
    assert "The notice" in read_page(html_file(site_dir, "en", "updates/")).text


def test_updates_are_newest_first(tmp_path):
    def add_entries(text: str) -> str:
        return text + """
- date: 2025-01-02
  title_en: Older change
  title_zh: 较早的更新
  text_en: An older change.
  text_zh: 较早的一次更新。
- date: 2027-03-04
  title_en: Newer change
  title_zh: 较新的更新
  text_en: A newer change.
  text_zh: 较新的一次更新。
  pages: [measures/chip-update]
"""
    site = build_copy(tmp_path, {"docs/_data/changelog.yml": add_entries})
    for lang, titles in (("en", ["Newer change", "Site published", "Older change"]),
                         ("zh", ["较新的更新", "网站发布", "较早的更新"])):
        text = read_page(html_file(site, lang, "updates/")).text
        positions = [text.index(t) for t in titles]
        assert positions == sorted(positions), (lang, positions)
    page = html_file(site, "zh", "updates/").read_text(encoding="utf-8")
    assert 'href="../measures/chip-update/"' in page
