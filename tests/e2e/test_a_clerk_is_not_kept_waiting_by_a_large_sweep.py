"""SQLite: while `tracker remind` decides the notices of 1,500 units in another process, a clerk's
`receive` and `status` get through with a busy timeout of two seconds. The sweep used to write all its
decisions in one exclusive transaction, and `status` took the write lock too: a clerk's receive failed
after 31.8 s with "database is locked" (issue 13, item 7)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, select

from tests.builders import PROJECT_DIR
from tracker.services.status import office_status
from tracker.services.submissions import Receipt, receive
from tracker.store.db import make_engine, reading_sessions, session_factory
from tracker.store.repository import load_office
from tracker.store.tables import OutboxRow

UNITS = 1_500
NOTICE = "2019-08-26T07:30:00+07:00"
PLAN, MILESTONE = "so-ket-de-an-2019", "bao-cao-don-vi"
CLERK_WAITS_AT_MOST_MS = 2_000
RECEIPTS = 4


@pytest.fixture
def database(tmp_path: Path, config_dir: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """1,500 units loaded into a SQLite file; the environment of a `tracker` process on it."""
    rows = [f"cd-{n:04d},Công đoàn cơ sở số {n},ngành,cd{n}@example.org,,,1" for n in range(UNITS)]
    header = (config_dir / "units.csv").read_text(encoding="utf-8").splitlines()[0]
    (config_dir / "units.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")} | {
        "TRACKER_DATABASE_URL": url,
        "TRACKER_CONFIG_DIR": str(config_dir),
        "TRACKER_OUTBOX_DIR": str(tmp_path / "outbox"),
        "PYTHONPATH": str(PROJECT_DIR),
    }
    subprocess.run(
        [sys.executable, "-m", "tracker.cli.main", "load"], env=env, check=True, capture_output=True
    )
    yield url, env


def _impatient(url: str) -> Engine:
    """An engine whose writers give up after two seconds of waiting for the lock (the clerk's limit)."""
    engine = make_engine(url)

    @event.listens_for(engine, "connect")
    def _impatient_connection(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA busy_timeout={CLERK_WAITS_AT_MOST_MS}")

    return engine


def _queued(engine: Engine) -> int:
    with reading_sessions(engine)() as session:
        return session.scalar(select(func.count()).select_from(OutboxRow)) or 0


def _locked(path: str) -> bool:
    """Whether another process holds the write lock right now."""
    probe = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()


def test_a_clerk_receives_and_reads_while_a_large_sweep_decides(database: tuple[str, dict[str, str]]) -> None:
    url, env = database
    engine = _impatient(url)
    sweep = subprocess.Popen(
        [sys.executable, "-m", "tracker.cli.main", "remind", "--as-of", NOTICE, "--format", "json"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    received_during_the_sweep = 0
    try:
        for n in range(RECEIPTS):
            target = (n + 1) * UNITS // (RECEIPTS + 2)  # spread over the sweep, ahead of where it is
            deadline = time.monotonic() + 120
            # Waiting for the other process to be deciding there (not for time to pass).
            while sweep.poll() is None and time.monotonic() < deadline:
                if _queued(engine) >= target or (n == 0 and _locked(url.removeprefix("sqlite:///"))):
                    break
                time.sleep(0.01)
            unit = f"cd-{UNITS - 1 - n:04d}"
            with session_factory(engine)() as session, session.begin():
                receive(
                    session,
                    load_office(session),
                    PLAN,
                    MILESTONE,
                    unit,
                    Receipt(received_on=date(2019, 8, 26), by="Cán bộ Ban Tổ chức"),
                    replace=False,
                    now=datetime(2019, 8, 26, 1, 0, tzinfo=UTC),
                )
            with reading_sessions(engine)() as session:
                office = load_office(session)
                moment = datetime(2019, 8, 26, 1, 0, tzinfo=UTC)
                assert len(office_status(session, office, moment, moment).lines) == UNITS + 1
            received_during_the_sweep += sweep.poll() is None
    finally:
        _, stderr = sweep.communicate(timeout=300)
    assert sweep.returncode == 0, stderr.decode()
    assert received_during_the_sweep >= RECEIPTS - 1, "the sweep ended before the clerk could work beside it"
    assert _queued(engine) >= UNITS - RECEIPTS
