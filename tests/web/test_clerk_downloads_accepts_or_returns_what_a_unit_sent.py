"""The report page shows what a unit sent through its link: a clerk downloads the files (audited,
refused to a viewer), accepts it, or returns it with a reason (the report is outstanding again and a
return email is queued to the unit)."""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, select

from tests.builders import at
from tests.web.helpers import Clock, csrf_token, log_in
from tests.web.unit_forms import PDF, filled, send
from tests.web.unit_links import MILESTONE, PLAN, UNIT, emails_to, links_in, path_of, sweep
from tracker.store.db import session_factory
from tracker.store.repository import find_expected_report
from tracker.store.tables import AuditRow, OutboxRow, UnitSubmissionRow

REPORT = f"/plans/{PLAN}/{MILESTONE}/{UNIT}"


def _sent_by_the_unit(engine: Engine, client: FlaskClient, clock: Clock, outbox: Path) -> str:
    """The unit's report sent through its link (the path of which is returned)."""
    sweep(engine, outbox, at(9, 9))
    link = path_of(links_in(emails_to(outbox, "ldld.dongha@example.org")[-1])[0])
    clock.now = at(13, 9, 9, 0)
    assert send(client, link, filled()).status_code == 303
    return link


def _post(client: FlaskClient, path: str, **data: str) -> Any:
    token = csrf_token(client.get(REPORT).get_data(as_text=True))
    return client.post(path, data={**data, "csrf_token": token})


def test_a_clerk_downloads_the_file_and_the_download_is_audited(
    loaded_engine: Engine, app: Flask, clock: Clock, tmp_path: Path
) -> None:
    _sent_by_the_unit(loaded_engine, app.test_client(), clock, tmp_path / "outbox")
    viewer, clerk = app.test_client(), app.test_client()
    log_in(viewer, "viewer")
    log_in(clerk, "clerk")
    page = clerk.get(REPORT).get_data(as_text=True)
    assert "bao-cao-so-ket.pdf" in page and "Chờ xem xét" in page
    (href,) = set(re.findall(r'href="(/files/\d+)"', page))
    assert viewer.get(href).status_code == 403
    answer = clerk.get(href)
    assert answer.status_code == 200 and answer.data == PDF
    assert "bao-cao-so-ket.pdf" in answer.headers["Content-Disposition"]
    with session_factory(loaded_engine)() as db:
        (audit,) = db.scalars(select(AuditRow).where(AuditRow.action == "file.download")).all()
    assert audit.actor == "Người dùng clerk" and audit.unit_code == UNIT


def test_accepting_changes_nothing_of_the_receipt(
    loaded_engine: Engine, app: Flask, clock: Clock, tmp_path: Path
) -> None:
    _sent_by_the_unit(loaded_engine, app.test_client(), clock, tmp_path / "outbox")
    clerk = app.test_client()
    log_in(clerk, "clerk")
    with session_factory(loaded_engine)() as db:
        (sent,) = db.scalars(select(UnitSubmissionRow)).all()
    assert _post(clerk, f"{REPORT}/sent/{sent.id}/accept").status_code == 303
    again = _post(clerk, f"{REPORT}/sent/{sent.id}/return", reason="muộn")
    assert again.status_code == 400 and "đã được" in again.get_data(as_text=True)
    with session_factory(loaded_engine)() as db:
        report = find_expected_report(db, PLAN, MILESTONE, UNIT)
        assert report is not None and report.received_on == at(13, 9).date()
        assert db.scalars(select(UnitSubmissionRow)).one().state == "accepted"


def test_returning_needs_a_reason_then_reopens_the_report_and_emails_the_unit(
    loaded_engine: Engine, app: Flask, clock: Clock, tmp_path: Path
) -> None:
    link = _sent_by_the_unit(loaded_engine, app.test_client(), clock, tmp_path / "outbox")
    clerk = app.test_client()
    log_in(clerk, "clerk")
    with session_factory(loaded_engine)() as db:
        (sent,) = db.scalars(select(UnitSubmissionRow)).all()
    refused = _post(clerk, f"{REPORT}/sent/{sent.id}/return", reason="  ")
    assert refused.status_code == 400 and "Hãy ghi lý do trả lại" in refused.get_data(as_text=True)
    answer = _post(clerk, f"{REPORT}/sent/{sent.id}/return", reason="Thiếu số liệu.")
    assert answer.status_code == 303
    with session_factory(loaded_engine)() as db:
        report = find_expected_report(db, PLAN, MILESTONE, UNIT)
        assert report is not None and report.received_on is None
        (mail,) = db.scalars(select(OutboxRow).where(OutboxRow.kind == "return")).all()
    assert (mail.unit_code, mail.step_key, mail.state) == (UNIT, "tra-lai", "pending")
    message = email.message_from_bytes(mail.message, policy=email.policy.default)
    assert "[Trả lại báo cáo]" in str(message["Subject"])
    text = message.get_body(("plain",)).get_content()
    assert "Thiếu số liệu." in text and "https://baocao.example.org/u/" in text  # the link to send again
    page = app.test_client().get(link).get_data(as_text=True)
    assert "đã trả lại báo cáo đơn vị gửi, vì: Thiếu số liệu." in page and 'type="file"' in page
