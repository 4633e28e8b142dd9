"""Mail from an address no unit has is listed apart on "Thư đến"; accepting it without naming the
report is refused next to the field, nothing recorded; dismissing it keeps it as handled, audited."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, select

from tests.imap_server import Dovecot, dovecot  # noqa: F401 - registers the fixture
from tests.web.helpers import csrf_token, log_in
from tracker.mail.settings import imap_settings_from_env
from tracker.services.intake import Intake
from tracker.store.db import session_factory
from tracker.store.tables import AuditRow, IncomingMailRow

MAIL = (
    b"From: Ai do <ai.do@example.net>\r\nTo: bantochuc@example.org\r\nSubject: Hoi ve bieu mau\r\n"
    b"Message-ID: <hoi-2@example.net>\r\nDate: Tue, 17 Sep 2019 09:00:00 +0700\r\n\r\nXin hoi.\r\n"
)


def test_unmatched_mail_is_listed_apart_refused_without_a_report_and_dismissed(
    app: Flask,
    client: FlaskClient,
    loaded_engine: Engine,
    dovecot: Dovecot,  # noqa: F811
    tmp_path: Path,
) -> None:
    settings = imap_settings_from_env(dovecot.env())
    assert settings is not None
    dovecot.append(MAIL)
    Intake(loaded_engine, settings, tmp_path / "files").run(app.extensions["tracker"].now())
    with session_factory(loaded_engine)() as session:
        mail_id = session.scalar(select(IncomingMailRow.id))
    assert log_in(client, "clerk").status_code == 302

    page = client.get("/inbox").get_data(as_text=True)
    unmatched = page.split("Chưa khớp")[1]
    assert "ai.do@example.net" in unmatched and "chưa khớp với báo cáo nào" in unmatched

    refused = client.post(
        f"/inbox/{mail_id}/accept",
        data={"csrf_token": csrf_token(page), f"m{mail_id}-received_on": "17/09/2019"},
    )
    assert refused.status_code == 400
    assert "Hãy ghi báo cáo mà thư này gửi tới" in refused.get_data(as_text=True)

    dismissed = client.post(f"/inbox/{mail_id}/dismiss", data={"csrf_token": csrf_token(page)})
    assert dismissed.status_code == 303
    assert "ai.do@example.net" not in client.get("/inbox").get_data(as_text=True)
    with session_factory(loaded_engine)() as session:
        assert session.scalar(select(IncomingMailRow.state)) == "dismissed"
        dismissed_by = session.scalar(select(AuditRow.actor).where(AuditRow.action == "mail.dismiss"))
    assert dismissed_by == "Người dùng clerk"
