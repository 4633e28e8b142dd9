"""Intake against a real Dovecot when things go wrong: the connection dropped in the middle of a batch
keeps what was handled and the next run reads the rest, none twice; an attachment of 60 MB and a mail
of fifty attachments are kept with the reason said; a reply with no Message-ID is kept once."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import Engine, select

from tests.imap_server import Dovecot, DroppingProxy, dovecot  # noqa: F401 - registers the fixture
from tests.incoming_mail import PDF
from tracker.mail.settings import imap_settings_from_env
from tracker.services.intake import Intake
from tracker.store.db import session_factory
from tracker.store.tables import IncomingMailRow

NOW = datetime.fromisoformat("2019-09-18T10:00:00+07:00")


def _mail(number: int, attachments: list[tuple[str, bytes]], *, message_id: bool = True) -> bytes:
    mail = EmailMessage()
    mail["From"] = "ldld.donvi@example.net"
    mail["To"] = "bantochuc@example.org"
    mail["Subject"] = f"Báo cáo số {number}/BC-LĐLĐ"
    if message_id:
        mail["Message-ID"] = f"<bao-cao-{number}@example.net>"
    mail.set_content("Kính gửi Ban Tổ chức.")
    for name, data in attachments:
        mail.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    return mail.as_bytes()


def _intake(engine: Engine, env: dict[str, str], tmp_path: Path) -> Intake:
    settings = imap_settings_from_env(env)
    assert settings is not None
    return Intake(engine, settings, tmp_path / "files")


def _kept(engine: Engine) -> list[tuple[int, str, list[str], int]]:
    with session_factory(engine)() as session:
        rows = session.scalars(select(IncomingMailRow).order_by(IncomingMailRow.uid))
        return [(row.uid, row.subject, row.problems, len(row.files)) for row in rows]


def test_a_connection_dropped_mid_batch_loses_and_repeats_nothing(
    engine: Engine,
    dovecot: Dovecot,  # noqa: F811
    tmp_path: Path,
) -> None:
    padded = PDF + b"%" + b"x" * 30_000 + b"\n"
    for number in (1, 2, 3):
        dovecot.append(_mail(number, [("bc.pdf", padded)]))

    with DroppingProxy(dovecot, after_bytes=60_000) as proxy:  # in the middle of the second message
        cut = _intake(engine, proxy.env(), tmp_path).run(NOW)
    rest = _intake(engine, dovecot.env(), tmp_path).run(NOW)

    assert [line.uid for line in cut.lines] == [1] and cut.error
    assert [line.uid for line in rest.lines] == [2, 3] and not rest.error
    assert [uid for uid, *_ in _kept(engine)] == [1, 2, 3]


def test_a_60_mb_attachment_is_left_in_the_mailbox_with_the_reason(
    engine: Engine,
    dovecot: Dovecot,  # noqa: F811
    tmp_path: Path,
) -> None:
    dovecot.append(_mail(60, [("ban-scan.pdf", PDF + b"0" * (60 * 1024 * 1024))]))

    _intake(engine, dovecot.env(), tmp_path).run(NOW)

    [(_uid, _subject, problems, files)] = _kept(engine)
    assert files == 0
    assert any("ban-scan.pdf" in p and "60.0 MB" in p for p in problems), problems


def test_fifty_attachments_keep_twenty_and_say_so(engine: Engine, dovecot: Dovecot, tmp_path: Path) -> None:  # noqa: F811
    dovecot.append(_mail(50, [(f"phu-luc-{n}.pdf", PDF) for n in range(50)]))

    _intake(engine, dovecot.env(), tmp_path).run(NOW)

    [(_uid, _subject, problems, files)] = _kept(engine)
    assert files == 20
    assert any("50 tệp đính kèm" in p for p in problems), problems


def test_a_reply_without_message_id_delivered_twice_is_kept_once(
    engine: Engine,
    dovecot: Dovecot,  # noqa: F811
    tmp_path: Path,
) -> None:
    raw = _mail(7, [("bc.pdf", PDF)], message_id=False)
    dovecot.append(raw)
    dovecot.append(raw)

    lines = _intake(engine, dovecot.env(), tmp_path).run(NOW).lines

    assert [line.state for line in lines] == ["waiting", "duplicate"]
    [(_uid, _subject, problems, _files)] = _kept(engine)
    assert any("Message-ID" in p for p in problems)
