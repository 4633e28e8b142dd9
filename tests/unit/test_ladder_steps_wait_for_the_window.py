"""A step whose day has no sending window goes out at the next opening; ties keep the ladder's order."""

from datetime import date

import pytest

from tests.builders import CALENDAR, SEED_DEADLINE, WINDOW, ZONE, at
from tracker.core.deadlines import Deadline
from tracker.core.ladder import ladder_schedule
from tracker.core.model import Ladder, Offset, Step

# "trước 15/9/2019" read as written (deadline_shift = "none"): the last day is Saturday 14/9/2019.
UNSHIFTED = Deadline(written=date(2019, 9, 14), effective=date(2019, 9, 14), zone=ZONE)


def only_step(offset: str, deadline: Deadline) -> tuple[date, str]:
    ladder = Ladder("one", (Step("buoc", Offset.parse(offset), "reminder"),))
    [scheduled] = ladder_schedule(ladder, deadline, CALENDAR, WINDOW, closes=None).after(None)
    return scheduled.day, scheduled.at.isoformat()


@pytest.mark.parametrize(
    ("offset", "deadline", "day", "sent_at"),
    [
        # From Saturday 14/9: -21d is Saturday 24/8, sent Monday 26/8.
        ("-21d", UNSHIFTED, date(2019, 8, 24), "2019-08-26T07:30:00+07:00"),
        # -7d is Saturday 7/9, sent Monday 9/9.
        ("-7d", UNSHIFTED, date(2019, 9, 7), "2019-09-09T07:30:00+07:00"),
        # Working-day offsets always land on a working day: -2wd is Thursday 12/9.
        ("-2wd", UNSHIFTED, date(2019, 9, 12), "2019-09-12T07:30:00+07:00"),
        ("+1wd", UNSHIFTED, date(2019, 9, 16), "2019-09-16T07:30:00+07:00"),
        # The deadline day itself, a Saturday: sent Monday.
        ("+0d", UNSHIFTED, date(2019, 9, 14), "2019-09-16T07:30:00+07:00"),
        # From Monday 16/9: -14d is Monday 2/9, National Day, sent Tuesday 3/9.
        ("-14d", SEED_DEADLINE, date(2019, 9, 2), "2019-09-03T07:30:00+07:00"),
        # -22d is Sunday 25/8, sent Monday 26/8.
        ("-22d", SEED_DEADLINE, date(2019, 8, 25), "2019-08-26T07:30:00+07:00"),
    ],
)
def test_a_step_goes_out_when_the_window_next_opens_from_its_day(
    offset: str, deadline: Deadline, day: date, sent_at: str
) -> None:
    assert only_step(offset, deadline) == (day, sent_at)


def test_a_step_falling_into_tet_waits_for_the_first_working_day_after_it() -> None:
    # Due "đến ngày 25/2/2019"; -20d is Tuesday 5/2/2019, the first day of Tết (4/2–8/2 off).
    deadline = Deadline(written=date(2019, 2, 25), effective=date(2019, 2, 25), zone=ZONE)

    assert only_step("-20d", deadline) == (date(2019, 2, 5), "2019-02-11T07:30:00+07:00")


def test_steps_sent_at_the_same_opening_keep_the_order_of_the_ladder() -> None:
    # Both fall on the weekend before Monday 16/9/2019 and go out at its opening.
    ladder = Ladder(
        "tie", (Step("truoc", Offset.parse("-1d"), "urgent"), Step("han", Offset.parse("+0d"), "urgent"))
    )
    sunday = Deadline(written=date(2019, 9, 15), effective=date(2019, 9, 15), zone=ZONE)

    steps = ladder_schedule(ladder, sunday, CALENDAR, WINDOW, closes=None).steps_through(at(16, 9))

    assert [(s.step.key, s.day, s.at) for s in steps] == [
        ("truoc", date(2019, 9, 14), at(16, 9)),
        ("han", date(2019, 9, 15), at(16, 9)),
    ]


def test_steps_listed_out_of_order_are_scheduled_by_when_they_go_out() -> None:
    ladder = Ladder(
        "unordered",
        (Step("sau", Offset.parse("+1wd"), "overdue"), Step("truoc", Offset.parse("-7d"), "reminder")),
    )

    steps = ladder_schedule(ladder, SEED_DEADLINE, CALENDAR, WINDOW, closes=None).after(None)

    assert [(s.step.key, s.at) for s in steps] == [("truoc", at(9, 9)), ("sau", at(17, 9))]
