"""Engine citations: every page and `source` the eligibility engine cites (its catalog, and every outcome of
every complete set of answers) exists, with its id, in both languages. Reported where the engine writes it."""

from __future__ import annotations

from urllib.parse import urlsplit

from .model import ENGINE_DIR, Problem, Site

# Only the catalog's pages and sources matter here; every measure applies whatever status.toml says
# (the status file is checked on its own).
NOTICE = {"title_en": "x", "title_zh": "x", "issuer_en": "x", "issuer_zh": "x", "date": "not stated"}


def check(site: Site):
    if site.engine is None:
        return
    try:
        cited = cited_addresses(site.engine)
    except Exception as error:
        yield Problem(f"{ENGINE_DIR}/__init__.py", 1,
                      f"the engine fails while listing its sources: {type(error).__name__}: {error}", "fix the engine")
        return
    where = EngineSource(site)
    for address in sorted(cited):
        parts = urlsplit(address)
        url, anchor = parts.path.lstrip("/"), parts.fragment
        for lang in site.langs:
            page = site.page_at(url, lang)
            if page is None:
                file = site.page_file(url.rstrip("/") or "index", lang)
                yield Problem(*where(address, url), f"the engine cites {address}, which has no "
                                                    f"{site.lang_name(lang)} page ({file})",
                              f"correct the page in the engine, or add {file}")
            elif anchor and not site.has_anchor(page, anchor):
                yield Problem(*where(address, url), f"the engine cites {address}, but {page.rel} has no id #{anchor}",
                              f"add {{ #{anchor} }} to the section of {page.rel} that explains it, "
                              "or correct the engine's source")


def cited_addresses(engine) -> set:
    """Every address the engine cites: the catalog's pages and sources, and every evaluated outcome's."""
    catalog = engine.catalog()
    cited = set()
    for outcome in catalog["outcomes"].values():
        cited.update((outcome["page"], outcome["source"]))
    measures = {key: {"number": outcome["measure"], "status": "unconfirmed", "from": "", "until": ""}
                for key, outcome in catalog["outcomes"].items()}
    table = engine.validate_status({"notice": NOTICE, "measures": measures})
    for answers in engine.complete_answer_sets():
        for outcome in engine.evaluate(answers, table).get("outcomes", {}).values():
            if outcome.get("source"):
                cited.add(outcome["source"])
    return cited


class EngineSource:
    """Where the engine writes an address (quoted, in one of its .py files): (path, line)."""

    def __init__(self, site: Site):
        self.site = site
        self.files = [(path.relative_to(site.root).as_posix(), path.read_text(encoding="utf-8"))
                      for path in sorted((site.root / ENGINE_DIR).glob("*.py"))]

    def __call__(self, address: str, url: str) -> tuple[str, int]:
        for needle in (address, url):
            for rel, text in self.files:
                index = min((i for i in (text.find(f'"{needle}"'), text.find(f"'{needle}'")) if i >= 0), default=-1)
                if index >= 0:
                    return rel, text.count("\n", 0, index) + 1
        return self.site.page_file(url.rstrip("/") or "index", self.site.default_lang), 1
