"""Measure status: one file the agency edits, said once per page by a banner (with a dated status line for a
measure that is not simply unconfirmed) and honoured by the engine and the wizard."""

from __future__ import annotations

import re

import pytest

from .htmlscan import read_page
from .test_generated_tables import build_copy
from .test_site import GUIDANCE, html_file

KEYS = ["tax_records", "online", "chip_update", "e_signature", "joint_residence_permit"]


def badges(path):
    html = path.read_text(encoding="utf-8")
    return dict(re.findall(r'data-measure-status="(\w+)" data-state="(\w+)"', html))


def badge_texts(path):
    html = path.read_text(encoding="utf-8")
    return re.findall(r'<span class="status-badge status-badge--(\w+)"[^>]*>([^<]*)</span>', html)


def banners(path):
    """(state, the measures it names as unconfirmed) of each currency banner of the page."""
    html = path.read_text(encoding="utf-8")
    return re.findall(r'class="admonition warning currency-banner"[^>]*data-currency="(\w+)" data-unconfirmed="([\d ]*)"',
                      html)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_as_published_every_page_says_once_that_the_measures_are_not_confirmed(site_dir, lang):
    """The notice dates from the Covid-19 epidemic of 2022: no page presents a measure as certainly in force. One
    banner per page says so, in the engine's words; no badge is repeated on each measure, row or table."""
    for url in ("", "notice/", "how-it-decides/", "glossary/"):
        assert banners(html_file(site_dir, lang, url)) == [("unconfirmed", "1 2 3 4 5")], url
        assert badges(html_file(site_dir, lang, url)) == {}, url
    for url, key in zip(GUIDANCE, KEYS):
        # Under the title, once: the measure's own banner.
        number = str(KEYS.index(key) + 1)
        assert banners(html_file(site_dir, lang, url)) == [("unconfirmed", number)], url
        assert badge_texts(html_file(site_dir, lang, url)) == []
        page = read_page(html_file(site_dir, lang, url)).text
        assert "https://www.8610hr.cn/" in page and "2022" in page
    # When the notice was issued, as far as the site knows, on the home page and the notice page.
    for url in ("", "notice/"):
        text = read_page(html_file(site_dir, lang, url)).text
        if lang == "en":
            assert "Date: reposted 5 July 2022; the text itself carries no date" in text
            assert "A notice of 2022" in text and "This site has not confirmed that it still applies." in text
        else:
            assert "日期： 转载日期为2022年7月5日，通知文本本身未载明日期" in text
            assert "2022年的通知" in text and "本网站尚未核实其是否仍然适用。" in text
            assert "最近确认" not in text


def test_a_not_confirmed_badge_is_never_green(site_dir):
    (served,) = site_dir.glob("assets/stylesheets/site.*.css")  # at its hash (scripts/hooks/fingerprint.py)
    css = served.read_text(encoding="utf-8")
    rule = re.search(r"\.status-badge--unconfirmed \{([^}]*)\}", css).group(1)
    green = re.search(r"\.status-badge--in_force \{([^}]*)\}", css).group(1)
    assert "#e8f5e9" in green and "#e8f5e9" not in rule and "#1b5e20" not in rule


def lift_tax_records(text: str) -> str:
    start = text.index("[measures.tax_records]")
    end = text.index("[measures.online]")
    lifted = """[measures.tax_records]
number = 1
status = "lifted"
from = ""
until = "2024-01-08"
note_en = "Tax records are needed again."
note_zh = "恢复提供纳税记录。"
replaced_by = ""

"""
    return text[:start] + lifted + text[end:]


@pytest.fixture(scope="module")
def lifted_site(tmp_path_factory):
    return build_copy(tmp_path_factory.mktemp("lifted"), {"wizard/eligibility/status.toml": lift_tax_records})


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_lifted_measure_shows_lifted_everywhere(lifted_site, lang):
    """The banner names the measures still unconfirmed, and the lifted one shows its dated status line in it."""
    for url in ("", "notice/", "measures/tax-records/"):
        assert badges(html_file(lifted_site, lang, url))["tax_records"] == "lifted", url
    for url in ("", "notice/"):
        assert banners(html_file(lifted_site, lang, url)) == [("partly", "2 3 4 5")], url
        text = read_page(html_file(lifted_site, lang, url)).text
        assert ("measures 2, 3, 4, 5" if lang == "en" else "第二、三、四、五项措施") in text
    assert banners(html_file(lifted_site, lang, "measures/tax-records/")) == [("confirmed", "")]
    assert badges(html_file(lifted_site, lang, "measures/online-approval/")) == {}
    assert banners(html_file(lifted_site, lang, "measures/online-approval/")) == [("unconfirmed", "2")]
    page = read_page(html_file(lifted_site, lang, "measures/tax-records/")).text
    assert ("Tax records are needed again." if lang == "en" else "恢复提供纳税记录。") in page
    assert ("until 2024-01-08" if lang == "en" else "截至 2024-01-08") in page


def test_a_lifted_measure_changes_the_generated_table(lifted_site):
    html = html_file(lifted_site, "en", "measures/tax-records/").read_text(encoding="utf-8")
    assert "Not in force on this date" in html


@pytest.fixture
def lifted_url(lifted_site, python_server):
    return python_server(lifted_site)


def test_the_wizard_honours_the_status(browser, lifted_url):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{lifted_url}/wizard/?application=extension&category=B&tax_bureau_unreachable=no")
        page.wait_for_selector("[data-outcome]", timeout=60_000)
        assert page.get_attribute("[data-outcome=tax_records]", "data-result") == "not_in_force"
        assert page.get_attribute("[data-outcome=online]", "data-result") == "yes"
        # Judged on another day through the share link's as_of: in force then.
        page.goto(f"{lifted_url}/wizard/?application=extension&category=B&tax_bureau_unreachable=no&as_of=2023-06-01")
        page.wait_for_selector("[data-outcome]", timeout=60_000)
        assert page.get_attribute("[data-outcome=tax_records]", "data-result") == "required"
        assert "as_of=2023-06-01" in page.url  # the share link keeps the date
    finally:
        context.close()
