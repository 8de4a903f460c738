"""MkDocs hook: the "How the check decides" page, drawn at build time from the engine (never by hand).

`<!-- how-it-decides -->` becomes, in the page's language:
- the questions in the order the wizard asks them, each with when it is asked: read from the flow's own
  conditions (flow.py) over every path, keeping only the earlier answers a condition actually reads;
- one decision tree per measure: its rule's questions (the outcome's `because`), a branch per answer, a result
  at each leaf linking to the guidance paragraph it rests on. How current the measures are is the page's one
  banner (`<!-- status-notice -->`, status.py); a measure this site confirmed or that was lifted adds its dated
  status line under its tree (`<!-- status: KEY -->`, nothing while it is unconfirmed).
Plain HTML lists styled as trees (site.css): no diagram library, nothing from another host, and it reads on a
phone. A rule or flow change redraws it.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "wizard"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import eligibility  # noqa: E402
from eligibility.flow import ORDER, is_asked  # noqa: E402
from eligibility.rules import RULES  # noqa: E402
from tables import SELF_NAMED, WORDS as TABLE_WORDS, case_order, describe_case, link_value, merge  # noqa: E402

MARKER = "<!-- how-it-decides -->"
WORDS = {
    "questions": {"en": "The questions, in order", "zh": "问题及提问顺序"},
    "always": {"en": "Always asked.", "zh": "必答。"},
    "asked_when": {"en": "Asked when:", "zh": "提问条件："},
    "or": {"en": "or", "zh": "或"},
    "no_condition": {"en": "No question decides it: the 2022 notice set no condition.", "zh": "不取决于任何回答：2022年通知对此未设条件。"},
}


class _Reads(dict):
    """Earlier answers as a flow condition sees them, noting what it reads."""

    def __init__(self, answers):
        super().__init__(answers)
        self.read = set()

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)


def asked_cases(question: str) -> list[dict]:
    """The cases (earlier answers the condition reads) in which the wizard asks `question`."""
    found = set()
    for answers in eligibility.complete_answer_sets():
        earlier = _Reads({k: answers[k] for k in ORDER[:ORDER.index(question)] if k in answers})
        if is_asked(question, earlier):
            found.add(frozenset((k, frozenset([link_value(earlier[k])])) for k in earlier.read if k in earlier))
    return sorted(merge(found), key=case_order)


def questions_html(lang: str) -> str:
    catalog = {q["key"]: q for q in eligibility.catalog()["questions"]}
    items = []
    for number, key in enumerate(ORDER, 1):
        cases = asked_cases(key)
        if cases == [{}]:
            when = WORDS["always"][lang]
        else:
            joined = f" <em>{WORDS['or'][lang]}</em> ".join(html.escape(describe_case(c, lang)) for c in cases)
            when = f"{WORDS['asked_when'][lang]} {joined}"
        items.append(f'<li data-question="{key}"><strong>{html.escape(catalog[key]["label"][lang])}</strong>'
                     f'<br><span class="decision-when">{when}</span></li>')
    return f'<h2 id="questions">{WORDS["questions"][lang]}</h2>\n<ol class="decision-questions">{"".join(items)}</ol>'


def tree(cases: list[tuple[dict, str]]) -> dict | str:
    """A decision tree over (answers read, result) cases: a result, or {"key", "branches": [(values, subtree)]}."""
    results = {result for _, result in cases}
    keys = [k for k in ORDER if any(k in answers for answers, _ in cases)]
    if len(results) == 1 and (not keys or all(not answers for answers, _ in cases)):
        return results.pop()
    key = keys[0]
    by_value: dict = {}
    for answers, result in cases:
        rest = {k: v for k, v in answers.items() if k != key}
        by_value.setdefault(answers[key], []).append((rest, result))
    options = [o["key"] for o in next(q for q in eligibility.catalog()["questions"] if q["key"] == key)["options"]]
    branches: list[tuple[list, dict | str]] = []
    for value in sorted(by_value, key=options.index):
        subtree = tree(by_value[value])
        same = next((b for b in branches if b[1] == subtree), None)
        if same:
            same[0].append(value)  # answers that lead to the same subtree share a branch
        else:
            branches.append(([value], subtree))
    return {"key": key, "branches": branches}


def measure_cases(outcome: str) -> list[tuple[dict, str]]:
    found = {}
    for answers in eligibility.complete_answer_sets():
        result = eligibility.evaluate(answers)["outcomes"][outcome]
        found[tuple((k, link_value(answers[k])) for k in result["because"])] = result["result"]
    return [(dict(case), result) for case, result in found.items()]


def tree_html(node, outcome: dict, lang: str, home: str) -> str:
    if isinstance(node, str):
        label = html.escape(outcome["results"][node]["label"][lang])
        return (f'<a class="decision-result" data-result="{node}" '
                f'href="{home}{outcome["source"]}">{label}</a>')
    question = next(q for q in eligibility.catalog()["questions"] if q["key"] == node["key"])
    items = []
    for values, subtree in node["branches"]:
        if node["key"] in SELF_NAMED:
            answer = describe_case({node["key"]: frozenset(values)}, lang)
        else:  # under the question's own name: the answers alone ("Yes")
            answer = TABLE_WORDS["separator"][lang].join(
                (o.get("short") or o["label"])[lang] for o in question["options"] if o["key"] in values)
        items.append(f'<li><span class="decision-answer">{html.escape(answer)}</span> → '
                     f'{tree_html(subtree, outcome, lang, home)}</li>')
    return (f'<span class="decision-question">{html.escape(question["short"][lang])}</span>'
            f'<ul>{"".join(items)}</ul>')


def measures_html(lang: str, home: str) -> str:
    catalog = eligibility.catalog()
    parts = []
    for rule in RULES:
        outcome = catalog["outcomes"][rule.key]
        title = outcome["label"][lang]  # "Tax records (measure 1 of the 2022 notice)"
        root = tree(measure_cases(rule.key))
        if isinstance(root, str):
            body = f'<p>{WORDS["no_condition"][lang]} → {tree_html(root, outcome, lang, home)}</p>'
        else:
            body = f'<div class="decision-tree" data-measure="{rule.key}">{tree_html(root, outcome, lang, home)}</div>'
        parts.append(f'<h2 id="measure-{rule.number}">{html.escape(title)}</h2>\n{body}\n\n'
                     f'<!-- status: {rule.key} -->')
    return "\n\n".join(parts)


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    lang = config.theme["language"]
    home = "../"  # the page sits one folder below its language's root, like the guidance pages
    return markdown.replace(MARKER, questions_html(lang) + "\n\n" + measures_html(lang, home))
