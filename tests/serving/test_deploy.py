"""A deploy under open tabs: a real rebuild (scripts/publish_site.py, as `make build` runs it, of a copy of the
repository whose engine changed) while roster pages opened before it are still open, served by the shipped
nginx from the folder that is swapped.

- A tab opened before the deploy checks a workbook after it: openpyxl loads from the engine folder its page
  named, which the deploy keeps for a day (it used to be deleted at once: 404, "Try again, or check a smaller
  file").
- Once that folder is gone (a day later), such a tab says the site was updated and to reload the page.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nginx_run
import pytest

from pages.test_generated_tables import copy_repo
from roster import workbooks
from roster.test_browser import choose, table, wait_for_results
from wizard.conftest import Visit

ROOT = Path(__file__).resolve().parents[2]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def git_commit(repo: Path) -> None:
    """The copy is a git checkout, as the real one is (the feeds' dates come from git)."""
    if not (repo / ".git").exists():
        subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "build"],
                   cwd=repo, check=True, capture_output=True)


def publish(repo: Path, site: Path) -> str:
    git_commit(repo)
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "publish_site.py"), "--root", str(repo),
                           "--site-dir", str(site)], capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    return proc.stdout


def engine_folders(site: Path) -> set[str]:
    return {p.name for p in (site / "assets" / "engine").iterdir() if p.is_dir()}


def open_tab(context, url: str) -> Visit:
    visit = Visit(context.new_page(), url)
    visit.page.goto(f"{url}/roster/")
    visit.page.wait_for_function("() => document.documentElement.dataset.rosterEngine === 'ready'", timeout=90_000)
    return visit


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("deploy")
    repo = copy_repo(folder / "repo")
    site = folder / "site"
    publish(repo, site)
    return repo, site


def test_tabs_opened_before_a_deploy_keep_working_and_then_say_to_reload(browser, deployed):
    repo, site = deployed
    before = engine_folders(site)
    server = nginx_run.Server(site)
    # Offline caching is another test's business: no service worker here, every request goes to nginx.
    # Two tabs in two browsers (one's HTTP cache would hand the other the files it loaded).
    context = browser.new_context(service_workers="block")
    other = browser.new_context(service_workers="block")
    try:
        first, second = open_tab(context, server.url), open_tab(other, server.url)
        # The deploy: the engine changed, so its folder's name too.
        init = repo / "wizard" / "eligibility" / "__init__.py"
        init.write_text(init.read_text(encoding="utf-8") + "\n# The next release.\n", encoding="utf-8")
        said = publish(repo, site)
        after = engine_folders(site)
        assert before < after, (before, after)  # the previous engine's folder is kept beside the new one
        assert "kept for a day: assets/engine/" in said, said
        # The tab opened before the deploy checks a workbook: openpyxl from the folder its page named.
        choose(first, "staff.xlsx", workbooks.english_workbook(), XLSX)
        wait_for_results(first, "staff.xlsx")
        assert len(table(first)[0]) == 3
        assert not [f for f in first.failed if "/assets/" in f], first.failed

        # A day later the previous engine's folder is gone: the other old tab says to reload, in its words.
        for name in before:
            shutil.rmtree(site / "assets" / "engine" / name)
        choose(second, "staff.xlsx", workbooks.english_workbook(), XLSX)
        alert = second.page.locator(".roster-error[role=alert]")
        alert.filter(has_text="Reload the page").wait_for(timeout=60_000)
        assert "smaller file" not in alert.inner_text()
    finally:
        context.close()
        other.close()
        server.stop()


def offline_caches(page) -> dict[str, list[str]]:
    return page.evaluate("""async () => {
      const found = {};
      for (const name of (await caches.keys()).filter((n) => n.startsWith("wizard-offline-"))) {
        found[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
      }
      return found;
    }""")


def wait_for_cache(page, test, what: str, seconds: float = 90) -> dict[str, list[str]]:
    for _ in range(int(seconds * 4)):
        found = offline_caches(page)
        if test(found):
            return found
        page.wait_for_timeout(250)
    raise AssertionError(f"{what}: {offline_caches(page)}")


def has_openpyxl(urls) -> bool:
    return any("/openpyxl-" in url for url in urls)


def test_after_an_update_a_workbook_works_offline_without_being_used_online_first(browser, deployed):
    """A visitor used a workbook (the service worker kept openpyxl), then the site was updated: the new cache
    fetches openpyxl again at once, and with no network a workbook is checked (it used to need one online use
    after every update)."""
    repo, site = deployed
    server = nginx_run.Server(site)
    port = server.port
    context = browser.new_context()
    try:
        visit = open_tab(context, server.url)
        page = visit.page
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=90_000)
        choose(visit, "staff.xlsx", workbooks.english_workbook(), XLSX)
        wait_for_results(visit, "staff.xlsx")
        (old,) = wait_for_cache(page, lambda c: len(c) == 1 and has_openpyxl(next(iter(c.values()))),
                                "openpyxl never kept")

        init = repo / "wizard" / "eligibility" / "__init__.py"
        init.write_text(init.read_text(encoding="utf-8") + "\n# And the one after.\n", encoding="utf-8")
        server.stop()
        publish(repo, site)
        server = nginx_run.Server(site, port=port)
        page.reload()  # the new page registers the new service worker
        page.wait_for_function("() => document.documentElement.dataset.rosterEngine === 'ready'", timeout=90_000)
        wait_for_cache(page, lambda c: list(c) != [old] and len(c) == 1 and has_openpyxl(next(iter(c.values()))),
                       "the new cache has no openpyxl")

        server.stop()
        context.set_offline(True)
        page.reload()
        page.wait_for_function("() => document.documentElement.dataset.rosterEngine === 'ready'", timeout=90_000)
        choose(visit, "again.xlsx", workbooks.english_workbook(), XLSX)
        wait_for_results(visit, "again.xlsx")
        assert len(table(visit)[0]) == 3
    finally:
        context.close()
        server.stop()
