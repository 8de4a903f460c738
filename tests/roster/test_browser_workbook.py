"""Excel workbooks on the roster page, in real Chromium with the engine in Pyodide: openpyxl is loaded only when a
workbook is chosen, from the site's own lock file (hash-checked by Pyodide), and the result workbook holds what
the command line's holds. The wizard never loads openpyxl."""

from __future__ import annotations

from urllib.parse import urlsplit

from . import workbooks
from .helpers import EXPECTED, statement
from .test_browser import choose, download, open_roster, table, visit, wait_for_results  # noqa: F401
from .test_workbook import run_with_openpyxl

from eligibility import texts  # noqa: E402  (helpers put wizard/ on the path)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def only_the_workbook_packages(requests, base_url):
    """The requests made for a workbook: openpyxl's and et_xmlfile's wheels, from the site's engine folder."""
    paths = sorted(urlsplit(url).path for url in requests)
    assert all(url.startswith(base_url) for url in requests), requests
    assert [p.rsplit("/", 1)[1] for p in paths] == ["et_xmlfile-2.0.0-py3-none-any.whl",
                                                    "openpyxl-3.1.5-py2.py3-none-any.whl"], paths
    assert all(p.startswith("/assets/engine/") for p in paths)


def test_a_workbook_gives_the_command_lines_result_workbook(visit, tmp_path):
    data = workbooks.english_workbook(blank_rows_before=1)
    requests = open_roster(visit)
    choose(visit, "staff.xlsx", data, XLSX)
    wait_for_results(visit, "staff.xlsx")
    results, problems = table(visit)
    assert list(results) == [3, 4, 5]  # the spreadsheet's row numbers (an empty row above the header)
    assert list(results.values()) == EXPECTED and set(problems.values()) == {""}
    assert "Read as an Excel workbook." in visit.page.locator(".roster-summary").inner_text()
    name, result = download(visit)
    assert name == "staff-results.xlsx" and result.startswith(b"PK\x03\x04")
    only_the_workbook_packages(requests, visit.base_url)
    # The same workbook content as the command line's.
    source = tmp_path / "staff.xlsx"
    source.write_bytes(data)
    done = run_with_openpyxl("roster", source, "-o", tmp_path / "cli.xlsx", site_url=visit.base_url)
    assert done.returncode == 0, done.stderr.decode()
    assert workbooks.result_rows(result) == workbooks.result_rows((tmp_path / "cli.xlsx").read_bytes())
    visit.assert_clean()


def test_a_chinese_workbook_on_the_chinese_page_and_then_a_protected_one(visit, tmp_path):
    data = workbooks.chinese_workbook(first_sheet="chart")
    requests = open_roster(visit, "zh")
    choose(visit, "员工.xlsx", data, XLSX)
    wait_for_results(visit, "员工.xlsx")
    results, _ = table(visit)
    assert list(results.values()) == EXPECTED
    exempt = texts.OUTCOMES["tax_records"]["results"]["exempt"]["label"]["zh"]
    assert visit.page.locator("[data-outcome=tax_records]").first.inner_text() == exempt
    name, result = download(visit)
    assert name == "员工-结果.xlsx"
    source = tmp_path / "staff.xlsx"
    source.write_bytes(data)
    run_with_openpyxl("roster", source, "-o", tmp_path / "cli.xlsx", "--lang", "zh", site_url=visit.base_url)
    assert workbooks.result_rows(result) == workbooks.result_rows((tmp_path / "cli.xlsx").read_bytes())
    assert workbooks.result_statement(result) == statement("zh")  # the file's first row: the dated statement
    # An encrypted workbook, chosen next: the engine's message in the page's language, and no more requests.
    choose(visit, "加密.xlsx", workbooks.encrypted_workbook(), XLSX)
    visit.page.wait_for_selector("text=此电子表格工作簿设有打开密码", timeout=60_000)
    only_the_workbook_packages(requests, visit.base_url)
    visit.assert_clean()


def test_the_wizard_never_requests_openpyxl(page, base_url):
    requested = []
    page.context.on("request", lambda r: requested.append(r.url))
    page.goto(f"{base_url}/wizard/?application=extension&category=C&tax_bureau_unreachable=no")
    page.wait_for_selector("[data-outcome=tax_records]", timeout=90_000)
    page.wait_for_function("() => document.documentElement.dataset.wizardEngine === 'ready'", timeout=60_000)
    assert any("/assets/engine/" in url and url.endswith("pyodide-lock.json") for url in requested)
    assert not [url for url in requested if "openpyxl" in url or "et_xmlfile" in url]
