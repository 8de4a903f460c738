"""Section ids: both languages of a page have the same ids ({ #id } on a heading, {: #id } under a paragraph,
id="…" in HTML), the guidance pages have the six required ones, and no id is used twice in a page. Links and
the engine's citations rely on them in both languages."""

from __future__ import annotations

from .model import Problem, Site
from .page import Block, Page

GUIDANCE_DIR = "measures/"
GUIDANCE_IDS = ("what-changed", "who-it-applies-to", "what-to-do", "documents", "notice-text", "not-stated")


def check(site: Site):
    for page in site.sorted_pages():
        yield from used_twice(page)
    for stem in site.stems:
        present = [site.pages[(stem, lang)] for lang in site.langs if (stem, lang) in site.pages]
        required = GUIDANCE_IDS if stem.startswith(GUIDANCE_DIR) else ()
        for page in present:
            twins = [other for other in present if other is not page]
            yield from missing_required(page, twins, required)
            yield from missing_twin_ids(page, twins, required)


def used_twice(page: Page):
    first = {}
    for use in page.id_uses:
        if use.id in first:
            yield Problem(page.rel, use.line, f"id #{use.id} is used twice in this page (first at line {first[use.id]})",
                          "give each section its own id")
        else:
            first[use.id] = use.line


def missing_required(page: Page, twins: list, required):
    for id_ in required:
        if id_ not in page.ids:
            twin = next((other for other in twins if id_ in other.ids), None)
            yield Problem(page.rel, where_missing(page, twin, id_), f"guidance page lacks the section id #{id_}",
                          f"add {{ #{id_} }} to the heading of that section" + (f" (as {twin.rel} has it)" if twin else ""))


def missing_twin_ids(page: Page, twins: list, required):
    reported = set(required)  # the required ones have their own message
    for twin in twins:
        for use in twin.id_uses:
            if use.id in page.ids or use.id in reported:
                continue
            reported.add(use.id)
            yield Problem(page.rel, where_missing(page, twin, use.id), f"id #{use.id} is in {twin.rel} but not in this page",
                          f"add {how_written(use)} (both languages need the same ids)")


def how_written(use) -> str:
    if use.html:
        return f'id="{use.id}" to the matching HTML element here'
    if use.block.kind == "heading":
        return f"{{ #{use.id} }} to the matching heading here"
    return f"{{: #{use.id} }} under the matching paragraph here"


def where_missing(page: Page, twin: Page | None, id_: str) -> int:
    """The line where an id missing from `page` belongs: the block in the same place as the twin's, between
    the ids both pages have."""
    if twin is None or id_ not in twin.ids:
        return page.h1.line if page.h1 else 1
    order = [use.id for use in twin.id_uses]
    position = order.index(id_)
    before = next((page.ids[other] for other in reversed(order[:position]) if other in page.ids), None)
    after = next((page.ids[other] for other in order[position + 1:] if other in page.ids), None)
    start = before or (page.h1.line if page.h1 else page.front_end)
    end = after or len(page.lines) + 1

    # an id in the same place that the twin does not have: most likely this one, renamed
    for use in page.id_uses:
        if start <= use.line < end and use.id not in twin.ids:
            return use.line
    between = [block for block in page.blocks if start < block.line < end]
    candidate = _like(twin.use_of(id_).block, between, page)
    return candidate or start or 1


def _like(twin_block: Block, blocks: list, page: Page) -> int | None:
    """The line of the first block like the twin's (a heading of its level, or a paragraph) without an id of
    its own; a heading whose id repeats an earlier one counts as without."""
    repeated = {use.line for use in page.id_uses if page.ids[use.id] != use.line}
    for block in blocks:
        if twin_block.kind == "heading":
            if block.kind == "heading" and block.level == twin_block.level and (
                    not block.ids or block.line in repeated):
                return block.line
        elif block.kind == "paragraph" and not block.ids:
            return block.end  # where its `{: #id }` goes
    return None
