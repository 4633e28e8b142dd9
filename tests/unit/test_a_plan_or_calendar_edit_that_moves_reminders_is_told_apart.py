"""Which edits of a loaded plan or office calendar may move reminders, so that `load` has their reports
looked at again (issue 13, item 2), and which only reword them."""

from dataclasses import replace
from datetime import date, time

from tests.builders import ORGANIZATION, SEED_PLAN, STANDARD_LADDER
from tracker.core.ladder import calendar_reschedules, plan_reschedules
from tracker.core.model import CalendarOverride, DeadlineShift, Offset, SendingHours

TET = (CalendarOverride(date(2020, 1, 20), "Nghỉ Tết"),)


def test_another_ladder_or_closing_day_moves_a_plans_reminders() -> None:
    for edited in (
        replace(SEED_PLAN, ladder=replace(STANDARD_LADDER, repeat_every=None)),
        replace(SEED_PLAN, ladder=replace(STANDARD_LADDER, repeat_every=Offset.parse("14d"))),
        replace(SEED_PLAN, closes=date(2020, 3, 31)),
    ):
        assert plan_reschedules(SEED_PLAN, edited)


def test_a_new_title_reference_or_deadline_shift_does_not() -> None:
    # A shift that moves a milestone's last day makes a new deadline version, looked at by itself.
    for edited in (
        replace(SEED_PLAN, title="Sơ kết", reference="Số 1/KH"),
        replace(SEED_PLAN, deadline_shift=DeadlineShift.NONE),
    ):
        assert not plan_reschedules(SEED_PLAN, edited)


def test_other_sending_hours_or_days_off_move_every_reminder_a_new_name_does_not() -> None:
    office = (ORGANIZATION, TET, ())
    hours = replace(ORGANIZATION, sending_hours=SendingHours(time(8, 0), time(16, 0)))

    assert calendar_reschedules(office, (hours, TET, ()))
    assert calendar_reschedules(office, (ORGANIZATION, (), ()))
    assert calendar_reschedules(office, (ORGANIZATION, TET, TET))
    assert not calendar_reschedules(office, (replace(ORGANIZATION, name="LĐLĐ tỉnh"), TET, ()))
    assert not calendar_reschedules(office, (ORGANIZATION, (CalendarOverride(TET[0].day, "Tết"),), ()))
