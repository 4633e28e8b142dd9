"""The personal link in a unit's reminders: the same in every reminder and both parts, opens the
unit's page; a tampered, renewed, revoked or expired one gets the same plain page."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from flask.testing import FlaskClient
from sqlalchemy import Engine, select

from tests.builders import at
from tests.web.helpers import Clock, csrf_token, log_in
from tests.web.unit_links import MILESTONE, PLAN, UNIT, emails_to, links_in, path_of, sweep
from tracker.store.db import session_factory
from tracker.store.tables import AuditRow, UnitLinkRow

REFUSED = "Liên kết này đã được thay"
REPORT = f"/plans/{PLAN}/{MILESTONE}/{UNIT}"


def _link(outbox: Path, index: int = -1) -> str:
    text, html = links_in(emails_to(outbox, "ldld.dongha@example.org")[index])
    assert text == html
    return path_of(text)


def _admin_acts(client: FlaskClient, act: str) -> None:
    log_in(client, "admin")
    token = csrf_token(client.get(REPORT).get_data(as_text=True))
    answer = client.post(f"{REPORT}/link/{act}", data={"csrf_token": token})
    assert answer.status_code == 303


def test_every_reminder_carries_the_same_link_which_opens_the_units_page(
    loaded_engine: Engine, client: FlaskClient, tmp_path: Path
) -> None:
    sweep(loaded_engine, tmp_path, at(26, 8))  # the notice
    sweep(loaded_engine, tmp_path, at(9, 9))  # the first reminder
    first, second = _link(tmp_path, 0), _link(tmp_path, 1)
    assert first == second
    page = client.get(first)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Liên đoàn Lao động thành phố Đông Hà" in text
    assert page.headers["Referrer-Policy"] == "same-origin"  # the token goes to no other site
    with session_factory(loaded_engine)() as db:
        (stored,) = [r for r in db.scalars(select(UnitLinkRow)) if r.report.unit.code == UNIT]
    assert first.rpartition("/")[2] not in stored.token_hash  # only the hash is kept


def test_a_tampered_token_gets_the_plain_page(
    loaded_engine: Engine, client: FlaskClient, tmp_path: Path
) -> None:
    sweep(loaded_engine, tmp_path, at(26, 8))
    link = _link(tmp_path)
    tampered = link[:-1] + ("A" if link[-1] != "A" else "B")
    for wrong in (tampered, "/u/x", "/u/" + "A" * 32):
        page = client.get(wrong)
        assert page.status_code == 404
        text = page.get_data(as_text=True)
        assert REFUSED in text and "bantochuc@example.org" in text
        assert "Đông Hà" not in text


def test_a_renewed_link_replaces_the_old_one_in_the_next_reminder(
    loaded_engine: Engine, client: FlaskClient, tmp_path: Path
) -> None:
    sweep(loaded_engine, tmp_path, at(26, 8))
    old = _link(tmp_path)
    _admin_acts(client, "renew")
    client.post("/logout", data={"csrf_token": csrf_token(client.get(REPORT).get_data(as_text=True))})
    assert REFUSED in client.get(old).get_data(as_text=True)
    sweep(loaded_engine, tmp_path, at(9, 9))
    new = _link(tmp_path)
    assert new != old
    assert client.get(new).status_code == 200
    with session_factory(loaded_engine)() as db:
        actions = [a.action for a in db.scalars(select(AuditRow).where(AuditRow.unit_code == UNIT))]
    assert "link.renew" in actions


def test_a_revoked_link_opens_nothing_and_the_next_reminder_carries_none(
    loaded_engine: Engine, client: FlaskClient, tmp_path: Path
) -> None:
    sweep(loaded_engine, tmp_path, at(26, 8))
    link = _link(tmp_path)
    _admin_acts(client, "revoke")
    assert client.get(link).status_code == 404
    sweep(loaded_engine, tmp_path, at(9, 9))
    latest = emails_to(tmp_path, "ldld.dongha@example.org")[-1]
    assert "/u/" not in latest.get_body(("plain",)).get_content()


def test_the_link_stops_opening_when_the_plan_closes(
    loaded_engine: Engine, client: FlaskClient, clock: Clock, tmp_path: Path
) -> None:
    sweep(loaded_engine, tmp_path, at(26, 8))
    link = _link(tmp_path)
    clock.now = at(31, 12, 23, 0)  # 23:00 on the last day, in the plan's zone
    assert client.get(link).status_code == 200
    clock.advance(timedelta(hours=1, minutes=1))
    page = client.get(link)
    assert page.status_code == 404 and REFUSED in page.get_data(as_text=True)


def test_requests_per_address_are_limited(loaded_engine: Engine, client: FlaskClient) -> None:
    answers = [client.get("/u/guess-" + str(n)).status_code for n in range(61)]
    assert answers[:60] == [404] * 60
    assert answers[60] == 429
    assert client.get("/u/x", environ_base={"REMOTE_ADDR": "10.0.0.9"}).status_code == 404
