"""What is due at T for one expected report, and to whom it goes.

The shell gathers the report, its milestone's ladder schedule and the keys already in the reminder
log, calls `decide`, and applies the answer: queue `send`, record `superseded`, store `next_at` in the
indexed column that finds the next reports to look at. Anything logged, whatever its delivery state,
is never decided again, so a sweep repeated at the same T decides nothing new.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass
from datetime import datetime

from tracker.core.ladder import LadderSchedule, ScheduledStep
from tracker.core.model import OWNER_UNIT_CODE, CcTarget, Organization, Step, Unit
from tracker.core.reports import ExpectedReport
from tracker.core.status import report_status


@dataclass(frozen=True)
class Decision:
    """What one sweep does for one report."""

    send: ScheduledStep | None  # the highest step now due and not yet logged
    superseded: tuple[ScheduledStep, ...]  # lower steps due at the same time, never to be sent
    next_at: datetime | None  # when this report next needs a look; None: never again as things stand


NOTHING = Decision(None, (), None)


def decide(
    report: ExpectedReport,
    schedule: LadderSchedule,
    logged: Set[tuple[str, int]],
    as_of: datetime,
) -> Decision:
    """The reminder due for `report` at `as_of` (aware), given the (step key, repeat) pairs logged.

    Nothing, and no next look, for a report received (on time or late) or exempt at `as_of`, once the
    plan has closed, or while its unit is no longer active (it stays expected until a clerk decides;
    `tracker load` has its reports looked at again if it comes back). After downtime only the highest
    due step is sent and the lower unlogged ones are superseded. Outside the sending window nothing is
    decided: the next look is its next opening. A unit granted more time is reminded on the ladder
    counted from its own last day (`logged` then holds that round's steps).
    """
    schedule = schedule.of_report(report.facts)
    if schedule.is_closed(as_of) or not report.unit.active:
        return NOTHING
    if not report_status(report.facts, schedule.deadline, as_of).outstanding:
        return NOTHING
    due = [s for s in schedule.steps_through(as_of) if s.key not in logged]
    if due and not schedule.window.is_open(as_of):
        return Decision(None, (), schedule.window.opening_on_or_after(as_of))
    following = schedule.next_after(as_of, logged)
    return Decision(
        send=due[-1] if due else None,
        superseded=tuple(due[:-1]),
        next_at=following.at if following else None,
    )


OPEN_ENDED_REPEATS = 2  # repeats shown of a ladder that never closes


def upcoming(
    report: ExpectedReport,
    schedule: LadderSchedule,
    logged: Set[tuple[str, int]],
    after: datetime,
    limit_repeats: int | None = OPEN_ENDED_REPEATS,
) -> list[ScheduledStep]:
    """The reminders still to come after `after` for a report outstanding then, with at most
    `limit_repeats` repeats; None: every one until the plan closes (a plan without a closing day repeats
    forever: then OPEN_ENDED_REPEATS). [] for a received or exempt report."""
    schedule = schedule.of_report(report.facts)
    if not report_status(report.facts, schedule.deadline, after).outstanding:
        return []
    if limit_repeats is None and schedule.closes is None:
        limit_repeats = OPEN_ENDED_REPEATS
    coming: list[ScheduledStep] = []
    repeats = 0
    for scheduled in schedule.after(after):
        if scheduled.key in logged:
            continue
        if scheduled.repeat:
            if repeats == limit_repeats:
                break
            repeats += 1
        coming.append(scheduled)
    return coming


@dataclass(frozen=True)
class Recipients:
    to: tuple[str, ...]
    cc: tuple[str, ...]


def recipients(step: Step, unit: Unit, organization: Organization) -> Recipients:
    """Who gets `step` for `unit`: the unit's contacts, with the copies the step asks for.

    The owner pseudo-unit is Ban Tổ chức itself. Addresses are de-duplicated case-insensitively in
    order, and nobody is in copy who is already a recipient.
    """
    to = _unique(organization.owner.emails if unit.code == OWNER_UNIT_CODE else unit.emails)
    copies: dict[CcTarget, tuple[str, ...]] = {
        CcTarget.UNIT_CHAIR: (unit.chair_email,) if unit.chair_email else (),
        CcTarget.OWNER: organization.owner.emails,
        CcTarget.STANDING: organization.standing.emails,
    }
    cc = _unique((a for target in step.cc for a in copies[target]), taken=to)
    return Recipients(to=to, cc=cc)


def _unique(addresses: Iterable[str], taken: Iterable[str] = ()) -> tuple[str, ...]:
    seen = {a.casefold() for a in taken}
    kept = []
    for address in addresses:
        if address.casefold() not in seen:
            seen.add(address.casefold())
            kept.append(address)
    return tuple(kept)
