"""Pages: every page exists in both languages, every nav entry of mkdocs.yml has a page in both, and the
nav_translations of each other language translate every nav title (and nothing else)."""

from __future__ import annotations

import difflib
import re

import yaml

from .model import Problem, Site
from .yamlnodes import line_of, map_get, plugin_node, scalar

# A nav entry that is a web address, not a page
WEB_ADDRESS = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


def check(site: Site):
    yield from missing_twins(site)
    if site.config_node is None:
        return
    titles, targets = nav_entries(map_get(site.config_node, "nav"))
    yield from nav_targets(site, targets)
    yield from nav_translations(site, titles)


def missing_twins(site: Site):
    for stem in site.stems:
        have = [lang for lang in site.langs if (stem, lang) in site.pages]
        for lang in site.langs:
            if lang not in have:
                missing = site.page_file(stem, lang)
                yield Problem(site.pages[(stem, have[0])].rel, 1,
                              f"no {site.lang_name(lang)} version of this page ({missing} is missing)",
                              f"add {missing} with the same sections and ids")


def nav_entries(nav) -> tuple[list, list]:
    """(titles, targets) of the nav, each as (text, line)."""
    titles, targets = [], []

    def walk(node):
        if isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                titles.append((str(key.value), line_of(key)))
                walk(value)
        elif isinstance(node, yaml.ScalarNode):
            targets.append((str(node.value), line_of(node)))

    walk(nav)
    return titles, targets


def nav_targets(site: Site, targets):
    for target, line in targets:
        if WEB_ADDRESS.match(target) or not target.endswith(".md"):
            continue
        stem = target[: -len(".md")]
        for lang in site.langs:
            if (stem, lang) not in site.pages:
                page = site.page_file(stem, lang)
                yield Problem("mkdocs.yml", line, f"nav entry {target} has no {site.lang_name(lang)} page ({page})",
                              f"add {page} or correct the nav entry")


def nav_translations(site: Site, titles):
    languages = map_get(plugin_node(site.config_node, "i18n"), "languages")
    if not isinstance(languages, yaml.SequenceNode):
        return
    for language in languages.value:
        locale = scalar(map_get(language, "locale"))
        if locale and locale != site.default_lang:
            yield from _translations_of(site, locale, language, titles)


def _translations_of(site: Site, locale: str, language, titles):
    node = map_get(language, "nav_translations")
    translated = {}  # title -> (translation, line)
    if isinstance(node, yaml.MappingNode):
        translated = {str(key.value): (str(value.value or ""), line_of(key)) for key, value in node.value}
    anchor_line = line_of(node if node is not None else language)
    for title, line in titles:
        if title not in translated:
            yield Problem("mkdocs.yml", line, f"nav title “{title}” has no {site.lang_name(locale)} translation",
                          f"add `{title}: …` under nav_translations of {locale} (line {anchor_line})")
        elif not translated[title][0].strip():
            yield Problem("mkdocs.yml", translated[title][1],
                          f"nav_translations of {locale}: “{title}” is translated as nothing", "write the translated title")
    nav_titles = {title for title, _ in titles}
    for title, (_, line) in translated.items():
        if title not in nav_titles:
            close = difflib.get_close_matches(title, nav_titles, 1)
            hint = f" (did you mean “{close[0]}”?)" if close else ""
            yield Problem("mkdocs.yml", line, f"nav_translations of {locale} translates “{title}”, which is no nav title{hint}",
                          "correct it to the nav title exactly, or remove it")
