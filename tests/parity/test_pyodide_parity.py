"""The engine gives the same JSON text in real Pyodide (Node, the npm package) as in CPython.

Both sides load the engine from the wheel the site ships (built by the site's own hook,
scripts/hooks/wizard.py) and run the same driver (parity_driver.py) on the
same jobs: every case of tests/cases/evaluate.json and next.json (as text and
as the bytes the command line reads), the whole question flow (every complete
answer set, every partial one along the way, with dated statuses and through
the browser worker's share-link call), the catalog, and the roster page's
calls on every file of tests/cases/roster/ (each encoding, separator and fault) and on one in UTF-16.
Pyodide starts once, in one Node process (run_in_pyodide.mjs), with only its core from
node_modules, the reduced standard library the site ships (only the modules scripts/stdlib_modules.txt
lists), the site's lock file listing no package, and no network. The same run from the npm package's whole
standard library must load no module the reduced one leaves out, and give the same output.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CASES = ROOT / "tests" / "cases"
DRIVER = HERE / "parity_driver.py"
RUNNER = HERE / "run_in_pyodide.mjs"
HOOK = ROOT / "scripts" / "hooks" / "wizard.py"
NODE = shutil.which("node") or "/usr/bin/node"
# The dates the lifted test status turns on and off (see tests/cases/status_lifted.toml).
DATES = ("2023-01-15", "2023-04-01", "2024-06-01")


def _load_hook():
    spec = importlib.util.spec_from_file_location("parity_wizard_hook", HOOK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # puts wizard/ on sys.path and imports the engine from it
    return module


hook = _load_hook()
eligibility = hook.eligibility


def _cases(name):
    return json.loads((CASES / name).read_text(encoding="utf-8"))


def _case_jobs(group, call, case):
    """The jobs for one case file entry: its text and, always, its bytes."""
    extra = {"status": (CASES / case["status"]).read_text(encoding="utf-8")} if "status" in case else {}
    jobs = []
    if "stdin_hex" in case:
        data = bytes.fromhex(case["stdin_hex"])
    else:
        text = case["stdin"] if "stdin" in case else json.dumps(case["input"], ensure_ascii=False)
        jobs.append((f"{group} (text): {case['name']}", {"call": call, "text": text, **extra}))
        data = text.encode("utf-8")
    jobs.append((f"{group} (bytes): {case['name']}", {"call": call, "hex": data.hex(), **extra}))
    return jobs


def _walk_answer_sets():
    """Every complete answer set, then every distinct partial one (the prefixes in the order asked)."""
    complete = eligibility.complete_answer_sets()
    partial, seen = [], set()
    for answers in complete:
        items = list(answers.items())
        for size in range(len(items)):
            key = tuple(items[:size])
            if key not in seen:
                seen.add(key)
                partial.append(dict(key))
    return complete, partial


def build_jobs():
    """[(group, label, job)] for everything compared."""
    jobs = []

    def add(group, label, job):
        jobs.append((group, label, job))

    for case in _cases("evaluate.json"):
        for label, job in _case_jobs("evaluate case", "evaluate", case):
            add("evaluate cases", label, job)
    for case in _cases("next.json"):
        for label, job in _case_jobs("next case", "next", case):
            add("next cases", label, job)

    complete, partial = _walk_answer_sets()
    lifted = (CASES / "status_lifted.toml").read_text(encoding="utf-8")
    for answers in complete:
        text = json.dumps(answers)
        add("walk: complete", f"evaluate {text}", {"call": "evaluate", "text": text})
        add("walk: complete", f"next {text}", {"call": "next", "text": text})
        query = json.dumps(eligibility.query_from_answers(answers))
        add("walk: share link", f"evaluate_query {query}", {"call": "query", "text": query})
        for day in DATES:
            dated = json.dumps({**answers, "as_of": day})
            add("walk: dated", f"evaluate {dated} with status_lifted.toml",
                {"call": "evaluate", "text": dated, "status": lifted})
    for answers in partial:
        text = json.dumps(answers)
        add("walk: partial", f"evaluate {text}", {"call": "evaluate", "text": text})
        add("walk: partial", f"next {text}", {"call": "next", "text": text})
        query = json.dumps(eligibility.query_from_answers(answers))
        add("walk: share link", f"evaluate_query {query}", {"call": "query", "text": query})
    add("catalog", "catalog_json()", {"call": "catalog"})
    # The roster page's calls on every roster fixture (tests/cases/roster/), in both languages.
    for path in sorted((CASES / "roster").iterdir()):
        if path.suffix == ".md":
            continue
        for lang in ("en", "zh"):
            add("roster", f"roster {path.name} {lang}", {"call": "roster", "hex": path.read_bytes().hex(), "lang": lang})
    # UTF-16 with a byte order mark (Excel's "Unicode text"), which no fixture is: the codec must be shipped too.
    utf16 = (CASES / "roster" / "utf8.csv").read_text(encoding="utf-8").encode("utf-16")
    for lang in ("en", "zh"):
        add("roster", f"roster utf8.csv as UTF-16 {lang}", {"call": "roster", "hex": utf16.hex(), "lang": lang})
    # Workbooks (openpyxl, loaded from the site's lock file), made as tests/roster/workbooks.py makes them.
    for name, data in _workbooks().items():
        for lang in ("en", "zh"):
            add("roster: workbook", f"roster {name} {lang}", {"call": "roster", "hex": data.hex(), "lang": lang})
    return jobs


def _workbooks():
    spec = importlib.util.spec_from_file_location("parity_workbooks", ROOT / "tests" / "roster" / "workbooks.py")
    workbooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(workbooks)

    return {"english.xlsx": workbooks.english_workbook(blank_rows_before=1),
            "chinese-after-a-chart.xlsx": workbooks.chinese_workbook(),
            "empty.xlsx": workbooks.empty_workbook(), "macro.xlsm": workbooks.macro_workbook(),
            "encrypted.xlsx": workbooks.compound_file(["EncryptionInfo", "EncryptedPackage"])}


JOBS = build_jobs()
GROUPS = sorted({group for group, _, _ in JOBS})


def _jobs_text():
    return json.dumps([job for _, _, job in JOBS], ensure_ascii=True)


def run_in_pyodide(work: Path, packages: Path, stdlib: Path) -> dict:
    """The driver inside Pyodide, with the packages of this engine folder (the site's lock file and its wheels)
    and this standard library zip: one Node process for every job."""
    request, out = work / "request.json", work / "out.json"
    request.write_text(json.dumps({
        "indexURL": f"{hook.PYODIDE_NPM}/",
        "packages": str(packages),
        "stdlib": str(stdlib),
        "driver": DRIVER.read_text(encoding="utf-8"),
        "jobs": _jobs_text(),
    }, ensure_ascii=True), encoding="ascii")
    done = subprocess.run(
        [NODE, str(RUNNER), str(request), str(out)],
        capture_output=True, cwd=work, timeout=180,
    )
    assert done.returncode == 0, (done.stdout + done.stderr).decode("utf-8", "replace")[-3000:]
    return json.loads(out.read_text(encoding="utf-8"))


def _runtime(site_dir: Path) -> Path:
    (runtime,) = (site_dir / "assets" / "pyodide").iterdir()
    return runtime


@pytest.fixture(scope="session")
def packages(site_dir) -> Path:
    """The engine's folder the site ships: its pyodide-lock.json and the wheels it lists (the site's hook)."""
    (path,) = (site_dir / "assets" / "engine").iterdir()
    return path


@pytest.fixture(scope="session")
def wheel(packages) -> Path:
    """The engine wheel the site ships."""
    (path,) = packages.glob("eligibility-*.whl")
    return path


@pytest.fixture(scope="session")
def shipped_stdlib(site_dir) -> Path:
    """The reduced standard library the site ships (scripts/stdlib_modules.txt's modules)."""
    return _runtime(site_dir) / "python_stdlib.zip"


@pytest.fixture(scope="session")
def cpython(packages, tmp_path_factory) -> dict:
    """The driver on CPython, in a fresh `python -S` with only the unpacked wheels on its path."""
    unpacked = tmp_path_factory.mktemp("parity-cpython")
    for wheel in packages.glob("*.whl"):
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(unpacked)
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(unpacked), "LC_ALL": "C"}
    done = subprocess.run(
        [sys.executable, "-S", str(DRIVER)], input=_jobs_text().encode("ascii"),
        capture_output=True, env=env, cwd=unpacked, timeout=120,
    )
    assert done.returncode == 0 and not done.stderr, done.stderr.decode("utf-8", "replace")[-3000:]
    result = json.loads(done.stdout.decode("ascii"))
    result["unpacked"] = str(unpacked)
    return result


