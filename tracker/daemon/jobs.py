"""The daemon's jobs and the APScheduler triggers that say when they fire.

The production scheduler and the replay's virtual clock run the same `Job`s; each job gets the
moment it runs for as `now`, so nothing below reads the clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from tracker.core.model import DigestSchedule

CRON_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # APScheduler's own day names


@dataclass(frozen=True)
class Job:
    name: str
    trigger: BaseTrigger
    run: Callable[[datetime], object]
    # How late a run may still start after its time: the sweep is worthless when a newer one is due,
    # but a digest missed during downtime is still sent (Healthchecks' lesson: late beats never).
    misfire_grace: timedelta | None


def sweep_trigger(every: timedelta, zone: ZoneInfo, start: datetime) -> IntervalTrigger:
    return IntervalTrigger(seconds=int(every.total_seconds()), timezone=zone, start_date=start)


def digest_trigger(schedule: DigestSchedule, zone: ZoneInfo) -> CronTrigger:
    return CronTrigger(
        day_of_week=CRON_DAYS[schedule.weekday],
        hour=schedule.at.hour,
        minute=schedule.at.minute,
        timezone=zone,
    )


def last_fire_time(
    trigger: BaseTrigger, now: datetime, horizon: timedelta = timedelta(days=8)
) -> datetime | None:
    """The latest time `trigger` fired at or before `now`, looking back `horizon` (for catch-up)."""
    fire = trigger.get_next_fire_time(None, now - horizon)
    latest = None
    while fire is not None and fire <= now:
        latest = fire
        fire = trigger.get_next_fire_time(fire, fire + timedelta(seconds=1))
    return latest
