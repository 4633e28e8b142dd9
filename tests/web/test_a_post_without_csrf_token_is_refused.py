"""A POST without the form's CSRF token is refused with a Vietnamese page, and changes nothing."""

from flask.testing import FlaskClient

from tests.web.helpers import PASSWORD, csrf_token, log_in


def test_logout_without_the_token_is_refused_and_the_session_goes_on(client: FlaskClient):
    log_in(client, "clerk")
    response = client.post("/logout")
    assert response.status_code == 400
    assert "mã bảo vệ" in response.get_data(as_text=True)
    assert client.get("/").status_code == 200


def test_login_with_a_wrong_token_is_refused(client: FlaskClient):
    client.get("/login")
    response = client.post("/login", data={"login": "clerk", "password": PASSWORD, "csrf_token": "sai"})
    assert response.status_code == 400
    assert client.get("/").status_code == 302


def test_the_token_may_come_in_the_header_htmx_sends(client: FlaskClient):
    log_in(client, "clerk")
    token = csrf_token(client.get("/").get_data(as_text=True))
    response = client.post("/logout", headers={"X-CSRFToken": token})
    assert response.status_code == 302
    assert client.get("/").status_code == 302
