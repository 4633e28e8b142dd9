"""The sending window: working days from 07:30 (included) to 17:00 (excluded), in the plan's zone."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from tracker.core.calendar import SendingWindow, WorkCalendar
from tracker.core.model import CalendarOverride, SendingHours

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
HOURS = SendingHours(time(7, 30), time(17, 0))
WINDOW = SendingWindow(WorkCalendar(), HOURS, ZONE)


def vn(day: date, clock: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=ZONE)


@pytest.mark.parametrize(
    ("moment", "is_open"),
    [
        (vn(date(2019, 9, 16), "07:29:59"), False),
        (vn(date(2019, 9, 16), "07:30"), True),
        (vn(date(2019, 9, 16), "12:00"), True),
        (vn(date(2019, 9, 16), "16:59:59"), True),
        (vn(date(2019, 9, 16), "17:00"), False),
        (vn(date(2019, 9, 14), "09:00"), False),  # Saturday
        (vn(date(2019, 9, 2), "09:00"), False),  # National Day
        (vn(date(2019, 2, 5), "09:00"), False),  # Tết
        (vn(date(2019, 5, 4), "09:00"), True),  # the government's make-up Saturday
        (datetime(2019, 9, 16, 0, 30, tzinfo=UTC), True),  # 07:30 in Vietnam
        (datetime(2019, 9, 16, 0, 29, tzinfo=UTC), False),
    ],
)
def test_the_window_is_open_on_working_days_from_07_30_until_just_before_17_00(
    moment: datetime, is_open: bool
) -> None:
    assert WINDOW.is_open(moment) is is_open


@pytest.mark.parametrize(
    ("moment", "opening"),
    [
        (vn(date(2019, 9, 16), "06:00"), vn(date(2019, 9, 16), "07:30")),
        (vn(date(2019, 9, 16), "10:15"), vn(date(2019, 9, 16), "10:15")),  # open: that very moment
        (vn(date(2019, 9, 13), "17:00"), vn(date(2019, 9, 16), "07:30")),  # Friday evening → Monday
        (vn(date(2019, 9, 14), "10:00"), vn(date(2019, 9, 16), "07:30")),
        (vn(date(2019, 8, 30), "18:00"), vn(date(2019, 9, 3), "07:30")),  # over National Day
        (vn(date(2019, 9, 2), "09:00"), vn(date(2019, 9, 3), "07:30")),
        (vn(date(2019, 4, 26), "17:00"), vn(date(2019, 5, 2), "07:30")),  # over 29/4–1/5
        (vn(date(2019, 5, 3), "17:00"), vn(date(2019, 5, 4), "07:30")),  # to the make-up Saturday
        (vn(date(2019, 2, 1), "17:30"), vn(date(2019, 2, 11), "07:30")),  # over Tết 2019
        (datetime(2019, 9, 13, 10, 0, tzinfo=UTC), vn(date(2019, 9, 16), "07:30")),  # Fri 17:00 VN
    ],
)
def test_outside_the_window_the_next_opening_is_the_next_working_days_07_30(
    moment: datetime, opening: datetime
) -> None:
    assert WINDOW.opening_on_or_after(moment) == opening


@pytest.mark.parametrize(
    ("day", "opening"),
    [
        (date(2019, 9, 16), vn(date(2019, 9, 16), "07:30")),
        (date(2019, 9, 14), vn(date(2019, 9, 16), "07:30")),
        (date(2019, 9, 2), vn(date(2019, 9, 3), "07:30")),
        (date(2026, 2, 17), vn(date(2026, 2, 23), "07:30")),
    ],
)
def test_the_opening_of_a_day_without_a_window_is_the_next_opening(day: date, opening: datetime) -> None:
    assert WINDOW.opening_of_day(day) == opening


def test_the_window_opens_on_an_office_make_up_saturday() -> None:
    calendar = WorkCalendar(working_days=(CalendarOverride(date(2019, 9, 14), "Làm bù"),))
    window = SendingWindow(calendar, HOURS, ZONE)

    assert window.opening_on_or_after(vn(date(2019, 9, 13), "17:00")) == vn(date(2019, 9, 14), "07:30")
