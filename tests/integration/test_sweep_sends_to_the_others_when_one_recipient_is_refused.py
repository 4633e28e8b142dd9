"""A 550 for one recipient of three: that address is recorded as refused for the admins, the two
others get the email, the reminder counts as sent and is never sent again."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from tests.integration.reminder_fixtures import at, keep_units, load, outbox_row, sweep_for
from tests.smtp_server import SmtpSink

OVERDUE = at(17, 9)  # Đông Hà's overdue notice: its two addresses, its chair in copy
REFUSAL = "550 5.1.1 <vanphong.dongha@example.org>: Recipient address rejected: User unknown"


def test_the_refused_recipient_is_recorded_and_the_two_others_get_the_email_once(
    engine: Engine, config_dir: Path, smtp_sink: SmtpSink
) -> None:
    keep_units(config_dir, ["ldld-dong-ha"])
    load(engine, config_dir)
    sweep = sweep_for(engine, smtp_sink.env())
    smtp_sink.refuse_recipient("vanphong.dongha@example.org")

    result = sweep.run(OVERDUE)

    sent = [line for line in result.lines if line.state != "superseded"]
    assert [(line.step, line.state, line.to, line.cc) for line in sent] == [
        (
            "qua-han",
            "sent",
            ("ldld.dongha@example.org", "vanphong.dongha@example.org"),
            ("chutich.dongha@example.org",),
        )
    ]
    (mail,) = smtp_sink.received
    assert mail.rcpt_tos == ("ldld.dongha@example.org", "chutich.dongha@example.org")
    assert mail.message["X-Tracker-Key"] == "so-ket-de-an-2019/bao-cao-don-vi/ldld-dong-ha/qua-han/0"
    row = outbox_row(engine, "ldld-dong-ha", "qua-han")
    assert (row.state, row.refused, row.remaining, row.sent_at) == (
        "sent",
        {"vanphong.dongha@example.org": REFUSAL},
        [],
        OVERDUE,
    )

    assert sweep.run(at(17, 9, 16, 0)).lines == []
    assert len(smtp_sink.received) == 1


def test_a_reminder_whose_every_recipient_is_refused_fails_for_good(
    engine: Engine, config_dir: Path, smtp_sink: SmtpSink
) -> None:
    keep_units(config_dir, ["cd-y-te"])
    load(engine, config_dir)
    sweep = sweep_for(engine, smtp_sink.env())
    smtp_sink.refuse_recipient("congdoan.yte@example.org")

    (line,) = sweep.run(at(26, 8)).lines

    row = outbox_row(engine, "cd-y-te", "thong-bao")
    assert (line.state, row.state, row.next_attempt_at) == ("failed", "failed", None)
    assert list(row.refused) == ["congdoan.yte@example.org"]
    assert smtp_sink.received == []
    assert sweep.run(at(26, 8, 12, 0)).lines == []
