"""The digest as a Word document with the structure of the printable report, for the clerk to edit.

Same blocks as `templates/digest/report.html.j2` (Decree 30/2020 layout), same sentences (from
`wording`), laid out with python-docx: A4, Times New Roman, the decree's margins, table rows that do
not split across pages and header rows that repeat.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Mm, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from tracker.core.digest import Digest, MilestoneDigest, PlanDigest
from tracker.core.labels import state_label
from tracker.core.model import Organization, Signature
from tracker.digest.chart import has_chart, progress_chart
from tracker.digest.printable import DOCUMENT_CODE, PRINT_DPI
from tracker.digest.wording import (
    LIST_LIMIT,
    activity_sentence,
    beyond,
    closing,
    deadline_sentence,
    document_date_vi,
    inline,
    intro,
    matrix_legend,
    number_vi,
    outstanding_state,
    proposals_text,
    result_sentence,
    sent_step,
    summary_line,
)

FONT = "Times New Roman"
TEXT_WIDTH = Mm(165)  # A4 less the 30 mm and 15 mm side margins
INDENT = Mm(12.7)
TABLE_TEXT = "Nội dung bảng"
HEADINGS = ("Heading 1", "Heading 2")  # the report's parts (I., II.) and each milestone
_ONE_LINE_CHARS = 28  # capitals at 12pt bold in the 82 mm left block
# The header is wider than the text, reaching into the left margin as the Decree 30 templates do, so
# that "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM" and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" keep one line each.
HEADER_WIDTHS = (Mm(82), Mm(93))
HEADER_INDENT = Mm(-10)


def render_docx(digest: Digest, organization: Organization, *, document_code: str = DOCUMENT_CODE) -> bytes:
    """The .docx bytes of the printable report; the number, the proposals and the signer are the clerk's."""
    document = Document()
    _set_up_page(document)
    _header(document, digest, organization, document_code)
    _title(document, digest, organization)
    _body(document, digest, organization)
    _closing_blocks(document, organization.signed_by)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_up_page(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    # Word picks the font per script; Vietnamese letters must not fall back to another face.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for script in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(script), FONT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.1
    # One style for every table cell, rather than the same properties repeated in each of thousands.
    cell = document.styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    cell.font.size = Pt(12)
    cell.paragraph_format.space_after = Pt(0)
    cell.paragraph_format.line_spacing = 1.0
    for name in HEADINGS:
        _document_heading_style(document, name)
    _page_numbers(section)


def _document_heading_style(document: Document, name: str) -> None:
    """Word's own heading style (so the navigation pane lists the parts), dressed as the document's
    text: Times New Roman, black, bold, indented like a paragraph."""
    style = document.styles[name]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.font.bold = True
    style.font.italic = False
    style.font.color.rgb = None
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for script in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(script), FONT)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would win over the face set above
    style.paragraph_format.first_line_indent = INDENT
    style.paragraph_format.space_before = Pt(6)
    style.paragraph_format.space_after = Pt(4)
    style.paragraph_format.keep_with_next = True


def _page_numbers(section: Any) -> None:
    """Decree 30/2020: the page number at the top centre, from the second page on."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"  # what a reader shows before it updates the field
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _paragraph(
    container: Document | _Cell,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: float | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = False,
    after: float | None = None,
) -> Paragraph:
    """One paragraph of one run: every text goes through `inline` (Word refuses control characters)."""
    paragraph = container.add_paragraph()
    if text:
        _run(paragraph, text, bold=bold, italic=italic, underline=underline, size=size)
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = INDENT
    if after is not None:
        paragraph.paragraph_format.space_after = Pt(after)
    return paragraph


def _run(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: float | None = None,
) -> None:
    run = paragraph.add_run(inline(text))
    # Only what is set: each property adds XML, and thousands of table cells set none.
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if underline:
        run.underline = True
    if size is not None:
        run.font.size = Pt(size)


def _rule(container: Document | _Cell, width: Length, available: Length) -> None:
    """A short centred horizontal line: the bottom border of an empty, indented paragraph."""
    paragraph = container.add_paragraph()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    # The border first: Word wants it before the indents and spacing that python-docx adds in order.
    paragraph._p.get_or_add_pPr().append(borders)
    side = Emu((available - width) // 2)
    paragraph.paragraph_format.left_indent = side
    paragraph.paragraph_format.right_indent = side
    paragraph.paragraph_format.space_after = Pt(4)
    _run(paragraph, "", size=2)


def _balanced(text: str) -> list[str]:
    """`text` as two lines of similar length when it is too long for one (the issuer's name)."""
    words = text.split()
    if len(text) <= _ONE_LINE_CHARS or len(words) < 2:
        return [text]
    cut = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
    return [" ".join(words[:cut]), " ".join(words[cut:])]


def _layout_table(document: Document, widths: Sequence[Length], indent: Length | None = None) -> Table:
    """A borderless table of one row, for side-by-side blocks, with no cell padding to eat their width.

    Centred, or starting `indent` from the left margin (negative: into it).
    """
    table = document.add_table(rows=1, cols=len(widths))
    table.autofit = False
    properties = table._tbl.tblPr
    if indent is None:
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
    else:
        shift = OxmlElement("w:tblInd")
        shift.set(qn("w:w"), str(round(indent.twips)))
        shift.set(qn("w:type"), "dxa")
        properties.insert_element_before(
            shift, "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"
        )
    margins = OxmlElement("w:tblCellMar")
    for side in ("w:left", "w:right"):
        margin = OxmlElement(side)
        margin.set(qn("w:w"), "0")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")
    for column, cell, width in zip(table.columns, table.rows[0].cells, widths, strict=True):
        column.width = cell.width = width  # the grid for LibreOffice, the cell for Word
        # A new cell holds one empty paragraph: use it as the first line.
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return table


def _header(document: Document, digest: Digest, organization: Organization, document_code: str) -> None:
    left, right = _layout_table(document, HEADER_WIDTHS, HEADER_INDENT).rows[0].cells
    center = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(left, organization.parent.upper(), size=12, align=center, after=0)
    issuer = _paragraph(left, align=center, after=0)
    for index, line in enumerate(_balanced(organization.name.upper())):
        if index:
            issuer.runs[-1].add_break()
        _run(issuer, line, bold=True, size=12)
    _rule(left, Mm(25), HEADER_WIDTHS[0])
    _paragraph(left, f"Số:        /{document_code}", size=13, align=center, after=0)
    _paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12, align=center, after=0)
    _paragraph(
        right, "Độc lập - Tự do - Hạnh phúc", bold=True, underline=True, size=13, align=center, after=8
    )
    _paragraph(right, document_date_vi(organization.place, digest.today), italic=True, size=14, align=center)


