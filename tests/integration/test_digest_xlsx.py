"""The Excel workbook, written to a file and opened with openpyxl."""

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import openpyxl

from tests.digest_campaign import PLAN, campaign_digest
from tracker.digest.excel import SUMMARY_SHEET, render_xlsx, sheet_names

UNITS_SHEET = "1. Công đoàn cấp trên trực…"


def _workbook(tmp_path: Path, digest=None):
    path = tmp_path / "tien-do.xlsx"
    path.write_bytes(render_xlsx(digest or campaign_digest()))
    return openpyxl.load_workbook(path)


def test_there_is_a_summary_sheet_then_one_sheet_per_milestone(tmp_path):
    assert _workbook(tmp_path).sheetnames == [SUMMARY_SHEET, UNITS_SHEET, "2. LĐLĐ tỉnh báo cáo tổng hợp…"]


def test_the_summary_has_one_row_per_milestone_with_real_dates_and_numbers(tmp_path):
    sheet = _workbook(tmp_path)[SUMMARY_SHEET]
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["Kế hoạch", "Văn bản", "Mốc", "Hạn theo văn bản", "Hạn cuối", "Phải nộp"]
    row = {title: cell for title, cell in zip(header, sheet[2], strict=True)}
    assert row["Hạn cuối"].value == datetime(2019, 9, 16)
    assert row["Hạn cuối"].number_format == "dd/mm/yyyy"
    assert [
        row[t].value
        for t in ("Phải nộp", "Đã nhận", "Đúng hạn", "Nộp muộn", "Miễn nộp", "Chưa nộp", "Quá hạn")
    ] == [
        13,
        9,
        7,
        2,
        1,
        3,
        3,
    ]
    assert round(row["Tỷ lệ đã nhận"].value, 4) == 0.6923
    assert row["Trang chi tiết"].value == UNITS_SHEET
    assert sheet.freeze_panes == "A2"


def test_a_milestone_sheet_has_one_row_per_expected_unit(tmp_path):
    sheet = _workbook(tmp_path)[UNITS_SHEET]
    header = [c.value for c in sheet[1]]
    assert header[:11] == [
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
    ]
    assert header[13] == "Số đoàn viên kết nạp mới (người)"
    rows = {r[1]: r for r in sheet.iter_rows(min_row=2, max_row=14, values_only=True)}
    assert len(rows) == 13
    assert rows["trieu-phong"][:9] == (
        6,
        "trieu-phong",
        "LĐLĐ huyện Triệu Phong",
        "Nộp muộn",
        datetime(2019, 9, 17),
        "25/BC-LĐLĐ",
        1,
        "Nhắc lần 2",
        datetime(2019, 9, 12, 7, 30),
    )
    assert rows["dakrong"][3:11] == (
        "Quá hạn",
        None,
        None,
        7,
        "Thông báo quá hạn",
        datetime(2019, 9, 17, 7, 31),
        "lienhe@dakrong.example.org",
        None,
    )
    assert rows["huong-hoa"][3] == "Miễn nộp"
    assert rows["quang-tri"][10:] == ("Số đoàn viên kết nạp mới", 35, 2, None, 4, 1)
    assert sheet["E2"].number_format == "dd/mm/yyyy"
    assert sheet.freeze_panes == "A2"


def test_a_total_row_sums_each_figure_below_the_units(tmp_path):
    sheet = _workbook(tmp_path)[UNITS_SHEET]
    total = [c.value for c in sheet[16]]
    assert total[2] == "Tổng cộng (9 báo cáo đã nhận)"
    assert total[11:] == [338, 16, 609, 36, 5]


def test_columns_are_wide_enough_for_their_values_but_not_wider_than_fifty(tmp_path):
    sheet = _workbook(tmp_path)[UNITS_SHEET]
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDK"}
    assert widths["C"] == len("Công đoàn ngành Công Thương") + 2
    assert widths["D"] == len("Đã nộp đúng hạn") + 2
    assert 8 <= widths["A"] <= 10
    assert widths["K"] == 50


def _with_milestone_title(digest, plan_code, title):
    """The digest with one more plan whose only milestone has the given title."""
    milestone = replace(PLAN.milestones[0], title=title)
    plan = replace(PLAN, code=plan_code, milestones=(milestone,))
    shown = replace(digest.plans[0].milestones[0], milestone=milestone)
    return replace(digest, plans=(*digest.plans, replace(digest.plans[0], plan=plan, milestones=(shown,))))


def test_sheet_names_say_the_milestones_in_words_and_are_valid_for_excel():
    long_title = "Báo cáo sơ kết của các công đoàn cấp trên: [2019]?"
    digest = _with_milestone_title(campaign_digest(), "ke-hoach-khac", long_title)
    digest = _with_milestone_title(digest, "ke-hoach-thu-ba", "Quý 3/2019")
    names = list(sheet_names(digest).values())
    assert names == [
        UNITS_SHEET,
        "2. LĐLĐ tỉnh báo cáo tổng hợp…",
        "3. Báo cáo sơ kết của các công…",
        "4. Quý 3-2019",
    ]
    assert all(len(n) <= 31 and not set(n) & set("\\/?*[]:") for n in names)


def test_whole_figures_show_no_decimal_mark_and_the_sheets_print_landscape_one_page_wide(tmp_path):
    book = _workbook(tmp_path)
    sheet = book[UNITS_SHEET]
    head = [c.value for c in sheet[1]]
    figure = sheet.cell(row=2, column=head.index("Số đoàn viên kết nạp mới (người)") + 1)
    assert figure.number_format == "#,##0"  # 338, never "338."
    for each in book.worksheets:
        assert each.page_setup.orientation == "landscape"
        assert (each.page_setup.fitToWidth, each.page_setup.fitToHeight) == (1, 0)
        assert each.sheet_properties.pageSetUpPr.fitToPage
        assert each.print_title_rows == "$1:$1"  # the header row on every printed page
