"""MkDocs hook: the guidance pages' "who it applies to" tables, generated from the engine at build time.

A page asks for a table with a marker line:

    <!-- eligibility-table: online columns=category,category_a_route -->

The hook evaluates every answer set the wizard can produce, keeps the named outcome, and writes one row per
distinct case: the applications it covers, the answers that matter (the `columns`) and the result, merging
rows that differ only in one answer ("A, B", or "any" when every value gives the same result). No rule is
written by hand in docs/: change a rule in wizard/eligibility/ and every table follows.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import jinja2

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "wizard"))
import eligibility  # noqa: E402

MARKER = re.compile(r"^<!-- eligibility-table: (?P<outcome>\w+)(?: columns=(?P<columns>[\w,]+))? -->$", re.M)
GROUP = "application"
NOT_ASKED = object()
ANY = object()
# Short column headings; the questions' own wording is in the engine's catalog.
HEADINGS = {
    "application": {"en": "Application", "zh": "申请事项"},
    "category": {"en": "Category", "zh": "人员类别"},
    "category_a_route": {"en": "Category A status rests on", "zh": "A类认定依据"},
    "salary_commitment": {"en": "Salary commitment involved", "zh": "涉及薪酬承诺"},
    "tax_bureau_unreachable": {"en": "Cannot go to the tax bureau (Covid-19)", "zh": "因疫情无法前往税务机关"},
    "has_withholding_screenshot": {"en": "Has the withholding screenshot", "zh": "已有扣缴明细截图"},
    "result": {"en": "Result", "zh": "结果"},
}
WORDS = {
    "any": {"en": "any", "zh": "任意"},
    "not_asked": {"en": "—", "zh": "—"},
    "every_application": {"en": "every application", "zh": "所有申请"},
}
TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(ROOT / "scripts" / "templates"),
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)


def link_value(value):
    """An answer as the catalog's option key (booleans are yes / no there)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def decision_rows(outcome: str, columns: list[str]) -> list[dict]:
    """Distinct cases of one outcome over every complete answer set, merged where an answer does not matter."""
    catalog = eligibility.catalog()
    options = {q["key"]: [o["key"] for o in q["options"]] for q in catalog["questions"]}
    cases = set()
    for answers in eligibility.complete_answer_sets():
        result = eligibility.evaluate(answers)["outcomes"][outcome]["result"]
        values = tuple(frozenset([link_value(answers[c]) if c in answers else NOT_ASKED]) for c in columns)
        cases.add((frozenset([answers[GROUP]]), values, result))
    # Per application first, merge answers that make no difference; then join applications alike.
    for index, column in enumerate(columns):
        cases = merge_on(cases, index + 1, frozenset(options[column]))
    cases = merge_on(cases, 0, None)
    order = options[GROUP]
    rows = [{"group": set(group), "values": [set(v) for v in values], "result": result}
            for group, values, result in cases]
    rows.sort(key=lambda r: (min(order.index(a) for a in r["group"]),
                             [sorted(map(str, v)) for v in r["values"]], r["result"]))
    return rows


def merge_on(cases: set, index: int, all_values: frozenset | None) -> set:
    """Join cases that differ only in position `index` (0: the applications, then each column).

    A column that then holds every one of its values becomes "any".
    """
    def parts(case):
        group, values, result = case
        return [group, *values, result]

    merged: dict[tuple, frozenset] = {}
    for case in cases:
        fields = parts(case)
        key = tuple(fields[:index] + fields[index + 1:])
        merged[key] = merged.get(key, frozenset()) | fields[index]
    out = set()
    for key, joined in merged.items():
        if all_values is not None and joined == all_values:
            joined = frozenset([ANY])
        fields = list(key[:index]) + [joined] + list(key[index:])
        out.add((fields[0], tuple(fields[1:-1]), fields[-1]))
    return out


def render_table(outcome: str, columns: list[str], lang: str) -> str:
    catalog = eligibility.catalog()
    questions = {q["key"]: q for q in catalog["questions"]}
    results = catalog["outcomes"][outcome]["results"]

    def label(question: str, value) -> str:
        if value is ANY:
            return WORDS["any"][lang]
        if value is NOT_ASKED:
            return WORDS["not_asked"][lang]
        option = next(o for o in questions[question]["options"] if o["key"] == value)
        return option["label"][lang]

    def cell(question: str, values: set) -> str:
        ordered = sorted(values, key=lambda v: -1 if not isinstance(v, str) else
                         [o["key"] for o in questions[question]["options"]].index(v))
        sep = "、" if lang == "zh" else ", "
        return sep.join(label(question, v) for v in ordered)

    every = set(o["key"] for o in questions[GROUP]["options"])
    rows = [{
        "group": WORDS["every_application"][lang] if row["group"] == every else cell(GROUP, row["group"]),
        "cells": [cell(c, v) for c, v in zip(columns, row["values"])],
        "result": results[row["result"]]["label"][lang],
    } for row in decision_rows(outcome, columns)]
    headings = [HEADINGS[GROUP][lang]] + [HEADINGS[c][lang] for c in columns] + [HEADINGS["result"][lang]]
    return TEMPLATES.get_template("eligibility_table.md.j2").render(headings=headings, rows=rows, lang=lang)


def on_page_markdown(markdown, page, config, files):
    lang = config.theme["language"]

    def replace(match):
        columns = [c for c in (match["columns"] or "").split(",") if c]
        return render_table(match["outcome"], columns, lang)

    return MARKER.sub(replace, markdown)