@pytest.fixture(scope="session")
def pyodide(packages, shipped_stdlib, tmp_path_factory) -> dict:
    """The driver inside Pyodide from the standard library the site ships, as the browser runs it."""
    return run_in_pyodide(tmp_path_factory.mktemp("parity-pyodide"), packages, shipped_stdlib)


@pytest.fixture(scope="session")
def pyodide_full_stdlib(packages, tmp_path_factory) -> dict:
    """The same run from the npm package's whole standard library: what the reduced one is checked against."""
    return run_in_pyodide(tmp_path_factory.mktemp("parity-pyodide-full"), packages,
                          hook.PYODIDE_NPM / "python_stdlib.zip")


def _short(text, limit=2000):
    return text if len(text) <= limit else text[:limit] + f"... [{len(text) - limit} more characters]"


def _first_difference(ours, theirs, context=80):
    """Where two one-line JSON texts part, with some text around it."""
    at = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
    start = max(0, at - context)
    return (f"first difference at character {at} (lengths {len(ours)} and {len(theirs)}):\n"
            f"  CPython: ...{ours[start:at + context]!r}\n"
            f"  Pyodide: ...{theirs[start:at + context]!r}")


def _compare(group, cpython, pyodide):
    for side, outputs in (("CPython", cpython["outputs"]), ("Pyodide", pyodide["python"]["outputs"])):
        assert len(outputs) == len(JOBS), f"{side} gave {len(outputs)} outputs for {len(JOBS)} jobs"
    indexes = [i for i, (g, _, _) in enumerate(JOBS) if g == group]
    assert indexes, group
    differing = [i for i in indexes if cpython["outputs"][i] != pyodide["python"]["outputs"][i]]
    if differing:
        i = differing[0]
        ours, theirs = cpython["outputs"][i], pyodide["python"]["outputs"][i]
        pytest.fail(
            f"{len(differing)} of {len(indexes)} outputs in {group!r} differ; the first: {JOBS[i][1]}\n"
            f"job: {_short(json.dumps(JOBS[i][2], ensure_ascii=False), 1000)}\n"
            f"{_first_difference(ours, theirs)}\n"
            f"--- CPython:\n{_short(ours)}\n--- Pyodide:\n{_short(theirs)}",
            pytrace=False,
        )