def _title(document: Document, digest: Digest, organization: Organization) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(document, "", after=6)
    _paragraph(document, "BÁO CÁO", bold=True, align=center, after=0)
    _paragraph(document, summary_line(digest), bold=True, align=center, after=0)
    _rule(document, Mm(45), TEXT_WIDTH)
    _paragraph(document, f"Kính gửi: {organization.standing.name}.", align=center, after=10)


def _body(document: Document, digest: Digest, organization: Organization) -> None:
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    _paragraph(document, intro(digest, organization), align=justify, indent=True)
    _heading(document, "I. TÌNH HÌNH GỬI BÁO CÁO")
    if not digest.plans:
        _paragraph(document, "Hiện không có kế hoạch nào đang theo dõi.", indent=True)
    number = 0
    charts = 0
    for p in digest.plans:
        for m in p.milestones:
            number += 1
            charts += _milestone(document, digest, p, m, number, charts + 1)
    _heading(document, "II. CÔNG TÁC NHẮC NHỞ, ĐÔN ĐỐC")
    _paragraph(document, activity_sentence(digest), align=justify, indent=True)
    proposals = _paragraph(document, "Đề xuất:", bold=True, align=justify, indent=True)
    proposals.add_run(" ")
    _run(proposals, proposals_text(digest))
    _paragraph(document, closing(organization), align=justify, indent=True)


def _heading(document: Document, text: str, level: int = 1) -> None:
    document.add_paragraph(inline(text), style=HEADINGS[level - 1])


def _caption(document: Document, text: str) -> None:
    paragraph = _paragraph(document, text, italic=True, size=13, indent=True, after=3)
    paragraph.paragraph_format.keep_with_next = True


