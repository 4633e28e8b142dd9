"""The office as loaded: its organization, plans by code, calendar, time zone and sending window.

Built once per command, request or job and handed to the services. It holds no roster: units are read
with the reports that name them, so that what a sweep reads grows with what is due, not with the units.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from tracker.core.calendar import SendingWindow, WorkCalendar
from tracker.core.deadlines import Deadline, deadline_of
from tracker.core.model import CalendarOverride, Config, Milestone, Organization, Plan


@dataclass(frozen=True)
class Office:
    organization: Organization
    plans: Mapping[str, Plan]  # by code, in the order they were given
    calendar: WorkCalendar
    zone: ZoneInfo
    window: SendingWindow
    _deadlines: dict[tuple[str, str], Deadline] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(
        cls,
        organization: Organization,
        plans: Iterable[Plan],
        days_off: tuple[CalendarOverride, ...] = (),
        working_days: tuple[CalendarOverride, ...] = (),
    ) -> Office:
        calendar = WorkCalendar(days_off, working_days)
        zone = ZoneInfo(organization.timezone)
        window = SendingWindow(calendar, organization.sending_hours, zone)
        return cls(organization, {plan.code: plan for plan in plans}, calendar, zone, window)

    @classmethod
    def of(cls, config: Config) -> Office:
        """The office a config directory describes (its roster stays in the config)."""
        return cls.build(config.organization, config.plans, config.days_off, config.working_days)

    def plan(self, code: str) -> Plan | None:
        return self.plans.get(code)

    def deadline(self, plan: Plan, milestone: Milestone) -> Deadline:
        key = (plan.code, milestone.code)
        if key not in self._deadlines:
            self._deadlines[key] = deadline_of(milestone, plan.deadline_shift, self.calendar, self.zone)
        return self._deadlines[key]
