"""Raw-HTML links are checked by the build (scripts/hooks/serving.py): MkDocs validates Markdown links only, so a
broken `<a href>` written in a page's HTML once passed the strict build. Now every `<a href>` of every built page
that stays on the site must lead to a page or file the build wrote, or the strict build fails."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

from pages.test_generated_tables import copy_repo

ROOT = Path(__file__).resolve().parents[2]


def _hook(name: str):
    """A build hook, loaded from its file under its own name (`serving` is also the tests' package)."""
    spec = importlib.util.spec_from_file_location(f"hooks_{name}", ROOT / "scripts" / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


serving = _hook("serving")


def small_site(folder: Path, links: str) -> Path:
    for page in ("index.html", "notice/index.html", "zh/index.html", "assets/site.css"):
        (folder / page).parent.mkdir(parents=True, exist_ok=True)
        (folder / page).write_text("<p>page</p>", encoding="utf-8")
    (folder / "notice" / "index.html").write_text(links, encoding="utf-8")
    return folder


def test_links_to_pages_files_and_other_sites_pass(tmp_path):
    site = small_site(tmp_path, '<a href="../">home</a> <a href="../zh/">中文</a> <a href="/assets/site.css">css</a>'
                                '<a href="#x">here</a> <a href="https://www.8610hr.cn/">out</a>'
                                '<a href="mailto:a@example.org">mail</a> <a href="./?q=1#y">self</a>'
                                '<script>const a = \'<a href="nowhere/">\';</script><!-- <a href="gone/"> -->')
    assert serving.broken_links(site) == []


def test_a_broken_raw_html_link_is_reported_with_its_page(tmp_path):
    site = small_site(tmp_path, '<a href="../no-such-page/">x</a> <a href=\'../notice/missing.png\'>y</a>')
    problems = serving.broken_links(site)
    assert len(problems) == 2
    assert problems[0].startswith("notice/index.html: link to '../no-such-page/' leads to no page or file")


def test_the_strict_build_fails_on_a_broken_raw_html_link(tmp_path):
    """A real build of a copy whose page holds `<a href="../no-such-page/">` in its HTML."""
    repo = copy_repo(tmp_path / "repo")
    page = repo / "docs" / "notice.en.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<p><a href="../no-such-page/">More</a></p>\n',
                    encoding="utf-8")
    # The copy is a git checkout, as the real one is (the feeds' dates come from git).
    for command in (["git", "init", "-q"], ["git", "add", "-A"],
                    ["git", "-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "copy"]):
        subprocess.run(command, cwd=repo, check=True, capture_output=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")],
                          cwd=repo, env=env, capture_output=True, text=True)
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0, log[-3000:]
    assert "notice/index.html: link to '../no-such-page/' leads to no page or file of the site" in log, log[-3000:]
