"""Glossary terms: pages write the terms exactly as docs/_data/glossary.yml has them (English: the multi-word
terms, case and apostrophe; Chinese: full-width parentheses and spacing), and none of an entry's `avoid: [...]`
variants. The notice's own words (quotations) are left as they are. The engine's words (the wizard's, the
roster's and the command line's) carry no Chinese `avoid` variant either."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Callable

import yaml

from .model import Problem, Site
from .placeholders import CJK, PLACEHOLDERS, clip, readable_lines
from .yamlnodes import error_line, line_of, load_yaml

GLOSSARY_FILE = "docs/_data/glossary.yml"
# The engine's words: a data file once texts.py only loads them, texts.py itself before.
ENGINE_TEXTS_FILES = ("wizard/eligibility/texts.toml", "wizard/eligibility/texts.py")
REQUIRED_KEYS = ("key", "en", "zh", "meaning_en", "meaning_zh")


@dataclass
class Rule:
    pattern: re.Pattern  # what may be a term written wrongly
    term: str  # as the glossary writes it
    allowed: Callable | None  # whether a match is the term written rightly; None for an `avoid` variant


def check(site: Site):
    path = site.root / GLOSSARY_FILE
    if not path.is_file():
        yield Problem(GLOSSARY_FILE, 1, "the glossary data file is missing", "restore it")
        return
    try:
        node, entries = load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        yield Problem(GLOSSARY_FILE, error_line(error), "not valid YAML: " + str(error).splitlines()[0],
                      "fix the YAML syntax")
        return
    if not isinstance(entries, list):
        yield Problem(GLOSSARY_FILE, 1, "the glossary is not a list of entries", "write one `- key: …` per term")
        return
    rules, terms = {"en": [], "zh": []}, {"en": [], "zh": []}
    for entry, entry_node in zip(entries, node.value):
        yield from entry_problems(entry, entry_node)
        if isinstance(entry, dict):
            yield from add_rules(entry, entry_node, rules, terms)
    for page in site.sorted_pages():
        if page.lang in rules and page.stem != "glossary":
            yield from page_terms(page, rules[page.lang], terms[page.lang])
    yield from engine_words(site, [rule for rule in rules["zh"] if rule.allowed is None], terms["zh"])


# --- the glossary itself -----------------------------------------------------------


def entry_problems(entry, node):
    line = line_of(node)
    if not isinstance(entry, dict):
        yield Problem(GLOSSARY_FILE, line, "glossary entry is not a mapping", "write key, en, zh, meaning_en, meaning_zh")
        return
    name = entry.get("key")
    for key in REQUIRED_KEYS:
        if not str(entry.get(key) or "").strip():
            yield Problem(GLOSSARY_FILE, line, f"glossary entry {name!r} has no {key}", f"write its {key}")
    for key in ("en", "zh", "meaning_en", "meaning_zh"):
        if any(pattern.search(str(entry.get(key) or "")) for pattern in PLACEHOLDERS):
            yield Problem(GLOSSARY_FILE, _key_line(node, key), f"placeholder text in {key} of glossary entry {name!r}",
                          "write the real text")
    for key in ("zh", "meaning_zh"):
        value = str(entry.get(key) or "")
        if value and not CJK.search(value):
            yield Problem(GLOSSARY_FILE, _key_line(node, key),
                          f"{key} of glossary entry {name!r} is not Chinese: “{clip(value)}”", "translate it into Chinese")


def add_rules(entry: dict, node, rules: dict, terms: dict):
    """The entry's rules, by language; problems with its `avoid` list."""
    en, zh = str(entry.get("en") or ""), str(entry.get("zh") or "")
    terms["en"] += [en] if en else []
    terms["zh"] += [zh] if zh else []
    if en and re.search(r"[\s\-]", en.strip()):  # one word in another case is a common word, not the term
        rules["en"].append(Rule(english_pattern(en), en, english_allowed(en)))
    if zh:
        rules["zh"].append(Rule(chinese_pattern(zh), zh, lambda found, term=zh: found == term))
    avoid = entry.get("avoid", [])
    if not isinstance(avoid, (list, str)):
        yield Problem(GLOSSARY_FILE, _key_line(node, "avoid"), "avoid must be a list of strings",
                      "write avoid: [\"variant\", …]")
        return
    for variant in [avoid] if isinstance(avoid, str) else map(str, avoid):
        if CJK.search(variant):
            rules["zh"].append(Rule(re.compile(re.escape(variant)), zh, None))
        else:
            rules["en"].append(Rule(re.compile(rf"(?<![A-Za-z0-9_]){re.escape(variant)}(?![A-Za-z0-9_])", re.I), en, None))


