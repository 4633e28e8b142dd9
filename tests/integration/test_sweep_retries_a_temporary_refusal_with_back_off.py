"""A server answering 451 to DATA: the reminder stays pending and is retried by later sweeps, first
after 5 minutes, then 10, 20, 40, 80, and never more than 2 hours apart, until a 250 takes it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine

from tests.integration.reminder_fixtures import at, keep_units, load, outbox_row, sweep_for
from tests.smtp_server import SmtpSink

NOTICE = at(26, 8)  # Đông Hà's notice is due at 07:30


def test_a_451_is_retried_after_5_minutes_then_doubling_up_to_2_hours_until_it_is_taken(
    engine: Engine, config_dir: Path, smtp_sink: SmtpSink
) -> None:
    keep_units(config_dir, ["ldld-dong-ha"])
    load(engine, config_dir)
    sweep = sweep_for(engine, smtp_sink.env())
    smtp_sink.fail_data(times=7)

    tries = []
    now = NOTICE
    for _ in range(7):
        (line,) = sweep.run(now).lines
        row = outbox_row(engine, "ldld-dong-ha", "thong-bao")
        tries.append((line.state, row.state, row.attempts, row.next_attempt_at - now))
        # A sweep a minute before the retry is due leaves the server alone.
        commands = smtp_sink.mail_commands
        assert sweep.run(row.next_attempt_at - timedelta(minutes=1)).lines == []
        assert smtp_sink.mail_commands == commands
        now = row.next_attempt_at

    minutes = [5, 10, 20, 40, 80, 120, 120]
    assert tries == [("pending", "pending", n, timedelta(minutes=m)) for n, m in enumerate(minutes, start=1)]
    assert now == at(26, 8, 14, 5)
    assert outbox_row(engine, "ldld-dong-ha", "thong-bao").last_reply.startswith("451 4.3.0")
    assert smtp_sink.received == []

    (line,) = sweep.run(now).lines

    row = outbox_row(engine, "ldld-dong-ha", "thong-bao")
    assert (line.state, row.state, row.attempts, row.next_attempt_at) == ("sent", "sent", 8, None)
    assert row.sent_at == now
    (mail,) = smtp_sink.received
    assert mail.rcpt_tos == ("ldld.dongha@example.org", "vanphong.dongha@example.org")
    assert mail.raw == row.message  # the bytes rendered once, when it was queued
    assert smtp_sink.mail_commands == 8
    assert sweep.run(now + timedelta(hours=1)).lines == []
    assert len(smtp_sink.received) == 1
