"""The Word version of the printable report, written to a file and opened with python-docx."""

from dataclasses import replace
from pathlib import Path

import docx
from docx.shared import Mm

from tests.digest_campaign import ORGANIZATION, campaign_digest
from tracker.core.model import Signature
from tracker.digest.word import render_docx


def _document(tmp_path: Path):
    path = tmp_path / "bao-cao-tien-do.docx"
    path.write_bytes(render_docx(campaign_digest(), ORGANIZATION))
    return docx.Document(str(path))


def _cell_lines(cell):
    return [p.text for p in cell.paragraphs]


def test_the_page_is_a4_with_the_decree_margins_in_times_new_roman(tmp_path):
    document = _document(tmp_path)
    section = document.sections[0]
    # Word stores twentieths of a point: compare whole millimetres.
    sizes = (section.page_width, section.page_height)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(length.mm) for length in sizes] == [210, 297]
    assert [round(length.mm) for length in margins] == [20, 20, 30, 15]
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size.pt == 14


def test_the_header_blocks_follow_the_document_format(tmp_path):
    left, right = _document(tmp_path).tables[0].rows[0].cells
    assert _cell_lines(left) == [
        "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM",
        "LIÊN ĐOÀN LAO ĐỘNG\nTỈNH QUẢNG TRỊ",  # balanced over two lines, as in the printable
        "",
        "Số:        /BC-LĐLĐ",
    ]
    assert _cell_lines(right) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Quảng Trị, ngày 23 tháng 9 năm 2019",
    ]
    assert right.paragraphs[1].runs[0].bold and right.paragraphs[1].runs[0].underline
    assert right.paragraphs[2].runs[0].italic


def test_the_paragraphs_carry_the_title_recipient_body_and_proposals(tmp_path):
    texts = [p.text for p in _document(tmp_path).paragraphs if p.text]
    assert texts[:3] == [
        "BÁO CÁO",
        "Tiến độ thực hiện Kế hoạch sơ kết 3 năm thực hiện Đề án phát triển tổ chức đảng, đảng viên và các "
        "tổ chức chính trị - xã hội trong doanh nghiệp ngoài nhà nước trên địa bàn tỉnh Quảng Trị",
        "Kính gửi: Thường trực LĐLĐ tỉnh.",
    ]
    assert "I. TÌNH HÌNH GỬI BÁO CÁO" in texts
    assert "1. Công đoàn cấp trên trực tiếp cơ sở gửi báo cáo sơ kết" in texts
    assert "II. CÔNG TÁC NHẮC NHỞ, ĐÔN ĐỐC" in texts
    assert any(t.startswith("Đề xuất: Đề nghị Thường trực LĐLĐ tỉnh chỉ đạo 3 đơn vị quá hạn") for t in texts)
    assert texts[-1].endswith("xem xét, chỉ đạo./.")


def test_the_tables_list_outstanding_units_arrivals_gaps_and_figures(tmp_path):
    tables = _document(tmp_path).tables
    _header, outstanding, arrivals, gaps, figures, _closing = tables
    assert [c.text for c in outstanding.rows[0].cells] == ["STT", "Đơn vị", "Tình trạng", "Thư nhắc gần nhất"]
    assert [c.text for c in outstanding.rows[3].cells] == [
        "3",
        "LĐLĐ huyện Đakrông",
        "Quá hạn 7 ngày",
        "Thông báo quá hạn, 07:31 ngày 17/09/2019; thư không đến được người nhận "
        "(lienhe@dakrong.example.org)",
    ]
    assert [c.text for c in arrivals.rows[2].cells] == [
        "2",
        "LĐLĐ huyện Hải Lăng",
        "20/09/2019",
        "22/BC-LĐLĐ",
        "Nộp muộn (4 ngày)",
    ]
    assert len(gaps.rows) == 4  # a unit × section matrix, the section titles once in a legend
    assert [c.text for c in gaps.rows[0].cells] == [
        "STT",
        "Đơn vị",
        *(f"ND{n}" for n in range(1, 8)),
        "Số liệu có",
    ]
    assert [c.text for c in gaps.rows[3].cells] == ["3", "LĐLĐ huyện Triệu Phong", *"✓✓✓✗✗✗✗", "5/5"]
    assert [c.text for c in figures.rows[1].cells] == [
        "1",
        "Số doanh nghiệp ngoài nhà nước trên địa bàn",
        "338",
        "doanh nghiệp",
        "9/9",
    ]
    header_row = outstanding.rows[0]._tr
    assert (
        header_row.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader")
        is not None
    )


def test_the_chart_is_an_inline_picture(tmp_path):
    document = _document(tmp_path)
    assert len(document.inline_shapes) == 1
    assert document.inline_shapes[0].width == Mm(160)


def test_the_closing_blocks_name_the_recipients_and_the_configured_signer(tmp_path):
    to, sign = _document(tmp_path).tables[-1].rows[0].cells
    assert _cell_lines(to) == ["Nơi nhận:", "- Như trên;", "- Lưu: VT, ToC."]
    assert _cell_lines(sign) == ["TM. BAN TỔ CHỨC", "TRƯỞNG BAN", "", "", "", ""]  # the sender signs


def test_a_signer_named_in_the_config_is_printed_and_without_one_the_owner_signs(tmp_path):
    named = replace(ORGANIZATION, signature=Signature(("TM. BAN TỔ CHỨC", "TRƯỞNG BAN"), "Nguyễn Văn A"))
    unsigned = replace(ORGANIZATION, signature=None)
    for organization, lines in (
        (named, ["TM. BAN TỔ CHỨC", "TRƯỞNG BAN", "", "", "", "", "Nguyễn Văn A"]),
        (unsigned, ["TM. BAN TỔ CHỨC", "", "", "", ""]),
    ):
        path = tmp_path / "bao-cao.docx"
        path.write_bytes(render_docx(campaign_digest(), organization))
        assert _cell_lines(docx.Document(str(path)).tables[-1].rows[0].cells[1]) == lines


def test_the_parts_are_word_headings_so_the_navigation_pane_lists_them(tmp_path):
    document = _document(tmp_path)
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        ("Heading 1", "I. TÌNH HÌNH GỬI BÁO CÁO"),
        ("Heading 2", "1. Công đoàn cấp trên trực tiếp cơ sở gửi báo cáo sơ kết"),
        ("Heading 2", "2. LĐLĐ tỉnh báo cáo tổng hợp kết quả sơ kết"),
        ("Heading 1", "II. CÔNG TÁC NHẮC NHỞ, ĐÔN ĐỐC"),
    ]
    style = document.styles["Heading 1"]
    assert (style.font.name, style.font.size.pt, style.font.bold) == ("Times New Roman", 14, True)
    assert style.font.color.rgb is None  # black, as the text: not the template's blue


def test_pages_are_numbered_at_the_top_from_the_second_on(tmp_path):
    section = _document(tmp_path).sections[0]
    assert section.different_first_page_header_footer
    assert 'w:instr="PAGE"' in section.header.paragraphs[0]._p.xml
    assert section.first_page_header.paragraphs[0].text == ""


def test_rows_may_split_across_pages_and_the_header_row_repeats(tmp_path):
    for table in _document(tmp_path).tables[1:-1]:
        header, *rows = table.rows
        assert "w:tblHeader" in header._tr.xml
        assert not any("w:cantSplit" in row._tr.xml for row in rows)


def test_no_technical_daemon_line_is_printed(tmp_path):
    texts = [p.text for p in _document(tmp_path).paragraphs]
    assert not any("Lần quét gần nhất" in t or "tiến trình" in t for t in texts)
