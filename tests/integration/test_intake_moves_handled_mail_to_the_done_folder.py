"""TRACKER_IMAP_DONE_FOLDER against a real Dovecot: each handled message is moved there (the folder
made when missing, a Vietnamese name included), a dry run moves nothing, and a name the server refuses
is said naming the setting, with nothing read and nothing lost."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from imap_tools.imap_utf7 import utf7_encode
from sqlalchemy import Engine, func, select

from tests.imap_server import Dovecot, dovecot  # noqa: F401 - registers the fixture
from tracker.mail.settings import imap_settings_from_env
from tracker.services.intake import Intake
from tracker.store.db import session_factory
from tracker.store.tables import IncomingMailRow

T0 = datetime.fromisoformat("2019-09-18T08:00:00+07:00")
DONE = "Đã xử lý"


def _mail(number: int) -> bytes:
    return (
        f"From: Ai do <ai.do@example.net>\r\nTo: bantochuc@example.org\r\nSubject: Hoi {number}\r\n"
        f"Message-ID: <hoi-{number}@example.net>\r\nDate: Wed, 18 Sep 2019 07:00:00 +0700\r\n\r\nXin hoi.\r\n"
    ).encode()


def _intake(engine: Engine, dovecot: Dovecot, done: str, files: Path) -> Intake:  # noqa: F811
    settings = imap_settings_from_env(dovecot.env() | {"TRACKER_IMAP_DONE_FOLDER": done})
    assert settings is not None
    return Intake(engine, settings, files)


def _kept(engine: Engine) -> int:
    with session_factory(engine)() as session:
        return int(session.scalar(select(func.count()).select_from(IncomingMailRow)) or 0)


def test_handled_mail_is_moved_to_the_done_folder_made_when_missing(
    engine: Engine,
    dovecot: Dovecot,  # noqa: F811
    tmp_path: Path,
) -> None:
    intake = _intake(engine, dovecot, DONE, tmp_path / "files")
    for number in (1, 2):
        dovecot.append(_mail(number))
    folder = f'"{utf7_encode(DONE).decode("ascii")}"'  # quoted: the name has spaces

    dry = intake.run(T0, dry_run=True)
    assert len(dry.lines) == 2 and dovecot.count("INBOX") == 2 and dovecot.count(folder) == 0

    result = intake.run(T0)

    assert (len(result.lines), result.error) == (2, "")
    assert (dovecot.count("INBOX"), dovecot.count(folder)) == (0, 2)
    dovecot.append(_mail(3))
    assert [line.subject for line in intake.run(T0).lines] == ["Hoi 3"]  # the folder is there now
    assert (dovecot.count("INBOX"), dovecot.count(folder), _kept(engine)) == (0, 3, 3)


def test_a_done_folder_the_server_refuses_is_said_and_nothing_is_read(
    engine: Engine,
    dovecot: Dovecot,  # noqa: F811
    tmp_path: Path,
) -> None:
    dovecot.append(_mail(1))

    result = _intake(engine, dovecot, "~Xong", tmp_path / "files").run(T0)

    assert result.lines == []
    assert "TRACKER_IMAP_DONE_FOLDER='~Xong'" in result.error and "Invalid mailbox name" in result.error
    assert (dovecot.count("INBOX"), _kept(engine)) == (1, 0)
    assert [line.subject for line in _intake(engine, dovecot, "Xong", tmp_path / "files").run(T0).lines] == [
        "Hoi 1"
    ]
