"""One page in one language, read by real parsers: markdown-it-py gives every block with its lines (token.map),
Python-Markdown's attr_list reads the ids written on them, and Python-Markdown itself, as MkDocs configures it,
gives every id the built page will have (heading slugs included)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

import markdown
import yaml
from markdown.extensions.attr_list import AttrListTreeprocessor, get_attrs_and_remainder
from markdown.treeprocessors import Treeprocessor
from markdown_it import MarkdownIt

from .markup import Markup, markdown_resumes, read_markup
from .yamlnodes import load_yaml

# MkDocs' own front-matter rule, mkdocs.utils.meta.YAML_RE (importing mkdocs.utils takes longer than this whole
# check): `---` on the first line, up to `---` or `...`.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
# The attribute lists MkDocs' attr_list reads: at the end of a heading, on the last line of a paragraph.
HEADING_ATTRS = AttrListTreeprocessor.HEADER_RE
PARAGRAPH_ATTRS = AttrListTreeprocessor.BLOCK_RE
# …and right after an inline element: a link, an image, emphasis, a code span.
INLINE_ATTRS = AttrListTreeprocessor.INLINE_RE
INLINE_ELEMENT_ENDS = ("link_close", "image", "em_close", "strong_close", "code_inline")
# `!!! note "Title"` (admonition) and `??? note` (details): the type is syntax, the title is text.
ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?)[ \t]*[\w-]+")
# A web address written out is no word of either language.
WEB_ADDRESS = re.compile(r"https?://\S+")

# CommonMark, with the tables MkDocs adds, and no indented code: in admonitions and lists four spaces
# indent text (Python-Markdown's way), and that text must be checked like any other.
MARKDOWN = MarkdownIt("commonmark").enable("table").disable("code")


@dataclass
class Block:
    """A block as markdown-it-py opens it: heading, paragraph, html_block, fence, blockquote, table, …"""

    kind: str
    line: int  # first line, 1-based
    end: int  # last line
    level: int = 0  # a heading's level
    ids: list = field(default_factory=list)  # ids written on it ({ #id }, {: #id }, id="…")


class IdUse(NamedTuple):
    id: str
    line: int
    block: Block
    html: bool  # written id="…" in HTML, not in an attribute list


@dataclass
class Link:
    target: str  # as markdown-it-py normalised it (percent-encoded)
    line: int
    kind: str  # "link", "image", "<a href>" or "<img src>"


@dataclass
class Page:
    """One Markdown file of one page in one language."""

    rel: str  # path relative to the root, e.g. docs/measures/tax-records.zh.md
    stem: str  # page path inside docs without language and .md, e.g. measures/tax-records
    lang: str
    source: str
    lines: list  # raw lines
    front: dict = field(default_factory=dict)  # front-matter key -> (value, line)
    front_end: int = 0  # the line that closes the front matter (0 without one)
    # Why the front matter is not a YAML mapping, and the line, when it is not (MkDocs would then publish it as
    # the page's text, and read none of its keys): (line, what); None when it is one or there is none.
    front_error: tuple | None = None
    blocks: list = field(default_factory=list)  # Block, in order, nested ones included
    id_uses: list = field(default_factory=list)  # IdUse, in order, twice when used twice
    prose: dict = field(default_factory=dict)  # line -> the words a reader sees there
    comments: dict = field(default_factory=dict)  # line -> an HTML comment's text
    links: list = field(default_factory=list)  # Link
    markup: Markup = field(default_factory=Markup)  # the raw HTML's tags and style sheets

    @property
    def url(self) -> str:
        """The page's address relative to its language root (use_directory_urls)."""
        if self.stem == "index":
            return ""
        if self.stem.endswith("/index"):
            return self.stem[: -len("index")]
        return self.stem + "/"

    @cached_property
    def ids(self) -> dict:
        """Each id written in the page -> the line of its first use."""
        first = {}
        for use in self.id_uses:
            first.setdefault(use.id, use.line)
        return first

    def use_of(self, id_: str) -> IdUse | None:
        return next((use for use in self.id_uses if use.id == id_), None)

    @property
    def headings(self) -> list:
        return [block for block in self.blocks if block.kind == "heading"]

    @property
    def h1(self) -> Block | None:
        return next((block for block in self.headings if block.level == 1), None)

    @property
    def body(self) -> str:
        """The Markdown after the front matter, which is blank lines here: lines keep their numbers."""
        return "\n" * self.front_end + "\n".join(self.lines[self.front_end:])


def parse_page(rel: str, stem: str, lang: str, text: str) -> Page:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    page = Page(rel=rel, stem=stem, lang=lang, source=text, lines=lines)
    _read_front_matter(page)
    _read_blocks(page, MARKDOWN.parse(page.body))
    return page


