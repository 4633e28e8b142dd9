"""A daemon killed mid-send leaves its claimed emails `sending` under its lease. The next daemon to start
on the same host sees that process is gone and makes them due at once, instead of letting them wait
for the lease to run out (10 minutes); leases of running processes, or of other hosts, are left alone
(issue 13, item 11)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import Engine

from tests.integration.reminder_fixtures import at, keep_units, load, mails, outbox, sweep_for
from tests.smtp_server import SmtpSink
from tracker.services.outbox import reclaim_from_dead_workers, worker_name
from tracker.store.db import session_factory
from tracker.store.outbox import claim

UNITS = ["ldld-dong-ha", "cd-giao-duc", "cd-y-te"]
HOST = "tracker-host"


def a_finished_process() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_new_daemon_sends_at_once_what_a_killed_one_of_its_host_had_claimed(
    engine: Engine, config_dir: Path, smtp_sink: SmtpSink
) -> None:
    keep_units(config_dir, UNITS)
    load(engine, config_dir)
    sweep = sweep_for(engine, smtp_sink.env())
    smtp_sink.stop()
    sweep.run(at(26, 8))  # queued; the server is down, next try at 07:35
    killed = worker_name(HOST, a_finished_process())
    running = worker_name(HOST, os.getppid())
    elsewhere = worker_name("another-host", a_finished_process())
    holders = {}
    for worker in (killed, running, elsewhere):
        with session_factory(engine)() as session, session.begin():
            (row,) = claim(session, at(26, 8, 7, 35), worker, sweep.office().zone, 1)
            holders[worker] = row.unit_code
    smtp_sink.start()

    gone = reclaim_from_dead_workers(engine, HOST, os.getpid(), at(26, 8, 7, 36))
    swept = sweep.run(at(26, 8, 7, 37))

    assert gone == [killed]
    assert [(line.unit, line.state) for line in swept.lines] == [(holders[killed], "sent")]
    assert [m.unit for m in mails(smtp_sink.received)] == [holders[killed]]
    assert {r.unit_code: r.state for r in outbox(engine)} == {
        holders[killed]: "sent",
        holders[running]: "sending",
        holders[elsewhere]: "sending",
    }
