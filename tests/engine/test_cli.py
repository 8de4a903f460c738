"""The command line: exit codes, bilingual messages, and never a traceback."""

import json

import pytest
from conftest import CASES, run_cli

import eligibility

EXTENSION = b'{"application": "extension", "category": "A", "tax_bureau_unreachable": false}'


def _no_traceback(done):
    assert b"Traceback" not in done.stderr and b"Traceback" not in done.stdout


def test_evaluate_ok():
    done = run_cli("evaluate", stdin=EXTENSION)
    assert done.returncode == 0 and done.stderr == b""
    assert json.loads(done.stdout)["outcomes"]["tax_records"]["result"] == "required"
    assert done.stdout.endswith(b"}\n")


@pytest.mark.parametrize("command", ["frobnicate", "evaluat", "EVALUATE"])
def test_unknown_command(command):
    done = run_cli(command, stdin=EXTENSION)
    assert done.returncode == 2
    assert done.stdout == b""
    err = done.stderr.decode("utf-8")
    assert f"Unknown command “{command}”" in err and f"未知命令“{command}”" in err
    _no_traceback(done)


@pytest.mark.parametrize("args", [(), ("--status",), ("evaluate", "next"), ("evaluate", "--pretty")])
def test_usage_errors(args):
    done = run_cli(*args)
    assert done.returncode == 2
    assert "Usage" in done.stderr.decode("utf-8") and "用法" in done.stderr.decode("utf-8")
    _no_traceback(done)


def test_help_and_version():
    done = run_cli("--help")
    assert done.returncode == 0 and "evaluate" in done.stdout.decode("utf-8")
    done = run_cli("--version")
    assert done.returncode == 0 and done.stdout.decode() == eligibility.__version__ + "\n"


def test_catalog_command():
    done = run_cli("catalog")
    assert done.returncode == 0
    assert done.stdout.decode("utf-8") == eligibility.catalog_json()
    assert json.loads(done.stdout)["version"] == eligibility.__version__


def test_status_command():
    done = run_cli("status")
    assert done.returncode == 0
    assert json.loads(done.stdout)["measures"]["online"]["status"] == "unconfirmed"
    done = run_cli("status", "--status", str(CASES / "status_lifted.toml"))
    assert json.loads(done.stdout)["measures"]["online"]["status"] == "superseded"


def test_bad_status_file(tmp_path):
    bad = tmp_path / "status.toml"
    bad.write_text('[measures.visa]\nstatus = "in_force"\n', encoding="utf-8")
    for args in (("evaluate", "--status", str(bad)), ("status", f"--status={bad}")):
        done = run_cli(*args, stdin=EXTENSION)
        assert done.returncode == 1
        err = done.stderr.decode("utf-8")
        assert "measure status file is invalid" in err and "措施状态文件无效" in err
        # Each problem in English, then in Chinese under it: the agency's staff edit the file.
        assert "- [measures.visa]: unknown measure (known: " in err
        assert "  [measures.visa]：未知的措施（已知：" in err
        assert "- [measures.tax_records] is missing\n  [measures.tax_records] 缺失\n" in err
        _no_traceback(done)
    done = run_cli("evaluate", "--status", str(tmp_path / "none.toml"), stdin=EXTENSION)
    assert done.returncode == 1
    _no_traceback(done)


@pytest.mark.parametrize(
    "stdin",
    [
        b"",
        b"[]",
        b"null",
        b"42",
        b'"text"',
        b"\xff\xfe\x00",
        b"{" * 100000,
        b"[" * 100000 + b"]" * 100000,
        b'{"category": ' + b"9" * 5000 + b"}",
        b'{"category": 1e999}',
        b'{"application": Infinity}',
        '{"application": "延期"}'.encode("utf-8"),
        '{"application": "extension", "category": "A"}'.encode("utf-16"),
    ],
)
def test_bad_input_never_gives_a_traceback(stdin):
    for command in ("evaluate", "next"):
        done = run_cli(command, stdin=stdin)
        assert done.returncode == 2, done.stderr
        assert done.stderr == b""
        assert "errors" in json.loads(done.stdout.decode("utf-8"))
        _no_traceback(done)


def test_lone_surrogate_key_is_printable():
    done = run_cli("evaluate", stdin=b'{"\\ud800x": 1, "application": "extension"}')
    assert done.returncode == 2
    errors = json.loads(done.stdout.decode("utf-8"))["errors"]
    assert ["\\ud800x", "unknown_field"] in [[e["field"], e["code"]] for e in errors]


def test_output_is_utf8_not_escaped():
    done = run_cli("evaluate", stdin=EXTENSION)
    assert "纳税记录".encode("utf-8") in done.stdout


# --- a key given twice: the error duplicate_field (an extension of the contract's codes) -----------------------


def _errors(done):
    return [(e["field"], e["code"]) for e in json.loads(done.stdout.decode("utf-8"))["errors"]]


@pytest.mark.parametrize("command", ["evaluate", "next"])
def test_a_key_given_twice_is_an_error_naming_it_not_the_last_one_winning(command):
    # Valid either way: "last one wins" would judge category C without a word.
    done = run_cli(command, stdin=b'{"application": "extension", "category": "A", "category": "C", '
                                  b'"tax_bureau_unreachable": false}')
    assert done.returncode == 2 and done.stderr == b""
    assert _errors(done) == [("category", "duplicate_field")]
    message = json.loads(done.stdout)["errors"][0]["message"]
    assert message == {"en": "“category” is given more than once. Give each answer once.",
                       "zh": "“category”出现了不止一次。每个答案只能给出一次。"}
    _no_traceback(done)


def test_every_other_problem_is_listed_with_the_key_given_twice():
    done = run_cli("evaluate", stdin=b'{"category": "A", "category": "B", "colour": 1, "colour": 2, '
                                     b'"salary_commitment": "maybe", "salary_commitment": true}')
    assert done.returncode == 2
    errors = _errors(done)
    assert errors[:3] == [("category", "duplicate_field"), ("colour", "duplicate_field"),
                          ("salary_commitment", "duplicate_field")]
    # Still said: the missing application, and that colour is no question at all; not which value was wrong.
    assert ("application", "missing") in errors and ("colour", "unknown_field") in errors
    assert ("salary_commitment", "invalid_value") not in errors and len(errors) == 5


def test_a_key_given_twice_inside_a_value_is_that_values_problem():
    done = run_cli("evaluate", stdin=b'{"application": {"a": 1, "a": 2}, "category": "A"}')
    assert done.returncode == 2
    assert _errors(done) == [("application", "invalid_value")]


def test_the_same_answers_once_each_still_give_a_result():
    done = run_cli("evaluate", stdin=b'{"application": "extension", "category": "C", "tax_bureau_unreachable": false}')
    assert done.returncode == 0 and "outcomes" in json.loads(done.stdout)
