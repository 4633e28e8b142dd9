"""The digest as an Excel workbook: a summary sheet, then one sheet per milestone, one row per unit.

Dates are real Excel dates, numbers real numbers, headers Vietnamese with the first row frozen. Every
text cell is written as text: a unit named `=HYPERLINK(…)` stays a name, never a formula. Written in
openpyxl's write-only mode with named styles: rows stream out, and 10,000 units take seconds.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from tracker.core.digest import Digest, MilestoneDigest, PlanDigest, UnitReport
from tracker.core.labels import state_label, step_label
from tracker.core.model import FigureKind
from tracker.core.text import inline
from tracker.digest.wording import as_of_vi, proposals_text
from tracker.templating import cut_between_words

SUMMARY_SHEET = "Tổng hợp"
_SHEET_NAME_MAX = 31  # Excel's limit
_FORBIDDEN_IN_SHEET_NAME = re.compile(r"[\\/?*\[\]:]")
_MAX_WIDTH = 50
_MIN_WIDTH = 8

# Named styles, registered once per workbook: per-cell style objects are what makes openpyxl slow.
HEADER, TEXT, DATE, MOMENT, NUMBER, DECIMAL, PERCENT, TOTAL, DECIMAL_TOTAL, NOTE = (
    "Tiêu đề",
    "Nội dung",
    "Ngày",
    "Thời điểm",
    "Số",
    "Số thập phân",
    "Tỷ lệ",
    "Tổng",
    "Tổng thập phân",
    "Ghi chú",
)
# Whole numbers with no decimal mark after them (`#,##0.##` shows 338 as "338."); decimals with one or two.
_WHOLE_FORMAT, _DECIMAL_FORMAT = "#,##0", "#,##0.0#"
_THIN = Side(style="thin", color="A0A8B4")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CELL = Alignment(wrap_text=True, vertical="top")


def _named_styles() -> list[NamedStyle]:
    cell = {"border": _BORDER, "alignment": _CELL}
    return [
        NamedStyle(
            HEADER,
            font=Font(bold=True),
            fill=PatternFill("solid", fgColor="DDE4EE"),
            border=_BORDER,
            alignment=Alignment(wrap_text=True, vertical="center", horizontal="center"),
        ),
        NamedStyle(TEXT, **cell),
        NamedStyle(DATE, number_format="dd/mm/yyyy", **cell),
        NamedStyle(MOMENT, number_format="dd/mm/yyyy hh:mm", **cell),
        NamedStyle(NUMBER, number_format=_WHOLE_FORMAT, **cell),
        NamedStyle(DECIMAL, number_format=_DECIMAL_FORMAT, **cell),
        NamedStyle(PERCENT, number_format="0.0%", **cell),
        NamedStyle(TOTAL, font=Font(bold=True), number_format=_WHOLE_FORMAT),
        NamedStyle(DECIMAL_TOTAL, font=Font(bold=True), number_format=_DECIMAL_FORMAT),
        NamedStyle(NOTE),
    ]


Value = str | int | float | date | datetime | None


def render_xlsx(digest: Digest) -> bytes:
    """The workbook's bytes."""
    book = Workbook(write_only=True)
    for style in _named_styles():
        book.add_named_style(style)
    names = sheet_names(digest)
    _write_summary(book.create_sheet(SUMMARY_SHEET), digest, names)
    for p in digest.plans:
        for m in p.milestones:
            _write_milestone(book.create_sheet(names[(p.plan.code, m.milestone.code)]), digest, p, m)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def render_table_xlsx(
    sheet_name: str, header: Sequence[str], rows: Sequence[Sequence[Value]], styles: dict[int, str]
) -> bytes:
    """A workbook of one table in the digest's layout (the milestone page's export)."""
    book = Workbook(write_only=True)
    for style in _named_styles():
        book.add_named_style(style)
    sheet = book.create_sheet(_unique_sheet_name(sheet_name, set()))
    _write_table(sheet, header, rows, styles=styles, footer=(), footer_style=NOTE)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet_names(digest: Digest) -> dict[tuple[str, str], str]:
    """A valid, unique sheet name for each milestone, in words: its number and the start of its title
    (`1. Công đoàn cấp trên trực…`); the summary's "Trang chi tiết" column names it."""
    taken = {SUMMARY_SHEET.casefold()}
    names = {}
    milestones = [(p.plan.code, m.milestone) for p in digest.plans for m in p.milestones]
    for number, (plan_code, milestone) in enumerate(milestones, start=1):
        title = _FORBIDDEN_IN_SHEET_NAME.sub("-", inline(milestone.title))
        wanted = cut_between_words(f"{number}. {title}", _SHEET_NAME_MAX)
        names[(plan_code, milestone.code)] = _unique_sheet_name(wanted, taken)
    return names


def _unique_sheet_name(wanted: str, taken: set[str]) -> str:
    """Excel refuses `\\ / ? * [ ] :`, more than 31 characters, a leading or trailing apostrophe, and
    two names that differ only in case."""
    base = _FORBIDDEN_IN_SHEET_NAME.sub("-", inline(wanted)).strip("'") or "Sheet"
    name = base[:_SHEET_NAME_MAX]
    counter = 1
    while name.casefold() in taken:
        counter += 1
        suffix = f" ({counter})"
        name = base[: _SHEET_NAME_MAX - len(suffix)] + suffix
    taken.add(name.casefold())
    return name


