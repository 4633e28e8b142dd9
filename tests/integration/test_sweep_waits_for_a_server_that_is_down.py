"""The mail server down for a while (connection refused): nothing is lost, every reminder stays
pending with the reason, is retried on the back-off schedule and goes out once the server is back."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine

from tests.integration.reminder_fixtures import at, keep_units, load, mails, outbox, sweep_for
from tests.smtp_server import SmtpSink

UNITS = ["ldld-dong-ha", "cd-giao-duc", "cd-y-te"]


def test_reminders_wait_while_the_server_refuses_connections_and_leave_once_when_it_is_back(
    engine: Engine, config_dir: Path, smtp_sink: SmtpSink
) -> None:
    keep_units(config_dir, UNITS)
    load(engine, config_dir)
    sweep = sweep_for(engine, smtp_sink.env())
    smtp_sink.stop()

    first = sweep.run(at(26, 8))
    second = sweep.run(at(26, 8, 7, 35))

    assert [(line.unit, line.state) for line in first.lines] == [(u, "pending") for u in sorted(UNITS)]
    assert sorted((line.unit, line.state) for line in second.lines) == [(u, "pending") for u in sorted(UNITS)]
    rows = outbox(engine)
    assert {(r.state, r.attempts, r.next_attempt_at) for r in rows} == {("pending", 2, at(26, 8, 7, 45))}
    assert all(r.last_reply.startswith("SMTPConnectError: Error connecting to 127.0.0.1") for r in rows)

    smtp_sink.start()
    assert sweep.run(at(26, 8, 7, 44)).lines == []  # the next try is not due yet
    back = sweep.run(at(26, 8, 7, 45))

    assert sorted((line.unit, line.state) for line in back.lines) == [(u, "sent") for u in sorted(UNITS)]
    assert [(m.unit, m.step) for m in mails(smtp_sink.received)] == [(u, "thong-bao") for u in sorted(UNITS)]
    assert {(r.state, r.attempts, r.sent_at) for r in outbox(engine)} == {("sent", 3, at(26, 8, 7, 45))}
    assert sweep.run(at(26, 8, 8, 0) + timedelta(hours=2)).lines == []
    assert len(smtp_sink.received) == len(UNITS)
