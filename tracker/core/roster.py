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

from tracker.core.model import OWNER_UNIT_CODE, Audience, Milestone, Plan
from tracker.core.reports import ExpectedReport


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


def _fixed_by_the_file(audience: Audience, milestone_code: str, source: str) -> str | None:
    """Only an audience of every unit is changed by hand: a list is the plan file's, the owner's own
    milestone has no units."""
    if audience.kind == "list":
        return (
            f"Mốc {milestone_code} có danh sách đơn vị ghi trong tệp kế hoạch ({source}, trường audience); "
            "hãy sửa danh sách đó rồi chạy tracker load."
        )
    if audience.kind == "owner":
        return f"Mốc {milestone_code} do Ban Tổ chức thực hiện; không có danh sách đơn vị để thay đổi."
    return None


def why_not_add(
    plan: Plan, milestone: Milestone, unit_code: str, *, expected: bool, validity: Validity, today: date
) -> str | None:
    """Why `unit_code` cannot be added to the units expected for `milestone` on `today`; None if it can."""
    refusal = _fixed_by_the_file(milestone.audience, milestone.code, plan.source)
    if refusal:
        return refusal
    if expected:
        return f"Đơn vị {unit_code} đã thuộc danh sách phải nộp cho mốc {milestone.code}."
    if not validity.covers(today):
        return (
            f"Đơn vị {unit_code} không còn hoạt động; không thể thêm vào danh sách phải nộp "
            f"cho mốc {milestone.code}."
        )
    return None


def why_not_remove(
    plan: Plan, milestone: Milestone, unit_code: str, report: ExpectedReport | None
) -> str | None:
    """Why `unit_code` (whose report is `report`, None if not expected) cannot be removed from the units
    expected for `milestone`; None if it can. A report received or exempt is a record to keep: it is
    undone first, on purpose."""
    refusal = _fixed_by_the_file(milestone.audience, milestone.code, plan.source)
    if refusal:
        return refusal
    if report is None:
        return f"Đơn vị {unit_code} không thuộc danh sách phải nộp cho mốc {milestone.code}."
    where = f"Báo cáo của đơn vị {unit_code} cho mốc {milestone.code}"
    if report.submission is not None:
        return f"{where} đã được ghi nhận; huỷ ghi nhận (unreceive) trước nếu muốn bỏ đơn vị khỏi danh sách."
    if report.exempted_at is not None:
        return f"{where} đã được miễn nộp; huỷ miễn nộp (unexempt) trước nếu muốn bỏ đơn vị khỏi danh sách."
    return None
