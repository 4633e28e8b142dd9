"""An admin's "send now": the digest leaves at once, even on a Sunday evening when reminders wait for
the sending window, and the answer says to whom it went; asking again for the same moment sends
nothing twice."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from tests.integration.reminder_fixtures import at, load, sweep_for
from tests.smtp_server import SmtpSink
from tracker.digest.wording import digest_environment
from tracker.services.digests import DigestQueue, send_digest_now
from tracker.services.sweep import default_mail_from
from tracker.store.db import session_factory
from tracker.store.repository import audit_trail, load_office

SUNDAY_EVENING = at(15, 9, 21, 0)  # outside the sending window (working days, 07:30-17:00)


def test_send_now_sends_at_once_and_says_to_whom(engine: Engine, config_dir: Path, tmp_path: Path) -> None:
    load(engine, config_dir)
    with session_factory(engine)() as session:
        office = load_office(session)
    assert not office.window.is_open(SUNDAY_EVENING)
    queue = DigestQueue(digest_environment(), default_mail_from, tmp_path / "digests")
    with SmtpSink() as sink:
        sender = sweep_for(engine, sink.env()).sender(office)
        first = send_digest_now(engine, office, queue, sender, SUNDAY_EVENING, SUNDAY_EVENING, by="lan")
        again = send_digest_now(engine, office, queue, sender, SUNDAY_EVENING, SUNDAY_EVENING, by="lan")
        received = sink.received

    assert (first.queued, first.sent_to, first.refused) == (
        True,
        ("bantochuc@example.org", "thuongtruc@example.org"),
        (),
    )
    assert (again.queued, again.sent_to) == (False, ())
    assert len(received) == 1
    assert set(received[0].rcpt_tos) == {"bantochuc@example.org", "thuongtruc@example.org"}
    assert "Báo cáo tiến độ" in str(received[0].message["Subject"])
    assert (tmp_path / "digests" / "bao-cao-tien-do-2019-09-15.eml").read_bytes() == received[0].raw
    with session_factory(engine)() as session:
        sends = [row for row in audit_trail(session) if row.action == "digest.send"]
    assert [(row.actor, row.note) for row in sends] == [
        ("lan", "Đã gửi báo cáo tiến độ tới bantochuc@example.org, thuongtruc@example.org."),
        ("lan", "Báo cáo tiến độ của thời điểm này đã được gửi trước đó; không gửi lại."),
    ]
