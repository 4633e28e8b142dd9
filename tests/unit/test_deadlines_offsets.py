"""Ladder offsets from the effective last day: calendar days, or working days that skip holidays."""

from datetime import date

import pytest

from tracker.core.calendar import WorkCalendar
from tracker.core.deadlines import offset_day
from tracker.core.model import Offset, OffsetUnit

CALENDAR = WorkCalendar()
MONDAY_16_SEPTEMBER_2019 = date(2019, 9, 16)


@pytest.mark.parametrize(
    ("offset", "day"),
    [
        ("-21d", date(2019, 8, 26)),  # Monday
        ("-7d", date(2019, 9, 9)),  # Monday
        ("-2wd", date(2019, 9, 12)),  # Thursday: Friday 13/9 is -1wd
        ("-1wd", date(2019, 9, 13)),
        ("+0wd", date(2019, 9, 16)),
        ("+0d", date(2019, 9, 16)),
        ("+1wd", date(2019, 9, 17)),  # Tuesday
        ("+3wd", date(2019, 9, 19)),  # Thursday
        ("+7wd", date(2019, 9, 25)),  # Wednesday: past the weekend of 21–22/9
        ("-10wd", date(2019, 8, 30)),  # Friday: counting back skips National Day, Monday 2/9
        ("-14d", date(2019, 9, 2)),  # calendar days land on the holiday itself
    ],
)
def test_an_offset_from_monday_16_september_2019_lands_on_the_day_a_calendar_shows(
    offset: str, day: date
) -> None:
    assert offset_day(MONDAY_16_SEPTEMBER_2019, Offset.parse(offset), CALENDAR) == day


@pytest.mark.parametrize(
    ("start", "offset", "day"),
    [
        (date(2019, 8, 30), "+1wd", date(2019, 9, 3)),  # Friday → Tuesday, over National Day
        (date(2019, 9, 3), "-1wd", date(2019, 8, 30)),
        (date(2019, 9, 6), "-5wd", date(2019, 8, 29)),
        (date(2019, 9, 14), "+1wd", date(2019, 9, 16)),  # from a Saturday
        (date(2019, 9, 15), "-1wd", date(2019, 9, 13)),  # from a Sunday
        (date(2019, 5, 6), "-1wd", date(2019, 5, 4)),  # the make-up Saturday counts
        (date(2019, 5, 6), "-2wd", date(2019, 5, 3)),
        (date(2019, 5, 6), "-4wd", date(2019, 4, 26)),  # over 29/4–1/5 and a weekend
        (date(2019, 2, 1), "+1wd", date(2019, 2, 11)),  # over Tết 2019
    ],
)
def test_working_day_offsets_skip_weekends_and_holidays_and_count_make_up_days(
    start: date, offset: str, day: date
) -> None:
    assert offset_day(start, Offset.parse(offset), CALENDAR) == day


@pytest.mark.parametrize(
    ("text", "amount", "unit", "shown"),
    [
        ("-21d", -21, OffsetUnit.DAYS, "-21d"),
        ("-2wd", -2, OffsetUnit.WORKING_DAYS, "-2wd"),
        ("+1wd", 1, OffsetUnit.WORKING_DAYS, "+1wd"),
        ("7d", 7, OffsetUnit.DAYS, "+7d"),
        (" + 3 wd ", 3, OffsetUnit.WORKING_DAYS, "+3wd"),
    ],
)
def test_an_offset_is_read_from_its_written_form(
    text: str, amount: int, unit: OffsetUnit, shown: str
) -> None:
    offset = Offset.parse(text)

    assert (offset.amount, offset.unit, str(offset)) == (amount, unit, shown)


@pytest.mark.parametrize("text", ["", "7", "-2w", "2 days", "--1d", "+1.5d"])
def test_a_malformed_offset_is_refused_with_the_expected_form(text: str) -> None:
    with pytest.raises(ValueError, match="-21d, -2wd or \\+1wd"):
        Offset.parse(text)
