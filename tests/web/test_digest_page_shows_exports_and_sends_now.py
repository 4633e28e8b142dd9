"""The digest page: the printable digest of any moment in a frame, its HTML/XLSX/DOCX files, a bad
moment said plainly, and an admin's "send now" that says to whom it went, audited, never twice."""

from __future__ import annotations

from pathlib import Path

from flask.testing import FlaskClient
from sqlalchemy import Engine

from tests.web.helpers import csrf_token, log_in
from tracker.store.db import session_factory
from tracker.store.repository import audit_trail
from tracker.web.security import DOCUMENT_POLICY


def test_a_viewer_reads_the_digest_of_a_moment_with_its_files(client: FlaskClient) -> None:
    log_in(client, "viewer")
    page = client.get("/digest?as_of=2019-09-16").get_data(as_text=True)
    assert "Số liệu lúc 08:00 ngày 16/09/2019" in page
    assert 'src="/digest/document?as_of=2019-09-16T08:00:00%2B07:00"' in page
    for label in ("In báo cáo", "Tải HTML", "Tải Excel (XLSX)", "Tải Word (DOCX)"):
        assert label in page
    assert "Gửi ngay" not in page  # only admins send

    document = client.get("/digest/document?as_of=2019-09-16T08:00:00%2B07:00")
    assert document.headers["Content-Security-Policy"] == DOCUMENT_POLICY
    assert document.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "Liên đoàn Lao động thành phố Đông Hà" in document.get_data(as_text=True)

    for fmt, magic in (("xlsx", b"PK"), ("docx", b"PK"), ("html", b"<!DOCTYPE html>")):
        answer = client.get(f"/digest/file/{fmt}?as_of=2019-09-16")
        assert answer.status_code == 200
        assert answer.data.startswith(magic)
        disposition = answer.headers["Content-Disposition"]
        assert disposition == f'attachment; filename="bao-cao-tien-do-2019-09-16.{fmt}"'


def test_a_bad_moment_or_format_is_said_in_vietnamese(client: FlaskClient) -> None:
    log_in(client, "viewer")
    page = client.get("/digest?as_of=31/9/2019").get_data(as_text=True)
    assert "Số liệu lúc: " in page and 'value="31/9/2019"' in page
    assert "Trang đang cho xem số liệu lúc này." in page
    missing = client.get("/digest/file/pdf")
    assert missing.status_code == 404 and "Không có định dạng &#39;pdf&#39;" in missing.get_data(as_text=True)
    assert client.get("/digest/file/xlsx?as_of=31/9/2019").status_code == 400


def test_an_admin_sends_the_digest_now_once_and_it_is_audited(
    client: FlaskClient, loaded_engine: Engine, tmp_path: Path
) -> None:
    log_in(client, "admin")
    page = client.get("/digest?as_of=2019-09-16").get_data(as_text=True)
    assert "bantochuc@example.org" in page and "Gửi ngay" in page
    form = {"csrf_token": csrf_token(page), "as_of": "2019-09-16T08:00:00+07:00"}

    first = client.post("/digest/send", data=form, follow_redirects=True).get_data(as_text=True)
    again = client.post("/digest/send", data=form, follow_redirects=True).get_data(as_text=True)

    assert "Đã gửi báo cáo tiến độ tới bantochuc@example.org, thuongtruc@example.org." in first
    assert "đã được gửi trước đó; không gửi lại" in again
    assert len(list((tmp_path / "outbox").rglob("*.eml"))) == 1  # no SMTP server set: written as a file
    with session_factory(loaded_engine)() as session:
        sends = [(row.actor, row.action) for row in audit_trail(session) if row.action == "digest.send"]
    assert sends == [("admin", "digest.send"), ("admin", "digest.send")]


def test_a_clerk_cannot_send_the_digest(client: FlaskClient, tmp_path: Path) -> None:
    log_in(client, "clerk")
    token = csrf_token(client.get("/digest").get_data(as_text=True))  # the logout form's
    assert client.post("/digest/send", data={"csrf_token": token}).status_code == 403
    assert not (tmp_path / "outbox").exists()
