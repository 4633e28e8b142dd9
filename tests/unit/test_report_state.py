"""A report's state at a moment, derived from what was recorded: on time, late, overdue, exempt.

The seed milestone's effective last day is Monday 16/9/2019; "as of T" is a view of the past too.
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from tracker.core.deadlines import Deadline
from tracker.core.model import ReportState
from tracker.core.status import ReportFacts, ReportStatus, report_status

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
DEADLINE = Deadline(written=date(2019, 9, 14), effective=date(2019, 9, 16), zone=ZONE)
AS_WRITTEN = Deadline(written=date(2019, 9, 14), effective=date(2019, 9, 14), zone=ZONE)


def vn(day: int, month: int = 9, hour: int = 8, minute: int = 0) -> datetime:
    return datetime(2019, month, day, hour, minute, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("facts", "as_of", "state", "days_overdue"),
    [
        (ReportFacts(), vn(10), ReportState.PENDING, None),
        (ReportFacts(), vn(16, hour=23, minute=59), ReportState.PENDING, None),  # the last day itself
        (ReportFacts(), vn(17, hour=0, minute=0), ReportState.OVERDUE, 1),  # the day after counts 1
        (ReportFacts(), vn(17), ReportState.OVERDUE, 1),
        (ReportFacts(), vn(30), ReportState.OVERDUE, 14),
        (ReportFacts(), vn(31, month=10), ReportState.OVERDUE, 45),
        (ReportFacts(received_on=date(2019, 9, 12)), vn(20), ReportState.RECEIVED, None),
        (ReportFacts(received_on=date(2019, 9, 16)), vn(16), ReportState.RECEIVED, None),  # on the last day
        (ReportFacts(received_on=date(2019, 9, 17)), vn(17), ReportState.RECEIVED_LATE, None),
        (ReportFacts(received_on=date(2019, 9, 17)), vn(30), ReportState.RECEIVED_LATE, None),
        (ReportFacts(exempted_at=vn(18, hour=10)), vn(20), ReportState.EXEMPT, None),
        (ReportFacts(exempted_at=vn(18, hour=10)), vn(18, hour=10), ReportState.EXEMPT, None),
        # Exempting wins over a receipt recorded as well.
        (ReportFacts(received_on=date(2019, 9, 17), exempted_at=vn(18)), vn(20), ReportState.EXEMPT, None),
    ],
)
def test_the_state_follows_the_facts_and_the_effective_last_day(
    facts: ReportFacts, as_of: datetime, state: ReportState, days_overdue: int | None
) -> None:
    assert report_status(facts, DEADLINE, as_of) == ReportStatus(state, days_overdue)


@pytest.mark.parametrize(
    ("facts", "as_of", "state", "days_overdue"),
    [
        # Received on the 20th: at the 18th it was still outstanding, two days late.
        (ReportFacts(received_on=date(2019, 9, 20)), vn(18), ReportState.OVERDUE, 2),
        (ReportFacts(received_on=date(2019, 9, 20)), vn(15), ReportState.PENDING, None),
        (ReportFacts(received_on=date(2019, 9, 20)), vn(20, hour=0), ReportState.RECEIVED_LATE, None),
        # Exempted at 10:00 on the 18th: a minute earlier it was still overdue.
        (ReportFacts(exempted_at=vn(18, hour=10)), vn(18, hour=9, minute=59), ReportState.OVERDUE, 2),
    ],
)
def test_as_of_a_past_moment_what_came_later_does_not_count_yet(
    facts: ReportFacts, as_of: datetime, state: ReportState, days_overdue: int | None
) -> None:
    assert report_status(facts, DEADLINE, as_of) == ReportStatus(state, days_overdue)


def test_the_day_of_as_of_is_taken_in_the_plans_zone() -> None:
    # 17:30 UTC on 16/9 is 00:30 on 17/9 in Vietnam: already one day late.
    as_of = datetime(2019, 9, 16, 17, 30, tzinfo=UTC)

    assert report_status(ReportFacts(), DEADLINE, as_of) == ReportStatus(ReportState.OVERDUE, 1)


def test_a_plan_read_as_written_is_late_from_sunday_15_september() -> None:
    assert report_status(ReportFacts(), AS_WRITTEN, vn(16)) == ReportStatus(ReportState.OVERDUE, 2)
    received_monday = ReportFacts(received_on=date(2019, 9, 16))
    assert report_status(received_monday, AS_WRITTEN, vn(16)).state is ReportState.RECEIVED_LATE


@pytest.mark.parametrize(
    ("state", "outstanding"),
    [
        (ReportState.PENDING, True),
        (ReportState.OVERDUE, True),
        (ReportState.RECEIVED, False),
        (ReportState.RECEIVED_LATE, False),
        (ReportState.EXEMPT, False),
    ],
)
def test_only_pending_and_overdue_reports_are_outstanding(state: ReportState, outstanding: bool) -> None:
    assert ReportStatus(state, None).outstanding is outstanding


@pytest.mark.parametrize(
    ("as_of", "days"), [(date(2019, 9, 16), None), (date(2019, 9, 17), 1), (date(2019, 9, 1), None)]
)
def test_days_overdue_counts_calendar_days_after_the_effective_last_day(
    as_of: date, days: int | None
) -> None:
    assert DEADLINE.days_overdue(as_of) == days
