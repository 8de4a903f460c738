"""Drawing the wizard moves nothing below it: the page keeps the first question's room until the visitor
answers it (wizard.css, overrides/wizard.html), so the footer does not jump when the script draws the question,
nor when the loading line under it goes. Measured as Chromium measures layout shift (the Cumulative Layout
Shift of Core Web Vitals: PerformanceObserver "layout-shift", shifts without recent input)."""

from __future__ import annotations

import pytest

SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (!e.hadRecentInput) window.__shifts.push({value: e.value, nodes: e.sources.map((s) =>
      s.node ? (s.node.id || s.node.className || s.node.nodeName) : "?")});
  }
}).observe({type: "layout-shift", buffered: true});
"""
AFTER_TWO_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width, height", [(360, 740), (390, 844), (1280, 900)])
def test_drawing_the_first_question_and_loading_the_engine_move_nothing(browser, base_url, lang, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        context.add_init_script(SHIFTS)
        page = context.new_page()
        page.goto(f"{base_url}/{'zh/' if lang == 'zh' else ''}wizard/")
        page.wait_for_selector("form[data-question=application]")
        page.wait_for_function("() => document.documentElement.dataset.wizardEngine === 'ready'", timeout=60_000)
        page.evaluate(AFTER_TWO_FRAMES)
        shifts = page.evaluate("window.__shifts")
        assert sum(s["value"] for s in shifts) < 0.02, shifts
        # The footer sits below the room kept, not right under the question: nothing left to move up.
        wizard = page.locator("#wizard")
        assert wizard.evaluate("e => e.classList.contains('wizard--reserve')")
        assert wizard.evaluate("e => e.getBoundingClientRect().height") >= page.locator(
            "#wizard > *:not([hidden])").evaluate_all("es => es.reduce((h, e) => h + e.getBoundingClientRect().height, 0)")
        # Once the visitor answers, the room goes: later questions are as tall as they are.
        page.check("#q-application-extension")
        page.click("form[data-question] button[type=submit]")
        page.wait_for_selector("form[data-question=category]")
        assert not wizard.evaluate("e => e.classList.contains('wizard--reserve')")
    finally:
        context.close()
