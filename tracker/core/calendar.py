"""The working-day calendar: weekends, Vietnam's public holidays and the office's own overrides.

Public holidays come from the `holidays` package (Vietnamese lunar calendar, swap days and the
government's make-up Saturdays included); `holidays.toml` adds the office's days off and make-up
working days on top. Pure: the calendar is built from values and never reads the clock.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from holidays import HolidayBase

from tracker.core.model import CalendarOverride, SendingHours

WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")

_SEARCH_LIMIT_DAYS = 366  # no real calendar has a year without a working day; a bad override might


def _vietnam_holidays() -> HolidayBase:
    """Vietnam's public holidays, named in Vietnamese.

    `holidays.countries` imports all of its ~250 countries when it is imported, which took a third of
    a command's start-up and ~10 MB of every process; only Vietnam's module is loaded here, through a
    bare package of the same name and path (any other country would still load from it by name).
    """
    if "holidays.countries" not in sys.modules:
        spec = importlib.util.find_spec("holidays.countries")
        assert spec is not None and spec.submodule_search_locations is not None
        package = types.ModuleType(spec.name)
        package.__spec__, package.__path__ = spec, list(spec.submodule_search_locations)
        sys.modules[spec.name] = package
    from holidays.countries.vietnam import Vietnam

    return Vietnam(language="vi")  # type: ignore[no-untyped-call]


def weekday_vi(day: date) -> str:
    """The Vietnamese weekday name: "Thứ Hai" … "Chủ nhật"."""
    return WEEKDAYS_VI[day.weekday()]


def date_vi(day: date) -> str:
    """`15/09/2019`: a date as Vietnamese documents write it."""
    return f"{day:%d/%m/%Y}"


def weekday_date_vi(day: date) -> str:
    """`Chủ nhật, 15/09/2019`: the way deadlines are shown to people."""
    return f"{weekday_vi(day)}, {date_vi(day)}"


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are working days, for one office.

    `days_off` and `working_days` are the office's overrides from holidays.toml; a working-day
    override wins over a weekend and a public holiday, a day off wins over an ordinary weekday.
    """

    days_off: tuple[CalendarOverride, ...] = ()
    working_days: tuple[CalendarOverride, ...] = ()
    _public: HolidayBase = field(default_factory=_vietnam_holidays, compare=False, repr=False)

    @cached_property
    def _off(self) -> dict[date, str]:
        return {o.day: o.name for o in self.days_off}

    @cached_property
    def _on(self) -> dict[date, str]:
        return {o.day: o.name for o in self.working_days}

    def holiday_name(self, day: date) -> str | None:
        """The name of the public holiday or office day off on `day`, if any."""
        return self._off.get(day) or self._public.get(day)

    def is_working_day(self, day: date) -> bool:
        if day in self._on:
            return True
        # The membership test populates the year, and with it the government's make-up Saturdays.
        if day in self._off or day in self._public:
            return False
        if day in self._public.weekend_workdays:
            return True
        return day.weekday() < 5

    def next_working_day(self, day: date, *, include: bool = True) -> date:
        """The first working day on or after `day` (strictly after it when `include` is false)."""
        candidate = day if include else day + timedelta(days=1)
        for _ in range(_SEARCH_LIMIT_DAYS):
            if self.is_working_day(candidate):
                return candidate
            candidate += timedelta(days=1)
        raise ValueError(f"no working day within a year after {day}")

    def add_working_days(self, day: date, count: int) -> date:
        """The `count`-th working day after `day` (before it when negative); `day` itself for 0."""
        step = 1 if count > 0 else -1
        remaining = abs(count)
        candidate = day
        guard = 0
        while remaining:
            candidate += timedelta(days=step)
            guard += 1
            if guard > _SEARCH_LIMIT_DAYS * max(1, abs(count)):
                raise ValueError(f"cannot count {count} working days from {day}")
            if self.is_working_day(candidate):
                remaining -= 1
        return candidate

    def working_days_between(self, start: date, end: date) -> Iterable[date]:
        """Working days in [start, end]."""
        day = start
        while day <= end:
            if self.is_working_day(day):
                yield day
            day += timedelta(days=1)


@dataclass(frozen=True)
class SendingWindow:
    """When emails may leave: working days, inside office hours, in the office's time zone."""

    calendar: WorkCalendar
    hours: SendingHours
    zone: ZoneInfo

    def is_open(self, moment: datetime) -> bool:
        local = moment.astimezone(self.zone)
        return (
            self.calendar.is_working_day(local.date())
            and self.hours.start <= local.time().replace(tzinfo=None) < self.hours.end
        )

    def opening_on_or_after(self, moment: datetime) -> datetime:
        """`moment` itself when the window is open, else the next time it opens."""
        local = moment.astimezone(self.zone)
        day = local.date()
        if self.calendar.is_working_day(day):
            clock = local.time().replace(tzinfo=None)
            if clock < self.hours.start:
                return self._at(day, self.hours.start)
            if clock < self.hours.end:
                return moment
        return self._at(self.calendar.next_working_day(day, include=False), self.hours.start)

    def opening_of_day(self, day: date) -> datetime:
        """When the window opens on `day`, or at the next opening if `day` has none."""
        return self.opening_on_or_after(self._at(day, time(0, 0)))

    def _at(self, day: date, clock: time) -> datetime:
        return datetime.combine(day, clock, tzinfo=self.zone)
