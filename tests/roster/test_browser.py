"""The roster page in real Chromium with the real engine in Pyodide: a file chosen, judged, shown and downloaded,
with no request from choosing the file to downloading the result, in both languages."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from wizard.conftest import Visit

from .helpers import CODES, EXPECTED, NEXT_ZH, OUTCOMES, fixture, run_cli, statement

from eligibility import texts  # noqa: E402  (helpers put wizard/ on the path)

CSV = "text/csv"


@pytest.fixture
def visit(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield Visit(context.new_page(), base_url)
    context.close()


def open_roster(visit, lang="en"):
    prefix = "zh/" if lang == "zh" else ""
    visit.page.goto(f"{visit.base_url}/{prefix}roster/")
    visit.page.wait_for_function("() => document.documentElement.dataset.rosterEngine === 'ready'",
                                timeout=60_000)
    # From here on, every request of the page and the engine is recorded: there must be none. (The service worker
    # filling its offline cache from this site, as on the wizard, is not the page's doing.)
    requests = []
    visit.page.context.on("request", lambda r: r.service_worker is None and requests.append(r.url))
    return requests


def choose(visit, name, data, mime=CSV):
    visit.page.set_input_files("#roster-file", files=[{"name": name, "mimeType": mime, "buffer": data}])


def wait_for_results(visit, name):
    visit.page.wait_for_selector(f"#roster-results:has-text('{name}')", timeout=60_000)


def table(visit):
    """{row number: {outcome: result code}} and {row number: problems text} of the table on screen."""
    results, problems = {}, {}
    for tr in visit.page.locator("table.roster-results tbody tr").all():
        row = int(tr.get_attribute("data-row"))
        cells = tr.locator("[data-outcome]")
        results[row] = {cells.nth(i).get_attribute("data-outcome"): cells.nth(i).get_attribute("data-result")
                        for i in range(cells.count())} or dict.fromkeys(OUTCOMES)  # a row with problems: none
        listed = tr.locator(".roster-problem-list > li")  # the problems, without the row's notes
        problems[row] = "\n".join(listed.nth(i).inner_text().strip() for i in range(listed.count()))
    return results, problems


def download(visit) -> tuple[str, bytes]:
    with visit.page.expect_download() as info:
        visit.page.click(".roster-download")
    item = info.value
    return item.suggested_filename, open(item.path(), "rb").read()


def only_local_blob(requests):
    """Requests after load: none, except the Blob URL of the result (which is no network request)."""
    return [u for u in requests if urlsplit(u).scheme != "blob"]


def test_english_roster_table_download_and_no_request(visit):
    requests = open_roster(visit)
    choose(visit, "staff.csv", fixture("bad-row.csv"))
    wait_for_results(visit, "staff.csv")
    results, problems = table(visit)
    assert list(results) == [2, 3, 4, 5]
    assert results[2] == EXPECTED[0] and results[4] == EXPECTED[2]
    assert results[3] == {k: None for k in OUTCOMES}
    assert problems[3] == "category: “D” is not an answer here: write one of: A, B, C"
    assert problems[2] == problems[4] == problems[5] == ""
    summary = visit.page.locator(".roster-summary")
    assert summary.get_attribute("data-judged") == "3" and summary.get_attribute("data-failed") == "1"
    name, data = download(visit)
    assert name == "staff-results.csv"
    # Byte for byte what the command line writes for the same file.
    assert data == run_cli("roster", "tests/cases/roster/bad-row.csv", site_url=visit.base_url).stdout
    # The page's banner is the result's statement: what a notice of 2022 said, not confirmed by this site, the date.
    status = visit.page.locator("[data-measure-status=roster]").inner_text()
    assert status == statement("en") and "https://www.8610hr.cn/" in status
    # Only the rows with problems, on request.
    visit.page.check("#roster-only-problems")
    assert visit.page.locator("table.roster-results tbody tr").count() == 1
    assert only_local_blob(requests) == []
    visit.assert_clean()


def test_chinese_roster_from_a_gb18030_file(visit):
    requests = open_roster(visit, "zh")
    choose(visit, "员工.csv", fixture("gb18030-chinese.csv"))
    wait_for_results(visit, "员工.csv")
    results, problems = table(visit)
    assert list(results.values()) == EXPECTED and set(problems.values()) == {""}
    first = visit.page.locator("table.roster-results tbody tr").first
    assert first.locator("th[scope=row]").inner_text() == "2 · 张伟"  # row and employee: the first column
    tax = texts.OUTCOMES["tax_records"]
    assert first.locator("[data-outcome=tax_records]").inner_text() == tax["results"]["exempt"]["label"]["zh"]
    assert "GB18030" in visit.page.locator(".roster-summary").inner_text()
    # The page says, in its language, that this site has not confirmed the notice still applies, where to check,
    # and when the results were worked out: the statement the file carries.
    status = visit.page.locator("[data-measure-status=roster]").inner_text()
    assert status == statement("zh") and "本网站尚未核实" in status and "最近确认" not in status
    name, data = download(visit)
    assert name == "员工-结果.csv"
    assert data == run_cli("roster", "tests/cases/roster/gb18030-chinese.csv", "--lang", "zh", site_url=visit.base_url).stdout
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == statement("zh")
    assert lines[1].endswith(",".join([texts.OUTCOMES["joint_residence_permit"]["label"]["zh"], *NEXT_ZH, "措施状态",
                                       "问题", *CODES]))
    assert only_local_blob(requests) == []
    visit.assert_clean()


@pytest.mark.parametrize("lang, words", [
    ("en", {"image.png": "not a CSV file", "workbook.xlsx": "spreadsheet workbook", "empty.csv": "The file is empty",
            "header-only.csv": "no employee rows"}),
    ("zh", {"image.png": "不是 CSV 文件", "workbook.xlsx": "电子表格工作簿", "empty.csv": "文件为空",
            "header-only.csv": "没有员工数据行"}),
])
def test_files_that_are_not_rosters_get_a_message_in_the_pages_language(visit, lang, words):
    requests = open_roster(visit, lang)
    for name, expected in words.items():
        choose(visit, name, fixture(name), "image/png" if name.endswith(".png") else CSV)
        alert = visit.page.locator(".roster-error[role=alert]")
        alert.filter(has_text=expected).wait_for(timeout=30_000)
        assert visit.page.evaluate("() => document.activeElement.classList.contains('roster-error')")
    # The page is not stuck: a good file after them is judged, and the column it does not know is named.
    choose(visit, "good.csv", fixture("unknown-column.csv"))
    wait_for_results(visit, "good.csv")
    assert list(table(visit)[0].values()) == EXPECTED
    notice = {"en": "copied to the result unchanged: “department”", "zh": "已原样复制到结果中：“department”"}[lang]
    assert notice in visit.page.locator(".roster-notices").inner_text()
    assert only_local_blob(requests) == []
    visit.assert_clean()


def test_a_long_file_shows_progress_and_pages(visit):
    open_roster(visit)
    # What the progress line says while the worker judges, chunk by chunk.
    visit.page.evaluate("""() => {
        window.__progress = [];
        const line = document.getElementById('roster-progress-text');
        new MutationObserver(() => window.__progress.push(line.textContent))
            .observe(line, {childList: true, characterData: true, subtree: true});
    }""")
    header = fixture("utf8.csv").split(b"\r\n")[0]
    rows = [b"E%05d,extension,C,,,no," % i for i in range(20_000)]
    choose(visit, "long.csv", header + b"\r\n" + b"\r\n".join(rows) + b"\r\n")
    wait_for_results(visit, "long.csv")
    seen = visit.page.evaluate("() => window.__progress")
    assert "Judged 2,000 of 20,000 rows" in seen and "Judged 20,000 of 20,000 rows" in seen, seen
    body = visit.page.locator("table.roster-results tbody tr")
    assert body.count() == 200 and body.first.get_attribute("data-row") == "2"
    visit.page.click("text=Next rows")
    assert body.first.get_attribute("data-row") == "202"
    assert visit.page.locator(".roster-summary").get_attribute("data-judged") == "20000"
    visit.assert_clean()


def test_a_file_chosen_before_the_engine_is_ready_waits_for_it(visit):
    visit.page.goto(f"{visit.base_url}/roster/")
    choose(visit, "early.csv", fixture("semicolon.csv"))
    wait_for_results(visit, "early.csv")
    assert list(table(visit)[0].values()) == EXPECTED
    visit.assert_clean()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_roster_page_and_its_results_are_accessible(visit, lang):
    open_roster(visit, lang)
    problems = [f"page: {v}" for v in visit.serious_accessibility_violations()]
    choose(visit, "staff.csv", fixture("bad-row.csv"))
    wait_for_results(visit, "staff.csv")
    problems += [f"results: {v}" for v in visit.serious_accessibility_violations()]
    choose(visit, "image.png", fixture("image.png"), "image/png")
    visit.page.wait_for_selector(".roster-error")
    problems += [f"error: {v}" for v in visit.serious_accessibility_violations()]
    assert not problems, problems


@pytest.fixture
def phone(browser, base_url):
    """A visitor on a 360 px phone."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    yield Visit(context.new_page(), base_url)
    context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_results_fit_a_phone(phone, lang):
    open_roster(phone, lang)
    choose(phone, "staff.csv", fixture("bad-row.csv"))
    wait_for_results(phone, "staff.csv")
    assert phone.page.evaluate("() => document.scrollingElement.scrollWidth") <= 360
    phone.assert_clean()


