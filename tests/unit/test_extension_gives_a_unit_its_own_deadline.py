"""A unit granted more time has its own last day: it is pending until then and overdue after it, a
report received by then is on time, and its ladder starts again from that day (the same ladder, shared
by every unit granted that day; the shell logs each round apart). A request is judged against the report as it
stands: each problem is said by its field."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.builders import at, report, seed_schedule
from tracker.core.extensions import ReportStanding, request_problems
from tracker.core.model import ReportState
from tracker.core.planner import decide, upcoming
from tracker.core.status import report_status

GRANTED = date(2019, 9, 27)  # a Friday; the milestone's own last day is Monday 16/9/2019


@pytest.mark.parametrize(
    ("moment", "state", "days"),
    [
        (at(17, 9), ReportState.PENDING, None),
        (at(27, 9), ReportState.PENDING, None),
        (at(28, 9), ReportState.OVERDUE, 1),
        (at(7, 10), ReportState.OVERDUE, 10),
    ],
    ids=str,
)
def test_the_unit_is_pending_until_its_own_day_and_overdue_after(
    moment: datetime, state: ReportState, days: int | None
) -> None:
    status = report_status(report(extended_until=GRANTED).facts, seed_schedule().deadline, moment)
    assert (status.state, status.days_overdue) == (state, days)


def test_a_report_received_by_the_units_own_day_is_on_time() -> None:
    facts = report(received_on=date(2019, 9, 26), extended_until=GRANTED).facts
    assert report_status(facts, seed_schedule().deadline, at(1, 10)).state is ReportState.RECEIVED
    late = report(received_on=date(2019, 9, 30), extended_until=GRANTED).facts
    assert report_status(late, seed_schedule().deadline, at(1, 10)).state is ReportState.RECEIVED_LATE


def test_an_extension_earlier_than_the_milestones_day_changes_nothing() -> None:
    schedule = seed_schedule()
    assert schedule.of_report(report(extended_until=date(2019, 9, 10)).facts) is schedule


def test_the_ladder_starts_again_from_the_units_day() -> None:
    # Granted on 10/9: the new round's notice (6/9) was already past, logged as superseded at the grant.
    granted, logged = report(extended_until=GRANTED), frozenset({("thong-bao", 0)})
    assert decide(granted, seed_schedule(), logged, at(12, 9)).send is None
    assert decide(granted, seed_schedule(), logged, at(17, 9)).send is None
    coming = upcoming(granted, seed_schedule(), logged, at(12, 9))
    assert [(s.step.key, s.at.date()) for s in coming[:3]] == [
        ("nhac-lan-1", date(2019, 9, 20)),
        ("nhac-lan-2", date(2019, 9, 25)),
        ("qua-han", date(2019, 9, 30)),
    ]
    decision = decide(granted, seed_schedule(), logged | {("nhac-lan-1", 0)}, at(25, 9))
    assert decision.send is not None and decision.send.key == ("nhac-lan-2", 0)


def test_units_granted_the_same_day_share_one_schedule() -> None:
    schedule = seed_schedule()
    first = schedule.of_report(report(extended_until=GRANTED).facts)
    assert schedule.of_report(report(extended_until=GRANTED).facts) is first
    assert first.deadline.effective == GRANTED and schedule.deadline.effective == date(2019, 9, 16)


STANDING = ReportStanding(
    last_day=date(2019, 9, 16),
    today=date(2019, 9, 10),
    closes=date(2019, 12, 31),
    outstanding=True,
    waiting=False,
)


def test_a_good_request_has_no_problem() -> None:
    assert request_problems(GRANTED, "", "Chờ họp Ban Thường vụ.", STANDING) == {}


def test_every_problem_of_a_request_is_said_by_its_field() -> None:
    problems = request_problems(date(2019, 9, 16), "", "", STANDING)
    assert set(problems) == {"until", "reason"}
    assert "phải sau hạn cuối hiện nay (Thứ Hai, 16/09/2019)" in problems["until"]
    waiting = request_problems(
        GRANTED, "", "Lý do.", ReportStanding(**{**STANDING.__dict__, "waiting": True})
    )
    assert "đang chờ" in waiting["report"]
    done = request_problems(
        GRANTED, "", "Lý do.", ReportStanding(**{**STANDING.__dict__, "outstanding": False})
    )
    assert "không cần xin gia hạn" in done["report"]
