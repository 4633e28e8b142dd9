"""After the escalation the last step repeats weekly until the report arrives or the plan closes."""

from datetime import date, datetime

import pytest

from tests.builders import at, report, seed_schedule
from tracker.core.planner import NOTHING, Decision, decide

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


@pytest.mark.parametrize(
    ("repeat", "as_of", "day", "next_at"),
    [
        (1, at(2, 10), date(2019, 10, 2), at(9, 10)),
        (2, at(9, 10), date(2019, 10, 9), at(16, 10)),
        (3, at(16, 10, hour=9), date(2019, 10, 16), at(23, 10)),
    ],
)
def test_the_report_to_the_standing_committee_repeats_every_wednesday_with_the_same_step_key(
    repeat: int, as_of: datetime, day: date, next_at: datetime
) -> None:
    logged = LADDER_STEPS | {("bao-cao-thuong-truc", n) for n in range(1, repeat)}

    decision = decide(report(), seed_schedule(), logged, as_of)

    assert decision.send is not None
    assert (decision.send.key, decision.send.day, decision.send.step.template) == (
        ("bao-cao-thuong-truc", repeat),
        day,
        "standing",
    )
    assert (decision.superseded, decision.next_at) == ((), next_at)


def test_the_last_repeat_before_the_plan_closes_has_no_next_look() -> None:
    decision = decide(report(), seed_schedule(closes=date(2019, 10, 2)), LADDER_STEPS, at(2, 10))

    assert decision.send is not None and decision.send.key == ("bao-cao-thuong-truc", 1)
    assert decision.next_at is None


def test_a_plan_that_closed_before_the_urging_stops_after_the_overdue_notice() -> None:
    logged = frozenset({("thong-bao", 0), ("nhac-lan-1", 0), ("nhac-lan-2", 0), ("qua-han", 0)})

    assert decide(report(), seed_schedule(closes=date(2019, 9, 18)), logged, at(18, 9)) == NOTHING


@pytest.mark.parametrize("as_of", [at(1, 10), at(9, 10), at(1, 11)])
def test_after_the_closing_day_nothing_is_sent_not_even_what_was_due_before_it(as_of: datetime) -> None:
    assert decide(report(), seed_schedule(closes=date(2019, 9, 30)), frozenset(), as_of) == NOTHING


def test_on_the_closing_day_the_steps_due_are_still_sent() -> None:
    decision = decide(
        report(),
        seed_schedule(closes=date(2019, 9, 25)),
        LADDER_STEPS - {("bao-cao-thuong-truc", 0)},
        at(25, 9),
    )

    assert decision.send is not None and decision.send.key == ("bao-cao-thuong-truc", 0)
    assert decision == Decision(decision.send, (), None)
