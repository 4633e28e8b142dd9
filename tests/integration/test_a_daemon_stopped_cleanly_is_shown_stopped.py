"""The stop a daemon records when it is stopped cleanly (Ctrl-C, SIGTERM) is read back and shown at
once — "đã dừng lúc …" in the status and on the dashboard — not an hour later as a silent daemon."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from tracker.core.health import daemon_health
from tracker.digest.wording import health_text
from tracker.store.db import session_factory
from tracker.store.repository import latest_heartbeat, record_heartbeat

STARTED = datetime(2019, 9, 16, 0, 30, tzinfo=UTC)


def test_a_clean_stop_is_read_back_and_said(engine: Engine) -> None:
    swept, stopped = STARTED + timedelta(minutes=5), STARTED + timedelta(minutes=7)
    with session_factory(engine)() as session, session.begin():
        record_heartbeat(
            session,
            name="may-chu:1",
            started_at=STARTED,
            interval_seconds=300,
            last_sweep_at=swept,
            next_sweep_at=swept + timedelta(minutes=5),
        )
    with session_factory(engine)() as session, session.begin():
        record_heartbeat(
            session,
            name="may-chu:1",
            started_at=STARTED,
            interval_seconds=300,
            next_sweep_at=None,
            stopped_at=stopped,
        )
    with session_factory(engine)() as session:
        heartbeat = latest_heartbeat(session)
    assert heartbeat is not None
    health = daemon_health(heartbeat, stopped + timedelta(seconds=30))
    assert health.stale and health.stopped_at == stopped
    assert "đã dừng lúc 07:37 ngày 16/09/2019" in health_text(health, ZoneInfo("Asia/Ho_Chi_Minh"))
