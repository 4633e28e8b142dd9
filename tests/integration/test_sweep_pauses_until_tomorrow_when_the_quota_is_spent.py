"""A daily-quota refusal (550 5.4.5) is not a bad address: the reminders wait, untouched by later
sweeps that day, until the sending window of the next working day."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from tests.integration.reminder_fixtures import at, keep_units, load, mails, outbox, sweep_for
from tests.smtp_server import SmtpSink

UNITS = ["ldld-dong-ha", "cd-y-te"]


def test_a_spent_quota_on_friday_holds_the_reminders_until_tuesday_after_the_national_day(
    engine: Engine, config_dir: Path, smtp_sink: SmtpSink
) -> None:
    keep_units(config_dir, UNITS)
    load(engine, config_dir)
    sweep = sweep_for(engine, {**smtp_sink.env(), "TRACKER_SMTP_CONNECTIONS": "1"})
    smtp_sink.exceed_quota()

    friday = sweep.run(at(30, 8))  # the notice, late: the server was over its quota all morning

    assert friday.stopped == "quota_exceeded: 550 5.4.5 Daily user sending quota exceeded"
    assert smtp_sink.mail_commands == 1
    # Saturday, Sunday and Monday 2/9 (Quốc khánh) are not working days.
    assert {(r.state, r.next_attempt_at) for r in outbox(engine)} == {("pending", at(3, 9))}

    smtp_sink.restore_quota()
    assert sweep.run(at(30, 8, 16, 0)).lines == []
    assert sweep.run(at(2, 9, 9, 0)).lines == []
    assert smtp_sink.mail_commands == 1

    tuesday = sweep.run(at(3, 9))

    assert {line.state for line in tuesday.lines} == {"sent"}
    assert [(m.unit, m.step) for m in mails(smtp_sink.received)] == [(u, "thong-bao") for u in sorted(UNITS)]
