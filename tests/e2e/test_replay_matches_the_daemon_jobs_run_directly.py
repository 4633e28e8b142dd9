"""The replay is the production daemon on a virtual clock: running its jobs directly at the same
moments (what `tracker remind --as-of` and the digest job do) leaves byte-identical emails and
digests on disk."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from tracker.cli.daemon import build_daemon
from tracker.daemon.replay import Replay, ReplayProgress, read_arrivals, record_arrival
from tracker.daemon.runner import StopFlag
from tracker.services.loading import load_config_into
from tracker.settings import read_settings
from tracker.shell import App
from tracker.store.db import session_factory
from tracker.store.tables import UnitRow

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
START = datetime(2019, 8, 19, tzinfo=ZONE)
UNTIL = datetime.combine(date(2019, 9, 30), time(23, 59, 59), tzinfo=ZONE)
EVERY = timedelta(minutes=5)
PROJECT = Path(__file__).resolve().parents[2]
ARRIVALS = PROJECT / "config" / "demo" / "arrivals.csv"


def _app(base: Path, config_dir: Path) -> App:
    app = App(config_dir=config_dir)
    app.settings = read_settings(
        config_dir,
        env={
            "TRACKER_DATABASE_URL": f"sqlite:///{base / 'tracker.db'}",
            "TRACKER_OUTBOX_DIR": str(base / "outbox"),
            "TRACKER_DIGESTS_DIR": str(base / "digests"),
        },
    )
    with app.transaction() as session:
        load_config_into(session, app.read_config(), now=START, actor="test")
    return app


def _files(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


def test_a_replay_leaves_the_same_emails_and_digests_as_its_jobs_run_directly(
    tmp_path: Path, config_dir: Path
) -> None:
    replayed = _app(tmp_path / "replay", config_dir)
    arrivals = read_arrivals(ARRIVALS, ZONE)
    moments: list[tuple[datetime, str]] = []

    def remember(progress: ReplayProgress) -> None:
        assert progress.now is not None
        moments.append((progress.now, progress.job))

    stop = StopFlag()
    daemon = build_daemon(replayed, EVERY, stop, START)
    progress = Replay(
        replayed.engine, daemon.jobs(START), arrivals, stop, daemon.beat_swept, on_progress=remember
    ).run(START, UNTIL, speed=None)

    direct = _app(tmp_path / "direct", config_dir)
    direct_daemon = build_daemon(direct, EVERY, StopFlag(), START)
    waiting = list(arrivals)
    for moment, job in moments:
        while waiting and waiting[0].at <= moment:
            record_arrival(direct.engine, waiting.pop(0))
        run = {
            "sweep": direct_daemon.run_sweep,
            "digest": direct_daemon.send_digest,
            "beat": direct_daemon.beat_swept,
        }
        run[job](moment)

    emails = _files(tmp_path / "replay" / "outbox")
    digests = _files(tmp_path / "replay" / "digests")
    assert emails == _files(tmp_path / "direct" / "outbox")
    assert digests == _files(tmp_path / "direct" / "digests")

    # And the replay did the campaign's work: every Monday's digest, every unit's notice.
    mondays = [START.date() + timedelta(days=7 * week) for week in range(7)]
    assert sorted(digests) == sorted(
        f"bao-cao-tien-do-{day:%Y-%m-%d}{suffix}" for day in mondays for suffix in (".eml", ".html")
    )
    with session_factory(replayed.engine)() as session:
        units = list(session.scalars(select(UnitRow.code).where(UnitRow.code != "owner")))
    notices = [name for name in emails if ".thong-bao." in name or "thong-bao" in name]
    assert len(notices) >= len(units)
    assert progress.sent_by_step["thong-bao"] == len(units)
    assert progress.digests == len(mondays)
    # The sweeps skipped at full speed still left their heartbeat: no digest calls the daemon dead.
    assert not [name for name, data in digests.items() if "đã ngừng hoạt động".encode() in data]
    # Only the sweeps that could find something ran: far fewer than one every five minutes.
    assert len(moments) < 300
