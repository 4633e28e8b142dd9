"""The state of one expected report at a moment: derived from facts, never stored.

"As of T" is a view of the past as well as the present: a report counts as received at T when its
received date is on or before T's date, and as exempt when it was exempted at or before T.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from tracker.core.deadlines import Deadline
from tracker.core.model import ReportState


@dataclass(frozen=True)
class ReportFacts:
    """What is recorded about one unit's report for one milestone."""

    received_on: date | None = None
    exempted_at: datetime | None = None


@dataclass(frozen=True)
class ReportStatus:
    state: ReportState
    days_overdue: int | None

    @property
    def outstanding(self) -> bool:
        return self.state in (ReportState.PENDING, ReportState.OVERDUE)


def report_status(facts: ReportFacts, deadline: Deadline, as_of: datetime) -> ReportStatus:
    """The state at `as_of` (aware) of a report due at `deadline`."""
    today = as_of.astimezone(deadline.zone).date()
    if facts.exempted_at is not None and facts.exempted_at <= as_of:
        return ReportStatus(ReportState.EXEMPT, None)
    if facts.received_on is not None and facts.received_on <= today:
        on_time = facts.received_on <= deadline.effective
        return ReportStatus(ReportState.RECEIVED if on_time else ReportState.RECEIVED_LATE, None)
    late = deadline.days_overdue(today)
    return ReportStatus(ReportState.OVERDUE if late else ReportState.PENDING, late)
