"""MkDocs hook: every question and every result of the wizard as a plain page, in both languages.

The wizard's whole answer space is small (eligibility.paths.every_state(): 70 question states, 85 complete
answer sets). At build time the engine, in CPython, answers each state, and this hook writes one page per state
and language at the state's readable address (eligibility/paths.py; the Chinese under zh/):

- a question page lists every option as a link to the next state (`a[data-option="<question>=<value>"]`);
- a result page shows what the wizard shows: the banner of the 2022 notice with the dates it was worked out,
  the outcomes in short, one checklist, each measure in detail with "because you answered", the answers with
  "Change" links, "Start again" (`[data-outcome][data-result]` on each outcome, as in the wizard).

No script is needed to read them or to move on; the wizard page itself (`wizard/`) is the first state. They use
the site's own templates (overrides/answer.html, on Material's main.html) with the wizard page's context, so they
have the site's header, style sheets and language switch (to the same state in the other language), and go
through the same post-page hooks as every page (absolute alternates, feeds' addresses). They are not MkDocs
pages: they are in neither the sitemap nor the search index (they are permutations), and carry `noindex`.

The words: the engine's (texts.toml, through the catalog and `evaluate`) and the wizard's own
(wizard/frontend/ui-text.js, read by scripts/hooks/wizard.py), so the pages cannot say other things than the
wizard. A result could change with the date only where the status file has a date bound after the build's date:
then the page says so, and links to the live check, which re-checks it on the device.
"""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "wizard"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import eligibility  # noqa: E402
from eligibility import paths  # noqa: E402
from alternates import EMPTY_SITEMAP  # noqa: E402

WIZARD_PAGE = "wizard.md"
TEMPLATE = "answer.html"
STATUS_FILE = ROOT / "wizard" / "eligibility" / "status.toml"

_env = None
_context: dict | None = None


def on_env(env, config, files):
    global _env
    _env = env
    return env


def on_page_context(context, page, config, nav):
    global _context
    if page.file.src_uri.startswith("wizard.") or page.file.src_uri == WIZARD_PAGE:
        _context = dict(context)  # the wizard page's: its nav, config and language, for the answer pages
        # Its first question as links too (overrides/wizard.html), for a browser that does not run the engine.
        lang = config.theme["language"]
        prefix = "" if lang == default_language(config) else f"{lang}/"
        first = paths.every_state()[0]
        context["first_links"] = state_view(*first, lang, eligibility.catalog(), wizard_words(config)[lang], {},
                                            prefix)
    return context


def on_post_build(config):
    if _context is None or _env is None:
        raise SystemExit("answer_pages: the wizard page (docs/wizard.*.md) was not built")
    lang = config.theme["language"]
    prefix = "" if lang == default_language(config) else f"{lang}/"
    words = wizard_words(config)[lang]
    catalog = eligibility.catalog()
    dates = worked_out_dates()
    template = _env.get_template(TEMPLATE)
    site = Path(config.site_dir)
    for answers, question in paths.every_state():
        path = paths.state_path(answers)
        if path == paths.ROOT:
            continue  # the wizard page itself: its first question
        view = state_view(answers, question, lang, catalog, words, dates, prefix)
        html = render(template, config, prefix + path, view, lang)
        target = site / prefix / path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        # Material's language switch asks for sitemap.xml beside the other language's address (alternates.py).
        (target.parent / "sitemap.xml").write_text(EMPTY_SITEMAP, encoding="utf-8")


def default_language(config) -> str:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return config.theme["language"]
    return next(language.locale for language in i18n.config.languages if language.default)


def wizard_words(config) -> dict:
    """The wizard's own words (ui-text.js), as scripts/hooks/wizard.py read them for this build."""
    return config.extra["wizard"]["words"]


def worked_out_dates() -> dict:
    """The build's date, and the status file's (its last commit, or its file date outside a git checkout)."""
    today = datetime.date.today()
    try:
        done = subprocess.run(["git", "log", "-1", "--format=%cs", "--", str(STATUS_FILE)], cwd=ROOT,
                              capture_output=True, text=True, timeout=10)
        status_date = done.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        status_date = ""
    if not status_date:
        status_date = datetime.date.fromtimestamp(STATUS_FILE.stat().st_mtime).isoformat()
    return {"build": today.isoformat(), "status": status_date, "changes": date_bounds_after(today)}


def date_bounds_after(today: datetime.date) -> list[str]:
    """The status file's dates after `today`: on each, a result worked out today could change."""
    found = set()
    for measure in eligibility.shipped_status().measures.values():
        for bound in (measure.start, measure.end):
            if bound is not None and bound > today:
                found.add(bound.isoformat())
    return sorted(found)


def render(template, config, url: str, view: dict, lang: str) -> str:
    """One page through the site's templates, at `url`, with the wizard page's context."""
    file = File.generated(config, url.rstrip("/") + ".md", content="")
    page = Page(view["title"], file, config)
    page.meta = {"search": {"exclude": True}}
    page.content = ""
    context = dict(_context)
    context.update(page=page, base_url=get_relative_url(".", page.url), answer=view)
    # mkdocs-static-i18n sets each page's language switch as an attribute, which templates read before the item.
    alternate = getattr(config.extra, "alternate", None)
    config.extra.alternate = [dict(a, link=alternate_link(a, url, lang, config)) for a in alternate or []]
    try:
        html = template.render(context)
        return config.plugins.on_post_page(html, page=page, config=config)
    finally:
        config.extra.alternate = alternate


