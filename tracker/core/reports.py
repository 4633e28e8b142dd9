"""What the store knows about expected reports and the reminders sent for them, as plain values.

The shell reads these from the database and hands them to the pure decisions (status, planner,
digest); nothing here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from tracker.core.model import Unit
from tracker.core.status import ReportFacts


@dataclass(frozen=True)
class Submission:
    """A report as the clerk recorded it."""

    received_on: date
    doc_number: str = ""
    sections: tuple[str, ...] = ()
    figures: dict[str, float] = field(default_factory=dict, hash=False)
    channel: str = ""
    recorded_by: str = ""
    recorded_at: datetime | None = None
    note: str = ""


@dataclass(frozen=True)
class ExpectedReport:
    """One unit's report for one milestone, expected because the unit was in the audience."""

    plan_code: str
    milestone_code: str
    unit: Unit
    submission: Submission | None = None
    exempted_at: datetime | None = None
    extended_until: date | None = None  # the unit's own last day, granted on its request
    extensions: int = 0  # how many times the unit was granted more time

    @property
    def facts(self) -> ReportFacts:
        return ReportFacts(
            received_on=self.submission.received_on if self.submission else None,
            exempted_at=self.exempted_at,
            extended_until=self.extended_until,
        )


class DeliveryState(StrEnum):
    PENDING = "pending"  # queued, or waiting for a retry
    SENDING = "sending"  # claimed by a sender under a lease
    SENT = "sent"
    FAILED = "failed"  # every recipient refused permanently
    CANCELLED = "cancelled"  # the report arrived (or was exempted) before it left
    SUPERSEDED = "superseded"  # a higher step was due at the same time; never sent


@dataclass(frozen=True)
class ReminderRecord:
    """One row of the reminder log: a (plan, milestone, unit, step, repeat) decided once."""

    plan_code: str
    milestone_code: str
    unit_code: str
    step_key: str
    repeat: int
    state: DeliveryState
    due_at: datetime  # when the planner decided it was due
    sent_at: datetime | None = None
    failed_recipients: tuple[str, ...] = ()
    deadline_version: int = 1
