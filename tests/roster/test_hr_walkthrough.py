"""An HR officer with 40 foreign employees in a workbook made from the site's template (issues 14 and 26), as a new
user tries it, in Chinese and in English: the roster page, the .xlsx template downloaded from its link (drop-down
lists on every answer column, the column guide as its second sheet), filled in with the ordinary mistakes of
issue 26 (eight extensions whose salary commitment says 否 / no and whose Covid-19 cell is empty, a mistyped
application, a missing category, a Category A first application in China without its 85-points answer), chosen,
judged on the device; the error summary at the top, each row a link to its row; the result workbook downloaded
(each employee's documents, the link to the full result, the date of the check, the officer's expiry dates still
dates) and opened in a real spreadsheet program (LibreOffice Calc); in Chinese, the next day with no network,
the same workbook checked again."""

from __future__ import annotations

import datetime
import io

import nginx_run
import openpyxl
import pytest

from wizard.conftest import Visit

from . import workbooks
from .helpers import CODES, statement
from .test_browser import choose, download, open_roster, table, wait_for_results
from .test_libreoffice import convert
from .test_page_journey import reload_with_no_network
from .test_workbook import run_with_openpyxl

from eligibility import texts  # noqa: E402  (helpers put wizard/ on the path)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROWS = 40
# Her own columns after the template's: the permit's expiry (real dates, in a Chinese date format) and a number.
EXPIRY = {"zh": "工作许可到期日", "en": "permit_expires"}
STAFF_NO = {"zh": "工号", "en": "staff_no"}
DATE_FORMAT = "yyyy年m月d日"


def words(lang):
    """The answers as the template's drop-down lists give them."""
    def option(key, value):
        if isinstance(value, bool):
            value = "yes" if value else "no"
        return value if lang == "en" else texts.QUESTIONS[key]["options"][value]["label"]["zh"]
    return option


def staff(lang):
    """40 employees: (name, answers by key, the kind of row). Kinds: "good", "overridden" (an extension with
    否 and its Covid-19 answer: judged, with a note), and the 11 problems: "override_empty" (8), "mistyped",
    "no_category", "no_route"."""
    people = []
    for index in range(ROWS):
        name = f"员工{index + 1:02d}" if lang == "zh" else f"Employee {index + 1:02d}"
        if index % 5 == 1 and len([p for p in people if p[2] == "override_empty"]) < 8:
            answers, kind = {"application": "extension", "category": "C", "salary_commitment": False}, "override_empty"
        elif index == 3:
            answers, kind = {"application": "extension", "category": "B", "salary_commitment": False,
                             "tax_bureau_unreachable": False}, "overridden"
        elif index == 4:
            answers, kind = {"application": "续签" if lang == "zh" else "renewal", "category": "C",
                             "salary_commitment": True, "tax_bureau_unreachable": False}, "mistyped"
        elif index == 7:
            answers, kind = {"application": "reissue", "salary_commitment": False}, "no_category"
        elif index == 12:
            answers, kind = {"application": "new_in_china", "category": "A", "salary_commitment": False}, "no_route"
        elif index % 3 == 0:
            answers, kind = {"application": "change_of_employer", "category": "B", "salary_commitment": True,
                             "tax_bureau_unreachable": True, "has_withholding_screenshot": True}, "good"
        elif index % 3 == 1:
            answers, kind = {"application": "cancellation", "category": "C", "tax_bureau_unreachable": False}, "good"
        else:
            answers, kind = {"application": "extension", "category": "A", "tax_bureau_unreachable": True,
                             "has_withholding_screenshot": False}, "good"
        people.append((name, answers, kind))
    return people


def download_template(visit, lang) -> tuple[str, bytes]:
    with visit.page.expect_download() as info:
        visit.page.click(f"a[data-template-workbook={lang}]")
    return info.value.suggested_filename, open(info.value.path(), "rb").read()


