"""scripts/check_content.py: the real content passes; every kind of fault, put into a copy, is caught
with the right file and line, and a hint how to fix it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECKER = ROOT / "scripts" / "check_content.py"
COPIED = ("docs", "wizard", "overrides")
LINE = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+): (?P<what>.+) — (?P<fix>.+)$")


def run(root: Path | None = None) -> subprocess.CompletedProcess:
    args = [sys.executable, str(CHECKER)] + (["--root", str(root)] if root else [])
    return subprocess.run(args, capture_output=True, text=True, timeout=60)


@pytest.fixture
def repo(tmp_path) -> Path:
    """A copy of the parts of the repository the checker reads."""
    for name in COPIED:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def line_of(path: Path, text: str) -> int:
    """1-based number of the first line containing `text` (fails when absent: the fixture content moved)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def replace(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace `old` (must be present) and return the line where it was."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    number = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return number


def insert_after(path: Path, line: int, new_line: str) -> int:
    """Insert a line after line `line`; return the new line's number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(line, new_line)
    path.write_text("\n".join(lines), encoding="utf-8")
    return line + 1


def add_paragraph(path: Path, after: str, text: str) -> int:
    """Add `text` as a paragraph of its own after the first line containing `after`; return its line."""
    return insert_after(path, line_of(path, after), "\n" + text + "\n") + 1


def h1(path: Path) -> str:
    """The page's H1 line: an anchor that every page keeps."""
    return next(l for l in path.read_text(encoding="utf-8").splitlines() if l.startswith("# "))


def problems(proc) -> list[str]:
    return [l for l in proc.stdout.splitlines() if l.strip()]


def assert_caught(proc, prefix: str, *words: str) -> str:
    """Exit 1, every line well formed, and one line starting with `prefix` containing each of `words`."""
    assert proc.returncode == 1, proc.stdout + proc.stderr
    lines = problems(proc)
    for line in lines:
        assert LINE.match(line), f"badly formed problem line: {line!r}"
    hits = [l for l in lines if l.startswith(prefix) and all(w.lower() in l.lower() for w in words)]
    assert hits, f"no line starting {prefix!r} with {words}:\n" + "\n".join(lines)
    return hits[0]


# --- the real content --------------------------------------------------------------


def test_the_repository_passes():
    proc = run()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.fullmatch(r"content check: \d+ pages in 2 languages, no problem\n", proc.stdout)


def test_an_untouched_copy_passes_quickly(repo):
    import time
    start = time.monotonic()
    proc = run(repo)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert time.monotonic() - start < 5  # a generous bound for a loaded machine; about 0.3 s in practice


# --- both languages have every page ------------------------------------------------------


def test_missing_chinese_twin(repo):
    (repo / "docs/measures/e-signature.zh.md").unlink()
    proc = run(repo)
    assert_caught(proc, "docs/measures/e-signature.en.md:1: no Chinese version", "add docs/measures/e-signature.zh.md")
    # the nav entry says the same, at its own line in mkdocs.yml
    nav_line = line_of(repo / "mkdocs.yml", "Electronic signature: measures/e-signature.md")
    assert_caught(proc, f"mkdocs.yml:{nav_line}: nav entry measures/e-signature.md has no Chinese page")


def test_missing_english_twin(repo):
    (repo / "docs/glossary.en.md").unlink()
    assert_caught(run(repo), "docs/glossary.zh.md:1: no English version", "add docs/glossary.en.md")


def test_nav_entry_without_page(repo):
    line = replace(repo / "mkdocs.yml", "  - Glossary: glossary.md", "  - Glossary: glossary.md\n  - Contact: contact.md")
    proc = run(repo)
    assert_caught(proc, f"mkdocs.yml:{line + 1}: nav entry contact.md has no English page", "add docs/contact.en.md")
    assert_caught(proc, f"mkdocs.yml:{line + 1}: nav title “Contact” has no Chinese translation", "nav_translations")


def test_nav_title_without_translation(repo):
    line = replace(repo / "mkdocs.yml", "            Glossary: 术语表\n", "")
    nav_line = line_of(repo / "mkdocs.yml", "  - Glossary: glossary.md")
    assert line < nav_line
    assert_caught(run(repo), f"mkdocs.yml:{nav_line}: nav title “Glossary” has no Chinese translation",
                  "add `Glossary: …` under nav_translations of zh")


# --- the same section ids in both languages ----------------------------------------------


def test_section_id_missing_in_one_language(repo):
    page = repo / "docs/measures/chip-update.en.md"
    line = replace(page, " { #documents }", "")
    assert_caught(run(repo), f"docs/measures/chip-update.en.md:{line}: guidance page lacks the section id #documents",
                  "{ #documents }")


def test_paragraph_id_missing_in_one_language(repo):
    page = repo / "docs/notice.zh.md"
    line = replace(page, "{: #measure-4 }", "")
    # reported at the paragraph that lost its id (the line above its attribute list)
    proc = run(repo)
    assert_caught(proc, f"docs/notice.zh.md:{line - 1}: id #measure-4 is in docs/notice.en.md but not in this page",
                  "add {: #measure-4 } under the matching paragraph")
    # and every link to it
    assert_caught(proc, "docs/measures/e-signature.zh.md:", "../notice.md#measure-4", "has no id #measure-4")


def test_renamed_id_is_reported_where_it_is(repo):
    page = repo / "docs/notice.en.md"
    line = replace(page, "{: #measure-5 }", "{: #measure-five }")
    zh_line = line_of(repo / "docs/notice.zh.md", "{: #measure-5 }")
    proc = run(repo)
    assert_caught(proc, f"docs/notice.en.md:{line}: id #measure-5 is in docs/notice.zh.md but not in this page")
    assert_caught(proc, f"docs/notice.zh.md:{zh_line}: id #measure-five is in docs/notice.en.md but not in this page")


def test_duplicate_id(repo):
    page = repo / "docs/measures/e-signature.zh.md"
    line = replace(page, "{ #documents }", "{ #what-to-do }")
    proc = run(repo)
    assert_caught(proc, f"docs/measures/e-signature.zh.md:{line}: id #what-to-do is used twice", "own id")
    assert_caught(proc, f"docs/measures/e-signature.zh.md:{line}: guidance page lacks the section id #documents")


# --- no empty or untranslated placeholder text ---------------------------------------------


def test_placeholder_todo(repo):
    page = repo / "docs/measures/online-approval.en.md"
    line = add_paragraph(page, "{ #what-to-do }", "TODO: say where the online system is.")
    assert_caught(run(repo), f"docs/measures/online-approval.en.md:{line}: placeholder text “TODO”", "real text")


@pytest.mark.parametrize("placeholder", ["待翻译", "[translate]", "Lorem ipsum", "TBD"])
def test_other_placeholders(repo, placeholder):
    page = repo / "docs/index.zh.md"
    line = add_paragraph(page, h1(page), f"{placeholder}本站用通俗的语言逐项说明。")
    assert_caught(run(repo), f"docs/index.zh.md:{line}: placeholder text", "real text")


def test_english_left_in_chinese_page(repo):
    page = repo / "docs/measures/tax-records.zh.md"
    line = add_paragraph(page, "{ #what-to-do }", "- where you can go to the tax bureau: provide the tax records as usual.")
    assert_caught(run(repo), f"docs/measures/tax-records.zh.md:{line}: English text in the Chinese page",
                  "translate it into Chinese")


def test_english_title_in_chinese_front_matter(repo):
    page = repo / "docs/glossary.zh.md"
    line = line_of(page, "title: ")
    replace(page, page.read_text(encoding="utf-8").splitlines()[line - 1], "title: The glossary")
    assert_caught(run(repo), f"docs/glossary.zh.md:{line}: English text in the Chinese page", "translate")


def test_chinese_page_copied_from_english(repo):
    shutil.copy2(repo / "docs/wizard.en.md", repo / "docs/wizard.zh.md")
    assert_caught(run(repo), "docs/wizard.zh.md:1: the Chinese page is a copy of docs/wizard.en.md", "translate")


def test_empty_page_and_empty_title(repo):
    page = repo / "docs/measures/e-signature.zh.md"
    page.write_text("---\ntitle: \"\"\n---\n\n# 第四项：认可电子签名\n\n", encoding="utf-8")
    proc = run(repo)
    assert_caught(proc, "docs/measures/e-signature.zh.md:2: front matter title is empty", "write the page's title")
    assert_caught(proc, "docs/measures/e-signature.zh.md:5: page has no text after its title", "write the page")


def test_empty_section(repo):
    page = repo / "docs/measures/e-signature.en.md"
    text = page.read_text(encoding="utf-8")
    start = text.index("## Which cases it covered")
    end = text.index("## The steps the notice described")
    page.write_text(text[:start] + "## Which cases it covered { #who-it-applies-to }\n\n" + text[end:], encoding="utf-8")
    line = line_of(page, "## Which cases it covered")
    assert_caught(run(repo), f"docs/measures/e-signature.en.md:{line}: section has no text", "write the section")


# --- glossary terms as the glossary has them ---------------------------------------------------


def test_glossary_term_in_wrong_case(repo):
    page = repo / "docs/measures/chip-update.en.md"
    line = add_paragraph(page, "{ #what-changed }",
                         "The employer downloads the decision on approval of administrative license.")
    assert_caught(run(repo), f"docs/measures/chip-update.en.md:{line}: “decision on approval of administrative license”",
                  "write “Decision on Approval of Administrative License”")


def test_glossary_term_with_straight_apostrophe(repo):
    page = repo / "docs/index.en.md"
    line = add_paragraph(page, h1(page), "Five measures make Foreigner's Work Permit service easier.")
    assert_caught(run(repo), f"docs/index.en.md:{line}: “Foreigner's Work Permit”", "write “Foreigner’s Work Permit”")


def test_glossary_term_wrapped_over_two_lines(repo):
    page = repo / "docs/measures/tax-records.en.md"
    line = add_paragraph(page, "{ #what-to-do }", "Ask for the screenshot from the Natural Person\n"
                                                  "  electronic tax bureau (Withholding End).")
    assert_caught(run(repo), f"docs/measures/tax-records.en.md:{line}: “Natural Person electronic tax bureau (Withholding End)”",
                  "write “Natural Person Electronic Tax Bureau (Withholding End)”")


def test_glossary_lowercase_term_may_start_a_sentence(repo):
    page = repo / "docs/measures/e-signature.en.md"
    add_paragraph(page, "{ #what-to-do }", "Labor contract, application form: Electronic signature on both.")
    assert run(repo).returncode == 0


def test_glossary_category_letter_in_wrong_case(repo):
    page = repo / "docs/measures/work-and-residence-permits.en.md"
    line = add_paragraph(page, "{ #what-to-do }", "Check that you are category A or Category B.")
    assert_caught(run(repo), f"docs/measures/work-and-residence-permits.en.md:{line}: “category A”", "write “Category A”")


def test_glossary_quotation_of_the_notice_is_left_alone(repo):
    # the notice itself writes "foreigner’s work permit" in lower case: inside its quotation that is right
    assert "foreigner’s work permit" in (repo / "docs/notice.en.md").read_text(encoding="utf-8")
    page = repo / "docs/measures/chip-update.en.md"
    add_paragraph(page, "{ #notice-text }", "> And the QR code information on foreigner’s work permit will be updated synchronously.")
    assert run(repo).returncode == 0


def test_glossary_chinese_term_with_ascii_parentheses(repo):
    page = repo / "docs/measures/online-approval.zh.md"
    line = add_paragraph(page, "{ #what-changed }", "外国高端人才(A类)在境内提出的首次申请也可网上办理。")
    assert_caught(run(repo), f"docs/measures/online-approval.zh.md:{line}: “外国高端人才(A类)”",
                  "write “外国高端人才（A类）”")


def test_glossary_tax_bureau_with_ascii_parentheses(repo):
    page = repo / "docs/measures/tax-records.zh.md"
    line = add_paragraph(page, "{ #what-to-do }", "请用人单位提供您在自然人电子税务局(扣缴端)中的扣缴明细截图。")
    assert_caught(run(repo), f"docs/measures/tax-records.zh.md:{line}: “自然人电子税务局(扣缴端)”",
                  "write “自然人电子税务局（扣缴端）”")


def test_glossary_avoid_list(repo):
    glossary = repo / "docs/_data/glossary.yml"
    insert_after(glossary, line_of(glossary, "key: botc"), "  avoid: [Beijing Overseas Talents Centre, 北京海外人才中心]")
    en = repo / "docs/index.en.md"
    en_line = add_paragraph(en, h1(en), "The Beijing Overseas Talents Centre issued the notice.")
    zh = repo / "docs/index.zh.md"
    zh_line = add_paragraph(zh, h1(zh), "北京海外人才中心发布了通知。")
    proc = run(repo)
    assert_caught(proc, f"docs/index.en.md:{en_line}: “Beijing Overseas Talents Centre”", "write “Beijing Overseas Talents Center”")
    assert_caught(proc, f"docs/index.zh.md:{zh_line}: “北京海外人才中心”", "write “北京海外学人中心”")


def test_glossary_avoid_list_covers_the_engines_words(repo):
    """The wizard's, roster's and command line's Chinese texts keep the official terms too (纳税记录, not 完税证明)."""
    # the words' data file when there is one (texts.py then only loads it), texts.py before
    rel = next(rel for rel in ("wizard/eligibility/texts.toml", "wizard/eligibility/texts.py")
               if (repo / rel).is_file() and "税务机关出具的纳税记录" in (repo / rel).read_text(encoding="utf-8"))
    line = replace(repo / rel, '"税务机关出具的纳税记录"', '"税务机关出具的完税证明"')
    assert_caught(run(repo), f"{rel}:{line}: “完税证明” is not written as the glossary has it",
                  "write “纳税记录”")


# --- every source the engine cites exists ------------------------------------------------


def test_engine_source_id_missing(repo):
    page = repo / "docs/measures/tax-records.zh.md"
    line = replace(page, " { #who-it-applies-to }", "")
    rules_line = line_of(repo / "wizard/eligibility/rules.py", '"measures/tax-records/"')
    proc = run(repo)
    assert_caught(proc, f"wizard/eligibility/rules.py:{rules_line}: the engine cites measures/tax-records/#who-it-applies-to",
                  "docs/measures/tax-records.zh.md has no id #who-it-applies-to", "add { #who-it-applies-to }")
    # and the page itself, at the heading that lost its id
    assert_caught(proc, f"docs/measures/tax-records.zh.md:{line}: guidance page lacks the section id #who-it-applies-to")


def test_engine_cites_a_missing_page(repo):
    rules = repo / "wizard/eligibility/rules.py"
    line = replace(rules, '"measures/chip-update/"', '"measures/chip-updates/"')
    proc = run(repo)
    assert_caught(proc, f"wizard/eligibility/rules.py:{line}: the engine cites measures/chip-updates/",
                  "no English page", "docs/measures/chip-updates.en.md")
    assert_caught(proc, f"wizard/eligibility/rules.py:{line}: the engine cites measures/chip-updates/", "no Chinese page")


# --- every internal link resolves --------------------------------------------------------------


def test_link_to_missing_page(repo):
    page = repo / "docs/index.en.md"
    line = add_paragraph(page, h1(page), "See [the chip update](measures/chip-upadte.md).")
    assert_caught(run(repo), f"docs/index.en.md:{line}: link to measures/chip-upadte.md: no such page",
                  "did you mean measures/chip-update.md?")


def test_link_to_missing_anchor(repo):
    page = repo / "docs/measures/e-signature.zh.md"
    line = add_paragraph(page, "{ #notice-text }", "[查看通知全文](../notice.md#measure-9)")
    assert_caught(run(repo), f"docs/measures/e-signature.zh.md:{line}: link to ../notice.md#measure-9: docs/notice.zh.md has no id #measure-9",
                  "measure-4")


def test_link_to_page_only_in_the_other_language(repo):
    (repo / "docs/extra.en.md").write_text("---\ntitle: Extra\n---\n\n# Extra\n\nMore.\n", encoding="utf-8")
    page = repo / "docs/index.zh.md"
    line = add_paragraph(page, h1(page), "[更多](extra.md)")
    proc = run(repo)
    assert_caught(proc, f"docs/index.zh.md:{line}: link to extra.md: the page has no Chinese version")
    assert_caught(proc, "docs/extra.en.md:1: no Chinese version")


def test_link_to_missing_heading_anchor_and_valid_heading_slug(repo):
    page = repo / "docs/index.en.md"
    good = add_paragraph(page, h1(page), "[The measures](notice.md#what-the-notice-provided-measure-by-measure)")
    bad = add_paragraph(page, h1(page), "[Also](#no-such-section)")
    good += 3
    proc = run(repo)
    assert_caught(proc, f"docs/index.en.md:{bad}: link to #no-such-section: no such id in this page")
    assert not [l for l in problems(proc) if l.startswith(f"docs/index.en.md:{good}:")]


# --- front matter ------------------------------------------------------------------------------------


def test_front_matter_that_is_not_valid_yaml_is_reported_at_its_line(repo):
    """MkDocs does not fail on it: it publishes the block as the page's text and reads none of its keys."""
    page = repo / "docs/notice.en.md"
    line = replace(page, "\ntitle: ", "\ntitle: The notice: its text\ntitle_again: ") + 1
    assert_caught(run(repo), f"docs/notice.en.md:{line}: the front matter is not valid YAML", "mapping values",
                  "quote a value")


def test_front_matter_with_a_bad_indent_is_reported(repo):
    page = repo / "docs/notice.zh.md"
    line = replace(page, "\ntitle: ", "\n  - oops\ntitle: ") + 1
    assert_caught(run(repo), "docs/notice.zh.md:", "the front matter is not valid YAML")
    assert line


def test_a_third_party_script_pasted_into_front_matter_is_reported_too(repo):
    """The issue's case: a `<script src="https://cdn...">` line pasted into the front matter breaks the YAML, and
    MkDocs would publish the script in the page."""
    page = repo / "docs/updates.en.md"
    line = replace(page, "\ntitle: ", '\n<script src="https://cdn.example.com/x.js"></script>\ntitle: ') + 1
    proc = run(repo)
    assert_caught(proc, f"docs/updates.en.md:{line}: third-party resource https://cdn.example.com/x.js (<script src>)")
    assert_caught(proc, "docs/updates.en.md:", "the front matter is not valid YAML")


def test_a_third_party_script_in_a_valid_front_matter_value_is_reported(repo):
    page = repo / "docs/updates.zh.md"
    line = replace(page, "\ntitle: ", '\nextra_head: \'<script src="//cdn.example.com/x.js"></script>\'\ntitle: ') + 1
    assert_caught(run(repo), f"docs/updates.zh.md:{line}: third-party resource //cdn.example.com/x.js (<script src>)")


# --- no third-party resource -----------------------------------------------------------------


def test_third_party_image_in_page(repo):
    page = repo / "docs/index.en.md"
    line = add_paragraph(page, h1(page), "![Map](https://maps.example.com/beijing.png)")
    assert_caught(run(repo), f"docs/index.en.md:{line}: third-party resource https://maps.example.com/beijing.png (image)",
                  "relative path")


def test_third_party_html_image_and_iframe_in_page(repo):
    page = repo / "docs/index.zh.md"
    line = add_paragraph(page, h1(page), '<img alt="地图" src="//cdn.example.com/map.png">\n\n<iframe src="https://video.example.com/x"></iframe>')
    proc = run(repo)
    assert_caught(proc, f"docs/index.zh.md:{line}: third-party resource //cdn.example.com/map.png (<img src>)")
    assert_caught(proc, f"docs/index.zh.md:{line + 2}: third-party resource https://video.example.com/x (<iframe src>)")


def test_plain_external_links_are_fine(repo):
    page = repo / "docs/index.en.md"
    add_paragraph(page, h1(page), "See [the agency](https://www.8610hr.cn/) or <https://www.8610hr.cn/>.\n\n<!-- <img src=\"https://example.com/commented-out.png\"> -->")
    assert run(repo).returncode == 0


def test_third_party_script_in_override(repo):
    template = repo / "overrides/wizard.html"
    line = insert_after(template, line_of(template, "{% block scripts %}"),
                        '  <script src="https://cdn.jsdelivr.net/pyodide/v0.26.0/full/pyodide.js"></script>')
    assert_caught(run(repo), f"overrides/wizard.html:{line}: third-party resource https://cdn.jsdelivr.net/pyodide/v0.26.0/full/pyodide.js (<script src>)")


def test_third_party_stylesheet_link_in_override(repo):
    template = repo / "overrides/partials/engine-start.html"
    line = insert_after(template, line_of(template, "{%- set engine = config.extra.wizard -%}"),
                        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">')
    assert_caught(run(repo), f"overrides/partials/engine-start.html:{line}: third-party resource https://fonts.googleapis.com/css?family=Roboto (<link href>)")


def test_third_party_css_url_and_import(repo):
    css = repo / "docs/stylesheets/site.css"
    text = css.read_text(encoding="utf-8")
    css.write_text("@import url(\"https://fonts.googleapis.com/css2?family=Noto+Sans\");\n"
                   + text + "\n.hero { background: url('//img.example.com/bg.jpg'); }\n", encoding="utf-8")
    last = len(css.read_text(encoding="utf-8").splitlines())
    proc = run(repo)
    assert_caught(proc, "docs/stylesheets/site.css:1: third-party resource https://fonts.googleapis.com/css2?family=Noto+Sans")
    assert_caught(proc, f"docs/stylesheets/site.css:{last}: third-party resource //img.example.com/bg.jpg (CSS url())")


def test_third_party_script_in_frontend_js(repo):
    js = repo / "wizard/frontend/worker.js"
    text = js.read_text(encoding="utf-8")
    js.write_text('importScripts("https://cdn.jsdelivr.net/pyodide/v0.26.0/full/pyodide.js");\n' + text, encoding="utf-8")
    assert_caught(run(repo), "wizard/frontend/worker.js:1: third-party resource https://cdn.jsdelivr.net/pyodide/v0.26.0/full/pyodide.js")


def test_third_party_in_mkdocs_yml(repo):
    config = repo / "mkdocs.yml"
    font_line = replace(config, "  font: false", "  font:\n    text: Roboto")
    css_line = replace(config, "  - stylesheets/site.css", "  - stylesheets/site.css\n  - https://cdn.example.com/theme.css") + 1
    proc = run(repo)
    assert_caught(proc, f"mkdocs.yml:{css_line}: third-party resource https://cdn.example.com/theme.css (extra_css)")
    assert_caught(proc, f"mkdocs.yml:{font_line}: theme font is set", "font: false")


# --- the status file is valid ----------------------------------------------------------------


STATUS = "wizard/eligibility/status.toml"


def test_status_unknown_measure(repo):
    status = repo / STATUS
    line = replace(status, "[measures.online]", "[measures.onlin]")
    proc = run(repo)
    assert_caught(proc, f"{STATUS}:{line}: [measures.onlin]: unknown measure", "did you mean [measures.online]?")
    assert_caught(proc, f"{STATUS}:", "[measures.online] is missing", "add it")


def test_status_unknown_key_in_a_measure(repo):
    status = repo / STATUS
    text = status.read_text(encoding="utf-8")
    start = text.index("[measures.e_signature]")
    offset = text.index('status = "unconfirmed"', start)
    line = text[:offset].count("\n") + 1
    status.write_text(text[:offset] + 'stauts = "unconfirmed"' + text[offset + len('status = "unconfirmed"'):],
                      encoding="utf-8")
    proc = run(repo)
    assert_caught(proc, f"{STATUS}:{line}: [measures.e_signature]: unknown key 'stauts'", "correct its spelling")
    header = line_of(status, "[measures.e_signature]")
    assert_caught(proc, f"{STATUS}:{header}: [measures.e_signature].status: None is not one of", "in_force")


def _set_in_measure(status: Path, measure: str, key: str, value: str) -> int:
    text = status.read_text(encoding="utf-8")
    start = text.index(f"[measures.{measure}]")
    match = re.compile(rf"^{key} = .*$", re.M).search(text, start)
    status.write_text(text[: match.start()] + f"{key} = {value}" + text[match.end():], encoding="utf-8")
    return text[: match.start()].count("\n") + 1


def test_status_invalid_date(repo):
    line = _set_in_measure(repo / STATUS, "chip_update", "until", '"2026-02-30"')
    assert_caught(run(repo), f"{STATUS}:{line}: [measures.chip_update].until: '2026-02-30' is not a date",
                  "real calendar day")


def test_status_invalid_unquoted_date(repo):
    line = _set_in_measure(repo / STATUS, "chip_update", "from", "2026-02-30")
    assert_caught(run(repo), f"{STATUS}:{line}: not valid TOML", "real date")


def test_status_from_after_until(repo):
    status = repo / STATUS
    line = _set_in_measure(status, "tax_records", "from", '"2026-03-01"')
    _set_in_measure(status, "tax_records", "until", '"2026-02-01"')
    assert_caught(run(repo), f"{STATUS}:{line}: [measures.tax_records]: from 2026-03-01 is after until 2026-02-01",
                  "on or before until")


def test_status_unknown_status(repo):
    line = _set_in_measure(repo / STATUS, "joint_residence_permit", "status", '"suspended"')
    assert_caught(run(repo), f"{STATUS}:{line}: [measures.joint_residence_permit].status: 'suspended' is not one of",
                  '"in_force", "unconfirmed", "lifted", "superseded"')


def test_status_in_force_without_the_date_it_was_confirmed(repo):
    """No measure is presented as certainly in force unless the publisher confirmed it, on a stated day."""
    status = repo / STATUS
    line = _set_in_measure(status, "online", "status", '"in_force"')
    assert_caught(run(repo), f"{STATUS}:{line}: [measures.online]: status \"in_force\" says the publisher confirmed",
                  'checked = "YYYY-MM-DD"')
    _set_in_measure(status, "online", "checked", '"2026-11-20"')
    assert run(repo).returncode == 0


def test_status_checked_after_today(repo):
    """A confirmation cannot be in the future: `checked = "2099-01-01"` would publish "last confirmed 2099-01-01"."""
    status = repo / STATUS
    line = _set_in_measure(status, "online", "checked", '"2099-01-01"')
    hit = assert_caught(run(repo), f"{STATUS}:{line}: [measures.online].checked: 2099-01-01 is after today",
                        "today or before")
    # The engine says it in both languages (the agency's staff read either).
    sys.path.insert(0, str(repo / "wizard"))
    try:
        import datetime

        from eligibility.status import StatusError, parse_status
        with pytest.raises(StatusError) as caught:
            parse_status(status.read_text(encoding="utf-8"), "status.toml", today=datetime.date(2026, 12, 8))
        (problem,) = caught.value.problems
        assert "2099-01-01 is after today (2026-12-08)" in problem
        assert "2099-01-01 晚于今天（2026-12-08）" in problem.zh
        # Without a day to compare with (the engine in the browser), it is not the engine's business.
        parse_status(status.read_text(encoding="utf-8"), "status.toml")
    finally:
        sys.path.remove(str(repo / "wizard"))
    assert hit


def test_status_lifted_with_dates_is_valid(repo):
    status = repo / STATUS
    _set_in_measure(status, "chip_update", "status", '"lifted"')
    _set_in_measure(status, "chip_update", "from", '"2022-05-01"')
    _set_in_measure(status, "chip_update", "until", '"2023-01-08"')
    _set_in_measure(status, "chip_update", "note_en", '"Lifted."')
    _set_in_measure(status, "chip_update", "note_zh", '"已停止执行。"')
    assert run(repo).returncode == 0


def test_status_note_in_one_language_only(repo):
    status = repo / STATUS
    _set_in_measure(status, "online", "note_en", '"Lifted."')
    line = _set_in_measure(status, "online", "note_zh", '""')
    assert_caught(run(repo), f"{STATUS}:{line}: [measures.online]: give note_en and note_zh together", "both notes")


# --- every problem is listed -----------------------------------------------------------------


def test_two_faults_in_two_files_give_two_lines(repo):
    en = repo / "docs/measures/e-signature.en.md"
    en_line = add_paragraph(en, "{ #what-to-do }", "FIXME: check the list with the agency.")
    zh = repo / "docs/notice.zh.md"
    zh_line = add_paragraph(zh, h1(zh), "[第四项](measures/e-signatures.md)")
    proc = run(repo)
    lines = problems(proc)
    assert proc.returncode == 1
    assert len(lines) == 2, "\n".join(lines)
    assert lines[0].startswith(f"docs/measures/e-signature.en.md:{en_line}: placeholder text “FIXME”")
    assert lines[1].startswith(f"docs/notice.zh.md:{zh_line}: link to measures/e-signatures.md: no such page")
