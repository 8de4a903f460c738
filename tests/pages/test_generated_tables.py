"""The "who it applies to" tables come from the engine: change a rule and the built table changes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from .test_site import html_file

ROOT = Path(__file__).resolve().parents[2]


def table_rows(path: Path) -> list[str]:
    html = path.read_text(encoding="utf-8")
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    return [" | ".join(re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S))
            for r in rows]


def build_copy(tmp_path: Path, edits: dict | None = None) -> Path:
    """Build a copy of the site in which each file named in `edits` went through its edit function."""
    for name in ("docs", "wizard", "scripts", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    for relative, edit in (edits or {}).items():
        path = tmp_path / relative
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "out")],
                   cwd=tmp_path, check=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    return tmp_path / "out"


def test_every_guidance_page_has_a_generated_table_in_both_languages(site_dir):
    for page in ("tax-records", "online-approval", "chip-update", "e-signature", "work-and-residence-permits"):
        for lang in ("en", "zh"):
            path = html_file(site_dir, lang, f"measures/{page}/")
            assert len(table_rows(path)) >= 2, (lang, page)
            assert "generated-note" in path.read_text(encoding="utf-8")


def test_online_table_says_what_the_engine_says(site_dir):
    rows = table_rows(html_file(site_dir, "en", "measures/online-approval/"))
    assert "First application made in China | Category A: foreign high-end talent | A score of 85 points or more"\
           " | Not covered by this notice's online handling" in rows
    zh = table_rows(html_file(site_dir, "zh", "measures/online-approval/"))
    assert any(r.startswith("境内首次申请 | 外国高端人才（A类） | 其他A类认定标准 | 可网上办理") for r in zh), zh


def test_changing_a_rule_changes_the_built_tables(tmp_path):
    def online_from_abroad(source: str) -> str:
        changed = source.replace('    "after_entry",\n)', '    "after_entry",\n    "new_from_abroad",\n)')
        assert changed != source, "the rule to change was not found"
        return changed

    site = build_copy(tmp_path, {"wizard/eligibility/rules.py": online_from_abroad})
    rows = table_rows(site / "measures" / "online-approval" / "index.html")
    abroad = [r for r in rows if r.startswith("First application from outside China")]
    assert abroad and all(r.endswith("Can be handled online") for r in abroad), abroad
    zh = table_rows(site / "zh" / "measures" / "online-approval" / "index.html")
    assert any(r.startswith("境外首次申请") and r.endswith("可网上办理") for r in zh), zh
    # The same rule change reaches the wizard: the wheel the page loads is built from the changed rules.
    wheels = list((site / "assets" / "engine").rglob("*.whl"))
    assert len(wheels) == 1
    import zipfile
    with zipfile.ZipFile(wheels[0]) as wheel:
        assert '"new_from_abroad",\n)' in wheel.read("eligibility/rules.py").decode()
