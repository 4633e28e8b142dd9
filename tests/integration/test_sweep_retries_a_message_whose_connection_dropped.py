"""The connection dropped after the message data, before the server's answer: the client cannot know
whether it was taken, so the reminder stays pending and is sent again after the back-off (a possible
duplicate rather than a loss); the other reminders of the batch are not held up."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from tests.integration.reminder_fixtures import at, keep_units, load, mails, outbox, sweep_for
from tests.smtp_server import SmtpSink

UNITS = ["ldld-dong-ha", "cd-giao-duc", "cd-y-te"]


def test_a_message_cut_off_before_the_reply_is_retried_and_not_lost(
    engine: Engine, config_dir: Path, smtp_sink: SmtpSink
) -> None:
    keep_units(config_dir, UNITS)
    load(engine, config_dir)
    sweep = sweep_for(engine, smtp_sink.env())
    smtp_sink.drop_during_data()

    first = sweep.run(at(26, 8))

    assert sorted(line.state for line in first.lines) == ["pending", "sent", "sent"]
    (cut,) = [r for r in outbox(engine) if r.state == "pending"]
    assert (cut.attempts, cut.next_attempt_at) == (1, at(26, 8, 7, 35))
    assert cut.last_reply.startswith("SMTPServerDisconnected")
    assert len(smtp_sink.received) == 2

    retried = sweep.run(at(26, 8, 7, 35))

    assert [(line.unit, line.state) for line in retried.lines] == [(cut.unit_code, "sent")]
    assert [(m.unit, m.step) for m in mails(smtp_sink.received)] == [(u, "thong-bao") for u in sorted(UNITS)]
    assert {r.state for r in outbox(engine)} == {"sent"}
