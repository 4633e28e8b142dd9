"""The printable A4 report (`templates/digest/report.html.j2`), parsed back."""

import base64

import lxml.html

from tests.digest_campaign import ORGANIZATION, campaign_digest
from tracker.digest.printable import render_printable
from tracker.digest.wording import digest_environment


def _document():
    return lxml.html.fromstring(render_printable(campaign_digest(), ORGANIZATION, digest_environment()))


def _text(element):
    return " ".join(element.text_content().split())


def test_the_page_is_a4_with_the_decree_margins_and_numbers_in_a_vietnamese_serif():
    (style,) = _document().xpath("//style")
    assert "@page { size: A4; margin: 20mm 15mm 20mm 30mm;" in style.text
    assert "@top-center { content: counter(page);" in style.text
    assert "@page :first { @top-center { content: none; } }" in style.text
    # Times New Roman on Windows; on Linux the serifs that carry every Vietnamese letter.
    assert 'font-family: "Times New Roman", "Noto Serif", "DejaVu Serif"' in style.text
    assert "break-inside: avoid" in style.text


def test_the_header_blocks_follow_the_document_format():
    document = _document()
    assert _text(document.find_class("parent")[0]) == "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM"
    assert _text(document.find_class("issuer")[0]) == "LIÊN ĐOÀN LAO ĐỘNG TỈNH QUẢNG TRỊ"
    assert _text(document.find_class("number")[0]) == "Số: /BC-LĐLĐ"
    assert _text(document.find_class("nation")[0]) == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert _text(document.find_class("motto")[0]) == "Độc lập - Tự do - Hạnh phúc"
    assert _text(document.find_class("place-date")[0]) == "Quảng Trị, ngày 23 tháng 9 năm 2019"


def test_the_title_and_recipient_come_before_the_body():
    document = _document()
    assert _text(document.find_class("doc-type")[0]) == "BÁO CÁO"
    assert _text(document.find_class("summary")[0]) == (
        "Tiến độ thực hiện Kế hoạch sơ kết 3 năm thực hiện Đề án phát triển tổ chức đảng, đảng viên và các "
        "tổ chức chính trị - xã hội trong doanh nghiệp ngoài nhà nước trên địa bàn tỉnh Quảng Trị"
    )
    assert _text(document.find_class("recipient")[0]) == "Kính gửi: Thường trực LĐLĐ tỉnh."


def test_the_body_gives_deadlines_counts_and_tables():
    document = _document()
    body = _text(document.find_class("body")[0])
    assert (
        "- Thời hạn: trước ngày 15/09/2019; hạn cuối thứ Hai, 16/09/2019 (lùi từ thứ Bảy, 14/09/2019 theo "
        "Điều 148 Bộ luật Dân sự); đến nay đã quá hạn 7 ngày."
    ) in body
    assert (
        "- Kết quả: đã nhận 9/13 báo cáo (69,2%), trong đó 7 đúng hạn, 2 nộp muộn; 1 đơn vị được miễn nộp; "
        "còn 3 đơn vị chưa gửi báo cáo (23,1%), trong đó 3 đơn vị đã quá hạn."
    ) in body
    outstanding, arrivals, gaps, figures = document.xpath("//table[contains(@class, 'data')]")
    assert [[_text(td) for td in tr.xpath("td")[:3]] for tr in outstanding.xpath("tbody/tr")] == [
        ["1", "Công đoàn ngành Công Thương", "Quá hạn 7 ngày"],
        ["2", "Công đoàn ngành Y tế", "Quá hạn 7 ngày"],
        ["3", "LĐLĐ huyện Đakrông", "Quá hạn 7 ngày"],
    ]
    assert [_text(td) for td in arrivals.xpath("tbody/tr[1]/td")] == [
        "1",
        "LĐLĐ huyện Triệu Phong",
        "17/09/2019",
        "25/BC-LĐLĐ",
        "Nộp muộn (1 ngày)",
    ]
    # What is missing as a unit × section matrix, each section's title once in the legend under it.
    assert [_text(th) for th in gaps.xpath("thead/tr/th")] == [
        "STT",
        "Đơn vị",
        *(f"ND{n}" for n in range(1, 8)),
        "Số liệu có",
    ]
    assert [_text(td) for td in gaps.xpath("tbody/tr[3]/td")] == [
        "3",
        "LĐLĐ huyện Triệu Phong",
        *"✓✓✓✗✗✗✗",
        "5/5",
    ]
    (legend,) = document.find_class("legend")
    assert _text(legend).startswith("ND1: Tình hình số lượng đoàn viên, CĐCS trong doanh nghiệp")
    assert "Lần quét gần nhất" not in body  # no technical daemon line on paper
    assert [_text(td) for td in figures.xpath("tbody/tr[3]/td")] == [
        "3",
        "Số đoàn viên kết nạp mới",
        "609",
        "người",
        "8/9",
    ]


def test_the_chart_is_embedded_as_a_png_data_uri():
    (img,) = _document().xpath("//figure/img")
    prefix = "data:image/png;base64,"
    assert img.get("src").startswith(prefix)
    assert base64.b64decode(img.get("src")[len(prefix) :]).startswith(b"\x89PNG\r\n\x1a\n")


def test_the_proposals_line_is_editable():
    (proposals,) = _document().find_class("proposals")
    assert _text(proposals).startswith("Đề xuất: Đề nghị Thường trực LĐLĐ tỉnh chỉ đạo 3 đơn vị quá hạn")
    assert proposals.find_class("proposals-text")[0].get("contenteditable") == "true"


def test_the_report_closes_with_recipients_and_the_configured_signature_block():
    document = _document()
    (to,) = document.find_class("to")
    assert [_text(div) for div in to.xpath("div")] == ["Nơi nhận:", "- Như trên;", "- Lưu: VT, ToC."]
    (sign,) = document.find_class("sign")
    # Ban Tổ chức reports to the Standing Committee: Ban Tổ chức signs (organization.toml, [signature]).
    assert [_text(div) for div in sign.xpath("div")] == ["TM. BAN TỔ CHỨC", "TRƯỞNG BAN", "", ""]
    assert _text(document.xpath("//div[@class='body']/p[last()]")[0]).endswith("xem xét, chỉ đạo./.")