def _write_summary(sheet: WriteOnlyWorksheet, digest: Digest, names: dict[tuple[str, str], str]) -> None:
    header = [
        "Kế hoạch",
        "Văn bản",
        "Mốc",
        "Hạn theo văn bản",
        "Hạn cuối",
        "Phải nộp",
        "Đã nhận",
        "Đúng hạn",
        "Nộp muộn",
        "Miễn nộp",
        "Chưa nộp",
        "Quá hạn",
        "Tỷ lệ đã nhận",
        "Trang chi tiết",
    ]
    rows: list[list[Value]] = [
        [
            p.plan.title,
            p.plan.reference,
            m.milestone.title,
            m.deadline.written,
            m.deadline.effective,
            m.expected,
            m.received,
            m.received_on_time,
            m.received_late,
            m.exempt,
            len(m.outstanding),
            m.overdue,
            m.received / m.expected if m.expected else None,
            names[(p.plan.code, m.milestone.code)],
        ]
        for p in digest.plans
        for m in p.milestones
    ]
    footer = [[f"Tính đến {as_of_vi(digest.as_of, digest.zone)}"], [f"Đề xuất: {proposals_text(digest)}"]]
    _write_table(
        sheet, header, rows, styles={4: DATE, 5: DATE, 13: PERCENT}, footer=footer, footer_style=NOTE
    )


def _write_milestone(sheet: WriteOnlyWorksheet, digest: Digest, p: PlanDigest, m: MilestoneDigest) -> None:
    figures = [f.figure for f in m.figures]
    header = [
        "STT",
        "Mã đơn vị",
        "Tên đơn vị",
        "Tình trạng",
        "Ngày nhận",
        "Số văn bản",
        "Số ngày muộn",
        "Thư nhắc gần nhất",
        "Thời điểm nhắc",
        "Địa chỉ bị từ chối",
        "Nội dung, số liệu còn thiếu",
    ] + [f"{f.label} ({f.unit})" if f.unit else f.label for f in figures]
    rows = [
        _unit_row(index, r, digest) + _figure_values(r, [f.key for f in figures])
        for index, r in enumerate(m.reports, 1)
    ]
    fixed = len(header) - len(figures)
    whole = [f.kind is FigureKind.WHOLE for f in figures]
    styles = {5: DATE, 9: MOMENT} | {fixed + i: NUMBER if w else DECIMAL for i, w in enumerate(whole, 1)}
    footer: list[list[Value]] = []
    if m.received and figures:
        footer.append([None, None, f"Tổng cộng ({m.received} báo cáo đã nhận)"] + [None] * (fixed - 3))
        footer[0] += [total.total for total in m.figures]
    _write_table(
        sheet,
        header,
        rows,
        styles=styles,
        footer=footer,
        footer_style=TOTAL,
        footer_styles={fixed + i: TOTAL if w else DECIMAL_TOTAL for i, w in enumerate(whole, 1)},
    )


def _unit_row(index: int, r: UnitReport, digest: Digest) -> list[Value]:
    step = r.last_step
    missing = [s.title for s in r.missing_sections] + [f.label for f in r.missing_figures]
    return [
        index,
        r.unit.code,
        r.unit.name,
        state_label(r.state),
        r.submission.received_on if r.submission else None,
        r.submission.doc_number if r.submission else None,
        r.days_late,
        step_label(step.key, step.template, step.repeat) if step else None,
        # Excel has no time zones: the plan's local time, as people read it.
        step.sent_at.astimezone(digest.zone).replace(tzinfo=None) if step else None,
        ", ".join(r.failed_recipients) or None,
        "; ".join(missing) or None,
    ]


def _figure_values(r: UnitReport, keys: Sequence[str]) -> list[Value]:
    given = r.submission.figures if r.submission else {}
    return [given.get(key) for key in keys]


def _write_table(
    sheet: WriteOnlyWorksheet,
    header: Sequence[str],
    rows: Sequence[Sequence[Value]],
    *,
    styles: dict[int, str],
    footer: Sequence[Sequence[Value]],
    footer_style: str,
    footer_styles: dict[int, str] | None = None,
) -> None:
    """A header row (frozen, filtered, printed on every page) over `rows`, then `footer` after a blank
    row; printed landscape on A4, as wide as one page.

    `styles` names the style of a 1-based column (default: bordered text), `footer_styles` of a footer
    column (default `footer_style`). Widths fit the values, up to a limit past which the text wraps; a
    figure's column is wide enough for its label on two lines. Write-only sheets take their layout
    before their first row.
    """
    # Headers wrap, so only their longest word must fit (a number's column: half its title, two
    # lines); the values set the width.
    numeric = (NUMBER, DECIMAL)
    widths = [
        max(len(title) // 2 if styles.get(column) in numeric else 0, *(len(word) for word in title.split()))
        for column, title in enumerate(header, start=1)
    ]
    for values in rows:
        for column, value in enumerate(values):
            widths[column] = max(widths[column], _display_width(value))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, _MIN_WIDTH), _MAX_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0  # one page wide, as long as needed
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.append([_cell(sheet, title, HEADER) for title in header])
    for values in rows:
        sheet.append(
            [_cell(sheet, value, styles.get(column, TEXT)) for column, value in enumerate(values, start=1)]
        )
    if footer:
        sheet.append([])
    chosen = footer_styles or {}
    for values in footer:
        sheet.append(
            [_cell(sheet, value, chosen.get(column, footer_style)) for column, value in enumerate(values, 1)]
        )


def _display_width(value: Value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    return len(str(value))


def _cell(sheet: WriteOnlyWorksheet, value: Value, style: str) -> WriteOnlyCell:
    """One styled value; text goes in as text on one line, whatever characters it holds."""
    cell = WriteOnlyCell(sheet, value=inline(value) if isinstance(value, str) else value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would take a leading "=" for a formula
    cell.style = style
    return cell
