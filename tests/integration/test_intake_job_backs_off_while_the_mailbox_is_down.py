"""The daemon's mailbox job: a mailbox that is down is said at each failure and tried again after a
delay that doubles (5 min, 10 min, …), then read as soon as it answers; nothing it held is lost."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from tests.imap_server import Dovecot, dovecot  # noqa: F401 - registers the fixture
from tracker.daemon.service import MailboxReader
from tracker.mail.settings import imap_settings_from_env
from tracker.services.intake import Intake
from tracker.store.db import session_factory
from tracker.store.tables import IncomingMailRow

T0 = datetime.fromisoformat("2019-09-18T08:00:00+07:00")
MAIL = (
    b"From: Ai do <ai.do@example.net>\r\nTo: bantochuc@example.org\r\nSubject: Hoi thu tuc\r\n"
    b"Message-ID: <hoi-1@example.net>\r\nDate: Wed, 18 Sep 2019 07:00:00 +0700\r\n\r\nXin hoi.\r\n"
)


def _kept(engine: Engine) -> int:
    with session_factory(engine)() as session:
        return int(session.scalar(select(func.count()).select_from(IncomingMailRow)) or 0)


def test_a_mailbox_down_is_retried_later_and_read_when_back(
    engine: Engine,
    dovecot: Dovecot,  # noqa: F811
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = imap_settings_from_env(dovecot.env())
    assert settings is not None
    reader = MailboxReader(Intake(engine, settings, tmp_path / "files"), timedelta(minutes=5))
    dovecot.append(MAIL)
    dovecot.stop()

    with caplog.at_level(logging.ERROR, "tracker.daemon"):
        assert reader.run(T0) is None
    assert "mailbox unreadable" in caplog.text and "Không đọc được hộp thư" in reader.problem
    assert reader.run(T0 + timedelta(minutes=4)) is None  # waits, without trying
    assert reader.run(T0 + timedelta(minutes=5)) is None  # tried again: still down
    assert reader.retry_at == T0 + timedelta(minutes=15)  # the delay doubled

    dovecot.start()
    assert reader.run(T0 + timedelta(minutes=10)) is None  # still waiting its turn
    result = reader.run(T0 + timedelta(minutes=15))

    assert result is not None and [line.sender for line in result.lines] == ["ai.do@example.net"]
    assert (reader.failures, reader.retry_at, reader.problem) == (0, None, "")
    assert _kept(engine) == 1
