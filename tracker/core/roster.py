"""Who must report: the roster on the plan's issue date fixes the expected set (DESIGN §3).

Units are founded, merged and dissolved; each has a validity period. A milestone's expected reports are
the units of its audience on the roster the day its plan was issued. A later change to the roster does
not change who is expected: `tracker load` says what drifted, and a clerk adds or removes a unit
explicitly (`tracker expect add|remove`), audited.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass
from datetime import date

from tracker.core.model import OWNER_UNIT_CODE, Audience, Plan


@dataclass(frozen=True)
class Validity:
    """When a unit is on the roster: from `valid_from` (included) until `valid_until` (excluded; None:
    still on it). A unit listed as inactive when first seen has an empty period (both the same day)."""

    valid_from: date
    valid_until: date | None = None

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day < self.valid_until)


def roster_day(issued: date | None, today: date, roster_known_since: date) -> date:
    """The day whose roster fixes a plan's expected set.

    It is the plan's issue date (its `issued` key; a plan without one is issued the day it is first
    loaded, `today`), but never earlier than the first roster the tracker knew (`roster_known_since`,
    the day of the first load): the units of that roster were there before it, since dates the tracker
    cannot know, so a plan issued earlier takes that first roster.
    """
    return max(issued or today, roster_known_since)


def plan_running(plan: Plan, today: date) -> bool:
    """A plan whose reminders still go out on `today` (it has not closed)."""
    return plan.closes is None or today <= plan.closes


def expected_units(audience: Audience, roster: Mapping[str, Validity], day: date) -> tuple[str, ...]:
    """The unit codes expected for a milestone with `audience`, from the roster on `day`, in code order
    for "units"; as listed for an explicit list (the file names them, whatever the roster says)."""
    if audience.kind == "owner":
        return (OWNER_UNIT_CODE,)
    if audience.kind == "list":
        return audience.unit_codes
    return tuple(
        code for code, validity in sorted(roster.items()) if code != OWNER_UNIT_CODE and validity.covers(day)
    )


@dataclass(frozen=True)
class RosterDrift:
    """How the roster of `today` differs from a running milestone's expected set."""

    dissolved: tuple[str, ...]  # still expected and outstanding, but no longer on the roster
    joined: tuple[str, ...]  # on the roster, but not expected

    def __bool__(self) -> bool:
        return bool(self.dissolved or self.joined)


def roster_drift(
    audience: Audience,
    expected: Set[str],
    settled: Set[str],
    roster: Mapping[str, Validity],
    today: date,
) -> RosterDrift:
    """Among the units of `roster`, those a clerk may want to remove from or add to a milestone.

    `settled` are the expected units whose report is received or exempt: nothing more is asked of
    them, so their leaving is no news. Units joining only matter to an audience of every unit: an
    explicit list names its units, and the owner's own milestone is the owner's.
    """
    dissolved = tuple(
        sorted(
            code
            for code, validity in roster.items()
            if code in expected and code not in settled and not validity.covers(today)
        )
    )
    joined: tuple[str, ...] = ()
    if audience.kind == "units":
        joined = tuple(
            sorted(
                code
                for code, validity in roster.items()
                if code != OWNER_UNIT_CODE and code not in expected and validity.covers(today)
            )
        )
    return RosterDrift(dissolved, joined)
