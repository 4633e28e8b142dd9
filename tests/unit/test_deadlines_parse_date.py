"""Dates are read the way Vietnamese users write them (15/9/2019) and as ISO; bad ones are refused
with a message a clerk can act on."""

from datetime import date

import pytest

from tracker.core.deadlines import parse_date


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("15/9/2019", date(2019, 9, 15)),
        ("15/09/2019", date(2019, 9, 15)),
        ("2019-09-15", date(2019, 9, 15)),
        ("1/1/2020", date(2020, 1, 1)),
        ("29/2/2020", date(2020, 2, 29)),
        (" 15 / 9 / 2019 ", date(2019, 9, 15)),
    ],
)
def test_a_date_is_read_day_first_or_as_iso(text: str, day: date) -> None:
    assert parse_date(text) == day


_OUT_OF_RANGE = "nằm ngoài khoảng 2000–2100 mà hệ thống tính được; hãy kiểm tra lại năm"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/9/2019", "'31/9/2019': tháng 9/2019 chỉ có 30 ngày"),
        ("29/2/2019", "'29/2/2019': tháng 2/2019 chỉ có 28 ngày"),
        ("2019-13-01", "'2019-13-01': tháng 13 không tồn tại (tháng từ 1 đến 12)"),
        ("15/0/2019", "'15/0/2019': tháng 0 không tồn tại (tháng từ 1 đến 12)"),
        ("15/9/0000", f"'15/9/0000': năm 0 {_OUT_OF_RANGE}"),
        ("1/1/1900", f"'1/1/1900': năm 1900 {_OUT_OF_RANGE}"),
        ("abc", "'abc' không phải ngày hợp lệ; hãy viết dạng 15/9/2019 hoặc 2019-09-15"),
        ("", "'' không phải ngày hợp lệ; hãy viết dạng 15/9/2019 hoặc 2019-09-15"),
        ("9/15/19", "'9/15/19' không phải ngày hợp lệ; hãy viết dạng 15/9/2019 hoặc 2019-09-15"),
        ("15.9.2019", "'15.9.2019' không phải ngày hợp lệ; hãy viết dạng 15/9/2019 hoặc 2019-09-15"),
    ],
)
def test_an_impossible_or_malformed_date_is_refused_in_vietnamese(text: str, message: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_date(text)

    assert str(refused.value) == message
