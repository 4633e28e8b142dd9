"""Whether the daemon is alive: read from the heartbeat it records after each sweep."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

DEFAULT_STALE_AFTER = timedelta(hours=1)
STALE_INTERVALS = 3  # a daemon that missed this many sweeps in a row is stale


@dataclass(frozen=True)
class Heartbeat:
    """What the daemon last recorded about itself."""

    last_sweep_at: datetime | None
    next_sweep_at: datetime | None = None
    interval: timedelta | None = None  # between sweeps, when known


@dataclass(frozen=True)
class DaemonHealth:
    last_sweep_at: datetime | None
    next_sweep_at: datetime | None
    stale: bool
    stale_after: timedelta  # a last sweep older than this at `as_of` is stale


def daemon_health(
    heartbeat: Heartbeat, as_of: datetime, stale_after: timedelta | None = None
) -> DaemonHealth:
    """Whether the daemon is alive at `as_of`: stale when its last sweep is older than `stale_after`
    (default: three sweep intervals, at least an hour) or it never swept."""
    if stale_after is None:
        stale_after = max(DEFAULT_STALE_AFTER, STALE_INTERVALS * (heartbeat.interval or timedelta(0)))
    last = heartbeat.last_sweep_at
    return DaemonHealth(
        last_sweep_at=last,
        next_sweep_at=heartbeat.next_sweep_at,
        stale=last is None or as_of - last > stale_after,
        stale_after=stale_after,
    )
