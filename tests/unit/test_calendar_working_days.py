"""Working days: weekends and Vietnam's public holidays (lunar ones included) are off; the government's
make-up Saturdays are on."""

from datetime import date

import pytest

from tracker.core.calendar import WorkCalendar

CALENDAR = WorkCalendar()


@pytest.mark.parametrize(
    ("day", "working", "why"),
    [
        (date(2019, 1, 1), False, "New Year's Day, a Tuesday"),
        (date(2019, 1, 5), True, "make-up Saturday for 31/12/2018"),
        (date(2019, 2, 1), True, "the Friday before Tết"),
        (date(2019, 2, 4), False, "Tết 2019: New Year's Eve"),
        (date(2019, 2, 5), False, "Tết 2019: the first day, a Tuesday"),
        (date(2019, 2, 8), False, "Tết 2019: the fourth day"),
        (date(2019, 2, 11), True, "the Monday after Tết 2019"),
        (date(2019, 4, 14), False, "Giỗ Tổ 2019, a Sunday"),
        (date(2019, 4, 15), False, "Giỗ Tổ 2019 observed on Monday"),
        (date(2019, 4, 16), True, "the Tuesday after Giỗ Tổ"),
        (date(2019, 4, 29), False, "swapped for the make-up Saturday 4/5/2019"),
        (date(2019, 4, 30), False, "Reunification Day"),
        (date(2019, 5, 1), False, "Labour Day"),
        (date(2019, 5, 2), True, "an ordinary Thursday"),
        (date(2019, 5, 4), True, "the government's make-up Saturday"),
        (date(2019, 5, 5), False, "a Sunday"),
        (date(2019, 8, 31), False, "a Saturday"),
        (date(2019, 9, 2), False, "National Day 2019, a Monday"),
        (date(2019, 9, 3), True, "the Tuesday after National Day 2019"),
        (date(2019, 9, 13), True, "a Friday"),
        (date(2019, 9, 14), False, "a Saturday"),
        (date(2019, 9, 15), False, "a Sunday"),
        (date(2019, 9, 16), True, "a Monday"),
        (date(2019, 10, 31), True, "a Thursday"),
        (date(2024, 2, 8), False, "Tết 2024: 29 Tết"),
        (date(2024, 2, 10), False, "Tết 2024: the first day, a Saturday"),
        (date(2024, 2, 14), False, "Tết 2024: the fifth day, a Wednesday"),
        (date(2024, 2, 15), True, "the Thursday after Tết 2024"),
        (date(2024, 4, 18), False, "Giỗ Tổ 2024, a Thursday"),
        (date(2024, 9, 3), False, "National Day 2024, second day"),
        (date(2026, 2, 16), False, "Tết 2026: New Year's Eve"),
        (date(2026, 2, 17), False, "Tết 2026: the first day, a Tuesday"),
        (date(2026, 2, 20), False, "Tết 2026: the fourth day"),
        (date(2026, 2, 23), True, "the Monday after Tết 2026"),
    ],
)
def test_a_day_is_a_working_day_unless_it_is_a_weekend_or_a_public_holiday(
    day: date, working: bool, why: str
) -> None:
    assert CALENDAR.is_working_day(day) is working, why


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2019, 2, 5), "Tết Nguyên Đán"),
        (date(2024, 2, 10), "Tết Nguyên Đán"),
        (date(2026, 2, 17), "Tết Nguyên Đán"),
        (date(2019, 4, 14), "Ngày Giỗ Tổ Hùng Vương"),
        (date(2019, 9, 2), "Quốc khánh"),
        (date(2019, 9, 16), None),
        (date(2019, 9, 15), None),  # a plain Sunday is no holiday
    ],
)
def test_a_public_holiday_has_its_vietnamese_name(day: date, name: str | None) -> None:
    assert CALENDAR.holiday_name(day) == name


@pytest.mark.parametrize(
    ("day", "include", "expected"),
    [
        (date(2019, 9, 16), True, date(2019, 9, 16)),
        (date(2019, 9, 16), False, date(2019, 9, 17)),
        (date(2019, 9, 14), True, date(2019, 9, 16)),
        (date(2019, 8, 31), True, date(2019, 9, 3)),  # weekend, then National Day
        (date(2019, 2, 2), True, date(2019, 2, 11)),  # across Tết 2019
        (date(2019, 5, 3), False, date(2019, 5, 4)),  # the make-up Saturday
    ],
)
def test_the_next_working_day_skips_weekends_and_holidays(day: date, include: bool, expected: date) -> None:
    assert CALENDAR.next_working_day(day, include=include) == expected


def test_the_working_days_of_the_week_of_national_day_2019() -> None:
    days = list(CALENDAR.working_days_between(date(2019, 8, 31), date(2019, 9, 8)))

    assert days == [date(2019, 9, 3), date(2019, 9, 4), date(2019, 9, 5), date(2019, 9, 6)]
