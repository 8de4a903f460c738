"""The benchmark's pages (scripts/benchkit) are made from the built site: they must follow it as it changes."""

import json
import re
import shutil
from pathlib import Path

from benchkit.wizard_site import ENGINE_START, add_engine_alone_page, engine_start, strip_wizard

ROOT = Path(__file__).resolve().parents[2]


def test_the_naive_page_is_the_wizard_page_without_its_script_and_engine_start(site_dir):
    page, engine, frontend = strip_wizard(site_dir / "wizard" / "index.html")
    assert (site_dir / "wizard" / engine).resolve().is_file(), engine
    assert (site_dir / frontend / "dom.js").is_file(), frontend  # what scripts/bench/naive.js imports
    # Neither the wizard's script nor start.js (inline, it would start the site's own engine) is left.
    assert "wizard.js" not in page and "wizardEngineStart" not in page
    assert 'id="wizard"' in page  # the page itself, where the naive script draws


def test_the_engine_alone_page_starts_the_wizard_pages_engine_with_its_own_scripts(site_dir, tmp_path):
    # Written into a folder of its own: the page reads only the built wizard page.
    (tmp_path / "wizard").mkdir()
    (tmp_path / "bench").mkdir()
    shutil.copyfile(site_dir / "wizard" / "index.html", tmp_path / "wizard" / "index.html")
    add_engine_alone_page(tmp_path)
    settings, frontend = engine_start(site_dir / "wizard" / "index.html")
    page = (tmp_path / "bench" / "engine-alone.html").read_text(encoding="utf-8")
    shown = ENGINE_START.search(page)
    assert json.loads(shown.group(1)) == json.loads(settings)
    # Its addresses are relative to the wizard page, one folder deep like /bench/: they name the built files.
    for key in ("worker", "engine"):
        assert (site_dir / "bench" / json.loads(settings)[key]).resolve().is_file(), key
    # start.js as the wizard inlines it, before the page's module, which takes the engine over with engine.js.
    assert (tmp_path / "bench" / "start.js").read_bytes() == (ROOT / "wizard" / "frontend" / "start.js").read_bytes()
    assert page.index('id="engine-start"') < page.index('src="start.js"') < page.index('src="engine-alone.js"')
    script = (tmp_path / "bench" / "engine-alone.js").read_text(encoding="utf-8")
    imported = re.search(r'import \{ (.*) \} from "/(assets/wizard/[0-9a-f]+/engine\.js)";', script)
    assert imported and imported.group(2) == frontend + "engine.js", script
    engine = (site_dir / imported.group(2)).read_text(encoding="utf-8")
    for name in imported.group(1).split(", "):
        assert f"export function {name}(" in engine, name
