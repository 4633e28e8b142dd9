"""`tracker intake` against a real Dovecot: a unit's reply to a reminder the sweep really sent is
matched by its thread and its PDF kept with its SHA-256; an out-of-office answer is never a receipt;
a bounce is recorded as a delivery failure of that recipient; nothing is read twice."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from tests.e2e.commands import Tracker
from tests.imap_server import Dovecot, dovecot  # noqa: F401 - registers the fixture
from tests.incoming_mail import PDF, bounce_of, out_of_office, reply_to
from tests.smtp_server import ReceivedMail, SmtpSink
from tracker.store.db import make_engine
from tracker.store.tables import IncomingMailRow, OutboxRow, SubmittedFileRow

SWEEP = "2019-09-17T07:30:00+07:00"  # the overdue notices of the seed plan go out
READ = "2019-09-18T10:00:00+07:00"


@pytest.fixture
def db(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def swept(tracker: Tracker, smtp_sink: SmtpSink, dovecot: Dovecot) -> list[ReceivedMail]:  # noqa: F811
    tracker.env |= smtp_sink.env() | dovecot.env()
    tracker.ok("load")
    tracker.ok("remind", "--as-of", SWEEP)
    return smtp_sink.received


def _mails(db: Engine) -> list[IncomingMailRow]:
    with db.connect() as connection:
        return list(connection.execute(select(IncomingMailRow).order_by(IncomingMailRow.id)).all())  # type: ignore[arg-type]


def _unit_of(db: Engine, reminder: ReceivedMail) -> Any:
    with db.connect() as connection:
        return connection.scalar(
            select(OutboxRow.unit_code).where(OutboxRow.message_id == str(reminder.message["Message-ID"]))
        )


def test_a_reply_with_a_pdf_is_matched_by_its_thread_and_its_file_kept(
    tracker: Tracker,
    swept: list[ReceivedMail],
    dovecot: Dovecot,  # noqa: F811
    db: Engine,
    tmp_path: Path,
) -> None:
    dovecot.append(reply_to(swept[0]))

    printed = tracker.ok("intake", "--as-of", READ)

    [mail] = _mails(db)
    assert (mail.kind, mail.reason, mail.state) == ("reply", "thread", "waiting")
    assert mail.doc_number == "85/BC-LĐLĐ"
    assert mail.sent_at is not None and mail.sent_at.isoformat() == "2019-09-18T02:15:00+00:00"
    assert _unit_of(db, swept[0]) in printed and "trả lời đúng thư nhắc đã gửi" in printed
    with db.connect() as connection:
        [stored] = connection.execute(select(SubmittedFileRow)).all()
    assert (stored.incoming_mail_id, stored.name, stored.kind) == (mail.id, "bao-cao-so-ket.pdf", "pdf")
    assert stored.sha256 == hashlib.sha256(PDF).hexdigest()
    assert (tmp_path / "var" / "files" / stored.stored_name).read_bytes() == PDF


def test_an_out_of_office_answer_is_set_aside_never_a_receipt(
    tracker: Tracker,
    swept: list[ReceivedMail],
    dovecot: Dovecot,  # noqa: F811
    db: Engine,
) -> None:
    dovecot.append(out_of_office(swept[0]))

    tracker.ok("intake", "--as-of", READ)

    [mail] = _mails(db)
    assert (mail.kind, mail.state) == ("auto_reply", "done")
    unit = _unit_of(db, swept[0])
    assert tracker.status(READ)[("bao-cao-don-vi", unit)]["received_on"] is None


def test_a_bounce_is_recorded_as_a_delivery_failure_of_that_recipient(
    tracker: Tracker,
    swept: list[ReceivedMail],
    dovecot: Dovecot,  # noqa: F811
    db: Engine,
) -> None:
    reminder = swept[0]
    recipient = reminder.rcpt_tos[0]
    dovecot.append(bounce_of(reminder, recipient))

    tracker.ok("intake", "--as-of", READ)

    [mail] = _mails(db)
    assert (mail.kind, mail.reason, mail.state) == ("bounce", "thread", "done")
    with db.connect() as connection:
        refused = connection.scalar(select(OutboxRow.refused).where(OutboxRow.id == mail.outbox_id))
    assert refused == {recipient: "5.1.1 smtp; 550 5.1.1 User unknown"}


def test_a_reminder_every_recipient_of_which_bounced_counts_as_failed(
    tracker: Tracker,
    swept: list[ReceivedMail],
    dovecot: Dovecot,  # noqa: F811
    db: Engine,
) -> None:
    reminder = swept[0]
    for recipient in reminder.rcpt_tos:
        dovecot.append(bounce_of(reminder, recipient))

    tracker.ok("intake", "--as-of", READ)

    with db.connect() as connection:
        state, refused = connection.execute(
            select(OutboxRow.state, OutboxRow.refused).where(
                OutboxRow.message_id == str(reminder.message["Message-ID"])
            )
        ).one()
    assert state == "failed" and set(refused) == set(reminder.rcpt_tos)


def test_each_message_is_read_once_across_runs_and_deliveries(
    tracker: Tracker,
    swept: list[ReceivedMail],
    dovecot: Dovecot,  # noqa: F811
    db: Engine,
) -> None:
    first, second = reply_to(swept[0]), reply_to(swept[1])
    dovecot.append(first)
    tracker.ok("intake", "--as-of", READ)
    dovecot.append(first)  # the same message delivered again
    dovecot.append(second)

    printed = tracker.ok("intake", "--as-of", READ)
    again = tracker.ok("intake", "--as-of", READ)

    assert "đã đọc trước đây" in printed
    assert [m.uid for m in _mails(db)] == [1, 3]
    assert "Không có thư mới." in again


def test_a_dry_run_says_what_it_would_do_and_keeps_nothing(
    tracker: Tracker,
    swept: list[ReceivedMail],
    dovecot: Dovecot,  # noqa: F811
    db: Engine,
    tmp_path: Path,
) -> None:
    dovecot.append(reply_to(swept[0]))

    printed = tracker.ok("intake", "--dry-run", "--as-of", READ)

    assert "trả lời đúng thư nhắc đã gửi" in printed
    assert _mails(db) == []
    assert not (tmp_path / "var" / "files").exists()
    assert len(_mails(db)) == 0 and "Đã đọc 1 thư mới." in tracker.ok("intake", "--as-of", READ)


def test_a_mailbox_that_is_down_is_said_and_nothing_is_lost(
    tracker: Tracker,
    swept: list[ReceivedMail],
    dovecot: Dovecot,  # noqa: F811
    db: Engine,
) -> None:
    dovecot.append(reply_to(swept[0]))
    dovecot.stop()

    result = tracker("intake", "--as-of", READ)

    assert result.exit_code == 1 and "Không đọc được hộp thư" in result.stderr
    said = " ".join(tracker.ok("status").split())  # the health part, whatever the terminal's width
    assert "CẢNH BÁO: không đọc được hộp thư đến (lần thử lúc 10:00 ngày 18/09/2019" in said
    dovecot.start()
    tracker.ok("intake", "--as-of", READ)
    assert len(_mails(db)) == 1
    said = " ".join(tracker.ok("status").split())
    assert "CẢNH BÁO: không đọc" not in said
    assert "Hộp thư đến: đọc được lần gần nhất lúc 10:00 ngày 18/09/2019." in said


def test_with_intake_auto_thread_a_reply_with_a_file_is_recorded_at_once(
    tracker: Tracker,
    swept: list[ReceivedMail],
    dovecot: Dovecot,  # noqa: F811
    db: Engine,
) -> None:
    tracker.env["TRACKER_INTAKE_AUTO"] = "thread"
    dovecot.append(reply_to(swept[0]))
    dovecot.append(reply_to(swept[1], attachments=()))  # no file: the clerk decides

    tracker.ok("intake", "--as-of", READ)

    first, second = _mails(db)
    assert (first.state, second.state) == ("accepted", "waiting")
    row = tracker.status(READ)[("bao-cao-don-vi", _unit_of(db, swept[0]))]
    assert (row["received_on"], row["doc_number"]) == ("2019-09-18", "85/BC-LĐLĐ")
    assert tracker.status(READ)[("bao-cao-don-vi", _unit_of(db, swept[1]))]["received_on"] is None


@pytest.mark.parametrize("command", [("remind", "--as-of", SWEEP), ("intake", "--as-of", READ)])
def test_a_reply_address_without_its_token_is_refused_before_anything_is_sent_or_read(
    tracker: Tracker,
    smtp_sink: SmtpSink,
    dovecot: Dovecot,  # noqa: F811
    command: tuple[str, ...],
) -> None:
    tracker.env |= smtp_sink.env() | dovecot.env() | {"TRACKER_REPLY_TO": "bantochuc@example.org"}
    tracker.ok("load")

    said = tracker.refused(*command)

    assert "TRACKER_REPLY_TO='bantochuc@example.org'" in said and "{token}" in said
    assert smtp_sink.received == []
