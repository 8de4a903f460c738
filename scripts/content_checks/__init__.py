"""The site's content checks, run by scripts/check_content.py before every build and test.

Each problem is one line, `path:line: what is wrong — how to fix it` (paths relative to the root). One module
per check:

- front_matter: a page's front matter is valid YAML (keys and values), said at the line of the error;
- pages:        every page exists in both languages (docs/<page>.en.md and docs/<page>.zh.md), every
                nav entry of mkdocs.yml exists in both, and the Chinese nav_translations cover every nav title;
- ids:          both languages of a page have the same section ids ({ #id } / {: #id }), the guidance
                pages have the six required ones, and no id is used twice in a page;
- placeholders: no empty page, section or front-matter title, no TODO / TBD / FIXME / XXX / lorem ipsum /
                [translate] / TRANSLATE ME / 待翻译, no English left in a Chinese page (or Chinese in an
                English page), no Chinese page identical to its English one;
- glossary:     terms written exactly as docs/_data/glossary.yml has them (English: the multi-word terms,
                case and apostrophe; Chinese: full-width parentheses and spacing), plus an optional
                `avoid: [...]` list per entry; the notice's own words (quotations) are left as they are; the
                engine's words (wizard/eligibility/texts.toml, or texts.py) carry no Chinese `avoid` variant;
- engine:       every page and `source` the eligibility engine cites exists, with its id, in both languages;
- links:        every link to a page (….md) resolves to a page in the same language, and its #anchor to an id
                there;
- third_party:  no resource (image, script, style sheet, font, frame) loaded from another host, in the
                pages (their front matter too: broken, MkDocs publishes it as text), the theme overrides, the site's CSS / JS, the wizard's front end and mkdocs.yml;
- status:       wizard/eligibility/status.toml passes the engine's own validation (known measures, real
                dates, from before until, known statuses, "in_force" only with the `checked` date of the
                publisher's confirmation), each problem at its line.

What MkDocs itself says while it builds (mkdocs.yml's `validation:`, fatal under `make build`'s --strict) is
not repeated here: absolute links, links to anything but a page that lead nowhere, and anchors in what the
hooks add to pages. These checks say what MkDocs cannot: the file and line, both languages at once, the
glossary, the engine's citations.

Pages are read by markdown-it-py (each block with its lines) and, where a heading's own id is needed,
rendered by Python-Markdown with mkdocs.yml's markdown_extensions (model.py, page.py). The engine is imported
from <root>/wizard.
"""

from __future__ import annotations

from pathlib import Path

from . import engine, front_matter, glossary, ids, links, pages, placeholders, status, third_party
from .model import Problem, Site

CHECKS = (front_matter, pages, ids, placeholders, glossary, links, engine, third_party, status)


def run(root: Path) -> tuple[list[Problem], Site]:
    """Every problem of the repository at `root`, each once, by file and line; and the site as checked."""
    site = Site(root)
    found = [problem for check in CHECKS for problem in check.check(site)]
    unique = {str(problem): problem for problem in [*site.problems, *found]}
    return sorted(unique.values(), key=lambda p: (p.path, p.line, p.what)), site