def test_the_template_links_download_the_templates(visit):
    from eligibility import roster

    open_roster(visit, "zh")
    for lang in ("en", "zh"):
        with visit.page.expect_download() as info:
            visit.page.click(f"a[data-template={lang}]")
        assert open(info.value.path(), "rb").read() == roster.template_csv(lang)
        assert info.value.suggested_filename == f"roster-template-{lang}.csv"


ENGINE_FAILURES = {
    "no WebAssembly": lambda page: page.add_init_script("delete globalThis.WebAssembly"),
    "a runtime file missing": lambda page: page.context.route(
        "**/python_stdlib.zip", lambda route: route.fulfill(status=404, body="gone")),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("failure", ENGINE_FAILURES)
def test_when_the_engine_cannot_run_the_page_says_so_and_points_to_the_wizard(visit, failure, lang):
    ENGINE_FAILURES[failure](visit.page)
    prefix = "zh/" if lang == "zh" else ""
    visit.page.goto(f"{visit.base_url}/{prefix}roster/")
    alert = visit.page.locator(".wizard-failure[role=alert]")
    alert.wait_for(timeout=60_000)
    assert {"en": "cannot run in this browser", "zh": "无法在此浏览器中运行"}[lang] in alert.inner_text()
    (href,) = [visit.page.evaluate("a => a.href", a.element_handle()) for a in alert.get_by_role("link").all()]
    assert urlsplit(href).path == f"/{prefix}wizard/"
    assert visit.page.locator("#roster-file").is_disabled()
    assert visit.page.evaluate("() => document.documentElement.dataset.rosterEngine") == "failed"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_date_before_the_notice_says_why_on_the_page(visit, lang):
    """as_of before 2022-07-05: the row's problem on the page is the engine's message saying why, in the page's
    language (the notice is not known to exist before that date), as in the file it offers."""
    import eligibility

    open_roster(visit, lang)
    source = ("employee,application,category,salary_commitment,as_of\r\nE1,reissue,B,no,2019-01-01\r\n"
              "E2,reissue,B,no,2022-07-05\r\n").encode()
    choose(visit, "dates.csv", source)
    wait_for_results(visit, "dates.csv")
    results, problems = table(visit)
    why = eligibility.evaluate({"application": "reissue", "category": "B", "salary_commitment": False,
                                "as_of": "2019-01-01"})["errors"][0]["message"][lang]
    assert problems[2] == "as_of" + (": " if lang == "en" else "：") + why
    assert problems[3] == "" and results[3]["joint_residence_permit"] == "not_stated"
    visit.assert_clean()
