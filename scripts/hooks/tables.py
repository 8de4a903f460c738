"""MkDocs hook: the guidance pages' "who it applies to" tables, generated from the engine at build time.

A page asks for a measure's table with a marker line:

    <!-- eligibility-table: online -->

The hook evaluates every answer set the wizard can produce and keeps, for the named outcome, only the answers
its rule read (the outcome's `because`): that is all that decides the result. It writes one row per distinct
result, in the rule's order, listing the cases it covers ("Extension, Cancellation · Cannot go to the tax
bureau: No"), merging cases that differ in one answer only. Two columns, so the table reads on a phone. No
status badge on the table: the page has one banner (status.py). No rule is written by hand in docs/: change a rule in
wizard/eligibility/ and every table follows.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import jinja2

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "wizard"))
import eligibility  # noqa: E402
from eligibility.rules import NOT_IN_FORCE, RULES_BY_KEY  # noqa: E402

MARKER = re.compile(r"^<!-- eligibility-table: (?P<outcome>\w+) -->$", re.M)
APPLICATION = "application"
HEADINGS = {"result": {"en": "Result", "zh": "结果"}, "when": {"en": "When", "zh": "适用情形"}}
WORDS = {
    "every_application": {"en": "Every application", "zh": "所有申请"},
    "separator": {"en": ", ", "zh": "、"},
    "answer": {"en": "{question}: {answer}", "zh": "{question}：{answer}"},
}
# Questions whose options name themselves ("Category A: foreign high-end talent"): shown without the question.
SELF_NAMED = ("application", "category")
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


def cases_by_result(outcome: str) -> dict[str, list[dict[str, frozenset]]]:
    """result -> its cases, each {answer key: the values it covers}, merged where one answer does not matter."""
    found: dict[str, set] = {}
    for answers in eligibility.complete_answer_sets():
        result = eligibility.evaluate(answers)["outcomes"][outcome]
        case = frozenset((key, frozenset([link_value(answers[key])])) for key in result["because"])
        found.setdefault(result["result"], set()).add(case)
    order = RULES_BY_KEY[outcome].results + (NOT_IN_FORCE,)  # a measure the status file ended: not in force
    return {code: merge(found[code]) for code in order if code in found}


def merge(cases: set) -> list[dict[str, frozenset]]:
    """Join cases that differ in the values of one answer only, until none do; applications first."""
    cases = [dict(case) for case in cases]
    changed = True
    while changed:
        changed = False
        keys = sorted({k for case in cases for k in case}, key=lambda k: k != APPLICATION)
        for key in keys:
            joined: dict[tuple, dict] = {}
            for case in cases:
                rest = tuple(sorted((k, v) for k, v in case.items() if k != key))
                if rest in joined and key in case and key in joined[rest]:
                    joined[rest] = {**joined[rest], key: joined[rest][key] | case[key]}
                    changed = True
                else:
                    joined.setdefault(rest if key in case else rest + (("", key),), case)
            cases = list(joined.values())
    return cases


def describe_case(case: dict, lang: str) -> str:
    """A case in words: "Extension, Cancellation · Cannot go to the tax bureau (Covid-19): No"."""
    questions = {q["key"]: q for q in eligibility.catalog()["questions"]}
    options = {key: [o["key"] for o in q["options"]] for key, q in questions.items()}

    def values(key: str, chosen: frozenset) -> str:
        wording = "label" if key in SELF_NAMED else "short"
        return WORDS["separator"][lang].join(
            next((o.get(wording) or o["label"])[lang] for o in questions[key]["options"] if o["key"] == v)
            for v in sorted(chosen, key=options[key].index))

    parts = []
    for key in options:  # the flow's order: the application first
        if key not in case or case[key] == frozenset(options[key]):
            continue
        if key in SELF_NAMED:
            parts.append(values(key, case[key]))
        else:
            parts.append(WORDS["answer"][lang].format(question=questions[key]["short"][lang],
                                                      answer=values(key, case[key])))
    return " · ".join(parts) or WORDS["every_application"][lang]


def case_order(case: dict) -> tuple:
    """Cases in the order of the questions' options (the application's first)."""
    options = {q["key"]: [o["key"] for o in q["options"]] for q in eligibility.catalog()["questions"]}
    return tuple(min(options[k].index(v) for v in case[k]) if k in case else -1 for k in options)


def render_table(outcome: str, lang: str) -> str:
    results = eligibility.catalog()["outcomes"][outcome]["results"]
    rows = [{"result": results[code]["label"][lang],
             "cases": [describe_case(case, lang) for case in sorted(cases, key=case_order)]}
            for code, cases in cases_by_result(outcome).items()]
    headings = [HEADINGS["result"][lang], HEADINGS["when"][lang]]
    return TEMPLATES.get_template("eligibility_table.md.j2").render(
        headings=headings, rows=rows, lang=lang, outcome=outcome)


def on_page_markdown(markdown, page, config, files):
    lang = config.theme["language"]
    return MARKER.sub(lambda match: render_table(match["outcome"], lang), markdown)
