"""The roster's columns and cells: which column a header names and what a cell's words mean, in English and
Chinese. roster.py reads a file's header and judges its rows with these; the result and the templates are
headed with `column_label`.

    column_label(key, lang)      a column's header: an input key, an outcome key (its label: the 2022 notice's
                                 measure), a key of NEXT_KEYS (the next steps), "measure_status" or "errors"
    code_column(key)             the header of an outcome's code column (`tax_records_code`), the same in both
                                 languages: the codes are for programs, the words for people
    is_statement(cells)          whether a record is a result file's statement line (the first line of a result)
    lookup()                     (header -> ("input" | "result", key), question -> {folded cell -> value})
    norm(text), header_key(text) a cell, a header, folded for matching
    cell_date(cell)              as_of from a spreadsheet's date (YYYY/M/D ...)
    allowed_text(field, lang)    what a cell of that column may hold, for a row's error
    both_lists(cells_by_lang)    header cells as a message quotes them, in both languages

A header is the contract's key or its short label in either language (texts.ROSTER["columns"]), or one of
the site's earlier headers; a cell is the contract's key, an option's label in either language, a short form
(ALIASES) or, for a yes / no question, a word of BOOLEAN_WORDS. A result's columns (the outcomes' labels, their
code columns, measure_status and errors, in this version or an earlier one) are known too: re-checked, a result
file's result columns are replaced. Matching folds case, whitespace, full-width
forms and curly apostrophes. unicodedata and re are imported when a roster is read, not when the engine is.
"""

from . import texts
from .answers import AS_OF, BOOLEAN, QUESTIONS
from .flow import ORDER, UNKNOWN, is_asked
from .rosterfile import BOM
from .rules import RULES

LANGUAGES = ("en", "zh")
EMPLOYEE = "employee"
ERRORS = "errors"
# The trailing columns of a result: each outcome's result code (`tax_records_code`), for programs.
CODE_SUFFIX = "_code"
# After the outcomes: the measures' status, in words (the notice dates from 2022: see status.toml).
MEASURE_STATUS = "measure_status"
# After the outcomes, each employee's next steps (texts.ROSTER["columns"]): the documents the 2022 notice named,
# by who provides them; the address of the full result; the date of the check; the check's notes on the answers.
NEXT_KEYS = ("documents_applicant", "documents_employer", "full_result", "checked_on", "check_notes")
# Who provides a document (texts.DOCUMENTS[...]["provider"]), in the order the wizard's checklist lists them.
PROVIDERS = ("applicant", "employer")
ANSWER_KEYS = ORDER + (AS_OF,)
INPUT_KEYS = (EMPLOYEE,) + ANSWER_KEYS
TEMPLATE_KEYS = (EMPLOYEE,) + ORDER
OUTCOME_KEYS = tuple(rule.key for rule in RULES)
# A spreadsheet's last column (Excel, WPS and LibreOffice: XFD, the 16,384th). A result adds its own columns to
# the input's (the outcomes, the next steps, the status, the problems, the codes): an input may have at most as
# many as leave room for them, so that no outcome falls past the last column (issue 27). A CSV line with more
# separators is refused before the csv module makes its cells.
SPREADSHEET_COLUMNS = 16_384
MAX_COLUMNS = SPREADSHEET_COLUMNS - (2 * len(OUTCOME_KEYS) + len(NEXT_KEYS) + 2)
# Asked whatever the other answers are: a file without these columns cannot be judged at all.
REQUIRED = tuple(key for key in ORDER if is_asked(key, dict.fromkeys(ORDER, UNKNOWN)) is True)
# Booleans as people write them (the options' labels, Yes / No / 是 / 否, are accepted too).
BOOLEAN_WORDS = {"yes": True, "true": True, "是": True, "no": False, "false": False, "否": False}
# Headers of the site's earlier templates and result files (before the official terms 薪资承诺, 纳税记录, 两证联办):
# files employers already keep still read.
EARLIER_HEADERS = {
    "category_a_route": ("A类认定依据",),
    "salary_commitment": ("涉及薪酬承诺",),
    "tax_records": ("免交完税证明",),
    "joint_residence_permit": ("工作许可和居留许可同窗申请",),
    "errors": ("错误",),
    # Result files before contract version 3: the English ones headed the outcomes with their keys (and held the
    # codes); the Chinese ones with the outcomes' earlier labels.
    "tax_records": ("tax_records", "免于提供纳税记录"),
    "online": ("online", "外国人工作许可网上审批"),
    "chip_update": ("chip_update", "延缓更新芯片"),
    "e_signature": ("e_signature", "电子签名"),
    "joint_residence_permit": ("joint_residence_permit", "工作许可和工作类居留许可“两证联办”"),
}
# Short forms of the categories that employers write.
ALIASES = {
    "category": {"Category A": "A", "Category B": "B", "Category C": "C", "A类": "A", "B类": "B", "C类": "C"},
    # The wording of the site's earlier templates, before the question named the 85 points outright.
    "category_a_route": {"A score of 85 points or more": "points", "Any other Category A criterion": "criteria",
                         "积分85分及以上": "points", "其他A类认定标准": "criteria"},
}
# How much of a bad first row a message quotes.
_FOUND_CELLS, _FOUND_CHARS = 12, 40


