#!/usr/bin/env python3
"""Check the site's content before it is built or tested.

    .venv/bin/python scripts/check_content.py [--root DIR]

Each problem is printed as one line, `path:line: what is wrong — how to fix it`; the exit status is 1 when
there is any. The checks, one module each, and what they leave to MkDocs: scripts/content_checks/.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from content_checks import run  # scripts/ is on the path: this file's own folder

REPO_ROOT = Path(__file__).resolve().parents[1]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help="the repository to check (default: this one)")
    args = parser.parse_args(argv)
    problems, site = run(args.root.resolve())
    for problem in problems:
        print(problem)
    if problems:
        print(f"content check: {len(problems)} problem{'s' if len(problems) != 1 else ''}", file=sys.stderr)
        return 1
    print(f"content check: {len(site.stems)} pages in {len(site.langs)} languages, no problem")
    return 0


if __name__ == "__main__":
    sys.exit(main())
