"""Third-party resources: nothing (image, script, style sheet, font, frame) is loaded from another host, in
the pages, the theme overrides, the site's CSS and JavaScript, the wizard's front end and mkdocs.yml. Links to
other sites are navigation, and fine."""

from __future__ import annotations

import re

import yaml

from .markup import Tag, blank_jinja_comments, read_markup
from .model import Problem, Site
from .yamlnodes import key_of, line_of, map_get, scalar

# Files where a third-party resource could be referenced, besides the pages and mkdocs.yml.
ASSET_GLOBS = (
    "overrides/**/*.html",
    "docs/stylesheets/**/*.css",
    "docs/javascripts/**/*.js",
    "docs/javascripts/**/*.mjs",
    "wizard/frontend/**/*",
)
REMOTE = re.compile(r"^\s*(?:https?:)?//[^/\s]", re.I)
RESOURCE_ATTRIBUTES = ("src", "href", "srcset", "data", "poster", "background", "action", "formaction")
# <link rel=…> that loads nothing
LINK_RELATIONS = {"alternate", "canonical", "author", "license", "help", "next", "prev", "me", "search"}
CSS_URL = re.compile(r"""url\(\s*["']?([^"')\s]+)""", re.I)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""", re.I)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
JS_LOADS = re.compile(r"\b(import|from|importScripts|fetch|Worker|SharedWorker|src|indexURL|XMLHttpRequest|"
                      r"open|sendBeacon|WebSocket|EventSource|loadPyodide|url\(|@import|register)\b|url\(", re.I)
JS_ADDRESS = re.compile(r"""(["'`])((?:https?:)?//[A-Za-z0-9][^"'`\s]*)\1""")


def check(site: Site):
    for page in site.sorted_pages():
        for link in page.links:
            if link.kind == "image" and REMOTE.match(link.target):
                yield third_party(page.rel, link.line, link.target.strip(), "image")
        yield from in_markup(page.rel, page.markup.tags, page.markup.styles)
        # The front matter, which markdown-it never reads: a tag there is published as the page's text when the
        # block is not valid YAML (front_matter.py), or put into the page by a template that reads the value.
        if page.front_end:
            markup = read_markup("\n".join(page.lines[:page.front_end]))
            yield from in_markup(page.rel, markup.tags, markup.styles)
    for rel, text, suffix in asset_files(site):
        if suffix in (".html", ".htm", ".j2", ".svg"):
            markup = read_markup(blank_jinja_comments(text))
            yield from in_markup(rel, markup.tags, markup.styles)
        elif suffix == ".css":
            yield from in_css(rel, text)
        elif suffix in (".js", ".mjs"):
            yield from in_javascript(rel, text)
    if site.config_node is not None:
        yield from in_mkdocs_yml(site.config_node)


def third_party(path, line, url, what) -> Problem:
    return Problem(path, line, f"third-party resource {url} ({what})",
                   "copy the file into the site (docs/ or overrides/) and refer to it by a relative path: "
                   "the site loads nothing from another host")


def asset_files(site: Site):
    for pattern in ASSET_GLOBS:
        for path in sorted(site.root.glob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                try:
                    text = path.read_text(encoding="utf-8")
                except UnicodeDecodeError:
                    continue  # an image or another binary file
                yield path.relative_to(site.root).as_posix(), text, path.suffix.lower()


def in_markup(rel: str, tags: list, styles: list):
    for tag in tags:
        yield from in_tag(rel, tag)
    for line, css in styles:
        yield from in_css(rel, css, first_line=line)


def in_tag(rel: str, tag: Tag):
    attrs = dict(tag.attrs)
    if tag.name == "a":
        return  # a link to another site is navigation
    relations = set((attrs.get("rel") or "").lower().split())
    if tag.name == "link" and relations and relations <= LINK_RELATIONS:
        return
    for name, value in tag.attrs:
        if name in RESOURCE_ATTRIBUTES and value:
            urls = [part.strip().split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
            for url in urls:
                if REMOTE.match(url):
                    yield third_party(rel, tag.line_of(url), url.strip(), f"<{tag.name} {name}>")
        elif name == "style" and value:
            for url in remote_css_urls(value):
                yield third_party(rel, tag.line_of(url), url, "CSS url()")


def remote_css_urls(css: str):
    return [match.group(1) for match in CSS_URL.finditer(css) if REMOTE.match(match.group(1))]


def in_css(rel: str, css: str, first_line: int = 1):
    css = CSS_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), css)
    for pattern, what in ((CSS_URL, "CSS url()"), (CSS_IMPORT, "CSS @import")):
        for match in pattern.finditer(css):
            if REMOTE.match(match.group(1)):
                yield third_party(rel, first_line + css.count("\n", 0, match.start(1)), match.group(1), what)


def in_javascript(rel: str, text: str):
    """A quoted web address on a line that loads something (import, fetch, importScripts, a worker…)."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith(("//", "*", "/*")) or not JS_LOADS.search(line):
            continue
        for match in JS_ADDRESS.finditer(line):
            yield third_party(rel, number, match.group(2), "loaded by script")


def in_mkdocs_yml(config):
    for key in ("extra_css", "extra_javascript"):
        node = map_get(config, key)
        for item in node.value if isinstance(node, yaml.SequenceNode) else []:
            value = item if isinstance(item, yaml.ScalarNode) else map_get(item, "path")
            if isinstance(value, yaml.ScalarNode) and REMOTE.match(str(value.value)):
                yield third_party("mkdocs.yml", line_of(value), value.value, key)
    theme = map_get(config, "theme")
    if isinstance(theme, yaml.MappingNode) and scalar(map_get(theme, "name")) == "material":
        yield from material_fonts(theme)
        for key in ("logo", "favicon"):
            value = map_get(theme, key)
            if isinstance(value, yaml.ScalarNode) and REMOTE.match(str(value.value)):
                yield third_party("mkdocs.yml", line_of(value), value.value, f"theme {key}")
    analytics = map_get(map_get(config, "extra"), "analytics")
    if analytics is not None:
        yield Problem("mkdocs.yml", line_of(analytics), "extra.analytics loads a third-party script",
                      "remove extra.analytics")


def material_fonts(theme):
    """Material loads its fonts from Google unless told `font: false`."""
    font = map_get(theme, "font")
    if font is None:
        yield Problem("mkdocs.yml", line_of(theme),
                      "theme has no `font: false`: Material then loads Google Fonts (a third-party resource)",
                      "add `font: false` under theme and set fonts in the site's CSS")
    elif not (isinstance(font, yaml.ScalarNode) and str(font.value).lower() == "false"):
        yield Problem("mkdocs.yml", line_of(key_of(theme, "font")),
                      "theme font is set: Material loads it from Google Fonts (a third-party resource)",
                      "write `font: false` and set fonts in the site's CSS")