@pytest.mark.parametrize("group", GROUPS)
def test_pyodide_output_is_byte_identical(group, cpython, pyodide):
    _compare(group, cpython, pyodide)


def test_the_same_strings_are_the_same_bytes(cpython, pyodide):
    """Equal strings could hide nothing, but say it in bytes, as the contract does."""
    ours = [o.encode("utf-8", "surrogatepass") for o in cpython["outputs"]]
    theirs = [o.encode("utf-8", "surrogatepass") for o in pyodide["python"]["outputs"]]
    assert b"".join(ours) == b"".join(theirs)
    assert [len(o) for o in ours] == [len(o) for o in theirs]


def test_every_job_gave_one_output_and_no_exception(cpython, pyodide):
    for side, outputs in (("CPython", cpython["outputs"]), ("Pyodide", pyodide["python"]["outputs"])):
        assert len(outputs) == len(JOBS), side
        failed = [(JOBS[i][1], o) for i, o in enumerate(outputs) if o.startswith("EXCEPTION ")]
        assert not failed, f"{side}: {len(failed)} exceptions; the first: {failed[0]}"
        not_json = [JOBS[i][1] for i, o in enumerate(outputs) if not o.endswith("}\n")]
        assert not not_json, f"{side}: not JSON text: {not_json[:3]}"


def test_pyodide_is_really_pyodide(cpython, pyodide):
    python, node = pyodide["python"]["python"], pyodide["node"]
    assert python["platform"] == "emscripten"
    assert tuple(python["version_info"]) >= (3, 14)
    assert node["pyodide_version"] == hook.pyodide_version()
    # The engine came from its wheel, installed by loadPackage from the site's lock file into site-packages, as
    # in the browser worker; so did openpyxl and et_xmlfile, and nothing else.
    assert python["engine_file"].endswith("/site-packages/eligibility/__init__.py"), python["engine_file"]
    assert set(node["loaded_packages"]) == {"eligibility", "openpyxl", "et-xmlfile"}, node["loaded_packages"]
    assert python["engine_version"] == cpython["python"]["engine_version"] == eligibility.__version__
    # And the CPython side is an ordinary CPython with the engine from the same wheel.
    assert cpython["python"]["platform"] != "emscripten"
    assert cpython["python"]["implementation"] == "cpython"
    assert cpython["python"]["engine_file"].startswith(cpython["unpacked"])
    print(f"\nPyodide {node['pyodide_version']} (Python {'.'.join(map(str, python['version_info']))}, "
          f"{python['platform']}) on Node {node['node_version']}: loaded in {node['load_ms']} ms, "
          f"{len(JOBS)} jobs in {node['run_ms']} ms")


