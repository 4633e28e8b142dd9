"""The digest email, serialised and parsed back: text, HTML alternative, inline chart by CID."""

import email
import email.policy
from dataclasses import replace

import lxml.html

from tests.digest_campaign import ORGANIZATION, PLAN, at, campaign_digest
from tracker.digest.message import build_digest_email
from tracker.digest.wording import digest_environment

MESSAGE_ID = "<digest-2019-09-23@tracker.example.org>"


def _parsed(digest=None):
    message = build_digest_email(
        digest or campaign_digest(),
        ORGANIZATION,
        "Hệ thống theo dõi <tracker@example.org>",
        ["bantochuc@example.org"],
        ["thuongtruc@example.org"],
        MESSAGE_ID,
        digest_environment(),
    )
    return email.message_from_bytes(message.as_bytes(), policy=email.policy.default)


def test_the_headers_say_who_when_and_that_it_is_automatic():
    parsed = _parsed()
    assert parsed["Subject"] == (
        "[Báo cáo tiến độ] Sơ kết 3 năm thực hiện Đề án phát triển tổ chức đảng, đảng viên và…: "
        "3 báo cáo quá hạn (tính đến 23/09/2019)"
    )
    assert parsed["Date"] == "Mon, 23 Sep 2019 08:00:00 +0700"
    assert parsed["Message-ID"] == MESSAGE_ID
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed["To"] == "bantochuc@example.org"
    assert parsed["Cc"] == "thuongtruc@example.org"
    assert parsed["From"].addresses[0].display_name == "Hệ thống theo dõi"


def test_the_body_is_text_with_an_html_alternative_holding_the_chart():
    parsed = _parsed()
    assert parsed.get_content_type() == "multipart/alternative"
    text = parsed.get_body(("plain",)).get_content()
    assert "Đã nhận: 9/13 (69,2%), trong đó đúng hạn 7, nộp muộn 2" in text
    related = parsed.get_payload()[1]
    assert related.get_content_type() == "multipart/related"
    html_part, image = related.get_payload()
    assert html_part.get_content_type() == "text/html"
    assert image.get_content_type() == "image/png"
    assert image.get_content().startswith(b"\x89PNG\r\n\x1a\n")
    document = lxml.html.fromstring(html_part.get_content())
    (img,) = document.xpath("//img")
    assert img.get("src") == "cid:" + image["Content-ID"].strip("<>")
    assert image["Content-ID"] == "<chart1.digest-2019-09-23@tracker.example.org>"


def test_the_html_carries_the_numbers_names_and_proposals_with_inline_styles_only():
    document = lxml.html.fromstring(_parsed().get_body(("html",)).get_content())
    text = document.text_content()
    assert "Báo cáo tiến độ thực hiện kế hoạch" in text
    assert "Tính đến 08:00, Thứ Hai, 23/09/2019" in text
    units, _owner = document.xpath("//table[tr/th[.='Thư nhắc gần nhất']]")
    assert [row.xpath("td")[1].text_content() for row in units.xpath("tr[td]")] == [
        "Công đoàn ngành Công Thương",
        "Công đoàn ngành Y tế",
        "LĐLĐ huyện Đakrông",
    ]
    assert "Đề xuất: Đề nghị Thường trực LĐLĐ tỉnh chỉ đạo 3 đơn vị quá hạn" in " ".join(text.split())
    assert not document.xpath("//style|//script|//link")


def test_a_milestone_without_a_chart_adds_no_image():
    parsed = _parsed(campaign_digest(at(20, 8, 8, 0)))
    assert [p.get_content_type() for p in parsed.walk() if p.get_content_maintype() == "image"] == []


def test_a_plan_title_with_a_line_break_gives_a_one_line_subject():
    plan = replace(PLAN, title="Sơ kết\r\nBcc: evil@example.org")
    digest = campaign_digest()
    digest = replace(digest, plans=(replace(digest.plans[0], plan=plan),))
    parsed = _parsed(digest)
    assert parsed["Bcc"] is None
    assert parsed["Subject"].startswith("[Báo cáo tiến độ] Sơ kết Bcc: evil@example.org: 3 báo cáo quá hạn")
