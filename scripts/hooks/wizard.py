"""MkDocs hook: everything the wizard needs in the browser, built from the one engine in wizard/.

- the engine as a wheel (flit_core, reproducible with SOURCE_DATE_EPOCH; its texts.toml and status.toml as JSON,
  see wizard/eligibility/packed.py), and the wheels of openpyxl and
  et_xmlfile (the roster's workbooks: pinned in requirements.txt, downloaded once by pip from PyPI into
  node_modules/.cache/site-wheels/), with the site's pyodide-lock.json listing exactly these three (made by
  the pyodide-lock package's add_wheels_to_spec, the function behind `pyodide lockfile add-wheels`), all at an
  address that carries the lock file's hash: the worker loads them with pyodide.loadPackage, which checks each
  wheel's sha256 from the lock file, and no other package can load;
- the Pyodide runtime, copied from the npm package into an address that carries its version and the hash of
  its files (never a CDN), without its own lock file (the site's is beside the wheels), and a reduced
  standard library: only the modules scripts/stdlib_modules.txt lists (what Pyodide's start-up,
  the engine and the roster load, traced by scripts/trace_stdlib.py), in a stored zip (no compression inside:
  the build's brotli and gzip variants make it far smaller on the wire than the npm package's deflated zip);
- the wizard's front end (wizard/frontend/: its scripts, the engine's worker, its style sheet), at an address
  that carries the hash of its files, like the runtime and the engine: browsers keep it for a year and never
  ask again (no round trip before the worker or the first question on a return visit); start.js is inlined
  into the pages instead;
- the catalog (every question and text) and the flow table (the next question after every reachable set
  of answers), computed by the engine and put into the wizard page, and the first question drawn into the
  page's HTML (overrides/partials/first-question.html), so it shows at first paint.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import io
import json
import os
import re
import shutil
import sys
import tempfile
import tokenize
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENGINE_DIR = ROOT / "wizard"
FRONTEND_DIR = ROOT / "wizard" / "frontend"
# Inlined into the pages rather than served: overrides/partials/engine-start.html.
STARTER = "start.js"
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
# Copied as they are; python_stdlib.zip is rebuilt (reduced_stdlib) under the same name.
COPIED_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
STDLIB_MODULES = ROOT / "scripts" / "stdlib_modules.txt"
STDLIB_NAME = "python_stdlib.zip"
# A fixed date in the wheel's zip entries: the same source gives the same bytes, so the same address.
WHEEL_EPOCH = "1577836800"
# The packages the engine may load besides itself (the roster's workbooks), as requirements.txt pins them.
REQUIREMENTS = ROOT / "requirements.txt"
PACKAGE_WHEELS = ("openpyxl", "et_xmlfile")
WHEEL_CACHE = ROOT / "node_modules" / ".cache" / "site-wheels"
LOCK_NAME = "pyodide-lock.json"

sys.path.insert(0, str(ENGINE_DIR))
import eligibility  # noqa: E402  (the engine itself: one source of truth)
from eligibility import paths  # noqa: E402  (the addresses of the wizard's plain pages)
sys.path.insert(0, str(Path(__file__).resolve().parent))  # also when loaded by path (tests/parity)
from build_cache import write_atomically  # noqa: E402


def pyodide_version() -> str:
    return json.loads((PYODIDE_NPM / "package.json").read_text(encoding="utf-8"))["version"]


# In the package's folder for its readers, not for the engine: the contract, and the wording the tests forbid.
NOT_SHIPPED = ("CONTRACT.md", "wording.toml")


def packed_source(out_dir: Path) -> Path:
    """A copy of the engine's source for its wheel, with its TOML data files as JSON (eligibility/packed.py says
    why), each checked by the engine itself first: a file that fails its check fails the build."""
    import tomllib

    from eligibility import packed, status, texts

    source = out_dir / "source"
    source.mkdir()
    shutil.copy2(ENGINE_DIR / "pyproject.toml", source / "pyproject.toml")
    package = source / "eligibility"
    shutil.copytree(ENGINE_DIR / "eligibility", package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", *NOT_SHIPPED))
    for name, check in ((texts.TEXTS_FILE, texts.load), (status.STATUS_FILE, status.parse_status)):
        toml = package / name
        text = toml.read_text(encoding="utf-8")
        check(text)
        data = json.dumps(tomllib.loads(text), ensure_ascii=False, separators=(",", ":"),
                          default=lambda value: value.isoformat())  # TOML dates: YYYY-MM-DD
        (package / packed.json_name(name)).write_text(data, encoding="utf-8")
        toml.unlink()
    return source


def build_wheel(out_dir: Path) -> Path:
    import flit_core.buildapi

    source = packed_source(out_dir)
    previous = os.getcwd(), os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = WHEEL_EPOCH
    try:
        os.chdir(source)
        name = flit_core.buildapi.build_wheel(str(out_dir))
    finally:
        os.chdir(previous[0])
        if previous[1] is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous[1]
    return store_uncompressed(out_dir / name)


def store_uncompressed(wheel: Path) -> Path:
    """The wheel with its files stored, not deflated (the same files, names, order and dates: the same wheel to
    an installer): the build then brotli-compresses the whole wheel for the wire (scripts/hooks/serving.py),
    which makes it about half as many bytes as deflating each file apart. The browser checks the sha256 of the
    wheel itself, after decoding."""
    stored = wheel.with_suffix(".stored")
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as target:
        for item in source.infolist():
            copy = zipfile.ZipInfo(item.filename, date_time=item.date_time)
            copy.external_attr = item.external_attr
            target.writestr(copy, source.read(item), compress_type=zipfile.ZIP_STORED)
    stored.replace(wheel)
    return wheel


def kept_modules() -> set[str]:
    """The standard library modules the site ships (scripts/stdlib_modules.txt)."""
    lines = STDLIB_MODULES.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def _module_name(path: str) -> str | None:
    """`json/decoder.py` -> json.decoder, `json/__init__.py` -> json; None for what is not a module."""
    if not path.endswith(".py"):
        return None
    parts = path[:-3].split("/")
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


CODING_LINE = re.compile(r"^[ \t\f]*#.*?coding[:=]")


def _docstrings(tree: ast.AST) -> list[ast.Constant]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                    and isinstance(first.value.value, str):
                found.append(first.value)
    return found


def _tree(text: str, blank_docstrings: bool) -> str:
    tree = ast.parse(text)
    if blank_docstrings:
        for node in _docstrings(tree):
            node.value = ""
    return ast.dump(tree, include_attributes=False)


def _multiline_string_lines(text: str) -> set[int]:
    """Numbers of the lines that continue a string begun on an earlier line (their blanks are the string's)."""
    inside = set()
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.STRING and token.end[0] > token.start[0]:
            inside.update(range(token.start[0] + 1, token.end[0] + 1))
    return inside


def strip_source(source: bytes) -> bytes:
    """Python source without its comments, blank lines and docstrings (each docstring becomes ""), or the source
    unchanged when that cannot be shown to be the same program: the result must parse to the same syntax tree
    (docstrings aside). Parsed by the build's Python (3.11): a file in newer syntax stays as it is."""
    try:
        text = source.decode("utf-8")
        expected = _tree(text, blank_docstrings=True)
        lines = text.splitlines(keepends=True)
        # Each edit: (line, start column, end line, end column, replacement), columns in characters.
        edits = []
        for node in _docstrings(ast.parse(text)):
            start = len(lines[node.lineno - 1].encode("utf-8")[:node.col_offset].decode("utf-8"))
            end = len(lines[node.end_lineno - 1].encode("utf-8")[:node.end_col_offset].decode("utf-8"))
            edits.append((node.lineno, start, node.end_lineno, end, '""'))
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT and not (token.start[0] <= 2 and CODING_LINE.match(token.line)):
                edits.append((token.start[0], token.start[1], token.end[0], token.end[1], ""))
        for line, col, end_line, end_col, replacement in sorted(edits, reverse=True):
            lines[line - 1:end_line] = [lines[line - 1][:col] + replacement + lines[end_line - 1][end_col:]]
        text = "".join(line.rstrip() + "\n" if line.endswith("\n") else line for line in lines)
        inside = _multiline_string_lines(text)
        lines = text.splitlines(keepends=True)
        stripped = "".join(line for number, line in enumerate(lines, 1) if number in inside or line.strip())
        if _tree(stripped, blank_docstrings=False) != expected:
            return source
        return stripped.encode("utf-8")
    except (SyntaxError, ValueError, UnicodeDecodeError, tokenize.TokenError, IndentationError):
        return source


STDLIB_CACHE = ROOT / "node_modules" / ".cache" / "site-stdlib"


def reduced_stdlib(source: Path | None = None) -> bytes:
    """The npm package's standard library with only the kept modules, stripped, as a stored zip (the same bytes
    each time). Kept in node_modules/.cache/site-stdlib/ by what it is made from (stripping takes seconds)."""
    source = source or PYODIDE_NPM / STDLIB_NAME
    key = hashlib.sha256()
    for part in (source, STDLIB_MODULES, Path(__file__)):
        key.update(hashlib.sha256(part.read_bytes()).digest())
    cached = STDLIB_CACHE / f"{key.hexdigest()}.zip"
    if cached.is_file():
        return cached.read_bytes()
    data = _reduce_stdlib(source)
    write_atomically(cached, data)
    return data


def _reduce_stdlib(source: Path) -> bytes:
    keep = kept_modules()
    out = io.BytesIO()
    found = set()
    with zipfile.ZipFile(source) as full, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as reduced:
        for info in full.infolist():
            name = _module_name(info.filename)
            if name not in keep:
                continue
            found.add(name)
            copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            copy.external_attr = info.external_attr
            copy.compress_type = zipfile.ZIP_STORED
            reduced.writestr(copy, strip_source(full.read(info)))
    missing = sorted(keep - found)
    if missing:
        raise SystemExit(f"{STDLIB_MODULES.relative_to(ROOT)} lists modules that Pyodide's python_stdlib.zip does not "
                         f"hold: {missing}. Run `.venv/bin/python scripts/trace_stdlib.py` to trace the list again.")
    return out.getvalue()


def _codec_module(name: str) -> str | None:
    """`utf-16` -> encodings.utf_16: the module a codec lookup of this name imports (as encodings does)."""
    import codecs
    import encodings
    import encodings.aliases

    if len(name) > 40 or not name.replace("-", "").replace("_", "").replace(".", "").isalnum():
        return None
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    norm = encodings.normalize_encoding(name).lower()
    aliased = encodings.aliases.aliases.get(norm) or encodings.aliases.aliases.get(norm.replace(".", "_"))
    return f"encodings.{aliased or norm}"


def engine_stdlib_needs() -> dict[str, str]:
    """Standard library modules the engine's source names ({module: file}): what it imports, and the codec
    modules of the encodings it names (a codec is imported by name when a file is decoded: a trace only sees
    the encodings of the test files)."""
    with zipfile.ZipFile(PYODIDE_NPM / STDLIB_NAME) as full:
        stdlib = {n for n in map(_module_name, full.namelist()) if n}
    needs: dict[str, str] = {}
    for path in sorted((ENGINE_DIR / "eligibility").glob("*.py")):
        where = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                names = [_codec_module(node.value)]
            else:
                continue
            for name in names:
                if name in stdlib:
                    needs.setdefault(name, where)
    return needs


def check_engine_imports() -> None:
    """Every standard library module the engine's source names is in the reduced standard library.

    The trace (scripts/trace_stdlib.py) sees what the tests run; this catches a new import at build time,
    before a visitor's browser does.
    """
    keep = kept_modules()
    missing = {name: where for name, where in engine_stdlib_needs().items() if name not in keep}
    if missing:
        listed = ", ".join(f"{name} ({where})" for name, where in sorted(missing.items()))
        raise SystemExit(
            f"The engine needs standard library modules that the site's reduced standard library leaves out: "
            f"{listed}. Run `.venv/bin/python scripts/trace_stdlib.py` (it traces what the engine loads in "
            f"Pyodide and rewrites {STDLIB_MODULES.relative_to(ROOT)}), then build again.")


def trimmed_lock() -> str:
    """Pyodide's own lock file with no package in it (tests start from it)."""
    lock = json.loads((PYODIDE_NPM / "pyodide-lock.json").read_text(encoding="utf-8"))
    return json.dumps({"info": lock["info"], "packages": {}}, separators=(",", ":"))


def pinned(name: str) -> str:
    """`name==version` as requirements.txt pins it."""
    wanted = name.lower().replace("-", "_")
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        requirement = line.split("#")[0].strip()
        if "==" in requirement and requirement.split("==")[0].strip().lower().replace("-", "_") == wanted:
            return requirement
    raise SystemExit(f"{REQUIREMENTS.name} does not pin {name}: the site ships its wheel, so it must.")


def package_wheels() -> list[Path]:
    """The wheels of PACKAGE_WHEELS at their pinned versions (pure Python: py3-none-any), downloaded once by
    pip from PyPI (the index pip is set up for) into WHEEL_CACHE, and found there afterwards."""
    import subprocess

    found = []
    missing = []
    for name in PACKAGE_WHEELS:
        requirement = pinned(name)
        version = requirement.split("==")[1].strip()
        wheels = sorted(WHEEL_CACHE.glob(f"{name}-{version}-*-none-any.whl"))
        if wheels:
            found.append(wheels[0])
        else:
            missing.append(requirement)
    if missing:
        WHEEL_CACHE.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
             "--dest", str(WHEEL_CACHE), *missing], capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"pip could not download {missing} (the site ships their wheels):\n{done.stderr}")
        return package_wheels()
    return found


