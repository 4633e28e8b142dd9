"""A report recorded or exempted stops its ladder at once, also one minute before a sweep; a report
recorded late never gets an overdue email afterwards."""

from datetime import date, datetime

import pytest

from tests.builders import at, report, seed_schedule
from tracker.core.planner import NOTHING, decide

UP_TO_THE_URGENT_REMINDER = frozenset({("thong-bao", 0), ("nhac-lan-1", 0), ("nhac-lan-2", 0)})
UP_TO_THE_OVERDUE_NOTICE = UP_TO_THE_URGENT_REMINDER | {("qua-han", 0)}


def test_a_report_recorded_one_minute_before_the_sweep_gets_no_overdue_notice() -> None:
    # The clerk records it at 07:29 on 17/9/2019, received that day; the sweep runs at 07:30.
    received = report(received_on=date(2019, 9, 17))

    assert decide(received, seed_schedule(), UP_TO_THE_URGENT_REMINDER, at(17, 9)) == NOTHING


@pytest.mark.parametrize("as_of", [at(12, 9), at(17, 9), at(25, 9), at(2, 10), at(1, 1, year=2020)])
def test_a_report_received_on_time_gets_nothing_more(as_of: datetime) -> None:
    received = report(received_on=date(2019, 9, 11))

    assert (
        decide(received, seed_schedule(), frozenset({("thong-bao", 0), ("nhac-lan-1", 0)}), as_of) == NOTHING
    )


@pytest.mark.parametrize("as_of", [at(19, 9), at(25, 9), at(2, 10)])
def test_a_report_received_late_gets_no_urging_and_no_escalation(as_of: datetime) -> None:
    received_late = report(received_on=date(2019, 9, 18))

    assert decide(received_late, seed_schedule(), UP_TO_THE_OVERDUE_NOTICE, as_of) == NOTHING


def test_as_of_a_moment_before_it_arrived_the_report_was_still_reminded() -> None:
    received_later = report(received_on=date(2019, 9, 18))

    decision = decide(received_later, seed_schedule(), UP_TO_THE_URGENT_REMINDER, at(17, 9))

    assert decision.send is not None and decision.send.key == ("qua-han", 0)


def test_an_exempted_unit_gets_nothing_more() -> None:
    exempt = report(exempted_at=at(18, 9, hour=10))

    assert decide(exempt, seed_schedule(), UP_TO_THE_OVERDUE_NOTICE, at(19, 9)) == NOTHING
    assert decide(exempt, seed_schedule(), UP_TO_THE_OVERDUE_NOTICE, at(25, 9)) == NOTHING


def test_a_unit_exempted_just_after_the_sweep_was_still_urged_at_it() -> None:
    exempt_later = report(exempted_at=at(19, 9, minute=31))

    decision = decide(exempt_later, seed_schedule(), UP_TO_THE_OVERDUE_NOTICE, at(19, 9))

    assert decision.send is not None and decision.send.key == ("don-doc", 0)
