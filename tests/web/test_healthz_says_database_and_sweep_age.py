"""`/healthz` (no login) answers JSON: the database is reachable, and how old the last sweep is."""

from datetime import timedelta

from flask.testing import FlaskClient
from sqlalchemy import Engine

from tests.web.helpers import CAMPAIGN_DAY, Clock
from tracker.store.db import session_factory
from tracker.store.repository import record_heartbeat


def test_without_any_sweep_the_daemon_is_stale(client: FlaskClient):
    answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer.get_json() == {
        "database": True,
        "last_sweep_at": None,
        "last_sweep_age_seconds": None,
        "next_sweep_at": None,
        "daemon_stale": True,
        "mail_waiting": 0,
        "oldest_waiting_age_seconds": None,
        "last_smtp_error": "",
        "refused_addresses": [],
        "mail_stuck": False,
        "mailbox_last_read_at": None,
        "mailbox_last_error": "",
        "mailbox_last_error_at": None,
        "mailbox_next_try_at": None,
        "mailbox_failing": False,
    }


def test_the_age_of_the_last_sweep_grows_until_it_is_stale(
    client: FlaskClient, loaded_engine: Engine, clock: Clock
):
    swept = CAMPAIGN_DAY - timedelta(minutes=2)
    with session_factory(loaded_engine)() as session, session.begin():
        record_heartbeat(
            session,
            name="host:1",
            started_at=swept,
            interval_seconds=300,
            last_sweep_at=swept,
            next_sweep_at=swept + timedelta(minutes=5),
        )
    fresh = client.get("/healthz").get_json()
    assert fresh["last_sweep_age_seconds"] == 120
    assert fresh["last_sweep_at"] == "2019-09-17T02:58:00+00:00"
    assert fresh["daemon_stale"] is False

    clock.advance(timedelta(hours=2))
    stale = client.get("/healthz").get_json()
    assert stale["last_sweep_age_seconds"] == 2 * 3600 + 120
    assert stale["daemon_stale"] is True
