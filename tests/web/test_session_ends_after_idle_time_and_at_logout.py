"""A session ends after 8 idle hours (the app's clock is moved, never slept), at logout for every copy
of its cookie, and is a new one at each login."""

from datetime import timedelta

from flask.testing import FlaskClient

from tests.web.helpers import Clock, csrf_token, log_in


def test_a_session_used_within_the_idle_time_goes_on(client: FlaskClient, clock: Clock):
    log_in(client, "viewer")
    for _ in range(3):
        clock.advance(timedelta(hours=7))
        assert client.get("/").status_code == 200


def test_a_session_idle_longer_than_eight_hours_ends(client: FlaskClient, clock: Clock):
    log_in(client, "viewer")
    clock.advance(timedelta(hours=8, minutes=1))
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
    clock.advance(timedelta(minutes=-30))  # the session is gone, not merely refused while idle
    assert client.get("/").status_code == 302


def test_logout_ends_the_session_for_a_copy_of_its_cookie(client: FlaskClient, app):
    log_in(client, "clerk")
    copy = client.get_cookie("tracker_session")
    assert copy is not None
    token = csrf_token(client.get("/").get_data(as_text=True))
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302

    other = app.test_client()
    other.set_cookie("tracker_session", copy.value)
    assert other.get("/").status_code == 302


def test_each_login_starts_a_new_session(client: FlaskClient):
    client.get("/login")
    before = client.get_cookie("tracker_session")
    log_in(client, "clerk")
    first = client.get_cookie("tracker_session")
    log_in(client, "clerk")
    second = client.get_cookie("tracker_session")
    assert before is not None and first is not None and second is not None
    assert len({before.value, first.value, second.value}) == 3
