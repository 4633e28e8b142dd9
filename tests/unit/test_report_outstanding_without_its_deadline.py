"""Whether a report is still outstanding at a moment (what the outbox re-checks before sending) follows
the same rule as its state: neither exempt by then nor received by that day in the plan's zone."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from tracker.core.deadlines import Deadline
from tracker.core.status import ReportFacts, report_status

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
DEADLINE = Deadline(written=date(2019, 9, 14), effective=date(2019, 9, 16), zone=ZONE)


def vn(day: int, hour: int = 8, minute: int = 0) -> datetime:
    return datetime(2019, 9, day, hour, minute, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("facts", "as_of", "outstanding"),
    [
        (ReportFacts(), vn(10), True),
        (ReportFacts(), vn(30), True),  # overdue is still outstanding
        (ReportFacts(received_on=date(2019, 9, 12)), vn(12), False),
        (ReportFacts(received_on=date(2019, 9, 12)), vn(11, 23, 59), True),  # not yet received then
        (ReportFacts(received_on=date(2019, 9, 17)), vn(20), False),  # received late
        # 17/9 00:30 in Vietnam is still 16/9 in UTC: the day is the plan's.
        (ReportFacts(received_on=date(2019, 9, 17)), datetime(2019, 9, 16, 17, 30, tzinfo=UTC), False),
        (ReportFacts(exempted_at=vn(18, 10)), vn(18, 10), False),
        (ReportFacts(exempted_at=vn(18, 10)), vn(18, 9, 59), True),
    ],
)
def test_outstanding_agrees_with_the_reports_state(
    facts: ReportFacts, as_of: datetime, outstanding: bool
) -> None:
    assert facts.outstanding(as_of, ZONE) is outstanding
    assert report_status(facts, DEADLINE, as_of).outstanding is outstanding
