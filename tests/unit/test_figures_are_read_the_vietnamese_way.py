"""Figures as a Vietnamese clerk types them: `.` groups thousands, `,` is the decimal mark. A head count
is whole and never negative; a plan may declare a figure decimal or give it another minimum."""

from __future__ import annotations

import pytest

from tracker.core.model import Figure, FigureKind
from tracker.core.receipts import read_figure

MEMBERS = Figure("doan_vien_moi", "Số đoàn viên kết nạp mới", "người")
SHARE = Figure("ty_le", "Tỷ lệ CĐCS đạt chuẩn", "%", FigureKind.DECIMAL)
CHANGE = Figure("chenh_lech", "Chênh lệch số đoàn viên", "người", minimum=-1000)


@pytest.mark.parametrize(
    ("typed", "figure", "value"),
    [
        ("120", MEMBERS, 120),
        (" 120 ", MEMBERS, 120),
        ("0", MEMBERS, 0),
        ("1234", MEMBERS, 1234),
        ("1.234", MEMBERS, 1234),  # one thousand two hundred and thirty-four, not one point two
        ("12.500.000", MEMBERS, 12_500_000),
        ("1,0", MEMBERS, 1),  # a zero fraction is still whole
        ("+7", MEMBERS, 7),
        ("1,5", SHARE, 1.5),
        ("1.234,75", SHARE, 1234.75),
        ("85", SHARE, 85),
        ("-5", CHANGE, -5),
        ("-1.000", CHANGE, -1000),
    ],
)
def test_a_number_written_the_vietnamese_way_is_read_as_meant(
    typed: str, figure: Figure, value: float
) -> None:
    read = read_figure(typed, figure)

    assert read == value
    assert type(read) is type(value)  # whole values stay int: 120, never 120.0


@pytest.mark.parametrize(
    ("typed", "figure", "message"),
    [
        (
            "1,5",
            MEMBERS,
            "Số liệu doan_vien_moi: '1,5' có phần thập phân. Số đoàn viên kết nạp mới phải là số nguyên.",
        ),
        (
            "-5",
            MEMBERS,
            "Số liệu doan_vien_moi: '-5' nhỏ hơn 0. Số đoàn viên kết nạp mới không được là số âm.",
        ),
        (
            "-1.001",
            CHANGE,
            "Số liệu chenh_lech: '-1.001' nhỏ hơn -1.000. Chênh lệch số đoàn viên phải từ -1.000 trở lên.",
        ),
        ("1.2.3", MEMBERS, "Số liệu doan_vien_moi: '1.2.3' không phải là số. Số đoàn viên kết nạp mới: ghi"),
        ("85.0", MEMBERS, "'85.0' không phải là số."),  # a dot never starts a fraction
        ("1.5", SHARE, "Số liệu ty_le: '1.5' không phải là số. Tỷ lệ CĐCS đạt chuẩn: ghi bằng chữ số"),
        ("12.50.000", MEMBERS, "không phải là số"),
        ("1 234", MEMBERS, "không phải là số"),
        ("nhiều", MEMBERS, "Số liệu doan_vien_moi: 'nhiều' không phải là số."),
        ("inf", MEMBERS, "'inf' không phải là số."),
        ("nan", MEMBERS, "'nan' không phải là số."),
        ("1e3", MEMBERS, "'1e3' không phải là số."),
        ("", MEMBERS, "'' không phải là số."),
    ],
)
def test_a_figure_that_cannot_be_meant_is_refused_naming_its_label(
    typed: str, figure: Figure, message: str
) -> None:
    with pytest.raises(ValueError) as refused:
        read_figure(typed, figure)

    assert message in str(refused.value)


def test_the_way_to_write_a_number_is_in_the_refusal() -> None:
    with pytest.raises(ValueError) as refused:
        read_figure("1.2.3", MEMBERS)

    assert "dấu chấm tách hàng nghìn (1.234; 12.500.000), dấu phẩy trước phần thập phân (1,5)" in str(
        refused.value
    )
