"""From what the document says to the moment a report is late.

"trước 15/9/2019" ends with 14/9, "cuối tháng 10/2019" with 31/10; with the Civil Code art. 148
shift, a last day on a weekend or public holiday moves to the end of the next working day.
"""

from __future__ import annotations

import calendar as _calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from tracker.core.calendar import WorkCalendar
from tracker.core.model import DeadlineShift, DueRule, Milestone, Offset, OffsetUnit
from tracker.errors import BadInput

END_OF_DAY = time(23, 59, 59)
AS_OF_DEFAULT_TIME = time(8, 0)  # DESIGN §5: a bare date means 08:00 in the plan's zone

# The years the calendar reckons in. Public holidays are known, and a ladder's offsets from a deadline
# stay inside Python's dates, only for years like these; 0001 or 9999 are typing mistakes.
FIRST_YEAR, LAST_YEAR = 2000, 2100

_VN_DATE_RE = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\s*$")
_ISO_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


def parse_date(text: str) -> date:
    """Read a date as Vietnamese users write it (15/9/2019, day first) or as ISO (2019-09-15).

    Raises ValueError with a message a clerk can act on (31/9/2019: September has 30 days).
    """
    match = _VN_DATE_RE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _ISO_DATE_RE.match(text)
        if not match:
            raise ValueError(f"'{text}' không phải ngày hợp lệ; hãy viết dạng 15/9/2019 hoặc 2019-09-15")
        year, month, day = (int(g) for g in match.groups())
    _check_year(year, text)
    if not 1 <= month <= 12:
        raise ValueError(f"'{text}': tháng {month} không tồn tại (tháng từ 1 đến 12)")
    last = _calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise ValueError(f"'{text}': tháng {month}/{year} chỉ có {last} ngày")
    return date(year, month, day)


def in_calendar_years(day: date) -> date:
    """`day` itself when its year is one the calendar reckons in; ValueError otherwise."""
    _check_year(day.year, day.isoformat())
    return day


def _check_year(year: int, text: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(
            f"'{text}': năm {year} nằm ngoài khoảng {FIRST_YEAR}–{LAST_YEAR} mà hệ thống tính được; "
            "hãy kiểm tra lại năm"
        )


def parse_as_of(text: str | None, zone: ZoneInfo, now: datetime, label: str = "--as-of") -> datetime:
    """`T`: an ISO date-time with offset, or a date (ISO or d/m/yyyy) meaning 08:00 in `zone`; `now`
    when nothing is given. Bad input names `label`, the field it was typed in."""
    if not text:
        return now
    text = text.strip()
    if not any(mark in text for mark in "T: "):  # a date alone: its own parser says what is wrong
        try:
            return datetime.combine(parse_date(text), AS_OF_DEFAULT_TIME, tzinfo=zone)
        except ValueError as error:
            raise BadInput(f"{label}: {error}; hoặc ngày giờ ISO như 2019-09-16T08:00:00+07:00.") from None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise BadInput(
            f"{label} '{text}': không đọc được thời điểm. Viết ngày (15/9/2019 hoặc 2019-09-15) "
            "hoặc ngày giờ ISO có múi giờ (2019-09-16T08:00:00+07:00)."
        ) from None
    try:
        in_calendar_years(moment.date())
    except ValueError as error:
        raise BadInput(f"{label}: {error}.") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def written_last_day(due: date, rule: DueRule) -> date:
    """The last day the document allows, before any weekend/holiday shift."""
    if rule is DueRule.BEFORE:
        return due - timedelta(days=1)
    if rule is DueRule.END_OF_MONTH:
        return due.replace(day=_calendar.monthrange(due.year, due.month)[1])
    return due


def effective_last_day(due: date, rule: DueRule, shift: DeadlineShift, calendar: WorkCalendar) -> date:
    """The last day that counts, after the plan's art. 148 setting."""
    last = written_last_day(due, rule)
    if shift is DeadlineShift.NEXT_WORKING_DAY:
        return calendar.next_working_day(last)
    return last


def end_of_day(day: date, zone: ZoneInfo) -> datetime:
    """23:59:59 of `day` in `zone`: the deadline moment as shown in JSON."""
    return datetime.combine(day, END_OF_DAY, tzinfo=zone)


def offset_day(last_day: date, offset: Offset, calendar: WorkCalendar) -> date:
    """The day of a ladder step: `-7d` seven calendar days before the last day, `-2wd` the second
    working day before it, `+1wd` the first working day after it."""
    if offset.unit is OffsetUnit.WORKING_DAYS:
        return calendar.add_working_days(last_day, offset.amount)
    return last_day + timedelta(days=offset.amount)


@dataclass(frozen=True)
class WrittenDeadline:
    """A milestone's deadline as its plan writes it, and the last day that follows from it."""

    due: date
    due_rule: DueRule
    shift: DeadlineShift
    effective: date


class DeadlineChange(StrEnum):
    """What a new load of a plan does to a milestone's deadline."""

    UNCHANGED = "unchanged"
    REWORDED = "reworded"  # new words, same last day (`before 16/9` for `by 15/9`): the ladder stands
    MOVED = "moved"  # another last day: a new deadline version, the ladder starts again from it


def deadline_change(current: WrittenDeadline, new: WrittenDeadline) -> DeadlineChange:
    """Whether `new` moves the deadline `current`, only rewords it, or is the same."""
    if new == current:
        return DeadlineChange.UNCHANGED
    if new.effective == current.effective:
        return DeadlineChange.REWORDED
    return DeadlineChange.MOVED


@dataclass(frozen=True)
class Deadline:
    """A milestone's deadline, written and effective, in the plan's zone."""

    written: date  # the last day as the document has it
    effective: date  # after the art. 148 shift, if the plan applies it
    zone: ZoneInfo

    @property
    def due_at(self) -> datetime:
        return end_of_day(self.effective, self.zone)

    @property
    def shifted(self) -> bool:
        return self.written != self.effective

    def extended_to(self, until: date | None) -> Deadline:
        """This deadline for a unit granted more time until `until` (its own last day, as the
        decision writes it): itself when `until` is None or not later."""
        if until is None or until <= self.effective:
            return self
        return Deadline(written=until, effective=until, zone=self.zone)

    def days_overdue(self, as_of: date) -> int | None:
        """Calendar days from the effective last day to `as_of` (the day after counts 1)."""
        late = (as_of - self.effective).days
        return late if late > 0 else None


def deadline_of(
    milestone: Milestone, shift: DeadlineShift, calendar: WorkCalendar, zone: ZoneInfo
) -> Deadline:
    return Deadline(
        written=written_last_day(milestone.due, milestone.due_rule),
        effective=effective_last_day(milestone.due, milestone.due_rule, shift, calendar),
        zone=zone,
    )
