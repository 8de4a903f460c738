"""Every word a visitor sees, in English and Chinese, keyed by stable codes: read from `texts.toml`.

The words live in `texts.toml`, beside this file: translators and the agency edit that file, not code (its
comments say how). It ships inside the package; the wheel the browser loads carries it as JSON instead, made
by the site's build from this file once checked (packed.py), so Pyodide reads the same texts, faster.
This module reads it once, checks it, and exposes its top-level tables under the names the engine uses:
`[questions]` is QUESTIONS, `[not_in_force]` NOT_IN_FORCE, `agency_site` AGENCY_SITE (see NAMES). A text is a
dictionary {"en": ..., "zh": ...}, as `t` makes one. No logic reads these strings, and nothing here decides
anything.

Read on first use, not on import: `tomllib` and `importlib.resources` are slow to import (tests/engine/
test_design.py keeps `import eligibility` light), so the first name asked for (the first evaluation, the
catalog, a command-line message) reads and checks the whole file and sets every name at once; later uses are
plain module attributes. A file that fails the check raises `TextsError`, naming each problem by the text's
path in the file (`questions.application.label: no Chinese text (zh)`), and no text is handed out.

The check (`validate`): the file has exactly the tables of NAMES; every text has `en` and `zh` and nothing
else, both non-empty strings, with the same {fields} in both languages; the only values that are not texts are
those of PLAIN (`agency_site`, the documents' `provider`); no table is empty.

Templates have fields in braces: {question}, {allowed}, {field}, {options},
{date}, {note}, {replaced_by}, {command}. `fill` replaces them in one pass
(not str.format: other braces, as in a JSON example, stay as they are, and
a value that itself contains "{field}" is not replaced again). The browser
can do the same with a regular expression.
"""

import re

from .packed import packed_data

_FIELD = re.compile(r"\{([a-z_]+)\}")

TEXTS_FILE = "texts.toml"
# Each text's languages, as the messages name them (two words: a bare "Chinese" reads as a codec's name to the
# build's check of the standard library the engine needs, scripts/hooks/wizard.py).
LANGUAGES = {"en": "English text", "zh": "Chinese text"}
# The module's names, each for the top-level key of the file in lower case (AGENCY_SITE: `agency_site`).
NAMES = (
    "AGENCY_SITE",
    "YES_NO",
    "QUESTIONS",
    "OUTCOMES",
    "EPIDEMIC",
    "CURRENCY",
    "NOT_IN_FORCE",
    "STATUS",
    "STATUS_LABELS",
    "DOCUMENTS",
    "FIELD_LABELS",
    "ALLOWED",
    "OPTION_SEPARATOR",
    "ERRORS",
    "CLI",
    "ROSTER",
)
# The values that are not texts (one string, not translated), by key: the values allowed, or None for any.
PLAIN = {"agency_site": None, "provider": ("applicant", "employer")}

# A reload (`make serve`: scripts/hooks/engine_fresh.py) runs this module again in the same namespace: forget
# the texts an earlier load set, so that the next use reads the file again.
for _name in NAMES:
    globals().pop(_name, None)
del _name


class TextsError(ValueError):
    """texts.toml is wrong; `problems` lists every problem."""

    def __init__(self, problems, origin=TEXTS_FILE):
        self.problems = list(problems)
        self.origin = origin
        super().__init__(f"{origin}: invalid texts:\n" + "\n".join("- " + p for p in self.problems))


def t(en, zh):
    return {"en": en, "zh": zh}


def fill(template, **values):
    """Put values into a template's {fields}; unknown fields are left as written."""
    return _FIELD.sub(lambda m: str(values.get(m.group(1), m.group(0))), template)


def _check(node, path, problems):
    where = ".".join(path)
    if path[-1] in PLAIN:
        allowed = PLAIN[path[-1]]
        if not isinstance(node, str) or not node.strip():
            problems.append(f"{where}: must be one non-empty string in quotes")
        elif allowed is not None and node not in allowed:
            problems.append(f"{where}: “{node}” must be one of {', '.join(allowed)}")
    elif isinstance(node, dict) and any(lang in node for lang in LANGUAGES):
        fields = {}
        for lang, language in LANGUAGES.items():
            if lang not in node:
                problems.append(f"{where}: no {language} ({lang})")
            elif not isinstance(node[lang], str):
                problems.append(f"{where}.{lang}: must be text in quotes")
            elif not node[lang].strip():
                problems.append(f"{where}.{lang}: the {language} is empty")
            else:
                fields[lang] = set(_FIELD.findall(node[lang]))
        for key in node:
            if key not in LANGUAGES:
                problems.append(f"{where}.{key}: not a language (a text has en and zh only)")
        if len(fields) == len(LANGUAGES) and fields["en"] != fields["zh"]:
            problems.append(
                f"{where}: the languages have different fields: en "
                + (", ".join("{" + f + "}" for f in sorted(fields["en"])) or "none")
                + "; zh "
                + (", ".join("{" + f + "}" for f in sorted(fields["zh"])) or "none")
            )
    elif isinstance(node, dict):
        if not node:
            problems.append(f"{where}: empty table")
        for key, value in node.items():
            _check(value, path + [key], problems)
    else:
        problems.append(f"{where}: not a text: write {path[-1]}.en = \"…\" and {path[-1]}.zh = \"…\"")


def validate(data, origin=TEXTS_FILE):
    """Check the parsed file; return {name: value} for every name of NAMES, or raise TextsError listing every problem."""
    keys = {name.lower(): name for name in NAMES}
    problems = [f"{key}: not a table the engine knows" for key in data if key not in keys]
    for key in keys:
        if key not in data:
            problems.append(f"{key}: missing")
        else:
            _check(data[key], [key], problems)
    if problems:
        raise TextsError(problems, origin)
    return {name: data[key] for key, name in keys.items()}


def load(text=None, origin=TEXTS_FILE):
    """Read and check texts.toml (the package's own, or `text`): {name: value}, or TextsError."""
    if text is None and (packed := packed_data(TEXTS_FILE)) is not None:
        return validate(packed, origin)  # the wheel's JSON copy (packed.py)
    import tomllib  # lazy: see the module docstring

    if text is None:
        from importlib.resources import files  # lazy too; works from a wheel (Pyodide) as from the source tree

        text = files(__package__).joinpath(TEXTS_FILE).read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TextsError([f"not valid TOML: {error}"], origin) from None
    return validate(data, origin)


def __getattr__(name):
    """The texts, read and checked on first use (Python calls this only for a name not set yet)."""
    if name in NAMES:
        globals().update(load())
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(NAMES))
