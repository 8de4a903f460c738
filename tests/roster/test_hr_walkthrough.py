"""An HR officer with a Chinese workbook, from the template's download to the result (issue 14), as a new user
tries it: the Chinese roster page, the Chinese .xlsx template downloaded from its link, filled in (the example
rows replaced by the officer's staff, one answer mistyped), chosen, judged on the device, the result workbook
downloaded and opened in a real spreadsheet program (LibreOffice Calc); the next day, with no network, the
same workbook checked again."""

from __future__ import annotations

import io

import nginx_run
import openpyxl

from wizard.conftest import Visit

from . import workbooks
from .helpers import CODES, statement
from .test_browser import choose, download, open_roster, table, wait_for_results
from .test_libreoffice import convert
from .test_page_journey import reload_with_no_network
from .test_workbook import run_with_openpyxl

from eligibility import texts  # noqa: E402  (helpers put wizard/ on the path)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The officer's staff, typed over the template's example rows (E001–E003), in the template's own words; the
# third mistypes the application (续签 is not one of the template's answers).
STAFF = ["张伟", "李娜", "王芳"]
MISTYPED = "续签"


def download_template(visit) -> tuple[str, bytes]:
    with visit.page.expect_download() as info:
        visit.page.click("a[data-template-workbook=zh]")
    return info.value.suggested_filename, open(info.value.path(), "rb").read()


def fill_in(template: bytes) -> bytes:
    """What the officer saves: the template's sheet and header, their staff in the example rows."""
    book = openpyxl.load_workbook(io.BytesIO(template))
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    for row, name in zip(range(2, 5), STAFF):
        sheet.cell(row=row, column=1, value=name)
    sheet.cell(row=4, column=header.index("申请事项") + 1, value=MISTYPED)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_hr_officer_from_the_template_to_the_result_and_again_offline(browser, site_dir, tmp_path):
    server = nginx_run.Server(site_dir)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    try:
        visit = Visit(context.new_page(), server.url)
        open_roster(visit, "zh")
        name, template = download_template(visit)
        assert name == "roster-template-zh.xlsx"
        assert openpyxl.load_workbook(io.BytesIO(template)).sheetnames == ["名单"]

        filled = fill_in(template)
        choose(visit, "员工名单.xlsx", filled, XLSX)
        wait_for_results(visit, "员工名单.xlsx")
        results, problems = table(visit)
        assert sorted(results) == [2, 3, 4]  # rows as the spreadsheet numbers them
        assert not problems[2] and not problems[3]
        assert MISTYPED in problems[4]  # what was entered, in the sentence that says what is wrong

        # The result workbook is the command line's, byte for byte in what its cells hold.
        result_name, result = download(visit)
        assert result_name == "员工名单-结果.xlsx"
        source = tmp_path / "员工名单.xlsx"
        source.write_bytes(filled)
        done = run_with_openpyxl("roster", source, "-o", tmp_path / "cli.xlsx", "--lang", "zh")
        assert done.returncode == 1, done.stderr.decode()  # a row with a problem: exit 1, as documented
        assert workbooks.result_rows(result) == workbooks.result_rows((tmp_path / "cli.xlsx").read_bytes())

        # Opened in a real spreadsheet program: the officer's names, the Chinese labels, the problem.
        saved = tmp_path / "员工名单-结果.xlsx"
        saved.write_bytes(result)
        # First the statement: what a notice of 2022 said, not confirmed by this site, the date of the check.
        said, header, *body = convert([saved], tmp_path / "converted", tmp_path / "lo-profile")[saved.name]
        assert said[0] == statement("zh")
        errors = header.index("问题")
        assert header[0] == "员工" and header[errors + 1:] == list(CODES)
        assert [row[0] for row in body] == STAFF
        tax = texts.OUTCOMES["tax_records"]
        assert body[0][header.index(tax["label"]["zh"])] == tax["results"]["exempt"]["label"]["zh"]
        assert body[0][header.index("tax_records_code")] == "exempt"
        assert MISTYPED in body[2][errors] and not body[0][errors]

        # The next day, with no network: the page, the engine and the workbook packages come from this device.
        reload_with_no_network(visit, server, context)
        choose(visit, "员工名单.xlsx", filled, XLSX)
        wait_for_results(visit, "员工名单.xlsx")
        assert table(visit) == (results, problems)
        visit.assert_clean()
    finally:
        context.close()
        server.stop()
