"""The roster page without JavaScript is no dead end: it says so, and offers the templates and the check on a
computer's command line, from the files the site itself serves (scripts/hooks/roster.py). The commands the page
shows are run here as a visitor would run them, in a new virtual environment, with nothing from the network."""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.request
from urllib.parse import urljoin

import openpyxl
import pytest

PREFIX = {"en": "", "zh": "zh/"}
ROW = ["E1", "extension", "C", None, None, "no", None]  # an extension, Category C, the tax bureau reachable


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as answer:
        return answer.read()


@pytest.fixture(scope="module")
def no_script(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_without_javascript_the_page_offers_the_templates_and_the_command_line(no_script, base_url, lang, tmp_path):
    page = no_script
    address = f"{base_url}/{PREFIX[lang]}roster/"
    page.goto(address)
    assert page.locator("#roster").inner_text().strip(), "the check's place says why it cannot run"
    assert ("command line" in page.locator("#roster").inner_text()) if lang == "en" else \
        ("命令行" in page.locator("#roster").inner_text())
    templates = page.locator("a[data-template], a[data-template-workbook]")
    assert templates.count() == 4 and all(t.is_visible() for t in templates.all())
    wheels = page.locator("a[data-wheel]")
    assert wheels.count() == 3 and all(w.is_visible() for w in wheels.all())
    # The visitor saves the files the page links: the wheels and their own-language workbook template.
    for link in [*wheels.all(), page.locator(f"a[data-template-workbook={lang}]")]:
        (tmp_path / link.get_attribute("download")).write_bytes(fetch(urljoin(address, link.get_attribute("href"))))
    # ... fills in the template (one employee) as staff.xlsx, the name the commands use ...
    book = openpyxl.load_workbook(tmp_path / f"roster-template-{lang}.xlsx")
    sheet = book.worksheets[0]
    header_row = next(r for r in range(1, 5) if sheet.cell(r, 1).value)
    for column, value in enumerate(ROW, 1):
        sheet.cell(header_row + 1, column, value)
    book.save(tmp_path / "staff.xlsx")
    # ... and runs the page's commands as written (python3: this machine's interpreter).
    commands = [re.sub(r"\s+#.*$", "", line) for line in page.locator("pre code").last.inner_text().splitlines()
                if line.strip()]
    assert [c.split()[0] for c in commands] == ["python3", "roster-check/bin/pip", "roster-check/bin/python"]
    for command in commands:
        command = command.replace("python3 ", f"{sys.executable} ", 1) if command.startswith("python3 ") else command
        done = subprocess.run(command, shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=300)
        assert done.returncode in (0, 1), (command, done.stdout, done.stderr)  # roster: 1 = some rows had errors
    header, rows = read_result_workbook(tmp_path / "staff-results.xlsx")
    assert rows and rows[0][0] == "E1"
    assert "tax_records_code" in header and rows[0][header.index("tax_records_code")] == "required"


def read_result_workbook(path):
    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    # The first row is the dated statement; the header follows.
    return [str(v) for v in values[1]], values[2:]