def _key_line(node, key) -> int:
    return next((line_of(k) for k, _ in node.value if k.value == key), line_of(node))


# --- where the terms are written -----------------------------------------------------------


def page_terms(page, rules: list, terms: list):
    """The whole page at once (a term may wrap onto the next line), its words only."""
    readable = readable_lines(page)
    text = "\n".join(readable.get(line, "") for line in range(1, len(page.lines) + 1))
    reported = set()
    for line, found, term in misspelled(text, rules, terms, english=page.lang == "en"):
        if (found, term, line) not in reported:
            reported.add((found, term, line))
            yield _problem(page.rel, line, found, term)


def engine_words(site: Site, avoided: list, terms: list):
    """The wizard's, the roster's and the command line's Chinese words use the glossary's terms too."""
    rel = next((rel for rel in ENGINE_TEXTS_FILES if (site.root / rel).is_file()), None)
    if rel is not None:
        text = (site.root / rel).read_text(encoding="utf-8")
        for line, found, term in misspelled(text, avoided, terms, english=False):
            yield _problem(rel, line, found, term)


def misspelled(text: str, rules: list, terms: list, english: bool):
    """(line, as found, the term) for every match of the rules that is not the term written rightly."""
    starts = [0] + [match.end() for match in re.finditer("\n", text)]
    # where the terms are written right: an `avoid` variant inside one of them is no fault
    exact = [match.span() for term in terms for match in re.finditer(re.escape(term), text)]
    for rule in rules:
        for match in rule.pattern.finditer(text):
            written = match.group(0)
            found = re.sub(r"\s+", " ", written.strip()) if english else written.strip()
            if rule.allowed is None:
                if any(a <= match.start() and match.end() <= b for a, b in exact):
                    continue
            elif rule.allowed(found):
                continue
            offset = match.start() + len(written) - len(written.lstrip())
            yield bisect.bisect_right(starts, offset), found, rule.term


def _problem(path, line, found, term):
    return Problem(path, line, f"“{found}” is not written as the glossary has it", f"write “{term}” ({GLOSSARY_FILE})")


# --- patterns ---------------------------------------------------------------------


def english_pattern(term: str) -> re.Pattern:
    """The term in any case, with any spacing and either apostrophe; a capital letter on its own (the A of
    "Category A") only as it is."""
    parts = []
    for token in re.split(r"(\s+|['’])", term):
        if not token:
            continue
        if token.isspace():
            parts.append(r"\s+")
        elif token in ("'", "’"):
            parts.append("['’]")
        elif len(token) == 1 and token.isalpha() and token.isupper():
            parts.append(f"(?-i:{re.escape(token)})")  # "Category A", never "category a …"
        else:
            parts.append(re.escape(token))
    return re.compile(r"(?<![\w’'-])" + "".join(parts) + r"(?![\w’-])", re.I)


def english_allowed(term: str) -> Callable:
    def allowed(found):
        if found == term:
            return True
        # a term that starts in lower case may start a sentence or a heading
        return term[0].islower() and found[0].isupper() and found[0].lower() + found[1:] == term
    return allowed


def chinese_pattern(term: str) -> re.Pattern:
    """The term with either parentheses, spaces anywhere around them and its Latin letters, in any case."""
    parts = []
    for char in term:
        if char in "（(":
            parts.append(r"\s*[（(]\s*")
        elif char in "）)":
            parts.append(r"\s*[）)]\s*")
        elif char.isascii() and char.isalpha():
            parts.append(r"\s*" + f"[{char.lower()}{char.upper()}]" + r"\s*")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts).replace(r"\s*\s*", r"\s*"))
