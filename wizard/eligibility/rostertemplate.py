"""The roster's templates, the files employers download and fill in: the headers in English or Chinese and three
example rows, as CSV (UTF-8 with a BOM) or as a workbook (rosterbook.py, with openpyxl).

    template_csv(lang)     the CSV template's bytes
    template_xlsx(lang)    the same template as a workbook's bytes (the sheet named as the roster reads first)

scripts/hooks/roster.py writes them into the site at build time; the roster reads them back as they are
(tests/roster).
"""

from . import texts
from .answers import BOOLEAN, QUESTIONS
from .flow import ORDER
from .rostercolumns import TEMPLATE_KEYS, column_label
from .rosterfile import BOM

# Example rows of the template: a staff number and answers by key (None: not asked, left blank).
_EXAMPLES = (
    ("E001", {"application": "extension", "category": "C", "tax_bureau_unreachable": True,
              "has_withholding_screenshot": True}),
    ("E002", {"application": "new_in_china", "category": "A", "category_a_route": "points",
              "salary_commitment": False}),
    ("E003", {"application": "change_of_employer", "category": "B", "salary_commitment": True,
              "tax_bureau_unreachable": False}),
)


def template_csv(lang="en"):
    """The template to download: the headers in a language and three example rows, UTF-8 with a BOM."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column_label(key, lang) for key in TEMPLATE_KEYS])
    for employee, answers in _EXAMPLES:
        row = [employee]
        for key in ORDER:
            value = answers.get(key)
            if value is None:
                row.append("")
            elif lang == "en":
                row.append(("yes" if value else "no") if isinstance(value, bool) else value)
            else:
                option = ("yes" if value else "no") if isinstance(value, bool) else value
                row.append(texts.QUESTIONS[key]["options"][option]["label"][lang])
        writer.writerow(row)
    return (BOM + out.getvalue()).encode("utf-8")


def _answer_words(key, lang):
    """The answers of a question as the template writes them: the keys in English (booleans yes / no), the
    options' labels in Chinese. Each is what the roster reads back."""
    kind, options = QUESTIONS[key]
    names = ("yes", "no") if kind == BOOLEAN else tuple(options)
    if lang == "en":
        return list(names)
    return [texts.QUESTIONS[key]["options"][name]["label"][lang] for name in names]


def template_xlsx(lang="en"):
    """The same template as a workbook (openpyxl): the headers as text, a sheet named as the roster reads first,
    a drop-down list for every answer column with a message saying when the column applies, and a second sheet,
    the column guide."""
    from .rosterbook import template_workbook

    rows = [[column_label(key, lang) for key in TEMPLATE_KEYS]]
    for employee, answers in _EXAMPLES:
        row = [employee]
        for key in ORDER:
            value = answers.get(key)
            option = ("yes" if value else "no") if isinstance(value, bool) else value
            if value is None:
                row.append("")
            elif lang == "en":
                row.append(option)
            else:
                row.append(texts.QUESTIONS[key]["options"][option]["label"][lang])
        rows.append(row)
    applies = texts.ROSTER["applies"]
    lists, prompts = {}, {"error": (applies["error_title"][lang], applies["error"][lang])}
    for column, key in enumerate(TEMPLATE_KEYS):
        if key in ORDER:
            lists[column] = _answer_words(key, lang)
            # Excel's limits: a title of 32 characters, a message of 255.
            prompts[column] = (column_label(key, lang)[:32], applies[key][lang][:255])
    return template_workbook(rows, lang, lists, prompts, _guide(lang))


def _guide(lang):
    """The column guide (the template's second sheet): each column, its header in the other language, the
    question, when to fill it in and its answers."""
    guide = texts.ROSTER["guide"]
    other = "zh" if lang == "en" else "en"
    separator = texts.ROSTER["list_separator"][lang]
    rows = [[guide[k][lang] for k in ("column", "other_header", "question", "when", "answers")]]
    for key in TEMPLATE_KEYS:
        names = [column_label(key, lang), column_label(key, other)]
        if key in ORDER:
            rows.append(names + [texts.QUESTIONS[key]["label"][lang], texts.ROSTER["applies"][key][lang],
                                 separator.join(_answer_words(key, lang))])
        else:
            rows.append(names + ["", guide["employee"][lang], ""])
    rows.append([guide["other_columns"][lang]])
    return guide["sheet"][lang], rows
