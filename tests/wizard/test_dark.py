"""Dark mode: the site follows the phone's colour scheme (Material's slate scheme when it is dark), its toggle
switches and remembers, and every text stays readable in both schemes: axe-core finds no colour-contrast
violation on the home page, a guidance page, the wizard's result, the wizard's error summary, the roster page
(with a results table that has a faulty row, and a file it refuses) and the decision trees of /how-it-decides/,
in both languages.
"""

from __future__ import annotations

import pytest

from roster.helpers import fixture

from .conftest import AXE

PREFIX = {"en": "", "zh": "zh/"}
SCHEMES = {"light": "default", "dark": "slate"}
RESULT = "wizard/?application=extension&category=C&tax_bureau_unreachable=yes&has_withholding_screenshot=no"
TOGGLE = "[data-md-component=palette] label:visible"
# Every status a measure can have (wizard/eligibility/status.toml); the shipped file has only `unconfirmed`.
STATUSES = ["in_force", "unconfirmed", "not_yet", "lifted", "superseded", "ended"]
# The other statuses' badges and wizard status lines, drawn by the site's own style sheets, added to the page.
ALL_BADGES = """statuses => {
  const box = document.createElement("div");
  box.className = "md-typeset";
  for (const status of statuses) {
    const badge = document.createElement("span");
    badge.className = `status-badge status-badge--${status}`;
    badge.textContent = `Status ${status}`;
    const line = document.createElement("p");
    line.className = `wizard-outcome__status status-badge--${status}`;
    line.textContent = `Under the notice: ${status}`;
    box.append(badge, line);
  }
  // The result's banner in its other states (the shipped file gives "unconfirmed").
  for (const state of ["partly", "confirmed"]) {
    const banner = document.createElement("section");
    banner.className = "wizard-currency";
    banner.dataset.currency = state;
    banner.textContent = `Banner ${state}`;
    box.append(banner);
  }
  document.querySelector("[data-outcome]").after(box);
}"""


@pytest.fixture
def phone(browser, request):
    """A 360 px phone set to the scheme the test names (`scheme` parameter)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, color_scheme=request.node.callspec.params["scheme"])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors, errors


def scheme_of(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def toggle_name(page) -> str:
    """The words of the toggle on show: its title, or the tooltip Material makes of it once pointed at."""
    return page.locator(TOGGLE).evaluate(
        "l => l.title || document.getElementById(l.getAttribute('aria-describedby')).textContent.trim()")


def contrast_violations(page) -> list[str]:
    """axe-core's colour-contrast rule on the page at rest (no fade or colour transition half done)."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    if not page.evaluate("typeof window.axe === 'object'"):
        # Evaluated by the test, not added as an inline <script>, which the site's policy rightly refuses.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate("""async () => {
      const result = await axe.run(document, {runOnly: {type: "rule", values: ["color-contrast"]},
                                              resultTypes: ["violations"]});
      return result.violations.flatMap(v => v.nodes.map(n => n.target.join(" ") + ": " +
                                                            n.any.map(c => c.message).join(" ")));
    }""")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_site_follows_the_phones_colour_scheme(phone, base_url, scheme):
    phone.goto(f"{base_url}/")
    assert scheme_of(phone) == SCHEMES[scheme]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("scheme", ["dark"])
def test_the_toggle_switches_the_scheme_and_says_so_in_the_pages_language(phone, base_url, lang, scheme):
    phone.goto(f"{base_url}/{PREFIX[lang]}measures/chip-update/")
    assert scheme_of(phone) == "slate"
    toggle = phone.locator(TOGGLE)
    words = {"en": ("Switch to light mode", "Switch to dark mode"), "zh": ("切换到浅色模式", "切换到深色模式")}[lang]
    assert toggle_name(phone) == words[0]
    toggle.click()
    assert scheme_of(phone) == "default"
    assert toggle_name(phone) == words[1]
    # Remembered: the next page, in either language, keeps the visitor's choice over the phone's setting.
    phone.goto(f"{base_url}/{PREFIX['zh' if lang == 'en' else 'en']}glossary/")
    assert scheme_of(phone) == "default"
    phone.locator(TOGGLE).click()
    assert scheme_of(phone) == "slate"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_kind_of_page_is_readable_in_both_schemes(phone, base_url, lang, scheme):
    prefix = f"{base_url}/{PREFIX[lang]}"
    problems = []

    def check(name):
        assert scheme_of(phone) == SCHEMES[scheme], name
        problems.extend(f"{name}: {v}" for v in contrast_violations(phone))

    for name, url in [("home", ""), ("guidance", "measures/tax-records/"), ("decisions", "how-it-decides/")]:
        phone.goto(prefix + url)
        check(name)

    # The wizard's result: its banner (amber: not confirmed), the summary, the epidemic notes, the checklist.
    phone.goto(prefix + RESULT)
    phone.wait_for_selector("[data-outcome]", timeout=60_000)
    assert phone.locator(".wizard-currency[data-currency=unconfirmed]").count() == 1
    assert phone.locator(".wizard-outcome__epidemic").count() == 2
    check("wizard result")
    phone.evaluate(ALL_BADGES, STATUSES)
    check("every status")
    # The error summary, in the wizard's red.
    phone.goto(prefix + "wizard/")
    phone.click("form[data-question] button[type=submit]")
    phone.wait_for_selector(".wizard-error-summary")
    check("wizard error")

    phone.goto(prefix + "roster/")
    phone.wait_for_function("() => document.documentElement.dataset.rosterEngine === 'ready'", timeout=60_000)
    check("roster")
    phone.set_input_files("#roster-file", files=[{"name": "staff.csv", "mimeType": "text/csv",
                                                   "buffer": fixture("bad-row.csv")}])
    phone.wait_for_selector("#roster-results:has-text('staff.csv')", timeout=60_000)
    assert phone.locator(".roster-row--problem .roster-problems").count()
    check("roster results")
    phone.set_input_files("#roster-file", files=[{"name": "image.png", "mimeType": "image/png",
                                                   "buffer": fixture("image.png")}])
    phone.wait_for_selector(".roster-error")
    check("roster error")
    assert not problems, problems
