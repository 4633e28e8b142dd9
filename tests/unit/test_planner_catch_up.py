"""After downtime, or for a plan loaded late, only the highest step now due is sent; the lower ones
are superseded, never sent late in a burst."""

from datetime import date

from tests.builders import CALENDAR, WINDOW, ZONE, at, report, seed_schedule
from tracker.core.deadlines import Deadline
from tracker.core.ladder import ladder_schedule
from tracker.core.model import Ladder, Offset, Step
from tracker.core.planner import Decision, decide

LADDER_STEPS = frozenset(
    {
        ("thong-bao", 0),
        ("nhac-lan-1", 0),
        ("nhac-lan-2", 0),
        ("qua-han", 0),
        ("don-doc", 0),
        ("bao-cao-thuong-truc", 0),
    }
)


def keys(decision: Decision) -> tuple[tuple[str, int] | None, list[tuple[str, int]]]:
    return (decision.send.key if decision.send else None, [s.key for s in decision.superseded])


def test_back_after_three_weeks_down_the_overdue_notice_goes_and_the_reminders_are_superseded() -> None:
    decision = decide(report(), seed_schedule(), frozenset({("thong-bao", 0)}), at(18, 9, hour=10))

    assert keys(decision) == (("qua-han", 0), [("nhac-lan-1", 0), ("nhac-lan-2", 0)])
    assert decision.next_at == at(19, 9)


def test_a_plan_loaded_after_its_escalation_sends_only_the_escalation() -> None:
    decision = decide(report(), seed_schedule(), frozenset(), at(30, 9, hour=8))

    assert keys(decision) == (
        ("bao-cao-thuong-truc", 0),
        [("thong-bao", 0), ("nhac-lan-1", 0), ("nhac-lan-2", 0), ("qua-han", 0), ("don-doc", 0)],
    )
    assert decision.next_at == at(2, 10)


def test_downtime_over_two_repeats_sends_the_latest_repeat_only() -> None:
    logged = LADDER_STEPS | {("bao-cao-thuong-truc", 1)}

    decision = decide(report(), seed_schedule(), logged, at(17, 10, hour=8))

    assert keys(decision) == (("bao-cao-thuong-truc", 3), [("bao-cao-thuong-truc", 2)])
    assert decision.send is not None and decision.send.day == date(2019, 10, 16)
    assert decision.next_at == at(23, 10)


def test_once_the_catch_up_is_logged_the_superseded_steps_stay_unsent() -> None:
    first = decide(report(), seed_schedule(), frozenset({("thong-bao", 0)}), at(18, 9, hour=10))
    logged = frozenset({("thong-bao", 0)}) | {s.key for s in (first.send, *first.superseded) if s}

    assert decide(report(), seed_schedule(), logged, at(18, 9, hour=10, minute=5)) == Decision(
        None, (), at(19, 9)
    )


def test_steps_due_at_the_same_opening_send_the_later_one_in_the_ladder() -> None:
    ladder = Ladder(
        "tie", (Step("truoc", Offset.parse("-1d"), "urgent"), Step("han", Offset.parse("+0d"), "urgent"))
    )
    sunday = Deadline(written=date(2019, 9, 15), effective=date(2019, 9, 15), zone=ZONE)
    schedule = ladder_schedule(ladder, sunday, CALENDAR, WINDOW, closes=None)

    assert keys(decide(report(), schedule, frozenset(), at(16, 9))) == (("han", 0), [("truoc", 0)])


def test_a_sweep_outside_the_sending_window_waits_for_its_next_opening() -> None:
    # Back on Saturday 21/9/2019 with the +3wd urging unsent: it leaves on Monday 23/9 at 07:30.
    logged = frozenset({("thong-bao", 0), ("nhac-lan-1", 0), ("nhac-lan-2", 0), ("qua-han", 0)})

    assert decide(report(), seed_schedule(), logged, at(21, 9, hour=10)) == Decision(None, (), at(23, 9))
    assert keys(decide(report(), seed_schedule(), logged, at(23, 9))) == (("don-doc", 0), [])


def test_a_sweep_after_office_hours_waits_for_the_next_morning() -> None:
    decision = decide(report(), seed_schedule(), frozenset(), at(26, 8, hour=17))

    assert decision == Decision(None, (), at(27, 8))
