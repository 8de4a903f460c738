"""The result says whose words it gives and when: one dated banner per result (the engine's `currency`, GOV.UK's
pattern for withdrawn guidance) instead of a "Not confirmed" badge beside every outcome; the epidemic condition of
measures 1 and 3 beside the dated public fact; no bare present-tense entitlement anywhere in the result
(wizard/eligibility/wording.toml); and a measure this site has confirmed shows its own dated status line. In real
Chromium, with the real engine in Pyodide."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

import pytest

from pages.test_generated_tables import build_copy, eligibility

from .test_journeys import JOURNEYS

ROOT = Path(__file__).resolve().parents[2]
WORDING = tomllib.loads((ROOT / "wizard/eligibility/wording.toml").read_text(encoding="utf-8"))
EXTENSION_STEPS = [("application", "extension"), ("category", "C"), ("tax_bureau_unreachable", "yes"),
                   ("has_withholding_screenshot", "yes")]
EXTENSION = "?application=extension&category=C&tax_bureau_unreachable=yes&has_withholding_screenshot=yes"
NHC_DATE = {"en": "26 December 2022", "zh": "2022年12月26日"}
NOT_CONFIRMED = {"en": "Not confirmed", "zh": "未经确认"}
CATALOG = eligibility.catalog()

# Every text block of the result a visitor sees (headings, labels, In short items, paragraphs, list items,
# the checklist, the answers), its whitespace collapsed as wording.toml says.
VISIBLE_TEXTS = """() => [...document.querySelectorAll(
    '#wizard :is(h2, h3, h4, p, li, strong, span, label, dt, dd, a, button)')]
  .filter((e) => e.checkVisibility())
  .map((e) => e.innerText.replace(/\\s+/g, ' ').trim())
  .filter(Boolean)"""


def link(steps) -> str:
    return "?" + "&".join(f"{k}={v}" for k, v in steps)


def engine_result(steps) -> dict:
    return eligibility.evaluate_query(dict(steps))


def banner_of(page):
    return page.locator("[data-currency]")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_extension_result_has_one_dated_banner_and_no_badge_beside_each_outcome(visit, lang):
    visit.open(lang, EXTENSION)
    visit.wait_for_result()
    page = visit.page
    expected = engine_result(EXTENSION_STEPS)["currency"]
    banner = banner_of(page)
    assert banner.count() == 1
    assert banner.get_attribute("data-currency") == expected["state"] == "unconfirmed"
    # A note with a heading, at the top of the result: after its title, before "In short".
    assert banner.get_attribute("role") == "note"
    heading = banner.locator("h3")
    assert heading.inner_text() == expected["title"][lang]
    assert banner.get_attribute("aria-labelledby") == heading.get_attribute("id")
    text = banner.inner_text()
    assert expected["text"][lang] in text
    assert "https://www.8610hr.cn/" in text and ("This site has not confirmed" in text if lang == "en" else "本网站尚未核实" in text)
    # The date it was worked out, in the catalog's words.
    today = date.today().isoformat()
    worked_out = CATALOG["currency"]["worked_out"][lang].replace("{date}", today)
    assert banner.locator(".wizard-currency__date").inner_text() == worked_out
    order = page.evaluate("""() => ['#wizard h2', '[data-currency]', '.wizard-in-short', '[data-outcome]']
        .map(s => document.querySelector(s).getBoundingClientRect().top)""")
    assert order == sorted(order)
    # No "Not confirmed" beside any outcome: not in In short, not in a measure's block.
    assert page.locator("#wizard [data-status]").count() == 0
    assert page.locator("#wizard .status-badge").count() == 0
    assert NOT_CONFIRMED[lang] not in page.locator("#wizard").inner_text()
    # The contract's marks stay.
    assert visit.outcomes() == JOURNEYS["extension-exempt"][1]
    visit.assert_clean()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("journey", ["extension-exempt", "cancellation", "from-abroad"])
def test_measures_1_and_3_show_the_epidemic_condition_beside_the_dated_fact(visit, lang, journey):
    steps, expected = JOURNEYS[journey]
    visit.open(lang, link(steps))
    assert visit.outcomes() == expected
    page = visit.page
    outcomes = engine_result(steps)["outcomes"]
    with_note = {key for key, outcome in outcomes.items() if "epidemic" in outcome}
    # The engine's rule: measure 1 required / exempt / exempt_after_screenshot, measure 3 deferrable.
    assert with_note == {key for key, result in expected.items()
                         if (key, result) in {("tax_records", "required"), ("tax_records", "exempt"),
                                              ("tax_records", "exempt_after_screenshot"),
                                              ("chip_update", "deferrable")}}
    for key in expected:
        note = page.locator(f"[data-outcome={key}] [data-epidemic]")
        if key not in with_note:
            assert note.count() == 0, key
            continue
        assert note.count() == 1
        assert note.is_visible()
        words = note.inner_text()
        assert words == outcomes[key]["epidemic"][lang]
        assert NHC_DATE[lang] in words and ("2023" in words)
        # Beside the explanation: right after it, in the same block.
        assert note.evaluate("e => e.previousElementSibling.classList.contains('wizard-outcome__explanation')")
    visit.assert_clean()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_text_of_the_result_is_a_bare_present_tense_entitlement(visit, lang):
    forbidden = [re.compile(p, re.I) for p in WORDING["forbidden"][lang]]
    frame = WORDING["frame"][lang]
    problems = []
    for name, (steps, expected) in JOURNEYS.items():
        visit.open(lang, link(steps))
        assert visit.outcomes() == expected
        texts = visit.page.evaluate(VISIBLE_TEXTS)
        assert len(texts) > 40, name
        problems += [f"{name}: {pattern.pattern!r} in {text!r}" for text in texts for pattern in forbidden
                     if pattern.search(text)]
        # Every result label, in In short and in each block, is framed by the 2022 notice.
        labels = visit.page.locator(".wizard-in-short strong, .wizard-outcome__result").all_inner_texts()
        assert len(labels) == 10, name
        problems += [f"{name}: not framed: {label!r}" for label in labels if frame not in label]
    assert not problems, problems
    visit.assert_clean()


def confirm_chip_update(text: str) -> str:
    """The shipped status file, with measure 3 confirmed in force by this site on 2026-11-30."""
    start = text.index("[measures.chip_update]")
    end = text.index("[measures.e_signature]")
    section = re.sub(r'^status = "unconfirmed"$', 'status = "in_force"', text[start:end], flags=re.M)
    section = re.sub(r'^checked = ""$', 'checked = "2026-11-30"', section, flags=re.M)
    assert 'status = "in_force"' in section and "2026-11-30" in section
    return text[:start] + section + text[end:]


@pytest.fixture(scope="module")
def confirmed_site(tmp_path_factory):
    return build_copy(tmp_path_factory.mktemp("confirmed"), {"wizard/eligibility/status.toml": confirm_chip_update})


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_measure_this_site_confirmed_shows_its_dated_status_line(browser, confirmed_site, python_server, lang):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"{python_server(confirmed_site)}/{'zh/' if lang == 'zh' else ''}wizard/{EXTENSION}")
        page.wait_for_selector("[data-outcome]", timeout=60_000)
        assert page.get_attribute("[data-outcome=chip_update]", "data-result") == "deferrable"
        # The banner names the measures still unconfirmed; only measure 3 says its own status, with its date.
        banner = banner_of(page)
        assert banner.count() == 1 and banner.get_attribute("data-currency") == "partly"
        status_file = confirm_chip_update((ROOT / "wizard/eligibility/status.toml").read_text(encoding="utf-8"))
        expected = eligibility.evaluate_query(dict(EXTENSION_STEPS), tomllib.loads(status_file))["currency"]
        assert expected["unconfirmed"] == [1, 2, 4, 5]
        assert expected["text"][lang] in banner.inner_text()
        status = page.locator("[data-outcome=chip_update] [data-status]")
        assert status.get_attribute("data-status") == "in_force"
        assert "2026-11-30" in status.inner_text()
        assert ("Confirmed by this site" if lang == "en" else "经本网站核实") in status.inner_text()
        assert status.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(232, 245, 233)"
        assert page.locator("#wizard [data-status]").count() == 2  # the block's line and its In short tag
        assert page.locator(".wizard-in-short [data-summary=chip_update] [data-status=in_force]").count() == 1
    finally:
        context.close()
