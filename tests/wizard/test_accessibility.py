"""axe-core finds no serious or critical violation on any wizard step, the result, or any guidance page."""

from __future__ import annotations

import pytest

from pages.test_site import PAGES
from .test_journeys import JOURNEYS


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("journey", ["extension-exempt", "category-a-points"])
def test_every_wizard_step_and_the_result(visit, lang, journey):
    steps, _ = JOURNEYS[journey]
    visit.open(lang)
    problems = []
    for key, value in steps:
        visit.page.wait_for_selector(f"form[data-question={key}]")
        problems += [f"{key}: {v}" for v in visit.serious_accessibility_violations()]
        visit.answer(key, value)
    visit.wait_for_result()
    problems += [f"result: {v}" for v in visit.serious_accessibility_violations()]
    assert not problems, problems


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_error_summary(visit, lang):
    visit.open(lang)
    visit.page.click("form[data-question] button[type=submit]")
    visit.page.wait_for_selector(".wizard-error-summary")
    assert not visit.serious_accessibility_violations()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_of_the_site(visit, lang):
    prefix = "zh/" if lang == "zh" else ""
    problems = []
    for url in PAGES:
        visit.page.goto(f"{visit.base_url}/{prefix}{url}")
        problems += [f"{url}: {v}" for v in visit.serious_accessibility_violations()]
    assert not problems, problems
