"""Two daemons on one database (an operator started a second one by mistake, or a failover) run
their sweep at the same moment over many units: each email reaches the server exactly once, both
do part of the sending, and both leave a heartbeat."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine, select

from tests.integration.reminder_fixtures import (
    TEMPLATES_DIR,
    at,
    generated_units,
    load,
    mail_of,
    outbox,
    sweep_for,
    write_units,
)
from tests.smtp_server import SmtpSink
from tracker.daemon.service import Daemon
from tracker.digest.wording import digest_environment
from tracker.services.digests import DigestQueue
from tracker.services.outbox import CLAIM_BATCH
from tracker.services.sweep import SweepResult, default_mail_from
from tracker.store.db import make_engine, session_factory
from tracker.store.tables import HeartbeatRow

UNITS = CLAIM_BATCH + 50  # more than one claim takes
CONNECTIONS = 2  # per daemon
T = at(26, 8)  # the notice to every unit


def daemon(database_url: str, name: str, smtp_env: dict[str, str], tmp_path: Path) -> Daemon:
    """A daemon as `tracker run` builds it, with its own engine (its own connections)."""
    engine = make_engine(database_url)
    return Daemon(
        engine=engine,
        sweep=sweep_for(engine, smtp_env, worker=name),
        digests=DigestQueue(
            env=digest_environment(TEMPLATES_DIR.parent),
            mail_from=default_mail_from,
            archive_dir=tmp_path / name,
        ),
        every=timedelta(minutes=5),
        name=name,
        started_at=T - timedelta(hours=1),
    )


def test_two_daemons_sweeping_at_the_same_moment_send_each_email_once(
    engine: Engine, database_url: str, config_dir: Path, tmp_path: Path
) -> None:
    write_units(config_dir, generated_units(UNITS))
    load(engine, config_dir)
    # A slow server, so that both daemons are sending at the same time.
    with SmtpSink(data_delay=0.005) as sink:
        smtp_env = sink.env() | {"TRACKER_SMTP_CONNECTIONS": str(CONNECTIONS)}
        daemons = [daemon(database_url, f"host-{n}:100{n}", smtp_env, tmp_path) for n in (1, 2)]
        start = threading.Barrier(len(daemons))

        def sweep(one: Daemon) -> SweepResult:
            start.wait()
            return one.run_sweep(T)

        with ThreadPoolExecutor(len(daemons)) as pool:
            results = list(pool.map(sweep, daemons))
        received = Counter((m.unit, m.step) for m in map(mail_of, sink.received))
        peers = {m.peer for m in sink.received}

    assert len(received) == UNITS
    assert set(received.values()) == {1}
    assert {row.state for row in outbox(engine)} == {"sent"}
    assert all(len(result.lines) > 0 for result in results)
    # Each daemon holds at most CONNECTIONS connections: more peers means both were sending.
    assert len(peers) > CONNECTIONS
    with session_factory(engine)() as session:
        beats = {row.name: row.last_sweep_at for row in session.scalars(select(HeartbeatRow))}
    assert beats == {"host-1:1001": T, "host-2:1002": T}
    for one in daemons:
        one.engine.dispose()