def _read_front_matter(page: Page):
    match = FRONT_MATTER.match(page.source)
    if not match:
        return
    page.front_end = match.group(0).count("\n")
    try:
        node, data = load_yaml(match.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 2 if mark is not None else 2  # +1 for the `---` line, +1 for 1-based
        what = " ".join(str(part) for part in (getattr(error, "context", None), getattr(error, "problem", None))
                        if part) or str(error).splitlines()[0]
        page.front_error = (line, what)
        return
    if node is not None and not isinstance(data, dict):
        page.front_error = (2, f"a {type(data).__name__}, not keys and values")
        return
    if isinstance(node, yaml.MappingNode) and isinstance(data, dict):
        for key, _ in node.value:
            if key.value in data:
                page.front[key.value] = (data[key.value], key.start_mark.line + 2)  # +1 for the `---` line


def _read_blocks(page: Page, tokens):
    """Every block with its lines; the words, links and ids of headings, paragraphs, table cells and raw HTML.
    Fenced code is neither words nor links: nothing of it is kept."""
    block = None
    for token in tokens:
        if token.map and token.type != "inline":
            level = int(token.tag[1]) if token.type == "heading_open" else 0
            block = Block(token.type.removesuffix("_open"), token.map[0] + 1, token.map[1], level)
            page.blocks.append(block)
        if token.type == "inline":
            _read_inline(page, token, block)
        elif token.type == "html_block":
            _read_html_block(page, token.content, block)


def _read_html_block(page: Page, html: str, block: Block):
    """Raw HTML, and the Markdown after it where Python-Markdown reads Markdown again (`</div>` and a heading
    on the next line: CommonMark would take the heading for HTML)."""
    resume = markdown_resumes(html)
    if resume is None:
        _read_markup(page, read_markup(html, block.line), block)
        return
    lines = html.split("\n")
    block.end = block.line + resume - 1
    _read_markup(page, read_markup("\n".join(lines[:resume]), block.line), block)
    _read_blocks(page, MARKDOWN.parse("\n" * block.end + "\n".join(lines[resume:])))


def _read_inline(page: Page, token, block: Block):
    """The words, links and inline HTML of a block's text, each at its line (a line break is a softbreak)."""
    line = token.map[0] + 1
    in_autolink = False
    previous = None
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "text" and not in_autolink:
            text = child.content
            if previous is not None and previous.type in INLINE_ELEMENT_ENDS:
                text = _inline_attribute_list(page, text, line, block)
            _add_prose(page, line, text)
        elif child.type == "image":
            _add_prose(page, line, child.content)  # the alternative text
            page.links.append(Link(child.attrs["src"], line, "image"))
        elif child.type == "link_open":
            page.links.append(Link(child.attrs["href"], line, "link"))
            in_autolink = child.markup == "autolink"  # <https://…>: the address is its text
        elif child.type == "link_close":
            in_autolink = False
        elif child.type == "html_inline":
            _read_markup(page, read_markup(child.content, line), block)
            line += child.content.count("\n")
        # code_inline: code, not words. (A code span wrapped onto the next line hides that line break.)
        previous = child
    _read_attribute_list(page, token, block)


def _read_attribute_list(page: Page, token, block: Block):
    """The ids of `## Title { #id }` and of a paragraph's last line `{: #id }`, which are no words."""
    if block.kind == "heading":
        match = HEADING_ATTRS.search(token.content)
        if match:
            page.prose[block.line] = HEADING_ATTRS.sub("", page.prose.get(block.line, ""))
    elif block.kind == "paragraph":
        match = PARAGRAPH_ATTRS.search(token.content)
        if match:
            page.prose.pop(block.end, None)
        elif ADMONITION.match(token.content):
            page.prose[block.line] = ADMONITION.sub("", page.prose.get(block.line, ""))
    else:
        return
    for id_ in _ids_in(match.group(1)) if match else ():
        _add_id(page, id_, block.end if block.kind == "paragraph" else block.line, block, html=False)


def _inline_attribute_list(page: Page, text: str, line: int, block: Block) -> str:
    """`[Start](wizard.md){ .md-button #start }`: the attributes of the element before, not words."""
    match = INLINE_ATTRS.match(text)
    if not match:
        return text
    for id_ in _ids_in(match.group(1)):
        _add_id(page, id_, line, block, html=False)
    return text[match.end():]


def _ids_in(attribute_list: str) -> list:
    """The ids of an attribute list, read by attr_list itself (`#id`, `id=…`)."""
    attrs, _ = get_attrs_and_remainder(attribute_list)
    return [value for name, value in attrs if name == "id" and value]


def _read_markup(page: Page, markup: Markup, block: Block):
    for tag in markup.tags:
        attrs = dict(tag.attrs)
        if attrs.get("id"):
            _add_id(page, attrs["id"], tag.line, block, html=True)
        for name, attr in (("a", "href"), ("img", "src")):
            if tag.name == name and attrs.get(attr) is not None:
                page.links.append(Link(attrs[attr], tag.line_of(attrs[attr]), f"<{name} {attr}>"))
    for line, text in markup.text:
        _add_prose(page, line, text)
    for line, text in markup.comments:
        page.comments[line] = page.comments.get(line, "") + text
    page.markup.tags += markup.tags
    page.markup.styles += markup.styles


def _add_prose(page: Page, line: int, text: str):
    page.prose[line] = page.prose.get(line, "") + WEB_ADDRESS.sub(" ", text)


def _add_id(page: Page, id_: str, line: int, block: Block, html: bool):
    block.ids.append(id_)
    page.id_uses.append(IdUse(id_, line, block, html))


# --- the ids of the built page ------------------------------------------------------


def built_ids(page: Page, extensions: list, configs: dict) -> set:
    """Every id Python-Markdown gives the page with MkDocs' extensions (toc's heading slugs included), as
    MkDocs' anchor validation collects them, plus the ids written in its raw HTML."""
    collector = _IdCollector()
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    md.treeprocessors.register(collector, "content_checks_ids", 4)  # after toc (5): the slugs are set
    md.convert(page.body)
    return collector.ids | set(page.ids)


class _IdCollector(Treeprocessor):
    def __init__(self):
        super().__init__()
        self.ids = set()

    def run(self, root):
        for element in root.iter():
            self.ids.add(element.get("id"))
            if element.tag == "a":
                self.ids.add(element.get("name"))
        self.ids.discard(None)
