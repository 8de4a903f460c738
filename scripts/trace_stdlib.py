#!/usr/bin/env python3
"""Write scripts/stdlib_modules.txt: the standard library modules the wizard's engine needs in Pyodide.

    .venv/bin/python scripts/trace_stdlib.py

The site ships a reduced standard library (scripts/hooks/wizard.py builds it from the npm package's
python_stdlib.zip, keeping only the modules this file lists). The list is traced, not guessed: Pyodide
(Node, tests/parity/run_in_pyodide.mjs) starts from the FULL standard library, loads the engine and openpyxl
from the site's lock file as the browser worker does, runs every parity job (every test case, the whole
question flow, the roster page's calls on every roster fixture and on workbooks, in both languages) and one Python error reported to JavaScript, and lists
every module it loaded from the zip: Pyodide's own start-up, the engine's and the roster's imports; plus
every standard library module the engine's source names (its imports, the codecs of the encodings it names).

Run it when the engine starts to import another standard library module (the build says so) or Pyodide is
updated; tests/parity then checks that a run from the reduced zip loads nothing the list leaves out and gives
the same output as from the full one.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARITY = ROOT / "tests" / "parity" / "test_pyodide_parity.py"


def _parity():
    spec = importlib.util.spec_from_file_location("trace_parity", PARITY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def trace(stdlib: Path) -> list[str]:
    """The modules a whole parity run loads from this standard library zip."""
    parity = _parity()
    hook = parity.hook
    with tempfile.TemporaryDirectory(prefix="trace-stdlib-") as work:
        work = Path(work)
        packages = work / "engine"
        packages.mkdir()
        wheels = [hook.build_wheel(packages)] + hook.package_wheels()
        (packages / hook.LOCK_NAME).write_bytes(hook.site_lock(wheels, packages))
        result = parity.run_in_pyodide(work, packages, stdlib)
    failed = [o for o in result["python"]["outputs"] if o.startswith("EXCEPTION ")]
    if failed:
        raise SystemExit(f"the engine failed in Pyodide ({len(failed)} jobs); the first: {failed[0][:500]}")
    return result["node"]["stdlib_modules"]


def main() -> int:
    sys.path.insert(0, str(ROOT / "scripts" / "hooks"))
    import wizard as hook  # noqa: E402

    traced = trace(hook.PYODIDE_NPM / "python_stdlib.zip")
    # And what the engine's source names that the test data may not reach (the codec of an encoding no test
    # file is in): the build checks the same.
    modules = sorted(set(traced) | set(hook.engine_stdlib_needs()))
    header = [
        "# The standard library modules the site ships (scripts/hooks/wizard.py keeps only these from the npm",
        "# package's python_stdlib.zip): what Pyodide's start-up, the engine and the roster load, traced by",
        "# scripts/trace_stdlib.py (do not edit by hand; run it again). tests/parity checks it.",
        f"# Pyodide {hook.pyodide_version()}, {len(modules)} modules.",
    ]
    hook.STDLIB_MODULES.write_text("\n".join(header + modules) + "\n", encoding="utf-8")
    print(f"Wrote {hook.STDLIB_MODULES.relative_to(ROOT)}: {len(modules)} modules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
