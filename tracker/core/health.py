"""Whether the daemon is alive: read from the heartbeat it records after each sweep."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from tracker.core.calendar import SendingWindow

DEFAULT_STALE_AFTER = timedelta(hours=1)  # when the daemon did not say how often it sweeps
STALE_INTERVALS = 2  # a daemon that missed two sweeps in a row is stale


@dataclass(frozen=True)
class Heartbeat:
    """What the daemon last recorded about itself."""

    last_sweep_at: datetime | None
    next_sweep_at: datetime | None = None
    interval: timedelta | None = None  # between sweeps, when known
    stopped_at: datetime | None = None  # when it was stopped cleanly (Ctrl-C, SIGTERM)


@dataclass(frozen=True)
class DaemonHealth:
    last_sweep_at: datetime | None
    next_sweep_at: datetime | None
    stale: bool  # no reminder goes out: stopped, or silent for longer than `stale_after`
    stale_after: timedelta  # a last sweep older than this at `as_of` is stale
    stopped_at: datetime | None = None  # stopped cleanly at this moment, and not started again since


def daemon_health(
    heartbeat: Heartbeat, as_of: datetime, stale_after: timedelta | None = None
) -> DaemonHealth:
    """Whether the daemon is alive at `as_of`: stopped when it said so (and has not swept since), stale
    when stopped, when it never swept, or when its last sweep is older than `stale_after` (default: two
    sweep intervals; an hour when the interval is unknown)."""
    if stale_after is None:
        stale_after = STALE_INTERVALS * heartbeat.interval if heartbeat.interval else DEFAULT_STALE_AFTER
    last, stopped = heartbeat.last_sweep_at, heartbeat.stopped_at
    if stopped is not None and (stopped > as_of or (last is not None and last > stopped)):
        stopped = None  # a stop after `as_of` was not known then; a sweep after it means it runs again
    return DaemonHealth(
        last_sweep_at=last,
        next_sweep_at=None if stopped else heartbeat.next_sweep_at,
        stale=stopped is not None or last is None or as_of - last > stale_after,
        stale_after=stale_after,
        stopped_at=stopped,
    )


@dataclass(frozen=True)
class MailboxHealth:
    """How Ban Tổ chức's mailbox is read: replies and bounces go unseen while it fails."""

    last_read_at: datetime | None  # the last read that went through
    last_error: str  # the last failure in words ("" when none ever); kept after a good read, for the record
    last_error_at: datetime | None
    next_try_at: datetime | None  # while failing: when the daemon tries again (None: not by itself)
    failing: bool  # the last try failed


def mailbox_health(
    last_read_at: datetime | None,
    last_error: str,
    last_error_at: datetime | None,
    next_try_at: datetime | None,
) -> MailboxHealth:
    """Failing when the last try (the later of the last good read and the last error) failed."""
    failing = last_error_at is not None and (last_read_at is None or last_error_at > last_read_at)
    return MailboxHealth(last_read_at, last_error, last_error_at, next_try_at if failing else None, failing)


STUCK_AFTER = timedelta(minutes=30)  # mail still waiting this long into a sending window is stuck


@dataclass(frozen=True)
class MailHealth:
    """The outbox as the operator needs it: what waits to leave, since when, why, and who was refused."""

    waiting: int  # emails whose time has come, not yet accepted by the mail server
    oldest_due_at: datetime | None  # when the oldest of them was due to leave
    last_error: str  # the mail server's last answer (or the error) for one of them; "" when none tried
    refused: tuple[str, ...]  # addresses the mail server refused for good, most recent first
    stuck: bool  # mail that should have left has not: the operator must look


def mail_health(
    waiting: int,
    oldest_due_at: datetime | None,
    last_error: str,
    refused: tuple[str, ...],
    window: SendingWindow,
    as_of: datetime,
) -> MailHealth:
    """Stuck when an email waits and the server answered an error, or when the sending window opened
    for the oldest waiting email more than STUCK_AFTER before `as_of` (mail queued at night waits for
    the morning without being stuck)."""
    late = oldest_due_at is not None and window.opening_on_or_after(oldest_due_at) + STUCK_AFTER <= as_of
    stuck = waiting > 0 and (bool(last_error) or late)
    return MailHealth(waiting, oldest_due_at, last_error, refused, stuck)