def alternate_link(alternate: dict, url: str, lang: str, config) -> str:
    """The same state in the alternate's language (site-relative, as mkdocs-static-i18n writes them)."""
    other = alternate["lang"]
    own = "" if lang == default_language(config) else f"{lang}/"
    path = url[len(own):]
    return (path if other == default_language(config) else f"{other}/{path}")


# --- what a state's page shows -------------------------------------------------------------------------------

def state_view(answers: dict, question: str | None, lang: str, catalog: dict, words: dict, dates: dict,
               prefix: str) -> dict:
    questions = {q["key"]: q for q in catalog["questions"]}
    here = paths.state_path(answers)
    view = {
        "lang": lang,
        "words": words,
        "start": prefix + paths.ROOT,
        "answers": answered(answers, questions, lang, prefix),
        "share": prefix + here,
        "guidance_root": prefix,
    }
    if question is not None:
        q = questions[question]
        number = len(answers) + 1
        view.update(kind="question", title=q["label"][lang], question={
            "key": question,
            "counter": words["question"].replace("{n}", str(number)),
            "label": q["label"][lang],
            "help": q["help"][lang],
            "options": [option_link(answers, question, o, lang, prefix) for o in q["options"]],
        })
        return view
    result = eligibility.evaluate(answers)
    view.update(kind="result", title=words["resultTitle"], **result_view(result, catalog, questions, lang, words))
    view["dates"] = dates
    view["recheck"] = prefix + paths.ROOT + "#" + query(answers)  # the answers in the fragment: never sent
    return view


def query(answers: dict) -> str:
    from urllib.parse import urlencode

    return urlencode({k: paths.option_key(k, v) for k, v in answers.items()})


def option_link(answers: dict, key: str, option: dict, lang: str, prefix: str) -> dict:
    """An option as a link to the state it leads to: `data-option` is "<question>=<value>" (yes / no)."""
    chosen = {**answers, key: paths.answer_for(key, option["key"])}
    return {"data": f"{key}={option['key']}", "href": prefix + paths.state_path(chosen),
            "label": option["label"][lang], "help": option["help"][lang] if option.get("help") else None}


def answered(answers: dict, questions: dict, lang: str, prefix: str) -> list[dict]:
    """The answers so far, each with a "Change" link to the state where its question was asked."""
    rows = []
    for index, (key, value) in enumerate(answers.items()):
        before = dict(list(answers.items())[:index])
        option = next(o for o in questions[key]["options"] if o["key"] == paths.option_key(key, value))
        rows.append({"key": key, "question": questions[key]["label"][lang], "answer": option["label"][lang],
                     "change": prefix + paths.state_path(before)})
    return rows


def result_view(result: dict, catalog: dict, questions: dict, lang: str, words: dict) -> dict:
    outcomes = sorted(result["outcomes"].items(), key=lambda item: item[1]["measure"])
    documents = catalog["documents"]
    prepare: dict[str, list[str]] = {}
    for _, outcome in outcomes:
        for doc in outcome.get("documents", []):
            group = prepare.setdefault(documents[doc]["provider"], [])
            if documents[doc]["label"][lang] not in group:
                group.append(documents[doc]["label"][lang])
    shown = []
    for key, outcome in outcomes:
        meta = catalog["outcomes"][key]
        shown.append({
            "key": key,
            "result": outcome["result"],
            "name": meta["label"][lang],
            "label": outcome["label"][lang],
            "explanation": outcome["explanation"][lang],
            "epidemic": outcome["epidemic"][lang] if "epidemic" in outcome else None,
            "status": outcome["status"],
            "status_text": outcome["status_text"][lang] if outcome["status"] != "unconfirmed" else None,
            "because": because(outcome["because"], result["answers"], questions, lang, words),
            "documents": [documents[d]["label"][lang] for d in outcome.get("documents", [])],
            "examples": [documents[d]["label"][lang] for d in outcome.get("examples", [])],
            "guidance": outcome["source"],
        })
    return {"currency": {"state": result["currency"]["state"], "title": result["currency"]["title"][lang],
                         "text": result["currency"]["text"][lang]},
            "outcomes": shown, "prepare": prepare}


def because(keys: list[str], answers: dict, questions: dict, lang: str, words: dict) -> list[str]:
    """"Because you answered": the answers the rule read, as the wizard words them."""
    parts = []
    for key in keys:
        if key not in questions:
            continue
        option = next(o for o in questions[key]["options"] if o["key"] == paths.option_key(key, answers[key]))
        if key == "application":
            parts.append(option["label"][lang])
        else:
            short = (option.get("short") or option["label"])[lang]
            parts.append(words["answered"].replace("{question}", questions[key]["short"][lang])
                         .replace("{answer}", short))
    return parts