def _milestone(
    document: Document, digest: Digest, p: PlanDigest, m: MilestoneDigest, number: int, chart_number: int
) -> int:
    """Write one milestone's part; returns how many charts it added (0 or 1)."""
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    title = m.milestone.title
    if len(digest.plans) > 1:
        title += f" ({p.plan.reference or p.plan.title})"
    _heading(document, f"{number}. {title}", level=2)
    _paragraph(document, f"- {deadline_sentence(m)}", align=justify, indent=True)
    _paragraph(document, f"- {result_sentence(m)}", align=justify, indent=True)
    if m.outstanding and m.expected > 1:
        _caption(document, "Các đơn vị chưa gửi báo cáo:")
        rows = []
        for r in m.outstanding[:LIST_LIMIT]:
            status = outstanding_state(r)
            reminded = sent_step(r.last_step, digest.zone) if r.last_step else "Chưa gửi"
            if r.delivery_failed:
                reminded += "; thư không đến được người nhận"
            if r.failed_recipients:
                reminded += f" ({', '.join(r.failed_recipients)})"
            rows.append([r.unit.name, status, reminded])
        _data_table(
            document,
            ["Đơn vị", "Tình trạng", "Thư nhắc gần nhất"],
            rows,
            (Mm(12), Mm(63), Mm(30), Mm(60)),
            more=beyond(m.outstanding),
        )
    if m.arrivals:
        _caption(document, "Báo cáo nhận trong 7 ngày qua:")
        rows = [
            [
                r.unit.name,
                r.submission.received_on.strftime("%d/%m/%Y") if r.submission else "",
                r.submission.doc_number if r.submission else "",
                state_label(r.state) + (f" ({r.days_late} ngày)" if r.days_late else ""),
            ]
            for r in m.arrivals[:LIST_LIMIT]
        ]
        _data_table(
            document,
            ["Đơn vị", "Ngày nhận", "Số văn bản", "Tình trạng"],
            rows,
            (Mm(12), Mm(60), Mm(25), Mm(32), Mm(36)),
            more=beyond(m.arrivals),
        )
    elif m.expected > 1:
        _paragraph(document, "- Trong 7 ngày qua không nhận thêm báo cáo nào.", indent=True)
    if m.incomplete:
        _caption(document, "Báo cáo còn thiếu nội dung, số liệu theo yêu cầu của kế hoạch (✓ có, ✗ thiếu):")
        sections, figures = p.plan.sections, p.plan.figures
        rows = [
            [
                r.unit.name,
                *("✗" if s in r.missing_sections else "✓" for s in sections),
                f"{len(figures) - len(r.missing_figures)}/{len(figures)}",
            ]
            for r in m.incomplete[:LIST_LIMIT]
        ]
        # A section's column narrows (a plan of many sections) before the unit's name is squeezed.
        section_width = min(Mm(10.5), (TEXT_WIDTH - Mm(10) - Mm(19) - Mm(45)) // max(len(sections), 1))
        unit_width = TEXT_WIDTH - Mm(10) - Mm(19) - section_width * len(sections)
        _data_table(
            document,
            ["Đơn vị", *(f"ND{n}" for n in range(1, len(sections) + 1)), "Số liệu có"],
            rows,
            (Mm(10), Emu(unit_width), *(Emu(section_width) for _ in sections), Mm(19)),
            more=beyond(m.incomplete),
        )
        _paragraph(document, matrix_legend(p.plan), size=11, align=justify, after=6)
    if m.figures and m.received:
        _caption(document, f"Số liệu tổng hợp bước đầu từ {m.received} báo cáo đã nhận:")
        rows = [
            [f.figure.label, number_vi(f.total), f.figure.unit, f"{f.reporters}/{m.received}"]
            for f in m.figures
        ]
        _data_table(
            document,
            ["Chỉ tiêu", "Số lượng", "Đơn vị tính", "Số đơn vị có số liệu"],
            rows,
            (Mm(12), Mm(81), Mm(22), Mm(24), Mm(26)),
        )
    if not has_chart(m):
        return 0
    picture = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    picture.paragraph_format.keep_with_next = True
    picture.add_run().add_picture(io.BytesIO(progress_chart(m, dpi=PRINT_DPI)), width=Mm(160))
    _paragraph(
        document,
        f"Biểu đồ {chart_number}. Số báo cáo đã nhận (cộng dồn) theo ngày, so với số phải nộp và hạn cuối",
        italic=True,
        size=12,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    return 1


def _data_table(
    document: Document,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[Length],
    *,
    more: str = "",
) -> None:
    """A bordered table with a numbered first column; the header row repeats on every page and is
    never split, other rows may split (a tall row must not leave half a page empty).

    `more` says what a cut list left out, under the table.
    """
    table = document.add_table(rows=1, cols=len(header) + 1)
    table.style = "Table Grid"
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # The grid's widths are copied into every added row; the first row was made before them.
    for column, cell, width in zip(table.columns, table.rows[0].cells, widths, strict=True):
        column.width = cell.width = width
    style_id = document.styles[TABLE_TEXT].style_id
    _fill_row(table.rows[0], ["STT", *header], style_id, bold=True)
    _row_properties(table.rows[0], "w:cantSplit", "w:tblHeader")  # in the schema's order
    for index, values in enumerate(rows, start=1):
        row = table.add_row()
        _fill_row(row, [str(index), *values], style_id)
    _paragraph(document, more, size=12, after=2)


def _fill_row(row: _Row, values: Sequence[str], style_id: str, *, bold: bool = False) -> None:
    # `row.cells` walks the whole table each time (quadratic on 10,000 units): take this row's own cells.
    cells = [_Cell(tc, row.table) for tc in row._tr.tc_lst]
    for column, (cell, value) in enumerate(zip(cells, values, strict=True)):
        paragraph = cell.paragraphs[0]
        paragraph._p.get_or_add_pPr().style = style_id
        if bold or column == 0:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, value, bold=bold)


def _row_properties(row: _Row, *flags: str) -> None:
    properties = row._tr.get_or_add_trPr()
    for flag in flags:
        properties.append(OxmlElement(flag))


def _closing_blocks(document: Document, signature: Signature) -> None:
    to, sign = _layout_table(document, (Mm(75), Mm(90))).rows[0].cells
    _paragraph(to, "Nơi nhận:", bold=True, italic=True, size=12, after=0)
    _paragraph(to, "- Như trên;", size=11, after=0)
    _paragraph(to, "- Lưu: VT, ToC.", size=11, after=0)
    center = WD_ALIGN_PARAGRAPH.CENTER
    for line in signature.lines:
        _paragraph(sign, line, bold=True, align=center, after=0)
    # Room for the signature and the seal; a name not configured is written in by the clerk.
    for _ in range(4):
        _paragraph(sign, "", align=center, after=0)
    if signature.name:
        _paragraph(sign, signature.name, bold=True, align=center, after=0)
