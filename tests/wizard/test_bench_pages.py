"""The benchmark's pages (scripts/benchkit) are made from the built site: they must follow it as it changes."""

from benchkit.wizard_site import strip_wizard


def test_the_naive_page_is_the_wizard_page_without_its_script_and_engine_start(site_dir):
    page, engine, frontend = strip_wizard(site_dir / "wizard" / "index.html")
    assert (site_dir / "wizard" / engine).resolve().is_file(), engine
    assert (site_dir / frontend / "dom.js").is_file(), frontend  # what scripts/bench/naive.js imports
    # Neither the wizard's script nor start.js (inline, it would start the site's own engine) is left.
    assert "wizard.js" not in page and "wizardEngineStart" not in page
    assert 'id="wizard"' in page  # the page itself, where the naive script draws
