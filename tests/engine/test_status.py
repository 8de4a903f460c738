"""The measure status file: the shipped one is valid, bad data is refused with a clear message."""

import copy
import datetime
import re

import pytest
from conftest import CASES, source_is_valid

import eligibility
from eligibility.rules import RULES
from eligibility.status import StatusError, parse_status, shipped_status, validate_status

SHIPPED_DATA = shipped_status().to_dict()


def test_shipped_status_is_valid_and_as_published():
    """As published every measure is `unconfirmed`: the notice dates from the Covid-19 epidemic of 2022."""
    status = shipped_status()
    assert set(status.measures) == {rule.key for rule in RULES}
    for rule in RULES:
        measure = status.measures[rule.key]
        assert measure.number == rule.number
        assert measure.status == "unconfirmed"
        assert measure.start is None and measure.end is None
        assert measure.checked is None
        assert "2022" in measure.note_en and "Covid-19" in measure.note_en
        assert "https://www.8610hr.cn/" in measure.note_en and "https://www.8610hr.cn/" in measure.note_zh
        assert "2022" in measure.note_zh and "疫情" in measure.note_zh
    assert status.notice["issuer_en"] == "Beijing Overseas Talents Center"
    assert status.notice["issuer_zh"] == "北京海外学人中心"
    assert status.notice["date"] == "not stated"
    assert "2022" in status.notice["issued_en"] and "no date" in status.notice["issued_en"]
    assert not status.needs_date


def test_no_shipped_measure_is_in_force_without_the_date_it_was_confirmed():
    """The site never presents a measure as certainly in force unless the publisher confirmed it (and when)."""
    for measure in shipped_status().measures.values():
        assert measure.status != "in_force" or measure.checked is not None, measure.key


def test_in_force_without_a_checked_date_is_refused():
    with pytest.raises(StatusError) as caught:
        validate_status(_data(online__status="in_force"))
    assert "online" in str(caught.value) and "checked" in str(caught.value)
    confirmed = validate_status(_data(online__status="in_force", online__checked="2026-11-01"))
    assert confirmed.measures["online"].checked == datetime.date(2026, 11, 1)


def test_every_outcome_carries_its_status_in_words():
    answers = {"application": "extension", "category": "B", "tax_bureau_unreachable": False}
    shipped = eligibility.evaluate(answers)["outcomes"]
    for outcome in shipped.values():
        assert outcome["status"] == "unconfirmed"
        assert "This site has never checked it" in outcome["status_text"]["en"]
        assert "本网站从未核实过" in outcome["status_text"]["zh"]
    confirmed = eligibility.evaluate(answers, _data(online__status="in_force", online__checked="2026-11-01"))
    online = confirmed["outcomes"]["online"]
    assert online["status"] == "in_force"
    assert "2026-11-01" in online["status_text"]["en"] and "2026-11-01" in online["status_text"]["zh"]
    assert confirmed["outcomes"]["e_signature"]["status"] == "unconfirmed"


def test_shipped_status_is_read_once():
    assert shipped_status() is shipped_status()


def test_status_round_trips_through_to_dict():
    assert validate_status(SHIPPED_DATA).to_dict() == SHIPPED_DATA


def _data(**changes):
    """The shipped data with measure fields changed: tax_records__status="x" etc."""
    data = copy.deepcopy(SHIPPED_DATA)
    for name, value in changes.items():
        measure, field = name.split("__")
        data["measures"][measure][field] = value
    return data


@pytest.mark.parametrize(
    "data,words",
    [
        (_data(online__status="paused"), ["online", "status", "paused"]),
        (_data(tax_records__from="2022-02-30"), ["tax_records", "from", "2022-02-30"]),
        (_data(tax_records__until="31/12/2022"), ["tax_records", "until", "31/12/2022"]),
        (
            _data(chip_update__from="2023-01-01", chip_update__until="2022-01-01"),
            ["chip_update", "from 2023-01-01 is after until 2022-01-01"],
        ),
        (_data(e_signature__untill="2022-01-01"), ["e_signature", "unknown key", "untill"]),
        (_data(online__number=3), ["online", "number", "measure 2"]),
        (_data(online__note_zh=""), ["online", "note_en and note_zh"]),
        (_data(online__replaced_by=5), ["online", "replaced_by"]),
        (_data(online__checked="last week"), ["online", "checked", "last week"]),
    ],
)
def test_bad_measure_data_is_refused(data, words):
    with pytest.raises(StatusError) as caught:
        validate_status(data)
    for word in words:
        assert word in str(caught.value)


