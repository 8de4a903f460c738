"""texts.toml, the engine's words: read once on first use, checked, every problem named by its path in the file."""

import importlib
import subprocess
import sys

import pytest
from conftest import REPO, WIZARD

from eligibility import texts
from eligibility.texts import TextsError

SHIPPED = (WIZARD / "eligibility" / "texts.toml").read_text(encoding="utf-8")


def _problems(text):
    with pytest.raises(TextsError) as caught:
        texts.load(text)
    return caught.value.problems


def _edit(old, new):
    assert SHIPPED.count(old) == 1, old
    return SHIPPED.replace(old, new)


def test_the_shipped_file_gives_every_name():
    loaded = texts.load()
    assert list(loaded) == list(texts.NAMES)
    for name in texts.NAMES:
        assert getattr(texts, name) == loaded[name]
    assert texts.AGENCY_SITE == "https://www.8610hr.cn/"
    assert texts.QUESTIONS["application"]["label"] == texts.t("What is the application for?", "本次申请办理什么业务？")


def test_read_on_first_use_once_and_afresh_after_a_reload():
    code = (
        "import sys\n"
        "from eligibility import texts\n"
        "print('tomllib' in sys.modules, 'QUESTIONS' in vars(texts))\n"
        "first = texts.QUESTIONS\n"
        "print('tomllib' in sys.modules, all(name in vars(texts) for name in texts.NAMES), texts.QUESTIONS is first)\n"
        "import importlib\n"
        "importlib.reload(texts)\n"  # as `make serve` does before a rebuild (scripts/hooks/engine_fresh.py)
        "print('QUESTIONS' in vars(texts), texts.QUESTIONS is first, texts.QUESTIONS == first)\n"
    )
    done = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, cwd=REPO,
                          env={"PYTHONPATH": str(WIZARD)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:3] == ["False False", "True True True", "False False True"]


def test_a_text_needs_both_languages():
    assert _problems(_edit('\nlabel.zh = "本次申请办理什么业务？"\n', "\n")) == [
        "questions.application.label: no Chinese text (zh)"
    ]
    assert _problems(_edit('lifted.en = "Lifted. {checked}"\n', "")) == ["status.lifted: no English text (en)"]


def test_no_text_is_empty():
    assert _problems(_edit('short.en = "Application"', 'short.en = ""')) == [
        "questions.application.short.en: the English text is empty"
    ]
    assert _problems(_edit('zh = "、"\n\n# ERRORS', 'zh = "  "\n\n# ERRORS')) == [
        "option_separator.zh: the Chinese text is empty"
    ]


def test_a_text_is_two_strings_and_nothing_else():
    assert _problems(_edit('no_command.zh =', 'no_command.zn =')) == [
        "cli.no_command: no Chinese text (zh)",
        "cli.no_command.zn: not a language (a text has en and zh only)",
    ]
    assert _problems(_edit('no_command.en = "No command given."', "no_command.en = 3")) == [
        "cli.no_command.en: must be text in quotes"
    ]
    one_language = _edit('empty.zh = "文件为空。请从模板开始：第一行为表头，其后每位员工一行。"\n', "").replace(
        "\nempty.en =", "\nempty ="
    )
    assert _problems(one_language) == [
        'roster.file_errors.empty: not a text: write empty.en = "…" and empty.zh = "…"'
    ]


def test_both_languages_have_the_same_fields():
    assert _problems(_edit('checked.zh = "本网站最近核实于{date}。"', 'checked.zh = "本网站最近核实于{day}。"')) == [
        "status.checked: the languages have different fields: en {date}; zh {day}"
    ]
    assert _problems(_edit('checked.zh = "本网站最近核实于{date}。"', 'checked.zh = "本网站最近核实。"')) == [
        "status.checked: the languages have different fields: en {date}; zh none"
    ]


def test_the_values_that_are_not_texts():
    assert _problems(_edit('provider = "employer"', 'provider = "agency"')) == [
        "documents.approval_decision.provider: “agency” must be one of applicant, employer"
    ]
    assert _problems(_edit('agency_site = "https://www.8610hr.cn/"', 'agency_site = ""')) == [
        "agency_site: must be one non-empty string in quotes"
    ]


def test_the_tables_are_the_engines():
    assert _problems(SHIPPED + '\n[questionz.x]\nlabel.en = "x"\nlabel.zh = "x"\n') == [
        "questionz: not a table the engine knows"
    ]
    without_field_labels = _edit('[field_labels]\nas_of.en = "Date to judge by (as_of)"\nas_of.zh = "判断所依据的日期"\n', "")
    assert _problems(without_field_labels) == ["field_labels: missing"]
    assert _problems(SHIPPED + "\n[roster.os_errors.EIO]\n") == ["roster.os_errors.EIO: empty table"]


def test_every_problem_at_once_and_bad_toml():
    both = _edit('short.en = "Application"', 'short.en = ""').replace('lifted.en = "Lifted. {checked}"\n', "")
    assert len(_problems(both)) == 2
    (problem,) = _problems(_edit('[yes_no.yes]\nlabel.en = "Yes"', '[yes_no.yes]\nlabel.en = "Yes'))
    assert problem.startswith("not valid TOML: ") and "line " in problem
    with pytest.raises(TextsError, match=r"^texts\.toml: invalid texts:\n- "):
        texts.load("")


def test_the_error_is_raised_on_first_use(tmp_path):
    """A package whose texts.toml fails the check imports, and stops with TextsError when a text is first used."""
    package = tmp_path / "eligibility"
    package.mkdir()
    for path in (WIZARD / "eligibility").iterdir():
        if path.is_file():
            (package / path.name).write_bytes(path.read_bytes())
    (package / "texts.toml").write_text(_edit('help.zh = "外国人工作许可证延期。"\n', ""), encoding="utf-8")
    code = "import eligibility\neligibility.catalog()\n"
    done = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, cwd=tmp_path,
                          env={"PYTHONPATH": str(tmp_path)})
    assert done.returncode == 1
    assert done.stderr.rstrip().endswith(
        "eligibility.texts.TextsError: texts.toml: invalid texts:\n"
        "- questions.application.options.extension.help: no Chinese text (zh)"
    )


def test_unknown_names_are_still_attribute_errors():
    with pytest.raises(AttributeError):
        texts.NOT_A_NAME  # noqa: B018
    assert not hasattr(texts, "questions")
    assert set(texts.NAMES) <= set(dir(texts))
    importlib.import_module("eligibility.texts")  # importing again changes nothing
    assert texts.QUESTIONS
