"""The domain: plans, milestones, units, ladders and reports, as plain immutable values.

Nothing here does I/O or reads the clock. The config reader builds these objects, the store persists
them, and the pure functions in this package (calendar, deadlines, ladder, status, planner, digest)
make every decision from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum

OWNER_UNIT_CODE = "owner"
"""The owner (Ban Tổ chức) appears as this unit code for milestones whose audience is the owner."""


class DueRule(StrEnum):
    """How the written date of a milestone turns into its last day."""

    BEFORE = "before"  # "trước 15/9/2019": the last day is 14/9
    BY = "by"  # "đến ngày 15/9/2019": the last day is 15/9 itself
    END_OF_MONTH = "end_of_month"  # "cuối tháng 10/2019": the last day of that month


class DeadlineShift(StrEnum):
    """Whether a last day on a weekend or holiday moves to the next working day (Civil Code art. 148)."""

    NEXT_WORKING_DAY = "next_working_day"
    NONE = "none"


class OffsetUnit(StrEnum):
    DAYS = "d"
    WORKING_DAYS = "wd"


class ReportState(StrEnum):
    PENDING = "pending"
    OVERDUE = "overdue"
    RECEIVED = "received"
    RECEIVED_LATE = "received_late"
    EXEMPT = "exempt"


class CcTarget(StrEnum):
    """Who a ladder step copies in, besides the unit's own contacts."""

    UNIT_CHAIR = "unit.chair"
    OWNER = "owner"
    STANDING = "standing"


_OFFSET_RE = re.compile(r"^\s*([+-]?)\s*(\d+)\s*(wd|d)\s*$")


@dataclass(frozen=True, order=True)
class Offset:
    """A distance from a deadline's effective last day: `-21d`, `-2wd`, `+1wd`, `7d`."""

    amount: int
    unit: OffsetUnit

    @classmethod
    def parse(cls, text: str) -> Offset:
        """Parse `-21d` / `+3wd` / `7d`; raise ValueError with the expected form otherwise."""
        match = _OFFSET_RE.match(text)
        if not match:
            raise ValueError(f"{text!r} is not an offset like -21d, -2wd or +1wd")
        sign, number, unit = match.groups()
        amount = int(number) * (-1 if sign == "-" else 1)
        return cls(amount, OffsetUnit(unit))

    def __str__(self) -> str:
        return f"{self.amount:+d}{self.unit.value}"


@dataclass(frozen=True)
class Step:
    """One rung of a ladder: an email template sent at an offset from the deadline."""

    key: str
    offset: Offset
    template: str
    cc: tuple[CcTarget, ...] = ()


@dataclass(frozen=True)
class Ladder:
    name: str
    steps: tuple[Step, ...]
    repeat_every: Offset | None = None  # after the last step, until received; None: no repeats


@dataclass(frozen=True)
class Section:
    """A content item the report must cover (nội dung báo cáo)."""

    key: str
    title: str


class FigureKind(StrEnum):
    """Whether a figure is a count (whole: people, unions) or may have a fractional part."""

    WHOLE = "whole"
    DECIMAL = "decimal"


@dataclass(frozen=True)
class Figure:
    """A number the report must give (số liệu): whole and at least 0 unless the plan says otherwise."""

    key: str
    label: str
    unit: str = ""
    kind: FigureKind = FigureKind.WHOLE
    minimum: int | float = 0


@dataclass(frozen=True)
class Audience:
    """Who must deliver a milestone: every active unit, the owner itself, or listed unit codes."""

    kind: str  # "units" | "owner" | "list"
    unit_codes: tuple[str, ...] = ()

    @classmethod
    def units(cls) -> Audience:
        return cls("units")

    @classmethod
    def owner(cls) -> Audience:
        return cls("owner")

    @classmethod
    def listed(cls, codes: tuple[str, ...]) -> Audience:
        return cls("list", codes)

    def __str__(self) -> str:
        return ",".join(self.unit_codes) if self.kind == "list" else self.kind


@dataclass(frozen=True)
class Milestone:
    code: str
    title: str
    due: date  # the date as written in the document
    due_rule: DueRule
    audience: Audience


@dataclass(frozen=True)
class Plan:
    code: str
    title: str
    reference: str
    ladder: Ladder
    milestones: tuple[Milestone, ...]
    deadline_shift: DeadlineShift = DeadlineShift.NEXT_WORKING_DAY
    sections: tuple[Section, ...] = ()
    figures: tuple[Figure, ...] = ()
    issued: date | None = None  # the plan's date; the expected set is fixed from units active then
    closes: date | None = None  # after this day nobody is reminded any more
    source: str = ""  # the config file it was read from (for messages)

    def milestone(self, code: str) -> Milestone | None:
        return next((m for m in self.milestones if m.code == code), None)


@dataclass(frozen=True)
class Unit:
    """A subordinate union that must submit (công đoàn cấp trên trực tiếp cơ sở)."""

    code: str
    name: str
    kind: str = ""
    emails: tuple[str, ...] = ()
    chair_name: str = ""
    chair_email: str = ""
    active: bool = True


@dataclass(frozen=True)
class Contact:
    """A department or body addressed by name and one or more emails (owner, standing), and a phone
    number units may call (the owner's is printed in every email)."""

    name: str
    emails: tuple[str, ...]
    phone: str = ""


@dataclass(frozen=True)
class SendingHours:
    """The sending window on working days: `start` included, `end` excluded."""

    start: time
    end: time


@dataclass(frozen=True)
class DigestSchedule:
    weekday: int  # Monday = 0, as date.weekday()
    at: time
    to: tuple[str, ...]
    cc: tuple[str, ...] = ()


@dataclass(frozen=True)
class CalendarOverride:
    """A day from holidays.toml: an office day off, or a make-up working day (e.g. a Saturday)."""

    day: date
    name: str


@dataclass(frozen=True)
class Signature:
    """The signature block of the printed digest: its title lines as written on paper ("TM. BAN TỔ
    CHỨC", "TRƯỞNG BAN") and the signer's name (blank: written in by hand under the seal)."""

    lines: tuple[str, ...]
    name: str = ""


@dataclass(frozen=True)
class Organization:
    name: str
    parent: str
    place: str
    timezone: str
    owner: Contact
    standing: Contact
    sending_hours: SendingHours
    digest: DigestSchedule
    signature: Signature | None = None  # `[signature]` of organization.toml; None: the owner signs

    @property
    def signed_by(self) -> Signature:
        """Who signs the printed digest: as configured, else the department that sends it."""
        return self.signature or Signature((f"TM. {self.owner.name.upper()}",))


@dataclass(frozen=True)
class Config:
    """Everything read from a config directory, validated."""

    organization: Organization
    units: tuple[Unit, ...]
    plans: tuple[Plan, ...]
    ladders: dict[str, Ladder] = field(default_factory=dict)
    days_off: tuple[CalendarOverride, ...] = ()
    working_days: tuple[CalendarOverride, ...] = ()

    def plan(self, code: str) -> Plan | None:
        return next((p for p in self.plans if p.code == code), None)

    def owner_unit(self) -> Unit:
        """The owner as a pseudo-unit, for milestones whose audience is the owner."""
        owner = self.organization.owner
        return Unit(code=OWNER_UNIT_CODE, name=owner.name, kind="owner", emails=owner.emails)
