"""What every check reads, loaded once: mkdocs.yml (with its lines), the pages in every language, the
eligibility engine, and the problems found while loading them."""

from __future__ import annotations

import importlib
import re
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from .page import Page, built_ids, parse_page
from .yamlnodes import PythonName, TolerantLoader, error_line, load_yaml

LANG_NAMES = {"en": "English", "zh": "Chinese"}
ENGINE_DIR = "wizard/eligibility"
# docs/<page>.<language>.md, the i18n plugin's suffix structure
LANGUAGE_SUFFIX = re.compile(r"^(.*)\.([a-z]{2}(?:[_-][A-Za-z]+)?)\.md$")
# MkDocs renders every page with these besides mkdocs.yml's markdown_extensions.
MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")


@dataclass
class Problem:
    path: str
    line: int
    what: str
    fix: str

    def __post_init__(self):
        self.line = max(1, int(self.line))

    def __str__(self):
        return f"{self.path}:{self.line}: {self.what} — {self.fix}"


class Site:
    """The repository at `root` as the checks see it."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []  # found while loading
        self.config, self.config_node = self._load_config()
        self.langs, self.default_lang = _languages(_i18n_config(self.config))
        self.pages: dict[tuple[str, str], Page] = self._load_pages()  # (stem, lang) -> page
        self.stems = sorted({stem for stem, _ in self.pages})
        self._built_ids: dict[str, set] = {}

    def lang_name(self, lang: str) -> str:
        return LANG_NAMES.get(lang, lang)

    @staticmethod
    def page_file(stem: str, lang: str) -> str:
        return f"docs/{stem}.{lang}.md"

    def sorted_pages(self) -> list[Page]:
        return [page for _, page in sorted(self.pages.items())]

    def page_at(self, url: str, lang: str) -> Page | None:
        """The page served at `url` (relative to its language's root), if any."""
        return self.by_url.get((url, lang))

    @cached_property
    def by_url(self) -> dict:
        return {(page.url, page.lang): page for page in self.pages.values()}

    # --- anchors -----------------------------------------------------------------

    def has_anchor(self, page: Page, anchor: str) -> bool:
        """Whether the built page has this id. Explicit ids first: Python-Markdown renders a page only when a
        link names some other anchor (a heading's own slug), which keeps the usual run fast."""
        return anchor in page.ids or anchor in self.built_ids(page)

    def built_ids(self, page: Page) -> set:
        if page.rel not in self._built_ids:
            try:
                self._built_ids[page.rel] = built_ids(page, *self.markdown_extensions)
            except Exception as error:  # an extension mkdocs.yml names that cannot be loaded
                self.add("mkdocs.yml", 1, f"Python-Markdown cannot render {page.rel}: {type(error).__name__}: {error}",
                         "correct markdown_extensions")
                self._built_ids[page.rel] = set()
        return self._built_ids[page.rel]

    @cached_property
    def markdown_extensions(self) -> tuple[list, dict]:
        """mkdocs.yml's markdown_extensions and their configuration, as MkDocs hands them to Python-Markdown."""
        names = list(MKDOCS_BUILTIN_EXTENSIONS)
        configs = {}
        for item in self.config.get("markdown_extensions") or []:
            name, config = next(iter(item.items())) if isinstance(item, dict) else (item, None)
            if name not in names:
                names.append(name)
            if isinstance(config, dict):
                configs[name] = {key: _resolve(value) for key, value in config.items()}
        return names, configs

    # --- loading -----------------------------------------------------------------

    def add(self, path, line, what, fix):
        self.problems.append(Problem(path, line, what, fix))

    def _load_config(self):
        path = self.root / "mkdocs.yml"
        if not path.is_file():
            self.add("mkdocs.yml", 1, "mkdocs.yml is missing", "restore it")
            return {}, None
        try:
            node, data = load_yaml(path.read_text(encoding="utf-8"), TolerantLoader)
        except yaml.YAMLError as error:
            self.add("mkdocs.yml", error_line(error), f"not valid YAML: {error}".splitlines()[0],
                     "fix the YAML syntax")
            return {}, None
        return (data if isinstance(data, dict) else {}), node

    def _load_pages(self) -> dict:
        docs = self.root / "docs"
        if not docs.is_dir():
            self.add("docs", 1, "the docs folder is missing", "restore docs/")
            return {}
        pages = {}
        for path in sorted(docs.rglob("*.md")):
            in_docs = path.relative_to(docs).as_posix()
            if any(part.startswith("_") for part in in_docs.split("/")[:-1]):
                continue  # data and partials (docs/_data/), not pages
            rel = path.relative_to(self.root).as_posix()
            match = LANGUAGE_SUFFIX.match(in_docs)
            if not match or match.group(2) not in self.langs:
                base = in_docs[:-3]
                self.add(rel, 1, "page has no language suffix",
                         f"rename it to {base}.{self.langs[0]}.md and give it a {base}.{self.langs[1]}.md twin")
                continue
            stem, lang = match.groups()
            pages[(stem, lang)] = parse_page(rel, stem, lang, path.read_text(encoding="utf-8"))
        return pages

    @cached_property
    def engine(self):
        """The eligibility engine imported from <root>/wizard, or None (the reason is a problem)."""
        wizard = self.root / "wizard"
        if not (wizard / "eligibility" / "__init__.py").is_file():
            self.add(f"{ENGINE_DIR}/__init__.py", 1, "the eligibility engine is missing", "restore wizard/eligibility/")
            return None
        sys.path.insert(0, str(wizard))
        try:
            import eligibility  # noqa: PLC0415
        except Exception as error:  # any error in the engine's own code
            self.add(self._engine_file(error), getattr(error, "lineno", None) or 1,
                     f"the eligibility engine cannot be imported: {type(error).__name__}: {error}", "fix the engine")
            return None
        finally:
            sys.path.remove(str(wizard))
        return eligibility

    def _engine_file(self, error) -> str:
        where = getattr(error, "filename", None)
        if where:
            try:
                return Path(where).resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                pass
        return f"{ENGINE_DIR}/__init__.py"


# --- what the notice says word for word -----------------------------------------


def verbatim_lines(page: Page) -> set[int]:
    """Lines that quote the notice word for word, whose words stay as the publisher wrote them: block quotes,
    and in the notice itself every paragraph that carries its id (`{: #measure-1 }`)."""
    lines = set()
    for block in page.blocks:
        if block.kind == "blockquote" or (page.stem == "notice" and block.kind == "paragraph" and block.ids):
            lines.update(range(block.line, block.end + 1))
    return lines


# --- mkdocs.yml ------------------------------------------------------------------


def _i18n_config(config: dict) -> dict:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            return plugin["i18n"]
    return {}


def _languages(i18n: dict) -> tuple[list[str], str]:
    """The i18n plugin's locales (English and Chinese when it has none) and its default one."""
    languages = [lang for lang in i18n.get("languages") or [] if isinstance(lang, dict) and lang.get("locale")]
    locales = [lang["locale"] for lang in languages] or ["en", "zh"]
    default = next((lang["locale"] for lang in languages if lang.get("default")), "en")
    return locales, default


def _resolve(value):
    if isinstance(value, PythonName):
        module, _, attribute = value.rpartition(".")
        return getattr(importlib.import_module(module), attribute)
    return value
