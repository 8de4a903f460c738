"""MkDocs hook: the employer roster page's data and its templates (CSV and Excel), from the one engine in wizard/.

- The roster page (template roster.html) gets the outcomes' labels as JSON in the page; the engine's start
  (overrides/partials/engine-start.html) reads `config.extra.wizard`, set by scripts/hooks/wizard.py.
  The page script (wizard/frontend/roster.js, copied with the wizard's front end) runs the engine in the
  wizard's Web Worker: the file an employer chooses is read and judged in the browser, never uploaded.
- The page's Markdown places the check (`<!-- roster-check -->`), the template links
  (`<!-- roster-templates -->`), the table of columns and accepted answers (`<!-- roster-columns -->`,
  generated from the engine's catalog, so no answer is written by hand in docs/) and the check without a
  browser (`<!-- roster-command-line -->`: the engine's wheels as the site serves them, and the commands).
- The templates, generated from the engine's texts (eligibility.roster.template_csv), into
  site/assets/roster/: roster-template-en.csv (the contract's keys as headers) and roster-template-zh.csv
  (the short Chinese labels), UTF-8 with a byte order mark so that Excel opens them right.
"""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path

from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "wizard"))
import eligibility  # noqa: E402
from eligibility import roster  # noqa: E402

TEMPLATE = "roster.html"
ASSETS = "assets/roster"
TEMPLATE_FILES = {lang: f"roster-template-{lang}.csv" for lang in roster.LANGUAGES}
# The same templates as Excel workbooks (eligibility.roster.template_xlsx, with openpyxl).
WORKBOOK_FILES = {lang: f"roster-template-{lang}.xlsx" for lang in roster.LANGUAGES}
CHECK_MARKER = "<!-- roster-check -->"
TEMPLATES_MARKER = "<!-- roster-templates -->"
COLUMNS_MARKER = "<!-- roster-columns -->"
# The check without a browser: the engine's wheels, as the site serves them, and the commands that run it.
COMMAND_LINE_MARKER = "<!-- roster-command-line -->"
# The page's own words around the engine's: by the page's language.
WORDS = {
    "en": {
        "templates": {"en": "Template with English headers (CSV)", "zh": "Template with Chinese headers (CSV)"},
        "workbooks": {"en": "Template with English headers (Excel)", "zh": "Template with Chinese headers (Excel)"},
        "headings": ["Column", "Chinese header", "Question", "Answers"],
        "employee": ["A name or a staff number, copied unchanged", "anything"],
        "as_of": ["Optional: the date to judge by (default: today)", "a date, YYYY-MM-DD, not before 2022-07-05"],
        "or": " or ",
        "separator": "; ",
        "booleans": "`yes` or `no` (also `true` / `false`, `是` / `否`)",
        "wheels": "The check as a Python package, with the two it needs for Excel workbooks:",
        "steps": "With Python 3.11 or newer, in the folder where you saved them and your file:",
        "comments": ["a folder of its own for the check", "from the files above: nothing is downloaded",
                     "the results as an Excel workbook, headers in English (--lang zh: in Chinese)"],
    },
    "zh": {
        "templates": {"en": "英文表头模板（CSV）", "zh": "中文表头模板（CSV）"},
        "workbooks": {"en": "英文表头模板（Excel）", "zh": "中文表头模板（Excel）"},
        "headings": ["中文表头", "英文表头", "问题", "答案"],
        "employee": ["姓名或工号，原样复制", "任意"],
        "as_of": ["可选：判断所依据的日期（默认为当天）", "日期，格式为 YYYY-MM-DD，不早于2022-07-05"],
        "or": "或",
        "separator": "；",
        "booleans": "`是` 或 `否`（也可写 `yes` / `no`、`true` / `false`）",
        "wheels": "自查程序的 Python 软件包，以及读写 Excel 工作簿所需的两个软件包：",
        "steps": "使用 Python 3.11 或更新版本，在保存上述文件和名单文件的文件夹中运行：",
        "comments": ["为自查单独建立的文件夹", "安装上面下载的文件，不联网下载", "结果为 Excel 工作簿，中文表头（--lang en：英文表头）"],
    },
}


