"""What the engine says is framed by the 2022 notice, never a bare present-tense entitlement (contract version 3).

wizard/eligibility/wording.toml lists the forms that must not come back; the pages, the wizard and the roster's
files are checked against the same list in their own tests.
"""

import re
import tomllib

import pytest
from conftest import WIZARD

import eligibility
from eligibility import texts

WORDING = tomllib.loads((WIZARD / "eligibility" / "wording.toml").read_text(encoding="utf-8"))
LANGS = ("en", "zh")


def forbidden_in(text, lang):
    """The forbidden patterns of wording.toml that `text` matches (whitespace collapsed, case ignored)."""
    text = " ".join(text.split())
    return [p for p in WORDING["forbidden"][lang] if re.search(p, text, re.IGNORECASE)]


def _results():
    for key, outcome in texts.OUTCOMES.items():
        for code, result in outcome["results"].items():
            yield f"{key}.{code}", result


@pytest.mark.parametrize("lang", LANGS)
def test_every_result_is_framed_by_the_2022_notice(lang):
    frame = WORDING["frame"][lang]
    for where, result in _results():
        for part in ("label", "explanation"):
            assert frame in result[part][lang], (where, part, result[part][lang])
    for where, text in (("not_in_force.label", texts.NOT_IN_FORCE["label"]),
                        ("not_in_force.explanation", texts.NOT_IN_FORCE["explanation"]),
                        ("epidemic.tax_records", texts.EPIDEMIC["tax_records"]),
                        ("epidemic.chip_update", texts.EPIDEMIC["chip_update"])):
        assert frame in text[lang] or "本网站" in text[lang] or "this site" in text[lang], where


@pytest.mark.parametrize("lang", LANGS)
def test_no_text_the_engine_gives_has_a_forbidden_form(lang):
    catalog = eligibility.catalog()
    pairs = [catalog, texts.STATUS, texts.STATUS_LABELS, texts.CURRENCY, texts.EPIDEMIC, texts.NOT_IN_FORCE,
             texts.ROSTER]
    found = []

    def walk(node):
        if isinstance(node, dict) and set(node) == set(LANGS):
            found.extend((node[lang], hit) for hit in forbidden_in(node[lang], lang))
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(pairs)
    assert found == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_evaluated_result_carries_one_banner_and_no_forbidden_form(lang):
    for answers in eligibility.complete_answer_sets():
        result = eligibility.evaluate(answers)
        currency = result["currency"]
        assert currency["state"] == "unconfirmed" and currency["unconfirmed"] == [1, 2, 3, 4, 5]
        assert currency["text"][lang] == texts.CURRENCY["unconfirmed"][lang]
        for outcome in result["outcomes"].values():
            for part in ("label", "explanation", "status_text", "epidemic"):
                if part in outcome:
                    assert forbidden_in(outcome[part][lang], lang) == [], (outcome["result"], part)


def test_the_wording_list_catches_the_old_labels():
    """The list is not empty words: the labels the site showed before version 3 are all caught."""
    old = {
        "en": ["Tax records can be exempted", "The chip update can be deferred", "Can be handled online",
               "Electronic signature accepted", "Available under the notice", "Does not apply",
               "Tax records as usual", "Not confirmed"],
        "zh": ["可免于提供纳税记录", "取得截图后可免于提供纳税记录", "可延缓更新芯片", "可网上办理", "认可电子签名",
               "可“两证联办”", "按常规提供纳税记录", "不适用", "未经确认", "未经确认（最近确认：无）：第1、2项措施"],
    }
    for lang, labels in old.items():
        for label in labels:
            assert forbidden_in(label, lang), label


def test_the_banner_names_what_the_site_has_not_confirmed():
    partly = eligibility.evaluate(
        {"application": "extension", "category": "B", "tax_bureau_unreachable": False},
        {**eligibility.shipped_status().to_dict(),
         "measures": {**eligibility.shipped_status().to_dict()["measures"],
                      "online": {**eligibility.shipped_status().to_dict()["measures"]["online"],
                                 "status": "in_force", "checked": "2026-11-01"}}},
    )["currency"]
    assert partly["state"] == "partly" and partly["unconfirmed"] == [1, 3, 4, 5]
    assert "measures 1, 3, 4, 5" in partly["text"]["en"] and "第一、三、四、五项措施" in partly["text"]["zh"]
    assert "the publisher" not in partly["text"]["en"]


def test_one_measure_not_confirmed_is_named_in_the_singular():
    data = eligibility.shipped_status().to_dict()
    confirmed = {key: {**m, "status": "in_force", "checked": "2026-11-01"} for key, m in data["measures"].items()
                 if key != "joint_residence_permit"}
    result = eligibility.evaluate({"application": "extension", "category": "B", "tax_bureau_unreachable": False},
                                  {**data, "measures": {**data["measures"], **confirmed}})
    currency = result["currency"]
    assert currency["state"] == "partly" and currency["unconfirmed"] == [5]
    assert "not confirmed that measure 5 still applies" in currency["text"]["en"]
    assert "本网站尚未核实第五项措施是否仍然适用" in currency["text"]["zh"]
