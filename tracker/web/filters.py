"""How the pages write dates, numbers and states: the digest's own Vietnamese wording, as Jinja
filters, so that a page and the printed digest say the same thing the same way."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from jinja2 import Environment

from tracker.core.calendar import date_vi, weekday_date_vi
from tracker.core.labels import state_label, step_label
from tracker.core.model import ReportState
from tracker.digest.wording import (
    counted,
    effective_deadline,
    health_text,
    inline,
    mail_text,
    mailbox_text,
    moment_vi,
    number_vi,
    percent_vi,
    time_left,
    written_deadline,
)
from tracker.services.reminding import UpcomingLine

# The colour of a state (CSS class); the page always writes the state's words next to it.
STATE_TONES: dict[ReportState, str] = {
    ReportState.PENDING: "tone-wait",
    ReportState.OVERDUE: "tone-bad",
    ReportState.RECEIVED: "tone-good",
    ReportState.RECEIVED_LATE: "tone-late",
    ReportState.EXEMPT: "tone-neutral",
}


def moment(value: datetime | None, zone: ZoneInfo) -> str:
    """`07:30 ngày 16/09/2019` in the plan's zone; an em dash for no moment."""
    return moment_vi(value, zone) if value else "—"


def day(value: date | None) -> str:
    return date_vi(value) if value else "—"


def by_day(lines: Iterable[UpcomingLine], zone: ZoneInfo) -> list[tuple[date, list[UpcomingLine]]]:
    """Reminders (in time order) grouped by their local day, for a schedule laid out day by day."""
    days: dict[date, list[UpcomingLine]] = {}
    for line in lines:
        days.setdefault(line.at.astimezone(zone).date(), []).append(line)
    return list(days.items())


def install(env: Environment) -> None:
    env.filters.update(
        moment=moment,
        day=day,
        weekday_day=weekday_date_vi,
        inline=inline,
        number=number_vi,
        percent=percent_vi,
        written_deadline=written_deadline,
        effective_deadline=effective_deadline,
        time_left=time_left,
        counted=counted,
        health_text=health_text,
        mail_text=mail_text,
        mailbox_text=mailbox_text,
        state_label=state_label,
        state_tone=STATE_TONES.__getitem__,
        step_label=step_label,
        by_day=by_day,
    )
