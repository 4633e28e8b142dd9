"""After the last step, `repeat_every` repeats it, counted from the last step's day, for as long as asked."""

from dataclasses import replace
from datetime import date

import pytest

from tests.builders import CALENDAR, STANDARD_LADDER, WINDOW, ZONE, at, seed_schedule
from tracker.core.deadlines import Deadline
from tracker.core.ladder import ladder_schedule
from tracker.core.model import Ladder, Offset, Step


def repeats_of(ladder: Ladder, deadline: Deadline, count: int) -> list[tuple[int, date, str]]:
    schedule = ladder_schedule(ladder, deadline, CALENDAR, WINDOW, closes=None)
    coming = (s for s in schedule.after(None) if s.repeat)
    return [(s.repeat, s.day, s.at.isoformat()) for s, _ in zip(coming, range(count), strict=False)]


def by(day: date) -> Deadline:
    return Deadline(written=day, effective=day, zone=ZONE)


def test_the_standard_ladder_repeats_every_wednesday_after_the_escalation_of_25_september() -> None:
    assert repeats_of(STANDARD_LADDER, by(date(2019, 9, 16)), 3) == [
        (1, date(2019, 10, 2), "2019-10-02T07:30:00+07:00"),
        (2, date(2019, 10, 9), "2019-10-09T07:30:00+07:00"),
        (3, date(2019, 10, 16), "2019-10-16T07:30:00+07:00"),
    ]


def test_calendar_day_repeats_count_from_the_last_steps_day_not_from_when_it_was_sent() -> None:
    # The last step falls on Monday 26/8/2019; the first repeat's day is National Day (2/9), sent
    # on Tuesday 3/9, and the second is still Monday 9/9.
    weekly = Ladder("weekly", (Step("han", Offset.parse("+0d"), "overdue"),), Offset.parse("7d"))

    assert repeats_of(weekly, by(date(2019, 8, 26)), 2) == [
        (1, date(2019, 9, 2), "2019-09-03T07:30:00+07:00"),
        (2, date(2019, 9, 9), "2019-09-09T07:30:00+07:00"),
    ]


def test_a_last_step_on_a_saturday_repeats_from_that_saturday() -> None:
    weekly = Ladder("weekly", (Step("han", Offset.parse("+0d"), "overdue"),), Offset.parse("7d"))

    assert repeats_of(weekly, by(date(2019, 9, 14)), 2) == [
        (1, date(2019, 9, 21), "2019-09-23T07:30:00+07:00"),
        (2, date(2019, 9, 28), "2019-09-30T07:30:00+07:00"),
    ]


def test_working_day_repeats_count_working_days_and_skip_holidays() -> None:
    # From Monday 26/8/2019, 5 working days skip the weekend and National Day: Tuesday 3/9, then
    # Tuesday 10/9.
    every_week_of_work = Ladder("wd", (Step("han", Offset.parse("+0d"), "overdue"),), Offset.parse("5wd"))

    assert repeats_of(every_week_of_work, by(date(2019, 8, 26)), 2) == [
        (1, date(2019, 9, 3), "2019-09-03T07:30:00+07:00"),
        (2, date(2019, 9, 10), "2019-09-10T07:30:00+07:00"),
    ]


def test_repeats_never_end_without_a_closing_day_and_are_numbered_from_one() -> None:
    # 52 weeks after Wednesday 25/9/2019.
    far = seed_schedule().next_after(at(20, 9, year=2020))

    assert far is not None
    assert (far.key, far.day) == (("bao-cao-thuong-truc", 52), date(2020, 9, 23))
    assert far.at == at(23, 9, year=2020)


def test_a_ladder_without_repeat_every_ends_with_its_last_step() -> None:
    schedule = seed_schedule(ladder=replace(STANDARD_LADDER, repeat_every=None))

    assert len(schedule.steps_through(at(1, 1, year=2021))) == 6
    assert schedule.next_after(at(25, 9)) is None


def test_an_empty_ladder_schedules_nothing() -> None:
    schedule = seed_schedule(ladder=Ladder("empty", (), Offset.parse("7d")))

    assert schedule.steps_through(at(1, 1, year=2021)) == []
    assert schedule.next_after(None) is None


@pytest.mark.parametrize("every", ["0d", "-7d"])
def test_a_repeat_interval_that_does_not_move_forward_is_refused(every: str) -> None:
    with pytest.raises(ValueError, match="repeat_every"):
        seed_schedule(ladder=replace(STANDARD_LADDER, repeat_every=Offset.parse(every)))
