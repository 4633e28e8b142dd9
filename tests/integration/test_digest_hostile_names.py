"""Unit names that are markup, formulas, line breaks, emoji or very long stay harmless text everywhere."""

import email
import email.policy
import io
from dataclasses import replace

import docx
import lxml.html
import openpyxl
import pytest

from tests.digest_campaign import ORGANIZATION, UNITS, campaign_digest
from tracker.digest.excel import render_xlsx
from tracker.digest.message import build_digest_email
from tracker.digest.printable import render_printable
from tracker.digest.text import render_text
from tracker.digest.word import render_docx
from tracker.digest.wording import digest_environment

SCRIPT = '<script>alert("x")</script> & Co'
HEADER = "Công đoàn\r\nBcc: evil@example.org 🎉"
FORMULA = '=HYPERLINK("http://evil.example","bấm vào đây")'
LONG = "LĐLĐ " + "rất dài " * 60 + "\x00\x07hết"
HOSTILE = {"dakrong": SCRIPT, "y-te": HEADER, "cong-thuong": FORMULA, "trieu-phong": LONG}


@pytest.fixture(scope="module")
def digest():
    return campaign_digest(units=tuple(replace(u, name=HOSTILE.get(u.code, u.name)) for u in UNITS))


def test_html_renderings_show_markup_as_text(digest):
    env = digest_environment()
    message = build_digest_email(
        digest, ORGANIZATION, "tracker@example.org", ["a@example.org"], [], "<d@x>", env
    )
    email_html = email.message_from_bytes(message.as_bytes(), policy=email.policy.default).get_body(("html",))
    for html in (render_printable(digest, ORGANIZATION, env), email_html.get_content()):
        document = lxml.html.fromstring(html)
        assert not document.xpath("//script")
        assert SCRIPT in document.text_content()
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co" in html


def test_a_line_break_in_a_name_never_reaches_a_header_or_breaks_a_text_line(digest):
    env = digest_environment()
    message = build_digest_email(
        digest, ORGANIZATION, "tracker@example.org", ["a@example.org"], [], "<d@x>", env
    )
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert parsed["Bcc"] is None
    text = render_text(digest, ORGANIZATION, env)
    assert "   3) Công đoàn Bcc: evil@example.org 🎉: quá hạn 7 ngày" in text.splitlines()
    assert "\x00" not in text and "\x07" not in text


def test_a_name_that_looks_like_a_formula_stays_text_in_excel(digest):
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx(digest))).worksheets[1]
    cells = {sheet.cell(row, 2).value: sheet.cell(row, 3) for row in range(2, 15)}
    assert cells["cong-thuong"].value == FORMULA
    assert cells["cong-thuong"].data_type == "s"
    assert cells["y-te"].value == "Công đoàn Bcc: evil@example.org 🎉"
    assert cells["trieu-phong"].value.endswith("rất dài  hết")
    assert sheet.column_dimensions["C"].width == 50


def test_word_accepts_every_name_as_plain_text(digest):
    document = docx.Document(io.BytesIO(render_docx(digest, ORGANIZATION)))
    names = [row.cells[1].text for row in document.tables[1].rows[1:]]
    assert names == [SCRIPT, FORMULA, "Công đoàn Bcc: evil@example.org 🎉"]
