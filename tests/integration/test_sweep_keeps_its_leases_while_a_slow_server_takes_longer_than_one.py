"""A sending pass renews its leases while it sends: when a slow server makes a batch last longer than
one lease (10 minutes), a second daemon sweeping meanwhile finds the batch's remaining emails still
held and claims none of them, so none goes out twice (issue 13, item 4)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine

from tests.helpers import FolderBetweenMessages
from tests.integration.reminder_fixtures import at, keep_units, load, outbox, sweep_for
from tests.smtp_server import SmtpSink
from tracker.mail.delivery import SendJob
from tracker.services.outbox import Sender
from tracker.store.db import session_factory
from tracker.store.outbox import claim

UNITS = ["ldld-dong-ha", "ldld-cam-lo", "cd-giao-duc", "cd-y-te"]
T = at(26, 8, 7, 35)


def test_a_second_daemon_claims_nothing_of_a_batch_still_being_sent_after_its_first_lease(
    engine: Engine, config_dir: Path, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    keep_units(config_dir, UNITS)
    load(engine, config_dir)
    sweep = sweep_for(engine, smtp_sink.env())
    smtp_sink.stop()
    sweep.run(at(26, 8))  # queued; the server was down: due again at 07:35
    office = sweep.office()
    clock = [0.0]  # the pass's monotonic clock, in seconds
    answered: list[SendJob] = []
    taken_by_the_other: list[str] = []

    def slow_server_then_another_daemon(job: SendJob) -> None:
        answered.append(job)
        if len(answered) == 2:  # the second message took 11 minutes
            clock[0] += timedelta(minutes=11).total_seconds()
        if len(answered) == 3:  # and the other daemon sweeps at 07:47
            with session_factory(engine)() as session, session.begin():
                rows = claim(session, T + timedelta(minutes=12), "daemon-b:2", office.zone, 200)
                taken_by_the_other.extend(row.unit_code for row in rows)

    server = FolderBetweenMessages(tmp_path / "outbox", slow_server_then_another_daemon)
    sender = Sender(engine, server, office.window, "daemon-a:1", clock=lambda: clock[0])

    result = sender.send_due(T)

    assert taken_by_the_other == []
    assert [attempt.state for attempt in result.attempts] == ["sent"] * len(UNITS)
    assert {row.state for row in outbox(engine)} == {"sent"}
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == len(UNITS)
