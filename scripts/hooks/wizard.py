"""MkDocs hook: everything the wizard needs in the browser, built from the one engine in wizard/.

- the engine as a wheel (flit_core, reproducible with SOURCE_DATE_EPOCH), at an address that carries its hash;
- the Pyodide runtime, copied from the npm package into an address that carries its version (never a CDN),
  with a lock file trimmed to nothing, so Pyodide can load no package from anywhere;
- the catalog (every question and text) and the flow table (the next question after every reachable set
  of answers), computed by the engine and put into the wizard page, so the first question shows at once.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENGINE_DIR = ROOT / "wizard"
FRONTEND_DIR = ROOT / "wizard" / "frontend"
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
# A fixed date in the wheel's zip entries: the same source gives the same bytes, so the same address.
WHEEL_EPOCH = "1577836800"

sys.path.insert(0, str(ENGINE_DIR))
import eligibility  # noqa: E402  (the engine itself: one source of truth)


def pyodide_version() -> str:
    return json.loads((PYODIDE_NPM / "package.json").read_text(encoding="utf-8"))["version"]


def build_wheel(out_dir: Path) -> Path:
    import flit_core.buildapi

    previous = os.getcwd(), os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = WHEEL_EPOCH
    try:
        os.chdir(ENGINE_DIR)
        name = flit_core.buildapi.build_wheel(str(out_dir))
    finally:
        os.chdir(previous[0])
        if previous[1] is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous[1]
    return out_dir / name


def trimmed_lock() -> str:
    """Pyodide's own lock file with no package in it: only the core and our engine ever load."""
    lock = json.loads((PYODIDE_NPM / "pyodide-lock.json").read_text(encoding="utf-8"))
    return json.dumps({"info": lock["info"], "packages": {}}, separators=(",", ":"))


def query_key(answers: dict) -> str:
    """Answers as a share link writes them, in question order: the flow table's key."""
    def value(v):
        return ("yes" if v else "no") if isinstance(v, bool) else v
    order = [q["key"] for q in eligibility.catalog()["questions"]]
    return "&".join(f"{k}={value(answers[k])}" for k in order if k in answers)


def flow_table() -> dict[str, str | None]:
    """The next question after every set of answers the flow can reach, from the engine's own routing."""
    questions = {q["key"]: q for q in eligibility.catalog()["questions"]}
    table: dict[str, str | None] = {}

    def walk(answers: dict) -> None:
        step = eligibility.next_question(answers)
        table[query_key(answers)] = step["next"]
        if step["next"] is None:
            return
        question = questions[step["next"]]
        for option in question["options"]:
            value = option["key"]
            if question["type"] == "boolean":
                value = eligibility.catalog()["boolean_options"][value]
            walk({**answers, step["next"]: value})

    walk({})
    return table


class _Build:
    """What one `mkdocs build` produced: the wheel and the addresses the page points at."""

    def __init__(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="wizard-build-"))
        self.wheel = build_wheel(self.tmp)
        digest = hashlib.sha256(self.wheel.read_bytes()).digest()
        self.version = pyodide_version()
        self.runtime_dir = f"assets/pyodide/{self.version}/"
        self.engine_path = f"assets/engine/{digest.hex()[:16]}/{self.wheel.name}"
        self.engine_integrity = "sha256-" + base64.b64encode(digest).decode()
        self.page_data = {
            "catalog": eligibility.catalog(),
            "flow": flow_table(),
            "engine_integrity": self.engine_integrity,
        }

    def write_into(self, site_dir: Path) -> None:
        runtime = site_dir / self.runtime_dir
        runtime.mkdir(parents=True, exist_ok=True)
        for name in RUNTIME_FILES:
            shutil.copyfile(PYODIDE_NPM / name, runtime / name)
        (runtime / "pyodide-lock.json").write_text(trimmed_lock(), encoding="utf-8")
        engine = site_dir / self.engine_path
        engine.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.wheel, engine)
        frontend = site_dir / "assets" / "wizard"
        shutil.copytree(FRONTEND_DIR, frontend, dirs_exist_ok=True)


_build: _Build | None = None


def on_config(config):
    global _build
    missing = [n for n in RUNTIME_FILES if not (PYODIDE_NPM / n).is_file()]
    if missing:
        raise SystemExit(f"Pyodide runtime files missing from {PYODIDE_NPM}: {missing}. Run `npm ci` (make does).")
    _build = _Build()
    config.extra["wizard"] = {
        "runtime": _build.runtime_dir,
        "engine": _build.engine_path,
        # The wheel's hash, for pages other than the wizard that run the engine (the roster).
        "integrity": _build.engine_integrity,
    }
    return config


def on_page_context(context, page, config, nav):
    if page.meta.get("template") == "wizard.html":
        data = json.dumps(_build.page_data, ensure_ascii=False, separators=(",", ":"))
        # Inside <script type="application/json">, "</" could close the element early.
        context["wizard_data"] = data.replace("</", "<\\/")
    return context


def on_post_build(config):
    # mkdocs-static-i18n builds each language into its own folder; the shared assets live at the root.
    if config.theme["language"] == "en":
        _build.write_into(Path(config.site_dir))