def site_lock(wheels: list[Path], folder: Path) -> bytes:
    """The site's pyodide-lock.json: Pyodide's own lock's info, and exactly these wheels (copied into `folder`,
    named relative to it), by pyodide-lock's add_wheels_to_spec (it reads each wheel's name, version, imports
    and dependencies, and hashes it)."""
    from pyodide_lock import PyodideLockSpec
    from pyodide_lock.spec import InfoSpec
    from pyodide_lock.utils import add_wheels_to_spec

    info = json.loads((PYODIDE_NPM / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]
    # pyodide-lock 0.1 wants the Pyodide version in `info` (Pyodide 314's lock has only its ABI version, which is
    # what Pyodide checks): the runtime's own.
    info.setdefault("version", pyodide_version())
    copies = []
    for wheel in wheels:
        copy = folder / wheel.name
        if copy != wheel:
            shutil.copyfile(wheel, copy)
        copies.append(copy)
    spec = add_wheels_to_spec(PyodideLockSpec(info=InfoSpec(**info), packages={}), copies, base_path=folder)
    return json.dumps(spec.model_dump(), sort_keys=True, separators=(",", ":")).encode("utf-8")


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
    """What one `mkdocs build` produced: the wheel, the runtime and the addresses the page points at."""

    def __init__(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="wizard-build-"))
        self.wheel = build_wheel(self.tmp)
        digest = hashlib.sha256(self.wheel.read_bytes()).digest()
        self.version = pyodide_version()
        check_engine_imports()
        self.runtime_files = {name: (PYODIDE_NPM / name).read_bytes() for name in COPIED_FILES}
        self.runtime_files[STDLIB_NAME] = reduced_stdlib()
        # The runtime's address carries its version and the hash of its files: the same address never holds
        # other bytes (a new list of standard library modules is a new address), so browsers keep it for a year.
        runtime_digest = hashlib.sha256()
        for name in sorted(self.runtime_files):
            runtime_digest.update(name.encode() + b"\0" + hashlib.sha256(self.runtime_files[name]).digest())
        self.runtime_dir = f"assets/pyodide/{self.version}-{runtime_digest.hexdigest()[:10]}/"
        # The engine's folder: the three wheels and the lock file that lists them, at the lock file's hash.
        self.packages = [self.wheel] + package_wheels()
        self.lock = site_lock(self.packages, self.tmp)
        self.engine_dir = f"assets/engine/{hashlib.sha256(self.lock).hexdigest()[:16]}/"
        self.engine_path = f"{self.engine_dir}{self.wheel.name}"
        self.engine_integrity = "sha256-" + base64.b64encode(digest).decode()
        # The front end as it is now (written as read here, so the address and the bytes always agree).
        self.frontend_files = frontend_files()
        self.frontend_dir = frontend_folder(self.frontend_files)
        self.page_data = {
            "catalog": eligibility.catalog(),
            "flow": flow_table(),
            # Each answer's slug in the address of a result's plain page (wizard.js: the link to share).
            "paths": paths.SLUGS,
        }
        self.ui_text = ui_text(self.frontend_files["ui-text.js"].decode("utf-8"))
        # The size of each big file the worker downloads (as stored, before any Content-Encoding): the
        # progress a visitor sees while waiting for a result is measured against them.
        self.sizes = {
            "runtime": {name: len(self.runtime_files[name]) for name in ("pyodide.asm.wasm", STDLIB_NAME)},
            "engine": self.wheel.stat().st_size,
        }

    def write_into(self, site_dir: Path) -> None:
        runtime = site_dir / self.runtime_dir
        runtime.mkdir(parents=True, exist_ok=True)
        for name, data in self.runtime_files.items():
            (runtime / name).write_bytes(data)
        engine = site_dir / self.engine_dir
        engine.mkdir(parents=True, exist_ok=True)
        for wheel in self.packages:
            shutil.copyfile(wheel, engine / wheel.name)
        (engine / LOCK_NAME).write_bytes(self.lock)
        frontend = site_dir / self.frontend_dir
        frontend.mkdir(parents=True, exist_ok=True)
        for name, data in self.frontend_files.items():
            (frontend / name).write_bytes(data)


