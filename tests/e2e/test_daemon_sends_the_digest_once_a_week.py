"""The weekly digest goes out once per period, across restarts, and a period missed while the daemon
was down is sent when it comes back (late beats never)."""

from __future__ import annotations

import email
import email.policy
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tracker.cli.daemon import build_daemon
from tracker.daemon.runner import StopFlag
from tracker.daemon.service import Daemon
from tracker.services.loading import load_config_into
from tracker.settings import read_settings
from tracker.shell import App
from tracker.store.db import session_factory
from tracker.store.tables import OutboxRow

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2019, 9, 16, 7, 30, tzinfo=ZONE)


@pytest.fixture
def app(tmp_path: Path, config_dir: Path, database_url: str) -> App:
    app = App(config_dir=config_dir)
    app.settings = read_settings(
        config_dir,
        env={
            "TRACKER_DATABASE_URL": database_url,
            "TRACKER_OUTBOX_DIR": str(tmp_path / "outbox"),
            "TRACKER_DIGESTS_DIR": str(tmp_path / "digests"),
        },
    )
    with app.transaction() as session:
        load_config_into(session, app.read_config(), now=MONDAY - timedelta(days=30), actor="test")
    return app


def _restarted(app: App, at: datetime) -> Daemon:
    """A new daemon process, as after a restart: nothing carried over but the database."""
    return build_daemon(app, timedelta(minutes=5), StopFlag(), at)


def _digest_rows(app: App) -> list[tuple[str, str]]:
    with session_factory(app.engine)() as session:
        return [(r.key, r.state) for r in session.query(OutboxRow).filter(OutboxRow.kind == "digest")]


def test_the_digest_is_sent_once_per_week_whatever_the_restarts(app: App, tmp_path: Path) -> None:
    assert _restarted(app, MONDAY).send_digest(MONDAY) is True
    assert _restarted(app, MONDAY).send_digest(MONDAY + timedelta(hours=2)) is False
    assert _restarted(app, MONDAY).send_digest(MONDAY + timedelta(days=3)) is False
    assert _restarted(app, MONDAY).send_digest(MONDAY + timedelta(days=7)) is True

    assert _digest_rows(app) == [
        ("digest:2019-09-16T07:30:00+07:00", "sent"),
        ("digest:2019-09-23T07:30:00+07:00", "sent"),
    ]
    sent = sorted((tmp_path / "outbox").glob("*digest*.eml"))
    assert len(sent) == 2
    message = email.message_from_bytes(sent[0].read_bytes(), policy=email.policy.default)
    assert message["To"] == "bantochuc@example.org"
    assert message["Cc"] == "thuongtruc@example.org"
    assert message["Date"] == "Mon, 16 Sep 2019 07:30:00 +0700"
    archived = sorted(p.name for p in (tmp_path / "digests").iterdir())
    assert archived == [
        "bao-cao-tien-do-2019-09-16.eml",
        "bao-cao-tien-do-2019-09-16.html",
        "bao-cao-tien-do-2019-09-23.eml",
        "bao-cao-tien-do-2019-09-23.html",
    ]


def test_a_monday_missed_during_downtime_is_caught_up_when_the_daemon_returns(
    app: App, tmp_path: Path
) -> None:
    back_on_tuesday = MONDAY + timedelta(days=1, hours=1)

    assert _restarted(app, back_on_tuesday).send_digest(back_on_tuesday) is True

    assert _digest_rows(app) == [("digest:2019-09-16T07:30:00+07:00", "sent")]
    assert (tmp_path / "digests" / "bao-cao-tien-do-2019-09-16.html").is_file()
