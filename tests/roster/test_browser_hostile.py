"""Files that attack or break the roster check (issue 13), on the roster page in real Chromium with the engine in
Pyodide: what a cell holds shows as text, a file of blank lines is judged, a quote that never closes and a file
in two encodings are said in the page's language. The command line's side: test_hostile_files.py."""

from __future__ import annotations

import pytest

from .helpers import EXPECTED, HEADER_EN, fixture, run_cli
from .test_browser import choose, download, open_roster, only_local_blob, table, visit, wait_for_results  # noqa: F401


def test_cells_that_are_formulas_or_markup_show_as_text_and_download_neutralised(visit):
    requests = open_roster(visit)
    title = visit.page.title()
    choose(visit, "formula.csv", fixture("formula.csv"))
    wait_for_results(visit, "formula.csv")
    # The first column holds the row and the employee: "2 · =HYPERLINK(…)".
    first_column = visit.page.locator("table.roster-results tbody tr th[scope=row]").all_inner_texts()
    employees = [text.split(" · ", 1)[1] for text in first_column]
    assert employees == ['=HYPERLINK("http://evil.example","x")', "@SUM(A1:A9)",
                         "<img src=x onerror=\"document.title='pwned'\">", "E004"]
    # Text, never markup: no element came from a cell, and no script ran.
    assert visit.page.locator("table.roster-results img, table.roster-results a:not([data-full-result])").count() == 0
    assert visit.page.title() == title
    results, problems = table(visit)
    assert [results[row] for row in (2, 3, 4)] == EXPECTED
    assert problems[5].startswith("application: “=2+2” is not an answer here")
    name, data = download(visit)
    assert data == run_cli("roster", "tests/cases/roster/formula.csv", site_url=visit.base_url).stdout
    assert b"\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"" in data
    assert only_local_blob(requests) == []
    visit.assert_clean()


def test_ten_megabytes_of_blank_lines_are_judged(visit):
    # Before: 48 s and 2 GB more in Chromium, and a 49 MB file ended in an error that was not the page's.
    data = (HEADER_EN + "\r\nE1,extension,C,,,yes,yes\r\n").encode() + b"\r\n" * 5_000_000 \
        + b"E2,cancellation,B,,,no,\r\n" + b"\n" * 1_000_000
    open_roster(visit)
    choose(visit, "blank.csv", data)
    wait_for_results(visit, "blank.csv")
    summary = visit.page.locator(".roster-summary")
    assert [summary.get_attribute(f"data-{k}") for k in ("rows", "judged", "failed")] == ["5000002", "2", "0"]
    results, _ = table(visit)
    assert results == {2: EXPECTED[0], 5_000_003: EXPECTED[2]}
    name, result = download(visit)
    assert result == run_cli("roster", "-", stdin=data, site_url=visit.base_url).stdout
    visit.assert_clean()


@pytest.mark.parametrize("lang, notice, problem", [
    ("en", "A quote (\") opened on line 5 never closes: row 5 and everything after it were not read.",
     "a quote (\") opened on line 5 never closes, so this row and the rest of the file were not read"),
    ("zh", "第5行的引号（\"）没有闭合：第5行及其后的内容均未读取，之前的行已作判断。",
     "第5行的引号（\"）没有闭合，此行及文件其余部分均未读取"),
])
def test_a_quote_that_never_closes_is_named_in_the_pages_language(visit, lang, notice, problem):
    open_roster(visit, lang)
    choose(visit, "quote.csv", fixture("unclosed-quote.csv"))
    wait_for_results(visit, "quote.csv")
    assert notice in visit.page.locator(".roster-notices").inner_text()
    results, problems = table(visit)
    assert list(results) == [2, 3, 4, 5] and [results[row] for row in (2, 3, 4)] == EXPECTED
    assert problems[5] == problem
    visit.assert_clean()


@pytest.mark.parametrize("lang, words", [
    ("en", "The file mixes two encodings: it is in UTF-8, but line 3 is not"),
    ("zh", "文件混用了两种编码：文件为 UTF-8 编码，但第3行不是"),
])
def test_a_file_in_two_encodings_is_said_in_the_pages_language(visit, lang, words):
    open_roster(visit, lang)
    choose(visit, "mixed.csv", fixture("mixed-encoding.csv"))
    visit.page.locator(".roster-error[role=alert]").filter(has_text=words).wait_for(timeout=30_000)
    visit.assert_clean()
