"""The site in real Chromium, as a visitor on a phone in mainland China would see it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from .test_site import PAGES

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    seen = {"hosts": set(), "errors": [], "failed": []}
    page.on("request", lambda r: seen["hosts"].add(urlsplit(r.url).hostname))
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("response", lambda r: r.status >= 400 and seen["failed"].append(f"{r.status} {r.url}"))
    yield page, seen
    context.close()


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_every_page_fits_a_phone_loads_only_from_the_site_and_logs_no_error(phone, base_url, prefix):
    page, seen = phone
    for url in PAGES:
        page.goto(f"{base_url}/{prefix}{url}", wait_until="networkidle")
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 360, f"{prefix}{url} is {width}px wide on a 360px phone"
    assert seen["hosts"] == {"127.0.0.1"}
    assert not seen["errors"], seen["errors"]
    assert not seen["failed"], seen["failed"]


def search(page, base_url, prefix, query):
    type_search(page, base_url, prefix, query)
    return page.locator(".md-search-result__item").all_inner_texts()


def type_search(page, base_url, prefix, query, results=True):
    """Type the query into Material's search on the language's home page, and wait for results (unless
    `results` is false: a query that may find none)."""
    page.goto(f"{base_url}/{prefix}", wait_until="networkidle")
    page.click("label[for=__search]")
    # Until its worker has built the index, Material shows "Initializing search" and ignores typing.
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        "el => el.textContent.trim() && !/Initializing|正在初始化/.test(el.textContent)", arg=meta.element_handle())
    # Material searches on key events: Chinese arrives through an input method, so fill, then release a key.
    field = page.locator("input[data-md-component=search-query]")
    field.fill(query)
    field.press("End")
    if results:
        page.wait_for_selector(".md-search-result__item", timeout=10_000)


def test_chinese_search_finds_a_chinese_word(phone, base_url):
    page, _ = phone
    results = search(page, base_url, "zh/", "纳税记录")
    # jieba splits the indexed text into words with zero-width spaces
    assert any("免于提供纳税记录" in r.replace("\u200b", "") for r in results), results


def test_english_search_finds_an_english_word(phone, base_url):
    page, _ = phone
    results = search(page, base_url, "", "chip")
    # The chip update page, in its own words (what the 2022 notice provided), not the notice's quoted ones.
    assert any(re.search(r"defer the chip update|chip update could be deferred", " ".join(r.split()))
               for r in results), results


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_language_switch_keeps_the_visitor_on_the_same_page(page, base_url, prefix):
    other = "zh/" if prefix == "" else ""
    page.goto(f"{base_url}/{prefix}measures/chip-update/")
    page.click(".md-header__option .md-select button")
    page.click(f".md-select__link[hreflang={'zh' if other else 'en'}]")
    page.wait_for_load_state()
    assert page.url == f"{base_url}/{other}measures/chip-update/"
    assert page.evaluate("document.documentElement.lang") == ("zh" if other else "en")


def test_guidance_pages_print_without_navigation(page, base_url):
    page.goto(f"{base_url}/measures/tax-records/")
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden()
    assert page.locator(".md-sidebar--primary").is_hidden()
    assert page.locator("#who-it-applies-to").is_visible()
    assert len(page.pdf()) > 1000
