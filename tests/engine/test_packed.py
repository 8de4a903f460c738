"""The wheel the browser loads carries texts.toml and status.toml as JSON (eligibility/packed.py): the same data,
read without tomllib."""

import json
import subprocess
import sys
import zipfile

from conftest import WIZARD

from eligibility import evaluate_query, status, texts
from eligibility.jsonapi import dump_json


def _wheel(site_dir):
    (wheel,) = site_dir.glob("assets/engine/*/eligibility-*.whl")
    return wheel


def test_the_wheel_carries_the_data_files_as_json_giving_the_same_texts_and_status(site_dir):
    with zipfile.ZipFile(_wheel(site_dir)) as archive:
        names = set(archive.namelist())
        packed_texts = json.loads(archive.read("eligibility/texts.json"))
        packed_status = json.loads(archive.read("eligibility/status.json"))
    assert "eligibility/texts.toml" not in names and "eligibility/status.toml" not in names
    # Checked as the TOML is, they give what the source tree's TOML gives (read here: it has no JSON copy).
    assert texts.validate(packed_texts, "texts.json") == texts.load()
    source_status = status.parse_status((WIZARD / "eligibility" / "status.toml").read_text(encoding="utf-8"))
    assert status.validate_status(packed_status, "status.json").to_dict() == source_status.to_dict()


QUERY = {"application": "extension", "category": "A", "tax_bureau_unreachable": "no"}


def test_the_installed_wheel_answers_as_the_source_does_without_importing_tomllib(site_dir, tmp_path):
    with zipfile.ZipFile(_wheel(site_dir)) as archive:
        archive.extractall(tmp_path)
    script = (
        "import sys, json\n"
        f"sys.path.insert(0, {str(tmp_path)!r})\n"
        "import eligibility\n"
        "from eligibility.jsonapi import dump_json\n"
        f"answer = dump_json(eligibility.evaluate_query({QUERY!r}))\n"
        "print(json.dumps([eligibility.__file__, sorted({'tomllib', 'importlib.resources'} & set(sys.modules)),"
        " answer]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    engine_file, slow_imports, answer = json.loads(done.stdout)
    assert engine_file.startswith(str(tmp_path))
    assert slow_imports == []
    assert answer == dump_json(evaluate_query(QUERY))  # texts and status included, word for word
