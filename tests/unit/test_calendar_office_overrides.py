"""The office's own calendar (holidays.toml) on top of the public holidays: days off and make-up days."""

from datetime import date

from tracker.core.calendar import WorkCalendar
from tracker.core.deadlines import effective_last_day, offset_day
from tracker.core.model import CalendarOverride, DeadlineShift, DueRule, Offset

OFFICE = WorkCalendar(
    days_off=(CalendarOverride(date(2019, 9, 13), "Nghỉ Đại hội Công đoàn tỉnh"),),
    working_days=(
        CalendarOverride(date(2019, 9, 14), "Làm bù cho ngày 13/9/2019"),
        CalendarOverride(date(2019, 9, 2), "Trực Quốc khánh"),
    ),
)


def test_an_office_day_off_is_not_a_working_day_and_has_its_name() -> None:
    assert OFFICE.is_working_day(date(2019, 9, 13)) is False
    assert OFFICE.holiday_name(date(2019, 9, 13)) == "Nghỉ Đại hội Công đoàn tỉnh"


def test_a_make_up_saturday_of_the_office_is_a_working_day() -> None:
    assert OFFICE.is_working_day(date(2019, 9, 14)) is True
    assert WorkCalendar().is_working_day(date(2019, 9, 14)) is False


def test_a_working_day_override_wins_over_a_public_holiday() -> None:
    assert OFFICE.is_working_day(date(2019, 9, 2)) is True


def test_a_deadline_on_the_make_up_saturday_stays_on_that_saturday() -> None:
    last = effective_last_day(date(2019, 9, 15), DueRule.BEFORE, DeadlineShift.NEXT_WORKING_DAY, OFFICE)

    assert last == date(2019, 9, 14)


def test_working_day_offsets_count_the_make_up_saturday_and_skip_the_office_day_off() -> None:
    # Before Monday 16/9: Saturday 14/9 (make-up) is the first working day, Friday 13/9 is off,
    # Thursday 12/9 is the second.
    assert offset_day(date(2019, 9, 16), Offset.parse("-1wd"), OFFICE) == date(2019, 9, 14)
    assert offset_day(date(2019, 9, 16), Offset.parse("-2wd"), OFFICE) == date(2019, 9, 12)
    assert offset_day(date(2019, 9, 12), Offset.parse("+1wd"), OFFICE) == date(2019, 9, 14)


def test_the_overrides_leave_the_public_calendar_alone_elsewhere() -> None:
    assert OFFICE.is_working_day(date(2019, 9, 16)) is True
    assert OFFICE.is_working_day(date(2019, 2, 5)) is False
    assert OFFICE.is_working_day(date(2019, 5, 4)) is True
