"""Days are shown to people with their Vietnamese weekday."""

from datetime import date

import pytest

from tracker.core.calendar import weekday_date_vi, weekday_vi


@pytest.mark.parametrize(
    ("day", "shown"),
    [
        (date(2019, 9, 15), "Chủ nhật, 15/09/2019"),
        (date(2019, 9, 16), "Thứ Hai, 16/09/2019"),
        (date(2019, 9, 14), "Thứ Bảy, 14/09/2019"),
        (date(2019, 10, 31), "Thứ Năm, 31/10/2019"),
        (date(2019, 2, 5), "Thứ Ba, 05/02/2019"),
    ],
)
def test_a_day_is_shown_with_its_weekday_and_a_zero_padded_date(day: date, shown: str) -> None:
    assert weekday_date_vi(day) == shown


def test_the_week_runs_from_thu_hai_to_chu_nhat() -> None:
    week = [weekday_vi(date(2019, 9, d)) for d in range(16, 23)]

    assert week == ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
