"""The deadline as a calendar entry (`.ics`, RFC 5545), attached to the notice and every reminder, so
that the unit's calendar shows the day its report is due. Pure: values in, the file's bytes out.

What Outlook, Gmail and Thunderbird need to show it as one event and to update it rather than add a
second: one VEVENT, `METHOD:PUBLISH` (nobody is asked to reply), an all-day `DTSTART;VALUE=DATE`,
a UID that stays the same for the report's whole life, and a `SEQUENCE` that grows when the deadline
moves.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from tracker.core.deadlines import Deadline

PRODUCT = "-//Theo doi bao cao//tracker//VI"
ALARM_BEFORE = timedelta(hours=15)  # 09:00 on the day before the last day


def event_uid(plan: str, milestone: str, unit: str, domain: str) -> str:
    """The event's UID: the same for (plan, milestone, unit) in every email, whatever the deadline."""
    digest = hashlib.sha256("\x1f".join(("deadline", plan, milestone, unit)).encode()).hexdigest()[:24]
    return f"han-{digest}@{domain}"


def deadline_entry(
    *,
    uid: str,
    sequence: int,
    summary: str,
    description: str,
    deadline: Deadline,
    stamp: datetime,
    link: str | None,
) -> bytes:
    """One all-day event on `deadline`'s effective last day, with an alarm the day before; `sequence`
    0 for the first deadline, raised each time it moves."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", deadline.effective)
    event.add("dtend", deadline.effective + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", f"{description}\n{link}" if link else description)
    if link:
        event.add("url", link)
    event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", -ALARM_BEFORE)
    event.add_component(alarm)
    calendar.add_component(event)
    return bytes(calendar.to_ical())
