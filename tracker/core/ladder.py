"""The schedule of a ladder for one milestone deadline: when each step goes out.

A step's day is its offset from the deadline's effective last day; it goes out when the sending window
opens on that day, or at the next opening if that day has none. After the last step, `repeat_every`
repeats it until the plan closes (or for ever). The schedule is computed once per milestone and shared
by every unit that owes the report; repeats are produced lazily and remembered, so a question about a
moment costs work in proportion to the steps up to that moment, never to the number of units.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections.abc import Iterator, Set
from dataclasses import dataclass
from datetime import date, datetime
from operator import attrgetter

from tracker.core.calendar import SendingWindow, WorkCalendar
from tracker.core.deadlines import Deadline, offset_day
from tracker.core.model import CalendarOverride, Ladder, Offset, Organization, Plan, Step
from tracker.core.status import ReportFacts

_at = attrgetter("at")


@dataclass(frozen=True)
class ScheduledStep:
    """One email of the ladder for one deadline: a step, or the n-th repeat of the last step."""

    step: Step
    repeat: int  # 0 for a ladder step; 1, 2, … for the repeats of the last step
    day: date  # the day its offset points at
    at: datetime  # when the sending window opens for it (aware, plan's zone)

    @property
    def key(self) -> tuple[str, int]:
        """What the reminder log knows it by: (step key, repeat)."""
        return (self.step.key, self.repeat)


class LadderSchedule:
    """The steps of one ladder for one deadline, in the order they go out.

    Ladder steps come first, sorted by send time (the ladder's order breaks ties), then the repeats of
    the last one. Later in this order is "higher": when several are due at once, the last one wins.
    Nothing goes out after `closes` (inclusive). Without `closes` the repeats never end, so they are
    computed on demand and kept; a lock guards that memo because one schedule may serve several threads.
    """

    def __init__(
        self,
        deadline: Deadline,
        steps: list[ScheduledStep],
        *,
        repeat_from: ScheduledStep | None,
        repeat_every: Offset | None,
        calendar: WorkCalendar,
        window: SendingWindow,
        closes: date | None,
        ladder: Ladder,
    ) -> None:
        self.deadline = deadline
        self.window = window
        self.closes = closes
        self._entries = steps
        self._last = repeat_from
        self._every = repeat_every
        self._calendar = calendar
        self._ladder = ladder
        self._lock = threading.Lock()
        self._extended: dict[date, LadderSchedule] = {}

    def of_report(self, facts: ReportFacts) -> LadderSchedule:
        """The schedule of one report: this one, or for a unit granted more time, the same ladder
        counted from the unit's own last day (computed once per day granted, shared)."""
        last_day = facts.last_day(self.deadline.effective)
        if last_day == self.deadline.effective:
            return self
        with self._lock:
            if last_day not in self._extended:
                self._extended[last_day] = ladder_schedule(
                    self._ladder,
                    self.deadline.extended_to(last_day),
                    self._calendar,
                    self.window,
                    closes=self.closes,
                )
            return self._extended[last_day]

    def is_closed(self, moment: datetime) -> bool:
        """Whether `moment` falls after the plan's closing day, when nobody is reminded any more."""
        return _after_close(moment, self.deadline, self.closes)

    def steps_through(self, moment: datetime) -> list[ScheduledStep]:
        """Every step (repeats included) whose `at` is on or before `moment`, in order."""
        return self._entries[: self._count_through(moment)]

    def after(self, moment: datetime | None) -> Iterator[ScheduledStep]:
        """The steps whose `at` is after `moment` (all of them for None), in order; unbounded when the
        ladder repeats and the plan never closes."""
        index = 0 if moment is None else self._count_through(moment)
        while (entry := self._entry(index)) is not None:
            yield entry
            index += 1

    def next_after(
        self, moment: datetime | None, exclude: Set[tuple[str, int]] = frozenset()
    ) -> ScheduledStep | None:
        """The first step after `moment` whose key is not in `exclude`; None when the ladder has
        nothing more before the plan closes."""
        return next((s for s in self.after(moment) if s.key not in exclude), None)

    def _count_through(self, moment: datetime) -> int:
        with self._lock:
            while (not self._entries or self._entries[-1].at <= moment) and self._extend():
                pass
        return bisect_right(self._entries, moment, key=_at)

    def _entry(self, index: int) -> ScheduledStep | None:
        if index >= len(self._entries):
            with self._lock:
                while index >= len(self._entries) and self._extend():
                    pass
        return self._entries[index] if index < len(self._entries) else None

    def _extend(self) -> bool:
        """Append the next repeat; False when there is none (no repeats, or the plan has closed)."""
        if self._last is None or self._every is None:
            return False
        # Counting each repeat from the previous one is the same as counting n × repeat_every from the
        # last step: calendar and working days both add up.
        day = offset_day(self._last.day, self._every, self._calendar)
        at = self.window.opening_of_day(day)
        if self.is_closed(at):
            self._last = None
            return False
        self._last = ScheduledStep(self._last.step, self._last.repeat + 1, day, at)
        self._entries.append(self._last)
        return True


def ladder_schedule(
    ladder: Ladder,
    deadline: Deadline,
    calendar: WorkCalendar,
    window: SendingWindow,
    *,
    closes: date | None,
) -> LadderSchedule:
    """The schedule of `ladder` for a milestone due at `deadline`.

    Raises ValueError when `ladder.repeat_every` is not a positive distance (it would never move on).
    """
    if ladder.repeat_every is not None and ladder.repeat_every.amount <= 0:
        raise ValueError(f"repeat_every must be a positive offset, not {ladder.repeat_every}")
    planned = []
    for step in ladder.steps:
        day = offset_day(deadline.effective, step.offset, calendar)
        planned.append(ScheduledStep(step, 0, day, window.opening_of_day(day)))
    planned.sort(key=_at)  # stable: the ladder's order breaks ties
    return LadderSchedule(
        deadline,
        [s for s in planned if not _after_close(s.at, deadline, closes)],
        repeat_from=planned[-1] if planned else None,
        repeat_every=ladder.repeat_every,
        calendar=calendar,
        window=window,
        closes=closes,
        ladder=ladder,
    )


def _after_close(moment: datetime, deadline: Deadline, closes: date | None) -> bool:
    return closes is not None and moment.astimezone(deadline.zone).date() > closes


OfficeCalendar = tuple[Organization, tuple[CalendarOverride, ...], tuple[CalendarOverride, ...]]
"""The organization with its days off and make-up working days, as `tracker load` stores them."""


def plan_reschedules(before: Plan, after: Plan) -> bool:
    """Whether a plan's new version may send its reminders at other times than the one loaded: another
    ladder (steps, offsets, repeat) or closing day. Its reports must be looked at again: an edit that
    extends reminding would otherwise never be sent. (A deadline shift that moves a last day makes a
    new deadline version, looked at by itself.)"""
    return (before.ladder, before.closes) != (after.ladder, after.closes)


def calendar_reschedules(before: OfficeCalendar, after: OfficeCalendar) -> bool:
    """Whether the office's new time zone, sending hours, days off or make-up working days may move
    every plan's reminders."""
    return _when(before) != _when(after)


def _when(calendar: OfficeCalendar) -> tuple[object, ...]:
    organization, days_off, working_days = calendar
    return (
        organization.timezone,
        organization.sending_hours,
        frozenset(o.day for o in days_off),
        frozenset(o.day for o in working_days),
    )
