"""Lists meant for reading stop at 100 rows and say how many more; Excel and JSON keep every unit."""

import email
import email.policy
import io
from dataclasses import replace

import docx
import lxml.html
import openpyxl
import pytest

from tests.digest_campaign import CONFIG, ORGANIZATION, PLAN, UNITS, at
from tracker.core.digest import build_digest
from tracker.core.office import Office
from tracker.core.reports import ExpectedReport
from tracker.digest.as_json import digest_to_json
from tracker.digest.excel import render_xlsx
from tracker.digest.message import build_digest_email
from tracker.digest.printable import render_printable
from tracker.digest.text import render_text
from tracker.digest.word import render_docx
from tracker.digest.wording import digest_environment

MORE = "… và 50 đơn vị khác (danh sách đầy đủ trong bảng Excel)."


@pytest.fixture(scope="module")
def digest():
    units = tuple(replace(UNITS[0], code=f"u{i:03d}", name=f"Công đoàn cơ sở số {i:03d}") for i in range(150))
    reports = [ExpectedReport(PLAN.code, "bao-cao-don-vi", unit) for unit in units]
    return build_digest(Office.of(CONFIG), reports, [], at(23, 9, 8, 0))


def test_the_text_lists_the_first_hundred_outstanding_units_then_a_count(digest):
    text = render_text(digest, ORGANIZATION, digest_environment())
    assert "   100) Công đoàn cơ sở số 099: quá hạn 7 ngày" in text
    assert "Công đoàn cơ sở số 100" not in text.split("ĐỀ XUẤT")[0]
    assert f"\n   {MORE}\n" in text


def test_the_printable_and_the_email_cut_their_tables_the_same_way(digest):
    env = digest_environment()
    message = build_digest_email(
        digest, ORGANIZATION, "tracker@example.org", ["a@example.org"], [], "<d@x>", env
    )
    email_html = email.message_from_bytes(message.as_bytes(), policy=email.policy.default).get_body(("html",))
    printable = lxml.html.fromstring(render_printable(digest, ORGANIZATION, env))
    assert len(printable.xpath("//table[@class='data'][1]/tbody/tr")) == 100
    assert MORE in printable.text_content()
    assert MORE in lxml.html.fromstring(email_html.get_content()).text_content()


def test_word_cuts_its_table_and_says_so(digest):
    document = docx.Document(io.BytesIO(render_docx(digest, ORGANIZATION)))
    assert len(document.tables[1].rows) == 101  # the header and 100 units
    assert MORE in [p.text for p in document.paragraphs]


def test_excel_and_json_keep_every_unit(digest):
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx(digest))).worksheets[1]
    assert sheet.max_row == 151
    assert len(digest_to_json(digest)["plans"][0]["milestones"][0]["outstanding"]) == 150