def test_the_reduced_standard_library_holds_every_module_a_whole_run_loads(pyodide, pyodide_full_stdlib,
                                                                           shipped_stdlib):
    """Run from the whole standard library, the same jobs load nothing the shipped zip leaves out (a module
    imported under `try: ... except ImportError` would otherwise be missed without an error), and give the
    same output, byte for byte."""
    with zipfile.ZipFile(shipped_stdlib) as archive:
        shipped = {n for n in map(hook._module_name, archive.namelist()) if n}
        assert {i.compress_type for i in archive.infolist()} == {zipfile.ZIP_STORED}
    loaded = set(pyodide_full_stdlib["node"]["stdlib_modules"])
    missing = sorted(loaded - shipped)
    assert not missing, (
        f"the engine, the roster or Pyodide's start-up load {missing}, which the site's standard library leaves "
        f"out: run `.venv/bin/python scripts/trace_stdlib.py` to trace scripts/stdlib_modules.txt again")
    assert set(pyodide["node"]["stdlib_modules"]) == loaded
    assert pyodide["python"]["outputs"] == pyodide_full_stdlib["python"]["outputs"]
    # It is a reduction worth having: most of the standard library is never loaded.
    with zipfile.ZipFile(hook.PYODIDE_NPM / "python_stdlib.zip") as archive:
        whole = {n for n in map(hook._module_name, archive.namelist()) if n}
    assert shipped < whole and len(shipped) < len(whole) / 2
    assert shipped == hook.kept_modules()


def test_pyodide_loaded_only_the_lock_files_packages_and_made_no_network_access(pyodide):
    node = pyodide["node"]
    assert node["loaded_packages"] == dict.fromkeys(("eligibility", "et-xmlfile", "openpyxl"), "default channel")
    assert node["network"] == []
    assert node["printed"] == []


def test_the_jobs_cover_every_result_and_error(pyodide):
    """The comparison is not vacuous: the outputs hold every result of every outcome and every error code."""
    results, errors, nexts = {}, set(), set()
    for (_, _, job), output in zip(JOBS, pyodide["python"]["outputs"]):
        if job["call"] == "catalog":  # its "outcomes" and "errors" are texts, not results
            continue
        value = json.loads(output)
        for key, outcome in value.get("outcomes", {}).items():
            results.setdefault(key, set()).add(outcome["result"])
        errors.update(e["code"] for e in value.get("errors", []))
        if "next" in value:
            nexts.add(value["next"])
    for rule in eligibility.rules.RULES:
        assert results.get(rule.key) == set(rule.results) | {"not_in_force"}, rule.key
    assert errors >= set(eligibility.answers.ERROR_CODES)
    questions = {q["key"] for q in eligibility.catalog()["questions"]}
    assert nexts == questions | {None}


def test_the_driver_calls_what_the_engine_tests_call(cpython):
    """The CPython side equals the engine's own entry points called directly (so the driver adds nothing)."""
    for (group, label, job), output in zip(JOBS, cpython["outputs"]):
        if group != "evaluate cases" and group != "next cases":
            continue
        data = bytes.fromhex(job["hex"]) if "hex" in job else job["text"]
        if job["call"] == "evaluate":
            status = eligibility.parse_status(job["status"]) if "status" in job else None
            assert output == eligibility.evaluate_json(data, status), label
        else:
            assert output == eligibility.next_json(data), label


def test_the_jobs_include_every_case_and_the_whole_walk():
    counts = {group: sum(1 for g, _, _ in JOBS if g == group) for group in GROUPS}
    evaluate_cases, next_cases = _cases("evaluate.json"), _cases("next.json")
    assert counts["evaluate cases"] == sum(1 if "stdin_hex" in c else 2 for c in evaluate_cases)
    assert counts["next cases"] == sum(1 if "stdin_hex" in c else 2 for c in next_cases)
    complete, partial = _walk_answer_sets()
    assert len(complete) == 85 and {} in partial  # as tests/engine/test_walk.py counts them
    assert counts["walk: complete"] == 2 * len(complete)
    assert counts["walk: dated"] == len(DATES) * len(complete)
    assert counts["walk: partial"] == 2 * len(partial)
    assert counts["walk: share link"] == len(complete) + len(partial)
    assert counts["catalog"] == 1
