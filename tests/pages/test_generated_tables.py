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
sys.path.insert(0, str(ROOT / "wizard"))
import eligibility  # noqa: E402


def copy_repo(tmp_path: Path) -> Path:
    """What a build reads, copied (node_modules linked): the site's sources, its configuration and the pins the
    build takes its Python wheels from."""
    for name in ("docs", "wizard", "scripts", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "requirements.txt"):
        shutil.copy(ROOT / name, tmp_path)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    return tmp_path


def build_copy(tmp_path: Path, edits: dict | None = None) -> Path:
    """Build a copy of the site in which each file named in `edits` went through its edit function."""
    copy_repo(tmp_path)
    for relative, edit in (edits or {}).items():
        path = tmp_path / relative
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "out")],
                   cwd=tmp_path, check=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    return tmp_path / "out"


PAGES = {"tax-records": "tax_records", "online-approval": "online", "chip-update": "chip_update",
         "e-signature": "e_signature", "work-and-residence-permits": "joint_residence_permit"}


def cases(path: Path) -> dict[str, list[str]]:
    """result -> the cases listed for it (one per line of the second cell), from the generated table."""
    html = path.read_text(encoding="utf-8")
    table = html.split('class="generated-note"')[0].rsplit("<table>", 1)[1]
    found = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
        result, when = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        found[re.sub(r"<[^>]+>", "", result).strip()] = [re.sub(r"<[^>]+>", "", c).strip()
                                                          for c in re.split(r"<br\s*/?>", when)]
    return found


def test_every_guidance_page_has_a_short_generated_table_without_a_badge(site_dir):
    """One row per result the rule can give, two columns (it reads on a phone), and a note that it says what the
    2022 notice provided; no status badge after it while the measure is unconfirmed (the page's banner says so)."""
    for page, key in PAGES.items():
        for lang in ("en", "zh"):
            path = html_file(site_dir, lang, f"measures/{page}/")
            found = cases(path)
            outcome = eligibility.catalog()["outcomes"][key]
            labels = [outcome["results"][code]["label"][lang] for code in eligibility.rules.RULES_BY_KEY[key].results]
            assert list(found) == labels, (lang, page)
            after = path.read_text(encoding="utf-8").split('class="generated-note"')[1]
            note = after.split("</p>")[0]
            assert ("says only what the 2022 notice provided" if lang == "en" else "仅说明2022年通知的规定") in note
            assert "status-badge" not in after.split("<h2")[0]


def test_online_table_says_what_the_engine_says(site_dir):
    found = cases(html_file(site_dir, "en", "measures/online-approval/"))
    assert "First application made in China · Category A: foreign high-end talent · 85 points or more: Yes" \
        in found["Not among the applications the 2022 notice handled online"]
    assert found["Under the 2022 notice, could be handled online"][0] == (
        "First application made in China · Category A: foreign high-end talent · 85 points or more: No")
    zh = cases(html_file(site_dir, "zh", "measures/online-approval/"))
    assert zh["按2022年通知，可网上办理"][0] == "境内首次申请 · 外国高端人才（A类） · 计点积分85分以上：否"


def test_the_tax_records_table_lists_each_application_once_per_result(site_dir):
    found = cases(html_file(site_dir, "en", "measures/tax-records/"))
    assert found["Not stated in the 2022 notice"] == [
        "First application from outside China (for the Notification Letter of Foreigner’s Work Permit)"]
    for result, lines in found.items():
        for application in ("Extension", "Reissue", "Change of employer"):
            assert sum(application in line for line in lines) <= 1, (result, lines)
    chip = cases(html_file(site_dir, "en", "measures/chip-update/"))
    deferrable = "Under the 2022 notice, the chip update could be deferred until the epidemic was alleviated"
    assert chip[deferrable] == ["Extension, Information change, Change of employer"]
    assert chip["Not stated in the 2022 notice"] == [
        "First application made in China, Application for the work permit after entry, Reissue"]


def test_changing_a_rule_changes_the_built_tables(tmp_path):
    def online_from_abroad(source: str) -> str:
        changed = source.replace('    "after_entry",\n)', '    "after_entry",\n    "new_from_abroad",\n)')
        assert changed != source, "the rule to change was not found"
        return changed

    site = build_copy(tmp_path, {"wizard/eligibility/rules.py": online_from_abroad})
    found = cases(site / "measures" / "online-approval" / "index.html")
    assert any(line.startswith("First application from outside China") for line in found["Under the 2022 notice, could be handled online"])
    assert not any("outside China" in line for line in found["Not among the applications the 2022 notice handled online"])
    zh = cases(site / "zh" / "measures" / "online-approval" / "index.html")
    assert any(line.startswith("境外首次申请") for line in zh["按2022年通知，可网上办理"]), zh
    # The same rule change reaches the wizard: the wheel the page loads is built from the changed rules.
    wheels = list((site / "assets" / "engine").rglob("eligibility-*.whl"))
    assert len(wheels) == 1
    import zipfile
    with zipfile.ZipFile(wheels[0]) as wheel:
        assert '"new_from_abroad",\n)' in wheel.read("eligibility/rules.py").decode()
