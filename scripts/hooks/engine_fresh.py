"""MkDocs hook, listed first: every build sees the engine (wizard/eligibility/) as its files are now.

`mkdocs serve` rebuilds when the rules, their texts or status.toml change (`watch` in mkdocs.yml), but Python
keeps a module it has imported once, and MkDocs keeps its hooks: without this the tables, the badges and the
decision page would go on showing the first build's rules. Before each build the package's modules are reloaded
in place, each after the modules it imports from (read from its source), so that the hooks' references see the
new code and no module holds an object of an older one. The first build has nothing to reload.
"""

from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

PACKAGE = "eligibility"


def _imports_within(module) -> set[str]:
    """The package's modules that `module` imports from (`from .rules import …`, `from . import texts`)."""
    tree = ast.parse(open(module.__file__, encoding="utf-8").read())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(f"{PACKAGE}.{node.module}")
            else:
                found.update(f"{PACKAGE}.{alias.name}" for alias in node.names)
    return found


def reload_order() -> list[str]:
    """The loaded modules of the package, each after those it imports from; the package itself last."""
    loaded = sorted(n for n in sys.modules if n.startswith(PACKAGE + "."))
    deps = {name: _imports_within(sys.modules[name]) & set(loaded) for name in loaded}
    order: list[str] = []

    def visit(name, seen=()):
        if name in order or name in seen:
            return
        for dep in sorted(deps[name]):
            visit(dep, (*seen, name))
        order.append(name)

    for name in loaded:
        visit(name)
    return order + [PACKAGE]


@event_priority(100)  # before any other hook's on_pre_build
def on_pre_build(config):
    if PACKAGE not in sys.modules:
        return
    # MkDocs restores sys.path after loading each hook: the package's folder is put back for the reload.
    folder = str(Path(sys.modules[PACKAGE].__file__).resolve().parents[1])
    sys.path.insert(0, folder)
    try:
        for name in reload_order():
            importlib.reload(sys.modules[name])
    finally:
        sys.path.remove(folder)