def test_unknown_measure_is_refused():
    data = copy.deepcopy(SHIPPED_DATA)
    data["measures"]["visa_extension"] = {"status": "unconfirmed"}
    with pytest.raises(StatusError, match="unknown measure.*visa_extension|visa_extension.*unknown measure"):
        validate_status(data)


def test_missing_measure_and_notice_are_refused():
    data = copy.deepcopy(SHIPPED_DATA)
    del data["measures"]["chip_update"]
    del data["notice"]["issuer_zh"]
    with pytest.raises(StatusError) as caught:
        validate_status(data)
    assert len(caught.value.problems) == 2
    assert "chip_update" in str(caught.value) and "issuer_zh" in str(caught.value)


def test_every_problem_is_listed():
    data = _data(online__status="gone", tax_records__from="soon", e_signature__colour="red")
    with pytest.raises(StatusError) as caught:
        validate_status(data)
    assert len(caught.value.problems) == 3


@pytest.mark.parametrize("text", ["[notice", "measures = 3", ""])
def test_bad_toml_is_refused(text):
    with pytest.raises(StatusError):
        parse_status(text)


def test_a_status_error_is_a_value_error():
    assert issubclass(StatusError, ValueError)


def test_evaluate_with_an_injected_status():
    data = _data(
        online__status="lifted",
        online__note_en="Test: lifted.",
        online__note_zh="测试：已取消。",
        online__replaced_by="measures/online-approval/#not-stated",
    )
    answers = {"application": "extension", "category": "B", "tax_bureau_unreachable": False}
    result = eligibility.evaluate({**answers, "as_of": "2024-05-06"}, data)
    online = result["outcomes"]["online"]
    assert online["result"] == "not_in_force"
    assert online["measure"] == 2
    assert source_is_valid(online["source"])
    for lang, note in (("en", "Test: lifted."), ("zh", "测试：已取消。")):
        text = online["explanation"][lang]
        assert "2024-05-06" in text and note in text
        assert "measures/online-approval/#not-stated" in text
        assert "https://www.8610hr.cn/" in text
    assert result["outcomes"]["tax_records"]["result"] == "required"


def test_without_as_of_the_status_is_judged_today():
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    data = _data(chip_update__from=tomorrow, e_signature__until=yesterday, online__until=tomorrow)
    # An unconfirmed measure keeps its dates too.
    answers = {"application": "extension", "category": "B", "tax_bureau_unreachable": False}
    outcomes = eligibility.evaluate(answers, data)["outcomes"]
    assert outcomes["chip_update"]["result"] == "not_in_force"
    assert outcomes["e_signature"]["result"] == "not_in_force"
    assert outcomes["online"]["result"] == "yes"


def test_evaluate_refuses_a_bad_injected_status():
    with pytest.raises(StatusError):
        eligibility.evaluate({"application": "extension", "category": "B", "tax_bureau_unreachable": False},
                             _data(online__status="paused"))


def test_invalid_answers_are_reported_before_the_status_is_read():
    result = eligibility.evaluate({}, _data(online__status="paused"))
    assert "errors" in result


def test_fixture_file_is_valid(lifted_status):
    assert lifted_status.needs_date
    assert lifted_status.measures["joint_residence_permit"].end == datetime.date(2023, 12, 31)


def test_load_status_file_names_the_file(tmp_path):
    bad = tmp_path / "status.toml"
    bad.write_text((CASES / "status_lifted.toml").read_text(encoding="utf-8").replace("lifted", "paused"))
    with pytest.raises(StatusError, match="status.toml"):
        eligibility.load_status_file(bad)
    with pytest.raises(StatusError, match="cannot read"):
        eligibility.load_status_file(tmp_path / "missing.toml")


def test_every_problem_is_written_in_english_and_chinese():
    """The agency's staff edit status.toml: each problem the engine finds says what is wrong in both languages."""
    bad = {
        "notice": {"title_en": "", "date": "2022-13-01", "colour": "red"},
        "measures": {
            "tax_records": {"number": 9, "status": "in_force", "from": "2022-05-01", "until": "2022-04-01",
                            "note_en": "only English"},
            "online": "not a table",
            "visa": {},
        },
        "extra": 1,
    }
    with pytest.raises(StatusError) as caught:
        validate_status(bad)
    problems = caught.value.problems
    assert len(problems) >= 10
    for problem in problems:
        assert problem.zh and problem.zh != problem, problem
        assert re.search(r"[\u4e00-\u9fff]", problem.zh), problem.zh
    report = caught.value.bilingual()
    for problem in problems:
        assert f"- {problem}\n  {problem.zh}\n" in report
    # The English text stays the problem's str: the content checks find the line from it.
    assert all(isinstance(p, str) for p in problems)
