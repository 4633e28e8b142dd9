"""`tracker run` is the real daemon on the real clock: it sweeps at once, leaves a heartbeat that
`status` shows, and stops cleanly on SIGTERM (as systemd asks), saying so in its heartbeat."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from tracker.store.db import make_engine, migrate, session_factory
from tracker.store.tables import HeartbeatRow

TRACKER = [sys.executable, "-m", "tracker.cli.main"]


def _heartbeats(url: str) -> list[HeartbeatRow]:
    engine = make_engine(url)
    migrate(engine)
    try:
        with session_factory(engine)() as session:
            return list(session.scalars(select(HeartbeatRow)))
    finally:
        engine.dispose()


def _wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_the_daemon_sweeps_beats_and_stops_on_sigterm(tmp_path: Path, config_dir: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    env = {
        **os.environ,
        "TRACKER_DATABASE_URL": url,
        "TRACKER_CONFIG_DIR": str(config_dir),
        "TRACKER_OUTBOX_DIR": str(tmp_path / "outbox"),
        "TRACKER_DIGESTS_DIR": str(tmp_path / "digests"),
    }
    env.pop("TRACKER_SMTP_HOST", None)
    subprocess.run([*TRACKER, "load"], env=env, cwd=tmp_path, check=True, capture_output=True)
    started = datetime.now(UTC)
    daemon = subprocess.Popen(
        [*TRACKER, "run", "--sweep-minutes", "1"], env=env, cwd=tmp_path, stderr=subprocess.PIPE, text=True
    )
    try:
        assert _wait_for(lambda: any(h.last_sweep_at for h in _heartbeats(url)), 30), "no sweep within 30 s"
        [beat] = _heartbeats(url)
        assert beat.last_sweep_at is not None and beat.last_sweep_at >= started.replace(microsecond=0)
        assert beat.next_sweep_at is not None and beat.next_sweep_at > beat.last_sweep_at
        assert beat.interval_seconds == 60
        status = subprocess.run([*TRACKER, "status"], env=env, cwd=tmp_path, capture_output=True, text=True)
        assert "Tiến trình nền" in status.stdout

        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(timeout=30) == 0
    finally:
        if daemon.poll() is None:
            daemon.kill()
    log = daemon.stderr.read() if daemon.stderr else ""
    assert "SIGTERM received" in log
    [beat] = _heartbeats(url)
    assert beat.stopped_at is not None and beat.next_sweep_at is None
