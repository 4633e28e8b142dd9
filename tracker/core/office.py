"""The office a config describes: its calendar, time zone, sending window and deadlines, built once."""

from __future__ import annotations

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from tracker.core.calendar import SendingWindow, WorkCalendar
from tracker.core.deadlines import Deadline, deadline_of
from tracker.core.model import Config, Milestone, Plan


@dataclass(frozen=True)
class Office:
    config: Config
    calendar: WorkCalendar
    zone: ZoneInfo
    window: SendingWindow
    _deadlines: dict[tuple[str, str], Deadline] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, config: Config) -> Office:
        calendar = WorkCalendar(config.days_off, config.working_days)
        zone = ZoneInfo(config.organization.timezone)
        return cls(config, calendar, zone, SendingWindow(calendar, config.organization.sending_hours, zone))

    def deadline(self, plan: Plan, milestone: Milestone) -> Deadline:
        key = (plan.code, milestone.code)
        if key not in self._deadlines:
            self._deadlines[key] = deadline_of(milestone, plan.deadline_shift, self.calendar, self.zone)
        return self._deadlines[key]
