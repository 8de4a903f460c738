"""The package's design promises: standard library only, light imports, cited rules, complete texts."""

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, WIZARD

import eligibility
from eligibility import texts
from eligibility.answers import BOOLEAN, QUESTIONS
from eligibility.rules import RULES

PACKAGE = WIZARD / "eligibility"
NOTICE = WIZARD.parent / "docs" / "_data" / "notice-source.txt"  # the official seed, kept verbatim


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


# The one exception (an extension of the contract, README): the roster's workbooks, read and written by openpyxl,
# imported by rosterbook.py only, and rosterbook.py only when a workbook is read or written.
WORKBOOK_MODULE, WORKBOOK_PACKAGE = "rosterbook.py", "openpyxl"


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_standard_library_only(path):
    for name in _imports(path):
        if path.name == WORKBOOK_MODULE and name.split(".")[0] == WORKBOOK_PACKAGE:
            continue
        assert name.split(".")[0] in sys.stdlib_module_names, f"{path.name} imports {name}"


def test_openpyxl_is_imported_only_for_a_workbook():
    """A CSV roster, the engine and the command line never import openpyxl (nor rosterbook)."""
    code = (
        "import sys\n"
        "from eligibility.roster import judge_roster\n"
        "judge_roster(open('tests/cases/roster/utf8.csv', 'rb').read(), 'zh').csv_bytes()\n"
        "print(sorted(m for m in sys.modules if m.startswith(('openpyxl', 'eligibility.rosterbook'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                          env={"PYTHONPATH": str(WIZARD)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_importing_the_engine_stays_light():
    code = (
        "import sys, eligibility\n"
        "heavy = ['argparse', 'tomllib', 'importlib.resources', 'dataclasses', 'typing']\n"
        "print([m for m in heavy if m in sys.modules])\n"
        "eligibility.evaluate({'application': 'reissue', 'category': 'A', 'salary_commitment': False})\n"
        "print('argparse' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-S", "-c", code],
        capture_output=True, text=True, cwd=REPO, env={"PYTHONPATH": str(WIZARD)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["[]", "False"]


def test_status_file_ships_inside_the_package():
    assert (PACKAGE / "status.toml").is_file()


def _notice_text():
    # The notice uses curly apostrophes; compare whitespace-normalised.
    return " ".join(NOTICE.read_text(encoding="utf-8").split())


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.key)
def test_citations_quote_the_notice_verbatim(rule):
    assert rule.citation.startswith("Notice, “")
    notice = _notice_text()
    quoted = re.findall(r"“(.*?)”", rule.citation)
    assert quoted
    for quote in quoted:
        for piece in quote.split(" … "):
            assert " ".join(piece.split()) in notice, piece


def test_chip_update_uses_the_notices_chinese_wording():
    notice = NOTICE.read_text(encoding="utf-8")
    official = notice.split("三、可延缓前往受理机构更新外国人工作许可证芯片。")[1].strip().split("\n")[0]
    explanation = texts.OUTCOMES["chip_update"]["results"]["deferrable"]["explanation"]["zh"]
    # Same words after "the 2022 notice provided"; the site writes full-width punctuation.
    assert explanation == "2022年通知规定：" + official.replace(",", "，").replace(";", "；")


def test_rules_and_texts_cover_each_other():
    assert [r.key for r in RULES] == list(texts.OUTCOMES)
    for rule in RULES:
        assert set(rule.results) == set(texts.OUTCOMES[rule.key]["results"])
        for docs in [*rule.documents.values(), *(rule.examples or {}).values()]:
            assert all(d in texts.DOCUMENTS for d in docs)
        assert rule.number == RULES.index(rule) + 1
    used = {d for r in RULES for docs in [*r.documents.values(), *(r.examples or {}).values()] for d in docs}
    assert used == set(texts.DOCUMENTS)


def test_questions_and_texts_cover_each_other():
    assert list(QUESTIONS) == list(texts.QUESTIONS)
    for key, (kind, values) in QUESTIONS.items():
        options = list(texts.QUESTIONS[key]["options"])
        assert options == (["yes", "no"] if kind == BOOLEAN else list(values))


def _all_texts(node=None):
    """Every {"en", "zh"} pair in the catalog and the CLI messages."""
    if node is None:
        node = [eligibility.catalog(), texts.CLI, texts.NOT_IN_FORCE, texts.ALLOWED]
    if isinstance(node, dict):
        if set(node) == {"en", "zh"}:
            yield node
        else:
            for value in node.values():
                yield from _all_texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _all_texts(value)


def test_every_text_exists_in_both_languages():
    pairs = list(_all_texts())
    assert len(pairs) > 90
    for pair in pairs:
        assert pair["en"].strip() and pair["zh"].strip(), pair
        assert re.search(r"[\u4e00-\u9fff]", pair["zh"]) or pair["zh"] == pair["en"], pair
        # The same template fields in both languages.
        assert set(re.findall(r"\{([a-z_]+)\}", pair["en"])) == set(
            re.findall(r"\{([a-z_]+)\}", pair["zh"])
        ), pair


def _without_the_repost_date(text):
    """The text less the repost's date, where the text names it as a repost's (an outside fact, with its source)."""
    for date, source in (("5 July 2022", "repost"), ("2022年7月5日", "转载")):
        if source in text:
            text = text.replace(date, "")
    return text


def test_no_invented_numbers_or_dates():
    """Texts state only numbers the notice states (8 counters, 85 points, Covid-19, the agency's address), and
    the year it dates from (2022), which frames every result."""
    # 1 to 5: the measures (and 1 2 3 the steps of the tax exemption)
    allowed = {"8", "85", "19", "8610", "1", "2", "3", "4", "5", "2022"}
    for pair in _all_texts([eligibility.catalog(), texts.NOT_IN_FORCE]):
        for lang in ("en", "zh"):
            numbers = set(re.findall(r"\d+", _without_the_repost_date(pair[lang])))
            assert numbers <= allowed, (numbers - allowed, pair[lang])


# The outside facts the engine states, each with its source and date (listed on the Updates page too): the
# repost of the notice dated 5 July 2022, and the National Health Commission's announcement No. 7 of 2022,
# dated 26 December 2022, on 8 January 2023.
OUTSIDE_FACTS = {
    "en": ("5 July 2022", "announcement No. 7 of 2022", "26 December 2022", "8 January 2023", "National Health Commission"),
    "zh": ("2022年7月5日", "公告2022年第7号", "2022年12月26日", "2023年1月8日", "国家卫生健康委员会"),
}


def test_outside_facts_come_with_their_source_and_date():
    """Dates that are not the notice's appear only in the dated facts, which name their source and date."""
    for lang, words in OUTSIDE_FACTS.items():
        fact = texts.EPIDEMIC["fact"][lang]
        assert all(w in fact for w in words[1:]), (lang, fact)
        for state in ("unconfirmed", "partly", "confirmed"):
            assert words[0] in texts.CURRENCY[state][lang]  # "reposted 5 July 2022; the text itself carries no date"
    notice_numbers = {"8", "85", "19", "8610", "1", "2", "3", "4", "5", "2022"}
    for pair in _all_texts([texts.EPIDEMIC["tax_records"], texts.EPIDEMIC["chip_update"], eligibility.catalog()]):
        for lang in ("en", "zh"):
            assert set(re.findall(r"\d+", _without_the_repost_date(pair[lang]))) <= notice_numbers, pair[lang]


GLOSSARY = [
    "外国人工作许可证",
    "外国高端人才（A类）",
    "外国专业人才（B类）",
    "其他外国人员（C类）",
    "自然人电子税务局（扣缴端）",
    "《准予行政许可决定书》",
    "外国人工作许可通知",
    "工作类居留许可",
    "受理机构",
    "用人单位",
    "外籍人才",
    "外国人工作许可网上审批",
    "芯片",
    "电子签名",
    "北京海外学人中心",
    "纳税记录",
    "薪资承诺",
    "情况说明",
    "免于提供",
    "两证联办",
    "同一窗口受理",
    "计点积分85分以上",
]


def test_the_glossary_terms_are_used():
    catalog_text = json.dumps(eligibility.catalog(), ensure_ascii=False)
    for term in GLOSSARY:
        assert term in catalog_text, term
    categories = {o["key"]: o["label"]["zh"] for o in eligibility.catalog()["questions"][1]["options"]}
    assert categories == {"A": "外国高端人才（A类）", "B": "外国专业人才（B类）", "C": "其他外国人员（C类）"}


def test_explanations_name_what_to_do():
    results = {k: v["results"] for k, v in texts.OUTCOMES.items()}
    exempt = results["tax_records"]["exempt_after_screenshot"]["explanation"]
    assert "upload in the online system an explanation" in exempt["en"]
    assert "在网上系统上传情况说明" in exempt["zh"]
    assert "cooperate with the authorities in possible checks" in exempt["en"]
    assert "Natural Person Electronic Tax Bureau (Withholding End)" in exempt["en"]
    assert "withholding agent" in exempt["en"] and "扣缴义务人" in exempt["zh"]
    signature = results["e_signature"]["accepted"]["explanation"]
    assert "Both the employer and the applicant were responsible" in signature["en"]
    assert "用人单位和申请人应" in signature["zh"]
    joint = results["joint_residence_permit"]["available"]["explanation"]
    for lang in ("en", "zh"):
        assert "https://www.8610hr.cn/" in joint[lang]
    assert "8 district-level counters" in joint["en"] and "did not list the counters" in joint["en"]


def test_version():
    assert eligibility.__version__ == "1.0.0"
    assert eligibility.catalog()["version"] == "1.0.0"


# Latin-script words a Chinese text may hold: the categories' letters, names of products and formats, and the
# literal values an employer may type in a file (yes / no, true / false) or the form of a date.
LATIN_ALLOWED = {"A", "B", "C", "CSV", "Excel", "WPS", "JSON", "UTF-8", "UTF-16", "GB18030", "GBK", "xls", "xlsx", "xlsm",
                 "et", "ods", "Roster", "Python", "openpyxl", "pip", "install", "YYYY-MM-DD", "yes", "no", "true", "false"}
# What the command line alone says (its usage and options are English words by nature).
COMMAND_LINE = ("no_input", "bad_lang")


def _chinese_texts():
    roster = {k: v for k, v in texts.ROSTER.items() if k not in COMMAND_LINE}
    for pair in _all_texts([eligibility.catalog(), texts.STATUS, texts.STATUS_LABELS, texts.NOT_IN_FORCE,
                            texts.ALLOWED, roster]):
        yield pair["zh"]


def test_chinese_texts_hold_no_english_and_no_avoided_term():
    """Official Chinese terms, no English left in Chinese, no English error detail: every visitor-facing text."""
    avoided = ("完税证明", "薪酬承诺", "同窗", "免交", "免于提交", "积分85分及以上", "对我意味着什么", "as_of")
    for text in _chinese_texts():
        for term in avoided:
            assert term not in text, (term, text)
        bare = re.sub(r"https?://[^\s（）()]+", "", text)  # addresses are names, not words
        bare = re.sub(r"\{[a-z_]+\}", "", bare)  # template fields, filled with Chinese at run time
        bare = re.sub(r"\{\"[^}]*\}", "", bare)  # the JSON example of the command line's input
        words = set(re.findall(r"[A-Za-z][A-Za-z0-9_\-]*", bare))
        assert words <= LATIN_ALLOWED, (words - LATIN_ALLOWED, text)


def test_every_document_to_prepare_says_who_provides_it():
    """The wizard groups its one checklist by who provides each document: the notice says who, for each one."""
    documents = eligibility.catalog()["documents"]
    for rule in RULES:
        for docs in rule.documents.values():
            for doc in docs:
                assert documents[doc].get("provider") in ("applicant", "employer"), doc
    assert documents["approval_decision"]["provider"] == "employer"  # "the employer can download from the system"
