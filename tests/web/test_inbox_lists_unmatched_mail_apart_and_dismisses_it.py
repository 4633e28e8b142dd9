"""Mail from an address no unit has is listed apart on "Thư đến"; accepting it without choosing the
report is refused next to the field, nothing recorded; dismissing it keeps it as handled, audited; a
report chosen from the outstanding ones in the list is recorded, audited with the clerk."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, select

from tests.imap_server import Dovecot, dovecot  # noqa: F401 - registers the fixture
from tests.web.helpers import csrf_token, log_in
from tracker.mail.settings import imap_settings_from_env
from tracker.services.intake import Intake
from tracker.store.db import session_factory
from tracker.store.tables import AuditRow, ExpectedReportRow, IncomingMailRow

MAIL = (
    b"From: Ai do <ai.do@example.net>\r\nTo: bantochuc@example.org\r\nSubject: Hoi ve bieu mau\r\n"
    b"Message-ID: <hoi-2@example.net>\r\nDate: Tue, 17 Sep 2019 09:00:00 +0700\r\n\r\nXin hoi.\r\n"
)


@pytest.fixture
def mail_id(
    app: Flask,
    client: FlaskClient,
    loaded_engine: Engine,
    dovecot: Dovecot,  # noqa: F811
    tmp_path: Path,
) -> int:
    """The mail read from the mailbox, its id; the clerk signed in."""
    settings = imap_settings_from_env(dovecot.env())
    assert settings is not None
    dovecot.append(MAIL)
    Intake(loaded_engine, settings, tmp_path / "files").run(app.extensions["tracker"].now())
    with session_factory(loaded_engine)() as session:
        found = session.scalar(select(IncomingMailRow.id))
    assert found is not None and log_in(client, "clerk").status_code == 302
    return int(found)


def test_unmatched_mail_is_listed_apart_refused_without_a_report_and_dismissed(
    client: FlaskClient, loaded_engine: Engine, mail_id: int
) -> None:

    page = client.get("/inbox").get_data(as_text=True)
    unmatched = page.split("Chưa khớp")[1]
    assert "ai.do@example.net" in unmatched and "chưa khớp với báo cáo nào" in unmatched

    refused = client.post(
        f"/inbox/{mail_id}/accept",
        data={"csrf_token": csrf_token(page), f"m{mail_id}-received_on": "17/09/2019"},
    )
    assert refused.status_code == 400
    assert "Hãy chọn báo cáo mà thư này gửi tới" in refused.get_data(as_text=True)

    dismissed = client.post(f"/inbox/{mail_id}/dismiss", data={"csrf_token": csrf_token(page)})
    assert dismissed.status_code == 303
    assert "ai.do@example.net" not in client.get("/inbox").get_data(as_text=True)
    with session_factory(loaded_engine)() as session:
        assert session.scalar(select(IncomingMailRow.state)) == "dismissed"
        dismissed_by = session.scalar(select(AuditRow.actor).where(AuditRow.action == "mail.dismiss"))
    assert dismissed_by == "Người dùng clerk"


def test_unmatched_mail_is_given_a_report_chosen_from_the_outstanding_ones(
    client: FlaskClient, loaded_engine: Engine, mail_id: int
) -> None:
    page = client.get("/inbox").get_data(as_text=True)

    select_box = page.split(f'<select id="m{mail_id}-report" name="m{mail_id}-report">')[1].split(
        "</select>"
    )[0]
    options = re.findall(r'<option(?: selected)? value="([^"]*)"[^>]*>([^<]*)</option>', select_box)
    assert options[0] == ("", "— Chọn báo cáo —")
    assert '<optgroup label="Sơ kết' in select_box and len(options) > 10
    chosen, unit_name = options[1]
    unit = chosen.rpartition("/")[2]
    answer = client.post(
        f"/inbox/{mail_id}/accept",
        data={
            "csrf_token": csrf_token(page),
            f"m{mail_id}-report": chosen,
            f"m{mail_id}-received_on": "17/09/2019",
            f"m{mail_id}-doc_number": "12/BC",
        },
    )

    assert answer.status_code == 303, answer.get_data(as_text=True)[:2000]
    assert f"Đã ghi nhận báo cáo của {unit_name}" in client.get("/inbox").get_data(as_text=True)
    with session_factory(loaded_engine)() as session:
        report = session.scalars(select(ExpectedReportRow).where(ExpectedReportRow.unit.has(code=unit))).one()
        assert (str(report.received_on), report.doc_number) == ("2019-09-17", "12/BC")
        actor = session.scalar(
            select(AuditRow.actor).where(AuditRow.action == "mail.accept", AuditRow.unit_code == unit)
        )
    assert actor == "Người dùng clerk"
    assert chosen not in client.get("/inbox").get_data(as_text=True)  # received: no longer offered
