"""A unit asks for more time from its page; each bad request is said next to its field and stores
nothing; the board and the report page show a waiting request; a clerk approves it (with the day
asked or another) or refuses it, and a bad answer changes nothing. Opening the pages changes nothing."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine, func, select

from tests.builders import at
from tests.web.helpers import Clock, csrf_token, log_in
from tests.web.unit_links import MILESTONE, PLAN, UNIT, emails_to, links_in, path_of, sweep
from tracker.store.db import session_factory
from tracker.store.repository import find_expected_report
from tracker.store.tables import AuditRow, ExtensionRequestRow

REPORT_PAGE = f"/plans/{PLAN}/{MILESTONE}/{UNIT}"


def _link(engine: Engine, outbox: Path) -> str:
    sweep(engine, outbox, at(9, 9))
    return path_of(links_in(emails_to(outbox, "ldld.dongha@example.org")[-1])[0])


def _ask(client: FlaskClient, link: str, until: str, reason: str) -> tuple[int, str]:
    token = csrf_token(client.get(link).get_data(as_text=True))
    answer = client.post(f"{link}/extension", data={"until": until, "reason": reason, "csrf_token": token})
    return answer.status_code, answer.get_data(as_text=True)


def _message_next_to(page: str, field: str, words: str) -> bool:
    blocks = re.split(r'<div class="field', page)
    return any(f'name="{field}"' in block and "field-error" in block and words in block for block in blocks)


def _requests(engine: Engine) -> list[tuple[str, str]]:
    with session_factory(engine)() as db:
        return [(r.state, r.until.isoformat()) for r in db.scalars(select(ExtensionRequestRow))]


def _audit_count(engine: Engine) -> int:
    with session_factory(engine)() as db:
        return db.scalar(select(func.count()).select_from(AuditRow)) or 0


BAD = {
    "a day before the deadline": ("14/9/2019", "Chờ họp.", "until", "phải sau hạn cuối hiện nay"),
    "a day that does not exist": ("31/9/2019", "Chờ họp.", "until", "chỉ có 30 ngày"),
    "no day": ("", "Chờ họp.", "until", "Hãy nhập ngày xin gia hạn đến"),
    "after the plan closes": ("5/1/2020", "Chờ họp.", "until", "Kế hoạch kết thúc ngày 31/12/2019"),
    "no reason": ("27/9/2019", "  ", "reason", "Hãy ghi lý do xin gia hạn."),
}


@pytest.mark.parametrize(("until", "reason", "field", "words"), BAD.values(), ids=BAD.keys())
def test_a_bad_request_is_said_next_to_its_field_and_nothing_is_stored(
    loaded_engine: Engine,
    client: FlaskClient,
    clock: Clock,
    tmp_path: Path,
    until: str,
    reason: str,
    field: str,
    words: str,
) -> None:
    link = _link(loaded_engine, tmp_path / "outbox")
    clock.now = at(10, 9, 9, 0)
    status, page = _ask(client, link, until, reason)
    assert status == 400
    assert _message_next_to(page, field, words), page[page.find("Xin gia hạn") :][:2000]
    assert _requests(loaded_engine) == []


def test_a_waiting_request_is_shown_and_approved_with_another_day(
    loaded_engine: Engine, client: FlaskClient, clock: Clock, tmp_path: Path
) -> None:
    link = _link(loaded_engine, tmp_path / "outbox")
    clock.now = at(10, 9, 9, 0)
    status, _ = _ask(client, link, "27/9/2019", "Chờ họp Ban Thường vụ ngày 25/9.")
    assert status == 303
    page = client.get(link).get_data(as_text=True)
    assert "Đang chờ Ban Tổ chức trả lời" in page
    assert "Xin gia hạn</button>" not in page  # one request waits at a time
    assert _requests(loaded_engine) == [("waiting", "2019-09-27")]

    before = _audit_count(loaded_engine)
    assert log_in(client, "clerk").status_code == 302
    board = client.get("/").get_data(as_text=True)
    assert "Đề nghị gia hạn chờ trả lời (1)" in board
    assert f'href="{REPORT_PAGE}#gia-han"' in board
    report = client.get(REPORT_PAGE).get_data(as_text=True)
    assert "Chờ họp Ban Thường vụ ngày 25/9." in report
    assert 'value="27/09/2019"' in report
    assert _audit_count(loaded_engine) == before  # opening pages changed nothing

    with session_factory(loaded_engine)() as db:
        (request_id,) = db.scalars(select(ExtensionRequestRow.id)).all()
    approve = f"{REPORT_PAGE}/extension/{request_id}/approve"
    token = csrf_token(report)
    refused = client.post(approve, data={"until": "16/9/2019", "csrf_token": token})
    assert refused.status_code == 400
    assert "phải sau hạn cuối hiện nay" in refused.get_data(as_text=True)
    assert _requests(loaded_engine) == [("waiting", "2019-09-27")]

    done = client.post(approve, data={"until": "24/9/2019", "csrf_token": token})
    assert done.status_code == 303
    report = client.get(REPORT_PAGE).get_data(as_text=True)
    assert "Đã đồng ý gia hạn cho Liên đoàn Lao động thành phố Đông Hà đến hết ngày 24/09/2019" in report
    assert "đơn vị được gia hạn đến Thứ Ba, 24/09/2019" in report
    assert _requests(loaded_engine) == [("approved", "2019-09-27")]
    with session_factory(loaded_engine)() as db:
        row = find_expected_report(db, PLAN, MILESTONE, UNIT)
        assert row is not None and (row.extended_until, row.extensions) == (date(2019, 9, 24), 1)
        actions = db.scalars(
            select(AuditRow.actor + " " + AuditRow.action).order_by(AuditRow.id.desc()).limit(2)
        ).all()
    assert actions == [
        "Người dùng clerk extension.approve",
        "Liên đoàn Lao động thành phố Đông Hà (qua liên kết) extension.ask",
    ]
    unit_page = client.get(link).get_data(as_text=True)
    assert "Được gia hạn đến" in unit_page and "Thứ Ba, 24/09/2019" in unit_page
    again = client.post(approve, data={"until": "", "csrf_token": token})
    assert again.status_code == 400 and "không xử lý lại" in again.get_data(as_text=True)


def test_a_viewer_sees_the_request_but_cannot_answer_it(
    loaded_engine: Engine, client: FlaskClient, clock: Clock, tmp_path: Path
) -> None:
    link = _link(loaded_engine, tmp_path / "outbox")
    clock.now = at(10, 9, 9, 0)
    assert _ask(client, link, "27/9/2019", "Chờ họp.")[0] == 303
    assert log_in(client, "viewer").status_code == 302
    report = client.get(REPORT_PAGE).get_data(as_text=True)
    assert "Chờ trả lời" in report and "Đồng ý gia hạn</button>" not in report
