"""A report recorded after its reminder was queued or claimed, but before it left: the reminder is
cancelled, never sent; the other units' reminders of the same batch still go."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from tests.integration.reminder_fixtures import (
    at,
    keep_units,
    load,
    outbox_row,
    receive_report,
    sweep_for,
)
from tests.smtp_server import SmtpSink
from tracker.services.outbox import CLAIM_BATCH
from tracker.store.db import session_factory
from tracker.store.outbox import claim

NOTICE_DAY = date(2019, 8, 26)


def test_a_report_recorded_while_its_reminder_waits_for_a_retry_cancels_it(
    engine: Engine, config_dir: Path, smtp_sink: SmtpSink
) -> None:
    keep_units(config_dir, ["ldld-dong-ha", "cd-y-te"])
    load(engine, config_dir)
    sweep = sweep_for(engine, smtp_sink.env())
    smtp_sink.stop()
    assert {line.state for line in sweep.run(at(26, 8)).lines} == {"pending"}

    receive_report(engine, "ldld-dong-ha", NOTICE_DAY, at(26, 8, 7, 32))
    smtp_sink.start()
    retried = sweep.run(at(26, 8, 7, 35))

    assert [(line.unit, line.state) for line in retried.lines] == [("cd-y-te", "sent")]
    assert [m.rcpt_tos for m in smtp_sink.received] == [("congdoan.yte@example.org",)]
    assert outbox_row(engine, "ldld-dong-ha", "thong-bao").state == "cancelled"


def test_a_report_recorded_while_a_sender_holds_its_reminder_cancels_it_when_the_lease_is_reclaimed(
    engine: Engine, config_dir: Path, smtp_sink: SmtpSink
) -> None:
    keep_units(config_dir, ["ldld-dong-ha", "cd-y-te"])
    load(engine, config_dir)
    sweep = sweep_for(engine, smtp_sink.env())
    smtp_sink.stop()
    sweep.run(at(26, 8))  # queued; the first try found the server down
    # Another sender claims both at 07:35, then dies before it can send anything.
    with session_factory(engine)() as session, session.begin():
        claimed = claim(session, at(26, 8, 7, 35), "dead-host:4242", sweep.office().zone, CLAIM_BATCH)
        assert sorted((r.unit_code, r.state) for r in claimed) == [
            ("cd-y-te", "sending"),
            ("ldld-dong-ha", "sending"),
        ]
    smtp_sink.start()

    receive_report(engine, "ldld-dong-ha", NOTICE_DAY, at(26, 8, 7, 40))
    assert sweep.run(at(26, 8, 7, 44)).lines == []  # the dead sender's lease still holds
    reclaimed = sweep.run(at(26, 8, 7, 46))

    assert [(line.unit, line.state) for line in reclaimed.lines] == [("cd-y-te", "sent")]
    assert [m.rcpt_tos for m in smtp_sink.received] == [("congdoan.yte@example.org",)]
    assert outbox_row(engine, "ldld-dong-ha", "thong-bao").state == "cancelled"
