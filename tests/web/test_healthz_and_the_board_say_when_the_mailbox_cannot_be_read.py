"""A mailbox that cannot be read shows on the dashboard until a read goes through: `/healthz` gives
the last good read, the last error and when, and the next try of the daemon's back-off; the board's
banner says it in red; `tracker status` says it too (issue 14, reading the mailbox)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from flask.testing import FlaskClient
from sqlalchemy import Engine

from tests.imap_server import Dovecot, dovecot  # noqa: F401 - registers the fixture
from tests.web.helpers import Clock, log_in
from tracker.daemon.service import MailboxReader
from tracker.mail.settings import imap_settings_from_env
from tracker.services.intake import Intake

WARNING = "CẢNH BÁO: không đọc được hộp thư đến"


def test_a_mailbox_down_shows_on_healthz_and_the_board_until_a_good_read(
    client: FlaskClient,
    clock: Clock,
    loaded_engine: Engine,
    dovecot: Dovecot,  # noqa: F811
    tmp_path: Path,
) -> None:
    settings = imap_settings_from_env(dovecot.env())
    assert settings is not None
    reader = MailboxReader(Intake(loaded_engine, settings, tmp_path / "files"), timedelta(minutes=5))
    assert reader.run(clock()) is not None  # a first good read
    first_read = clock()
    dovecot.stop()
    clock.advance(timedelta(minutes=5))

    assert reader.run(clock()) is None
    health = client.get("/healthz").get_json()

    assert health["mailbox_failing"] is True
    assert "Không đọc được hộp thư" in health["mailbox_last_error"]
    assert health["mailbox_last_error_at"] == clock().isoformat()
    assert health["mailbox_last_read_at"] == first_read.isoformat()
    assert health["mailbox_next_try_at"] == (clock() + timedelta(minutes=5)).isoformat()
    log_in(client, "viewer")
    board = client.get("/").get_data(as_text=True)
    assert WARNING in board and "sẽ thử lại lúc 10:10 ngày 17/09/2019" in board
    assert "Nhắc nhở tự động: CÓ VẤN ĐỀ" in board

    dovecot.start()
    clock.advance(timedelta(minutes=5))
    assert reader.run(clock()) is not None

    health = client.get("/healthz").get_json()
    assert (health["mailbox_failing"], health["mailbox_next_try_at"]) == (False, None)
    assert health["mailbox_last_read_at"] == clock().isoformat()
    board = client.get("/").get_data(as_text=True)
    assert WARNING not in board and "Hộp thư đến: đọc được lần gần nhất lúc 10:10 ngày 17/09/2019" in board