def page_data() -> str:
    catalog = eligibility.catalog()
    outcomes = {
        key: {
            "measure": outcome["measure"],
            "label": outcome["label"],
            "results": {code: {"label": result["label"]} for code, result in outcome["results"].items()},
        }
        for key, outcome in catalog["outcomes"].items()
    }
    # The documents' names: each employee's next steps list them (the rows give their keys).
    documents = {key: document["label"] for key, document in catalog["documents"].items()}
    data = {"outcomes": outcomes, "order": list(roster.OUTCOME_KEYS), "documents": documents}
    # Inside <script type="application/json">, "</" could close the element early.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def columns_table(lang: str) -> str:
    """The columns a file may have and the answers each accepts, in the page's language (Markdown)."""
    words = WORDS[lang]
    questions = {q["key"]: q for q in eligibility.catalog()["questions"]}
    rows = []
    for key in roster.INPUT_KEYS:
        en, zh = (f"`{roster.column_label(key, l)}`" for l in roster.LANGUAGES)
        names = [en, zh] if lang == "en" else [zh, en]
        if key in questions:
            question = questions[key]
            if question["type"] == "boolean":
                answers = words["booleans"]
            else:
                answers = words["separator"].join(
                    f"`{o['key']}`{words['or']}“{o['label'][lang]}”" for o in question["options"])
            rows.append(names + [question["label"][lang], answers])
        else:
            rows.append(names + words[key])
    lines = ["| " + " | ".join(words["headings"]) + " |", "|" + " --- |" * len(words["headings"])]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def command_line(page, config) -> str:
    """The engine's wheels as links, and the commands that check a file with them (Markdown)."""
    lang = config.theme["language"]
    words = WORDS[lang]
    wheels = config.extra["wizard"]["wheels"]
    # As HTML: MkDocs checks a Markdown link against the documentation's files, and these are the build's own.
    items = "".join(f'<li><a href="{html.escape(get_relative_url(w, page.url))}" download="{Path(w).name}" '
                    f'data-wheel="">{html.escape(Path(w).name)}</a></li>' for w in wheels)
    links = [f'<ul class="roster-wheels">{items}</ul>']
    names = " ".join(Path(w).name for w in wheels)
    out_lang = "en" if lang == "en" else "zh"
    commands = [
        f"python3 -m venv roster-check            # {words['comments'][0]}",
        f"roster-check/bin/pip install --no-index {names}   # {words['comments'][1]}",
        f"roster-check/bin/python -m eligibility roster staff.xlsx -o staff-results.xlsx --lang {out_lang}"
        f"   # {words['comments'][2]}",
    ]
    return "\n".join([words["wheels"], "", *links, "", words["steps"], "", "```sh", *commands, "```", ""])


def check_html(page, config) -> str:
    noscript = html.escape(str(page.meta.get("noscript", "")))
    return (f'<div id="roster" class="roster wizard">'
            f'<noscript><p class="wizard-failure">{noscript}</p></noscript></div>')


def templates_html(page, config) -> str:
    lang = config.theme["language"]
    items = []
    # The page's own language first: an HR officer on the Chinese page starts from the Chinese headers.
    for file_lang, name in sorted(TEMPLATE_FILES.items(), key=lambda item: item[0] != lang):
        href = get_relative_url(f"{ASSETS}/{name}", page.url)
        text = html.escape(WORDS[lang]["templates"][file_lang])
        items.append(f'<li><a href="{html.escape(href)}" download="{name}" hreflang="{file_lang}" '
                     f'data-template="{file_lang}">{text}</a></li>')
        book = WORKBOOK_FILES[file_lang]
        href = get_relative_url(f"{ASSETS}/{book}", page.url)
        text = html.escape(WORDS[lang]["workbooks"][file_lang])
        items.append(f'<li><a href="{html.escape(href)}" download="{book}" hreflang="{file_lang}" '
                     f'data-template-workbook="{file_lang}">{text}</a></li>')
    return '<ul class="roster-templates">' + "".join(items) + "</ul>"


def on_config(config):
    config.extra["roster"] = {"templates": {lang: f"{ASSETS}/{name}" for lang, name in TEMPLATE_FILES.items()}}
    return config


def on_page_markdown(markdown, page, config, files):
    if page.meta.get("template") == TEMPLATE and COLUMNS_MARKER in markdown:
        markdown = markdown.replace(COLUMNS_MARKER, columns_table(config.theme["language"]))
    if page.meta.get("template") == TEMPLATE and COMMAND_LINE_MARKER in markdown:
        markdown = markdown.replace(COMMAND_LINE_MARKER, command_line(page, config))
    return markdown


def on_page_content(html_text, page, config, files):
    if page.meta.get("template") != TEMPLATE:
        return html_text
    html_text = html_text.replace(TEMPLATES_MARKER, templates_html(page, config))
    check = check_html(page, config)
    # Where the page puts it; at the end when the marker is missing.
    return html_text.replace(CHECK_MARKER, check) if CHECK_MARKER in html_text else html_text + check


def on_page_context(context, page, config, nav):
    if page.meta.get("template") == TEMPLATE:
        context["roster_data"] = page_data()
    return context


def on_post_build(config):
    # mkdocs-static-i18n builds each language into its own folder; the shared assets live at the root.
    if config.theme["language"] == "en":
        folder = Path(config.site_dir) / ASSETS
        folder.mkdir(parents=True, exist_ok=True)
        for lang, name in TEMPLATE_FILES.items():
            (folder / name).write_bytes(roster.template_csv(lang))
            (folder / WORKBOOK_FILES[lang]).write_bytes(roster.template_xlsx(lang))