def fill_in(template: bytes, lang: str) -> bytes:
    """What the officer saves: the template's sheets, lists and header, the example rows replaced by her 40
    employees, and two columns of her own: the permit's expiry (dates) and the staff number (numbers)."""
    book = openpyxl.load_workbook(io.BytesIO(template))
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    keys = ["employee", *texts.QUESTIONS]
    option = words(lang)
    sheet.cell(row=1, column=len(header) + 1, value=EXPIRY[lang])
    sheet.cell(row=1, column=len(header) + 2, value=STAFF_NO[lang])
    for offset, (name, answers, _) in enumerate(staff(lang)):
        row = offset + 2
        for column, key in enumerate(keys, 1):
            value = name if key == "employee" else answers.get(key)
            if key == "application" and value in ("续签", "renewal"):
                pass  # typed over the list (pasted from another file): not one of its answers
            elif value is not None and key != "employee":
                value = option(key, value)
            sheet.cell(row=row, column=column, value=value)
        expiry = sheet.cell(row=row, column=len(header) + 1, value=datetime.datetime(2027, 1 + offset % 12, 15))
        expiry.number_format = DATE_FORMAT
        sheet.cell(row=row, column=len(header) + 2, value=1000 + offset)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def expected_problems(lang):
    return {row + 2: kind for row, (_, _, kind) in enumerate(staff(lang)) if kind not in ("good", "overridden")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_hr_officer_with_40_employees_from_the_template_to_the_result(browser, site_dir, tmp_path, lang):
    server = nginx_run.Server(site_dir)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    try:
        visit = Visit(context.new_page(), server.url)
        open_roster(visit, lang)
        name, template = download_template(visit, lang)
        assert name == f"roster-template-{lang}.xlsx"
        book = openpyxl.load_workbook(io.BytesIO(template))
        assert book.sheetnames == (["名单", "填写说明"] if lang == "zh" else ["Roster", "Column guide"])
        # A drop-down list on every answer column.
        lists = {str(rule.sqref)[0]: rule for rule in book.worksheets[0].data_validations.dataValidation}
        assert sorted(lists) == ["B", "C", "D", "E", "F", "G"] and all(r.type == "list" for r in lists.values())
        assert ("延期" if lang == "zh" else "extension") in lists["B"].formula1
        assert lists["E"].prompt == texts.ROSTER["applies"]["salary_commitment"][lang]

        filled = fill_in(template, lang)
        file_name = "员工名单.xlsx" if lang == "zh" else "staff.xlsx"
        choose(visit, file_name, filled, XLSX)
        wait_for_results(visit, file_name)
        page = visit.page
        results, problems = table(visit)
        assert sorted(results) == list(range(2, ROWS + 2))  # rows as the spreadsheet numbers them
        expected = expected_problems(lang)
        assert len(expected) == 11 and sum(kind == "override_empty" for kind in expected.values()) == 8
        assert {row for row, text in problems.items() if text} == set(expected)

        # The error summary, first and focused: how many rows, each row's number and message a link to its row.
        summary = page.locator(".roster-error-summary")
        assert page.evaluate("document.activeElement.classList.contains('roster-error-summary')")
        assert ("11 行需要修改" if lang == "zh" else "11 rows need fixing") in summary.locator("h2").inner_text()
        links = summary.locator("a[data-row-link]")
        assert [int(links.nth(i).get_attribute("data-row-link")) for i in range(links.count())] == sorted(expected)
        override_row = min(row for row, kind in expected.items() if kind == "override_empty")
        why = texts.ROSTER["needed"]["tax_bureau_unreachable_by_notice"][lang]
        first_link = summary.locator(f"a[data-row-link='{override_row}']")
        assert why in first_link.inner_text() and first_link.get_attribute("href") == f"#roster-row-{override_row}"
        if lang == "zh":
            assert "延期、注销按2022年通知涉及薪资承诺，所以需要填写" in first_link.inner_text()
        first_link.click()
        target = page.locator(f"#roster-row-{override_row}")
        assert page.evaluate("document.activeElement.id") == f"roster-row-{override_row}"
        assert "roster-row--problem" in target.get_attribute("class")
        # Her 否 is not used, and the row says so (and the file keeps it).
        note = target.locator("[data-note]").inner_text()
        assert ("未采用" if lang == "zh" else "was not used") in note
        # A judged row: its documents by who provides them, the link to its full result, the date of the check.
        good = page.locator("#roster-row-2")  # change_of_employer, B, exempt after the screenshot
        assert good.locator("[data-provider=applicant] [data-document]").count() == 3
        assert good.locator("[data-provider=employer] [data-document=approval_decision]").count() == 1
        href = good.locator("a[data-full-result]").get_attribute("href")
        prefix = "zh/" if lang == "zh" else ""
        assert href == (f"{server.url}/{prefix}wizard/change-of-employer/category-b/salary-commitment/"
                        "tax-bureau-unreachable/has-screenshot/")
        assert datetime.date.today().isoformat() in good.locator(".roster-link").inner_text()

        # The result workbook: the command line's cell for cell, given the site's address (SITE_URL) for the links.
        result_name, result = download(visit)
        assert result_name == ("员工名单-结果.xlsx" if lang == "zh" else "staff-results.xlsx")
        source = tmp_path / file_name
        source.write_bytes(filled)
        done = run_with_openpyxl("roster", source, "-o", tmp_path / "cli.xlsx", "--lang", lang, site_url=server.url)
        assert done.returncode == 1, done.stderr.decode()  # rows with problems: exit 1, as documented
        assert workbooks.result_rows(result) == workbooks.result_rows((tmp_path / "cli.xlsx").read_bytes())

        sheet = openpyxl.load_workbook(io.BytesIO(result)).worksheets[0]
        header = [cell.value for cell in sheet[2]]
        columns = texts.ROSTER["columns"]
        expiry, day, link = (header.index(h) for h in (EXPIRY[lang], columns["checked_on"][lang],
                                                        columns["full_result"][lang]))
        documents = header.index(columns["documents_applicant"][lang])
        rows = list(sheet.iter_rows(min_row=3))
        assert len(rows) == ROWS
        for offset, row in enumerate(rows):
            assert row[expiry].is_date and row[expiry].number_format == DATE_FORMAT  # her dates stay dates
            assert row[expiry].value == datetime.datetime(2027, 1 + offset % 12, 15)
            assert row[header.index(STAFF_NO[lang])].value == 1000 + offset  # numbers stay numbers
            assert row[day].is_date and row[day].value.date() == datetime.date.today()
        assert rows[0][documents].value.count(texts.ROSTER["item_separator"][lang]) == 2
        assert rows[0][link].hyperlink.target == rows[0][link].value == href

        # Opened in a real spreadsheet program: the statement, her names, the documents, the link, the problems.
        saved = tmp_path / result_name
        saved.write_bytes(result)
        said, header_lo, *body = convert([saved], tmp_path / "converted", tmp_path / "lo-profile")[saved.name]
        assert said[0] == statement(lang)
        errors = header_lo.index(columns["errors"][lang])
        assert header_lo[errors + 1:] == list(CODES)
        assert [row[0] for row in body] == [person[0] for person in staff(lang)]
        assert body[0][header_lo.index(columns["full_result"][lang])] == href
        assert body[0][header_lo.index(columns["documents_employer"][lang])] == (
            texts.DOCUMENTS["approval_decision"]["label"][lang])
        assert [i + 2 for i, row in enumerate(body) if row[errors]] == sorted(expected)

        if lang == "zh":
            # The next day, with no network: the page, the engine and the workbook packages come from this device.
            reload_with_no_network(visit, server, context)
            choose(visit, file_name, filled, XLSX)
            wait_for_results(visit, file_name)
            assert table(visit) == (results, problems)
        visit.assert_clean()
    finally:
        context.close()
        server.stop()
