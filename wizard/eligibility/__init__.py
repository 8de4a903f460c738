"""The eligibility engine: the rules of the Beijing notice on faster Foreigner's Work Permit service, as code.

One package, standard library only, used unchanged by the wizard (in the
browser, through Pyodide), the command line and the guidance pages. The
interface is the contract in CONTRACT.md, beside this file.

Run it (CPython 3.11+, nothing installed):

    PYTHONPATH=wizard python3 -m eligibility evaluate < answers.json   # outcomes
    PYTHONPATH=wizard python3 -m eligibility next < partial.json       # next question
    PYTHONPATH=wizard python3 -m eligibility catalog                   # all texts, en + zh
    PYTHONPATH=wizard python3 -m eligibility status                    # measure status, checked

Exit status 0 with a result, 2 with {"errors": [...]} (or a usage error), 1
when the measure status file is invalid. Output is
`json.dumps(obj, ensure_ascii=False, sort_keys=True)` and a newline.

Design (after GOV.UK smart answers, OpenFisca and Catala: logic, flow and
wording kept apart, every rule citing the text it implements):

    answers.py   the answer schema; validation into normalised answers
    flow.py      routing only: which question is asked, and which comes next
    rules.py     one small pure rule per measure, with its citation of the notice
    status.py    which measures are in force (status.toml, edited by the agency)
    texts.py     every visitor-facing word in English and Chinese, keyed by code:
                 read from texts.toml (edited by translators and the agency), checked
    engine.py    evaluate: validate -> status -> rules -> outcomes; errors
    catalog.py   questions, options, outcomes, documents, messages for the browser
    jsonapi.py   JSON text in, JSON text out (the browser and the command line)
    cli.py       the command line (__main__.py runs it)
    roster.py    the employer roster: a CSV file or workbook of many employees, each row
                 judged by evaluate (imported only when used; it names its modules, roster*.py)

Conventions:
- Answer values are the stable keys of the contract. In the JSON interface
  booleans are JSON true / false. In share links (query parameters) and in
  the catalog, boolean questions have the options "yes" and "no";
  `answers_from_query` / `evaluate_query` convert them.
- A key not asked in the case is ignored and left out of the normalised
  answers; `as_of` is kept only when given.
- Every outcome carries, beyond the contract, "label" (the result in both
  languages) and "documents" (stable document keys, labels in the catalog).
- A measure that status.toml says is not in force on `as_of` (default:
  today) has the result "not_in_force".

Python entry points: evaluate, next_question, catalog, evaluate_json,
next_json, catalog_json, answers_from_query, evaluate_query,
query_from_answers, complete_answer_sets, load_status_file.
"""

# Set before the imports below: catalog and cli read it from the package.
__version__ = "1.0.0"

from .answers import to_query as query_from_answers
from .catalog import catalog
from .engine import (
    answers_from_query,
    complete_answer_sets,
    evaluate,
    evaluate_query,
    exit_code,
    next_question,
)
from .jsonapi import catalog_json, evaluate_json, handle, next_json
from .status import StatusError, load_status_file, parse_status, shipped_status, validate_status

__all__ = [
    "__version__",
    "StatusError",
    "answers_from_query",
    "catalog",
    "catalog_json",
    "complete_answer_sets",
    "evaluate",
    "evaluate_json",
    "evaluate_query",
    "exit_code",
    "handle",
    "load_status_file",
    "next_json",
    "next_question",
    "query_from_answers",
    "parse_status",
    "shipped_status",
    "validate_status",
]
