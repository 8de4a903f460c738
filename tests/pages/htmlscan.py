"""A small stdlib reader of built HTML: ids, paragraph texts, links and resource references."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Attributes through which a page makes the browser fetch something (links <a href> are navigation, not fetches).
RESOURCE_ATTRS = {
    ("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset"), ("source", "src"),
    ("source", "srcset"), ("iframe", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"),
    ("object", "data"), ("input", "src"), ("image", "href"), ("use", "href"),
}


INLINE_TAGS = {"a", "abbr", "b", "code", "em", "i", "span", "strong", "sub", "sup", "small", "mark", "kbd"}


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Page:
    lang: str = ""
    ids: set[str] = field(default_factory=set)
    paragraphs: list[str] = field(default_factory=list)
    anchors: list[dict] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)
    alternates: list[dict] = field(default_factory=list)
    text: str = ""


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._para: list[str] | None = None
        self._depth_skip = 0
        self._chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.page.lang = a.get("lang", "")
        if "id" in a:
            self.page.ids.add(a["id"])
        if tag == "p":
            self._para = []
        if tag == "a" and "href" in a:
            self.page.anchors.append(a)
        if tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.page.alternates.append(a)
        for t, attr in RESOURCE_ATTRS:
            if tag == t and a.get(attr) and not (tag == "link" and a.get("rel") in ("alternate", "canonical")):
                self.page.resources.append(a[attr])
        if "style" in a:
            self.page.resources += re.findall(r"url\(([^)]*)\)", a["style"])
        if tag in ("script", "style"):
            self._depth_skip += 1
        if tag not in INLINE_TAGS:
            self._chunks.append(" ")

    def handle_endtag(self, tag):
        if tag == "p" and self._para is not None:
            self.page.paragraphs.append(normalise("".join(self._para)))
            self._para = None
        if tag in ("script", "style"):
            self._depth_skip -= 1
        if tag not in INLINE_TAGS:
            self._chunks.append(" ")

    def handle_data(self, data):
        if self._depth_skip:
            return
        if self._para is not None:
            self._para.append(data)
        self._chunks.append(data)

    def close(self):
        super().close()
        self.page.text = normalise("".join(self._chunks))


def read_page(path: Path) -> Page:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return reader.page


def is_third_party(url: str) -> bool:
    url = url.strip().strip("'\"")
    return bool(re.match(r"^([a-z][a-z0-9+.-]*:)?//", url, re.I)) and not re.match(
        r"^https?://(127\.0\.0\.1|localhost)(:\d+)?/", url, re.I)