def frontend_files() -> dict[str, bytes]:
    """The front end's files as served (start.js is inlined into the pages, not served)."""
    return {p.name: p.read_bytes() for p in sorted(FRONTEND_DIR.iterdir()) if p.is_file() and p.name != STARTER}


# A static import of a sibling module, as the front end writes them: import { a, b } from "./dom.js";
STATIC_IMPORT = re.compile(r'^import\b[^;]*?\bfrom\s+"\./([\w.-]+\.js)";', re.M)
# The pages' own scripts: their imports are preloaded (<link rel="modulepreload">, partials/frontend-head.html).
PAGE_SCRIPTS = ("wizard.js", "roster.js")


def module_imports(files: dict[str, bytes], entry: str) -> list[str]:
    """The front end's modules that `entry` imports, directly or through another, in the order first met."""
    found: list[str] = []
    waiting = [entry]
    while waiting:
        for name in STATIC_IMPORT.findall(files[waiting.pop(0)].decode("utf-8")):
            if name not in found:
                if name not in files:
                    raise SystemExit(f"wizard/frontend: {entry} imports ./{name}, which is not there")
                found.append(name)
                waiting.append(name)
    return found


def frontend_folder(files: dict[str, bytes]) -> str:
    """The front end's address: named after the hash of its files, so that it never holds other bytes."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return f"assets/wizard/{digest.hexdigest()[:16]}/"


def inline_script(path: Path) -> str:
    """A script's text, to be put inside <script> as it is (nothing in it may end the element early)."""
    text = path.read_text(encoding="utf-8")
    if "</script" in text.lower() or "<!--" in text:
        raise SystemExit(f"{path.relative_to(ROOT)} cannot be inlined: it holds '</script' or '<!--'.")
    return text


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
        # The front end's folder (scripts, worker, style sheet), for the pages' links.
        "frontend": _build.frontend_dir,
        # What each page's script imports: preloaded with it, not found one round trip after it has arrived.
        "preload": {name: module_imports(_build.frontend_files, name) for name in PAGE_SCRIPTS},
        # The wheel's hash and the big files' sizes, for the engine's start (overrides/partials/engine-start.html).
        "integrity": _build.engine_integrity,
        "sizes": _build.sizes,
        # Inlined into the head by the same partial: it starts the engine's worker (see the file).
        "starter": inline_script(FRONTEND_DIR / STARTER),
        # The wizard's own words (ui-text.js), for the pages the build draws (scripts/hooks/answer_pages.py).
        "words": _build.ui_text,
        # Every wheel of the engine's folder (the engine's first): the roster page offers them for the command line.
        "wheels": [_build.engine_dir + wheel.name for wheel in _build.packages],
    }
    return config


