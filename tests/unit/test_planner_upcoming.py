"""`tracker schedule`: the reminders still to come after T for an outstanding report, with a bounded
number of weekly repeats."""

from datetime import date

from tests.builders import at, report, seed_schedule
from tracker.core.planner import upcoming

NOTICE_AND_REMINDER = frozenset({("thong-bao", 0), ("nhac-lan-1", 0)})


def test_after_the_first_reminder_the_rest_of_the_ladder_and_two_repeats_are_to_come() -> None:
    coming = upcoming(report(), seed_schedule(), NOTICE_AND_REMINDER, at(10, 9, hour=8))

    assert [(s.key, s.at) for s in coming] == [
        (("nhac-lan-2", 0), at(12, 9)),
        (("qua-han", 0), at(17, 9)),
        (("don-doc", 0), at(19, 9)),
        (("bao-cao-thuong-truc", 0), at(25, 9)),
        (("bao-cao-thuong-truc", 1), at(2, 10)),
        (("bao-cao-thuong-truc", 2), at(9, 10)),
    ]


def test_the_number_of_repeats_shown_is_the_callers_choice() -> None:
    without = upcoming(report(), seed_schedule(), NOTICE_AND_REMINDER, at(10, 9), limit_repeats=0)
    three = upcoming(report(), seed_schedule(), NOTICE_AND_REMINDER, at(10, 9), limit_repeats=3)

    assert without[-1].key == ("bao-cao-thuong-truc", 0)
    assert [s.key for s in three[-3:]] == [("bao-cao-thuong-truc", n) for n in (1, 2, 3)]


def test_in_the_weekly_repeats_the_next_two_after_t_are_shown() -> None:
    coming = upcoming(report(), seed_schedule(), frozenset(), at(3, 10))

    assert [(s.key, s.day) for s in coming] == [
        (("bao-cao-thuong-truc", 2), date(2019, 10, 9)),
        (("bao-cao-thuong-truc", 3), date(2019, 10, 16)),
    ]


def test_nothing_is_to_come_after_the_plan_closes() -> None:
    coming = upcoming(report(), seed_schedule(closes=date(2019, 10, 5)), NOTICE_AND_REMINDER, at(20, 9))

    assert [s.key for s in coming] == [("bao-cao-thuong-truc", 0), ("bao-cao-thuong-truc", 1)]


def test_a_received_or_exempt_report_has_nothing_to_come() -> None:
    assert (
        upcoming(report(received_on=date(2019, 9, 9)), seed_schedule(), NOTICE_AND_REMINDER, at(10, 9)) == []
    )
    assert (
        upcoming(report(exempted_at=at(9, 9, hour=9)), seed_schedule(), NOTICE_AND_REMINDER, at(10, 9)) == []
    )


def test_a_step_already_logged_ahead_of_its_time_is_not_shown_again() -> None:
    logged = NOTICE_AND_REMINDER | {("nhac-lan-2", 0)}

    coming = upcoming(report(), seed_schedule(), logged, at(10, 9), limit_repeats=0)

    assert [s.key for s in coming] == [("qua-han", 0), ("don-doc", 0), ("bao-cao-thuong-truc", 0)]
