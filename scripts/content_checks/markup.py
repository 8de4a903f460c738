"""HTML as Python's own parser reads it: each tag with its attributes and line, the text between tags, the
style sheets and the comments. For the raw HTML in pages and for the theme's templates."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)


@dataclass
class Tag:
    name: str
    attrs: list  # (name, value or None), as written
    line: int
    source: str  # the tag as written, for the line of an attribute on a later line

    def line_of(self, text: str) -> int:
        """The line where `text` (e.g. an attribute's value) is written inside the tag."""
        index = self.source.find(text)
        return self.line + (self.source[:index].count("\n") if index > 0 else 0)


@dataclass
class Markup:
    tags: list = field(default_factory=list)  # Tag
    text: list = field(default_factory=list)  # (line, text) a reader sees
    styles: list = field(default_factory=list)  # (line, CSS) of <style> elements
    comments: list = field(default_factory=list)  # (line, text)


def read_markup(html: str, first_line: int = 1) -> Markup:
    """Everything in `html`, with lines counted from `first_line`."""
    parser = _Parser(first_line)
    parser.feed(html)
    parser.close()
    return parser.found


def blank_jinja_comments(text: str) -> str:
    """A template's {# … #} comments as spaces (newlines kept, so lines do not move)."""
    return JINJA_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


class _Parser(HTMLParser):
    def __init__(self, first_line: int):
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.found = Markup()
        self.raw_element = None  # "script" or "style" while inside one: its content is no text

    def line(self) -> int:
        return self.first_line + self.getpos()[0] - 1

    def handle_starttag(self, tag, attrs):
        self.found.tags.append(Tag(tag, attrs, self.line(), self.get_starttag_text() or ""))
        if tag in ("script", "style"):
            self.raw_element = tag

    def handle_startendtag(self, tag, attrs):
        self.found.tags.append(Tag(tag, attrs, self.line(), self.get_starttag_text() or ""))

    def handle_endtag(self, tag):
        if tag == self.raw_element:
            self.raw_element = None

    def handle_data(self, data):
        if self.raw_element == "style":
            self.found.styles.append((self.line(), data))
        elif self.raw_element is None:
            for offset, text in enumerate(data.split("\n")):
                if text.strip():
                    self.found.text.append((self.line() + offset, text))

    def handle_comment(self, data):
        self.found.comments.append((self.line(), data))


# --- where raw HTML ends ----------------------------------------------------------------

VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def markdown_resumes(html: str) -> int | None:
    """The index of the first line of `html` that Python-Markdown reads as Markdown again: a line of text
    (no tag first) after a line that closes every element it opened, or that opens one marked `markdown`
    (md_in_html). CommonMark keeps it all as HTML up to the next blank line. None when it is HTML to the end."""
    lines = html.rstrip("\n").split("\n")
    parser = _Depth()
    for index, line in enumerate(lines[:-1]):
        parser.feed(line + "\n")
        following = lines[index + 1].lstrip()
        if (parser.depth == 0 or parser.opened_markdown) and following and not following.startswith("<"):
            return index + 1
        parser.opened_markdown = False
    return None


class _Depth(HTMLParser):
    """How many elements are open, and whether the last line opened one whose content is Markdown."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.opened_markdown = False

    def handle_starttag(self, tag, attrs):
        if tag not in VOID_ELEMENTS:
            self.depth += 1
        self.opened_markdown = self.opened_markdown or dict(attrs).get("markdown", "0") != "0"

    def handle_endtag(self, tag):
        self.depth = max(0, self.depth - 1)
