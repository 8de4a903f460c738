"""The pages the wizard is measured against, added beside a built site: a bare loadPyodide(), the site's engine
alone and the naive way."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from benchkit.common import ASSETS, ROOT, ScenarioError

PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
FRONTEND_DIR = ROOT / "wizard" / "frontend"
# The wizard page's own script, in its front end's folder (group 1: assets/wizard/<hash>/).
WIZARD_SCRIPT = re.compile(r'<script type="module" src="[^"]*(assets/wizard/[0-9a-f]+/)wizard\.js"></script>')
# The engine's settings in a page (partials/engine-start.html; group 1: their JSON).
ENGINE_START = re.compile(r'<script type="application/json" id="engine-start">(.*?)</script>', re.S)
WHEELS_DIR = ROOT / "build" / "bench-wheels"
sys.path.insert(0, str(ROOT / "scripts" / "hooks"))  # for the build's own `serving`


def pyodide_lock() -> dict:
    return json.loads((PYODIDE_NPM / "pyodide-lock.json").read_text(encoding="utf-8"))


def pyodide_version() -> str:
    return json.loads((PYODIDE_NPM / "package.json").read_text(encoding="utf-8"))["version"]


def micropip_wheels() -> dict[str, Path]:
    """micropip and packaging, at the versions Pyodide's own lock file pins, from PyPI (once)."""
    lock = pyodide_lock()
    wanted = {name: lock["packages"][name]["version"] for name in ("micropip", "packaging")}
    found = {name: next(WHEELS_DIR.glob(f"{name}-{v}-py3-none-any.whl"), None) for name, v in wanted.items()}
    missing = [f"{n}=={v}" for n, v in wanted.items() if found[n] is None]
    if missing:
        python = ".".join(lock["info"]["python"].split(".")[:2])
        print(f"Fetching {' '.join(missing)} (for the naive way) into {WHEELS_DIR.relative_to(ROOT)}/", flush=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
             "--python-version", python, "-d", str(WHEELS_DIR), *missing],
            check=True,
        )
        found = {name: next(WHEELS_DIR.glob(f"{name}-{v}-py3-none-any.whl")) for name, v in wanted.items()}
    return found


def add_bench_pages(site: Path, wheels: dict[str, Path] | None) -> None:
    """The bare runtime and its page, the engine-alone page, and (given the wheels) the naive wizard, beside the
    built site."""
    bare_runtime = add_bare_runtime(site)
    bench = site / "bench"
    bench.mkdir()
    # Visited just before each measured page, so that the browser's process for the site is up (as when a
    # visitor comes to the wizard from another page); it shares nothing with the pages measured.
    (bench / "blank.html").write_text("<!doctype html><title>blank</title>", encoding="utf-8")
    bare = (ASSETS / "bare.html").read_text(encoding="utf-8").replace("__RUNTIME__", "/" + bare_runtime)
    (bench / "bare.html").write_text(bare, encoding="utf-8")
    shutil.copyfile(ASSETS / "bare.js", bench / "bare.js")
    add_engine_alone_page(site)
    if wheels is not None:
        add_naive_page(site, bare_runtime, wheels)


def add_engine_alone_page(site: Path) -> None:
    """/bench/engine-alone.html: the wizard page's engine start (its settings; start.js, served rather than inlined)
    and engine.js, and nothing else. At the wizard page's depth, so its settings' relative addresses hold."""
    settings, frontend = engine_start(site / "wizard" / "index.html")
    bench = site / "bench"
    shutil.copyfile(FRONTEND_DIR / "start.js", bench / "start.js")
    page = (ASSETS / "engine-alone.html").read_text(encoding="utf-8").replace("__ENGINE_START__", settings)
    (bench / "engine-alone.html").write_text(page, encoding="utf-8")
    script = (ASSETS / "engine-alone.js").read_text(encoding="utf-8").replace("__FRONTEND__", "/" + frontend)
    (bench / "engine-alone.js").write_text(script, encoding="utf-8")


def engine_start(path: Path) -> tuple[str, str]:
    """The built wizard page's engine settings (the JSON text of #engine-start) and the front end's folder (from
    the site's root: assets/wizard/<hash>/)."""
    page = path.read_text(encoding="utf-8")
    settings = ENGINE_START.search(page)
    frontend = WIZARD_SCRIPT.search(page)
    if not settings or not frontend:
        raise ScenarioError("the built wizard page no longer has the engine settings and script this benchmark reads")
    return settings.group(1), frontend.group(1)


def add_bare_runtime(site: Path) -> str:
    """The npm package's runtime as it comes, precompressed as the build does; its address in the site."""
    import serving  # the build's own precompression (cached by content: the wasm is not compressed again)

    bare_runtime = f"assets/pyodide/bare-{pyodide_version()}/"
    folder = site / bare_runtime
    folder.mkdir(parents=True)
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"):
        shutil.copyfile(PYODIDE_NPM / name, folder / name)
        if (folder / name).suffix in {".mjs", ".wasm", ".json"}:
            serving.compress_file(folder / name)
    return bare_runtime


def add_naive_page(site: Path, bare_runtime: str, wheels: dict[str, Path]) -> None:
    """/wizard-naive/: the wizard page with its data and scripts swapped for scripts/bench/naive.js."""
    bench = site / "bench"
    (bench / "wheels").mkdir()
    urls = {}
    for name, wheel in wheels.items():
        shutil.copyfile(wheel, bench / "wheels" / wheel.name)
        urls[name] = f"/bench/wheels/{wheel.name}"
    # The wizard page itself: same theme, styles and depth, so the same relative links.
    page, engine, frontend = strip_wizard(site / "wizard" / "index.html")
    urls |= {"runtime": f"/{bare_runtime}", "engine": engine}
    naive = (ASSETS / "naive.js").read_text(encoding="utf-8").replace("__FRONTEND__", frontend)
    (bench / "naive.js").write_text(naive, encoding="utf-8")
    page = page.replace(
        "</body>",
        f'<script type="application/json" id="bench-naive">{json.dumps(urls)}</script>\n'
        f'<script type="module" src="/bench/naive.js"></script>\n</body>',
        1,
    )
    # The whole folder (the theme also fetches the sitemap.xml beside the page), then the naive page.
    shutil.copytree(site / "wizard", site / "wizard-naive", dirs_exist_ok=True)
    (site / "wizard-naive" / "index.html").write_text(page, encoding="utf-8")
    for variant in (site / "wizard-naive").glob("index.html.*"):
        variant.unlink()  # the wizard's own precompressed page would be served instead


def strip_wizard(path: Path) -> tuple[str, str, str]:
    """The wizard page without its data, its script and the engine's start; the engine's address; and the
    front end's folder (from the site's root: assets/wizard/<hash>/)."""
    settings, frontend = engine_start(path)
    page = path.read_text(encoding="utf-8")
    page, data = re.subn(r'<script type="application/json" id="wizard-data">.*?</script>', "", page, flags=re.S)
    page, script = WIZARD_SCRIPT.subn("", page)
    # The engine's start in the head (partials/engine-start.html): its settings stay (they give the engine's
    # address); the inline script after them (start.js), which would start the site's engine, goes.
    page, early = re.subn(r'(<script type="application/json" id="engine-start">.*?</script>)\s*<script>.*?</script>',
                          r"\1", page, count=1, flags=re.S)
    if data != 1 or script != 1 or early != 1:
        raise ScenarioError("the built wizard page no longer has the data and scripts this benchmark swaps out")
    return page, json.loads(settings)["engine"], frontend