# ui-text.js writes the wizard's own words as a JSON object (quoted keys, no trailing comma), for this build.
UI_TEXT = re.compile(r"^export const UI_TEXT = (\{.*?^\});$", re.M | re.S)


def ui_text(source: str) -> dict:
    """The wizard's own words in both languages, from the text of wizard/frontend/ui-text.js."""
    found = UI_TEXT.search(source)
    if not found:
        raise SystemExit("wizard/frontend/ui-text.js: no `export const UI_TEXT = {...};` found")
    return json.loads(found.group(1))


def first_question(page_data: dict, words: dict, lang: str) -> dict:
    """The first question as wizard.js draws it, in one language, for the page's HTML
    (overrides/partials/first-question.html): shown at first paint, before the page's scripts have run."""
    key = page_data["flow"][""]
    (question,) = [q for q in page_data["catalog"]["questions"] if q["key"] == key]
    options = [{"key": o["key"], "label": o["label"][lang], "help": o["help"][lang] if o.get("help") else None}
               for o in question["options"]]
    return {"key": key, "label": question["label"][lang], "help": question["help"][lang], "options": options,
            "counter": words[lang]["question"].replace("{n}", "1"), "continue": words[lang]["continue"]}


def on_page_context(context, page, config, nav):
    if page.meta.get("template") == "wizard.html":
        data = json.dumps(_build.page_data, ensure_ascii=False, separators=(",", ":"))
        # Inside <script type="application/json">, "</" could close the element early.
        context["wizard_data"] = data.replace("</", "<\\/")
        context["first_question"] = first_question(_build.page_data, _build.ui_text, config.theme["language"])
    return context


def on_post_build(config):
    # mkdocs-static-i18n builds each language into its own folder; the shared assets live at the root.
    if config.theme["language"] == "en":
        _build.write_into(Path(config.site_dir))
