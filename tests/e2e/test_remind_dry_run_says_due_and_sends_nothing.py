"""`tracker remind --dry-run`: what a sweep at T would send, each with state `due`; nothing is sent
and the database is left exactly as it was, so the real run afterwards sends the same emails."""

from __future__ import annotations

from collections.abc import Callable

from tests.e2e.commands import Snapshot, Tracker
from tests.smtp_server import SmtpSink

T = "2019-08-26T07:30:00+07:00"


def test_a_dry_run_lists_the_due_reminders_and_changes_nothing(
    tracker: Tracker, smtp_sink: SmtpSink, snapshot: Callable[[], Snapshot]
) -> None:
    tracker.env |= smtp_sink.env()
    tracker.ok("load")
    before = snapshot()

    dry = tracker.json("remind", "--as-of", T, "--dry-run")

    assert {line["state"] for line in dry} == {"due"}
    assert len(dry) == 13  # the notice to every unit; the owner's report is due in October
    assert all(line["to"] and line["message_id"] for line in dry)
    assert smtp_sink.mail_commands == 0
    assert snapshot() == before

    real = tracker.json("remind", "--as-of", T)

    assert {line["state"] for line in real} == {"sent"}
    unchanging = ("unit", "step", "repeat", "to", "cc", "message_id", "due_at")
    assert [{k: line[k] for k in unchanging} for line in real] == [
        {k: line[k] for k in unchanging} for line in dry
    ]