def column_label(key, lang):
    """A column's header in a language: an input key, an outcome key (the outcome's label, which names the 2022
    notice's measure), "measure_status" or "errors"."""
    if key in OUTCOME_KEYS:
        return texts.OUTCOMES[key]["label"][lang]
    return texts.ROSTER["columns"][key][lang]


def code_column(key):
    """The header of an outcome's code column, in both languages: `tax_records_code`."""
    return key + CODE_SUFFIX


def statement_prefixes():
    """How a result's statement starts, in each language, folded (norm): the words every banner of
    texts.CURRENCY begins with, up to its first parenthesis ("this is what a notice of 2022 said")."""
    global _prefixes
    if _prefixes is None:
        found = []
        for lang in LANGUAGES:
            banners = [norm(texts.CURRENCY[state][lang]) for state in CURRENCY_STATES]
            prefix = banners[0]
            for banner in banners[1:]:
                while not banner.startswith(prefix):
                    prefix = prefix[:-1]
            found.append(prefix.split("(")[0].strip())
        _prefixes = tuple(found)
    return _prefixes


_prefixes = None
# The banners of texts.CURRENCY (engine.currency's states).
CURRENCY_STATES = ("unconfirmed", "partly", "confirmed")


def is_statement(cells):
    """Whether a record is a result file's statement line: its first cell starts with a banner's words, and no
    other cell holds anything. Re-checked, a result file's statement is passed over like a blank line."""
    if not cells or not cells[0] or any(cell.strip() for cell in cells[1:]):
        return False
    first = norm(cells[0])
    return any(first.startswith(prefix) for prefix in statement_prefixes())


# --- headers and values ----------------------------------------------------------------------------------


def norm(text):
    """Text folded for matching: NFKC (full-width forms), straight apostrophes, casefolded, spaces collapsed."""
    import unicodedata

    text = unicodedata.normalize("NFKC", text.replace(BOM, "")).replace("’", "'").replace("‘", "'")
    return " ".join(text.casefold().split())


def header_key(text):
    return norm(text).replace("-", "_").replace(" ", "_")


_tables = None


def lookup():
    """(header -> ("input" | "result", key), question -> {folded cell -> value}), built once."""
    global _tables
    if _tables is None:
        headers = {}
        for key in INPUT_KEYS:
            for lang in LANGUAGES:
                headers[header_key(column_label(key, lang))] = ("input", key)
        for key in OUTCOME_KEYS + NEXT_KEYS + (MEASURE_STATUS, ERRORS):
            for lang in LANGUAGES:
                headers[header_key(column_label(key, lang))] = ("result", key)
        for key in OUTCOME_KEYS:
            headers[header_key(code_column(key))] = ("result", code_column(key))
        for key, earlier in EARLIER_HEADERS.items():
            for header in earlier:
                headers[header_key(header)] = ("input" if key in INPUT_KEYS else "result", key)
        values = {}
        for key in ORDER:
            kind, allowed = QUESTIONS[key]
            options = texts.QUESTIONS[key]["options"]
            table = {}
            if kind == BOOLEAN:
                for word, value in BOOLEAN_WORDS.items():
                    table[norm(word)] = value
                for option, text in options.items():
                    for lang in LANGUAGES:
                        table[norm(text["label"][lang])] = option == "yes"
            else:
                for option in allowed:
                    table[norm(option)] = option
                    for lang in LANGUAGES:
                        table[norm(options[option]["label"][lang])] = option
                for alias, option in ALIASES.get(key, {}).items():
                    table[norm(alias)] = option
            values[key] = table
        _tables = (headers, values)
    return _tables


def cell_date(cell):
    """as_of as the contract writes it: YYYY-MM-DD, also from YYYY/M/D or YYYY.M.D (spreadsheets write those)."""
    import re

    match = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", cell)
    if match and match.group(0).isascii():
        return f"{match.group(1)}-{int(match.group(2)):02d}-{int(match.group(3)):02d}"
    return cell  # the engine says what is wrong with it


# --- words for messages ------------------------------------------------------------------------------------


def allowed_text(field, lang):
    """What a cell of the column `field` may hold, in words (a row's "invalid value" error quotes it)."""
    allowed = texts.ROSTER["allowed"]
    if field == AS_OF:
        return allowed["date"][lang]
    kind, options = QUESTIONS[field]
    if kind == BOOLEAN:
        return allowed["boolean"][lang]
    if lang == "en":
        names = list(options)
    else:
        names = [texts.QUESTIONS[field]["options"][o]["label"][lang] for o in options]
    return texts.fill(allowed["choice"][lang], options=texts.OPTION_SEPARATOR[lang].join(names))


def _quoted_list(cells, lang):
    """Header cells as a message quotes them, in a language's way, shortened."""
    quoted = []
    for cell in cells[:_FOUND_CELLS]:
        cell = " ".join(cell.split())
        if len(cell) > _FOUND_CHARS:
            cell = cell[:_FOUND_CHARS] + "…"
        quoted.append(texts.fill(texts.ROSTER["quote"][lang], text=cell))
    if len(cells) > _FOUND_CELLS:
        quoted.append("…")
    return texts.ROSTER["list_separator"][lang].join(quoted)


def both_lists(cells_by_lang):
    """{lang: cells quoted}: `cells_by_lang(lang)` gives the cells to quote in that language."""
    return {lang: _quoted_list(cells_by_lang(lang), lang) for lang in LANGUAGES}
