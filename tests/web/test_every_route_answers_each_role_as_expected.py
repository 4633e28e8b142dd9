"""Every route × role: 200 for a role that may, 302 to the login page for nobody, 403 for a role below.
A page added to the app must add its rows here (the last test fails until it does)."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.helpers import csrf_token, log_in

# (method, example URL, URL rule, least role or None for public, the answer of an allowed request)
ROUTES = [
    ("GET", "/login", "/login", None, 200),
    ("POST", "/login", "/login", None, 200),
    ("POST", "/logout", "/logout", None, 302),
    ("GET", "/healthz", "/healthz", None, 200),
    ("GET", "/", "/", "viewer", 200),
    ("GET", "/plans/so-ket-de-an-2019/bao-cao-don-vi", "/plans/<plan>/<milestone>", "viewer", 200),
    ("POST", "/plans/so-ket-de-an-2019/bao-cao-don-vi", "/plans/<plan>/<milestone>", "clerk", 400),
    (
        "GET",
        "/plans/so-ket-de-an-2019/bao-cao-don-vi/export/csv",
        "/plans/<plan>/<milestone>/export/<fmt>",
        "viewer",
        200,
    ),
    (
        "GET",
        "/plans/so-ket-de-an-2019/bao-cao-don-vi/ldld-dong-ha",
        "/plans/<plan>/<milestone>/<unit>",
        "viewer",
        200,
    ),
    (
        "POST",
        "/plans/so-ket-de-an-2019/bao-cao-don-vi/ldld-dong-ha/receive",
        "/plans/<plan>/<milestone>/<unit>/receive",
        "clerk",
        400,
    ),
    (
        "POST",
        "/plans/so-ket-de-an-2019/bao-cao-don-vi/ldld-dong-ha/replace",
        "/plans/<plan>/<milestone>/<unit>/replace",
        "clerk",
        400,
    ),
    (
        "POST",
        "/plans/so-ket-de-an-2019/bao-cao-don-vi/ldld-dong-ha/unreceive",
        "/plans/<plan>/<milestone>/<unit>/unreceive",
        "clerk",
        400,
    ),
    (
        "POST",
        "/plans/so-ket-de-an-2019/bao-cao-don-vi/ldld-dong-ha/exempt",
        "/plans/<plan>/<milestone>/<unit>/exempt",
        "clerk",
        400,
    ),
    (
        "POST",
        "/plans/so-ket-de-an-2019/bao-cao-don-vi/ldld-dong-ha/unexempt",
        "/plans/<plan>/<milestone>/<unit>/unexempt",
        "clerk",
        400,
    ),
    ("GET", "/schedule?plan=so-ket-de-an-2019", "/schedule", "viewer", 200),
    ("GET", "/u/khong-co-lien-ket-nay", "/u/<token>", None, 404),  # a unit's link: no login, same page
    ("POST", "/u/khong-co-lien-ket-nay", "/u/<token>", None, 404),
    ("POST", "/u/khong-co-lien-ket-nay/extension", "/u/<token>/extension", None, 404),
    (
        "POST",
        "/plans/so-ket-de-an-2019/bao-cao-don-vi/ldld-dong-ha/link/renew",
        "/plans/<plan>/<milestone>/<unit_code>/link/renew",
        "admin",
        303,
    ),
    (
        "POST",
        "/plans/so-ket-de-an-2019/bao-cao-don-vi/ldld-dong-ha/link/revoke",
        "/plans/<plan>/<milestone>/<unit_code>/link/revoke",
        "admin",
        400,  # no link issued yet
    ),
    ("GET", "/digest?as_of=2019-09-16", "/digest", "viewer", 200),
    ("GET", "/digest/document?as_of=2019-09-16", "/digest/document", "viewer", 200),
    ("GET", "/digest/file/xlsx", "/digest/file/<fmt>", "viewer", 200),
    ("POST", "/digest/send", "/digest/send", "admin", 302),
    ("GET", "/audit?plan=so-ket-de-an-2019&since=2019-08-01", "/audit", "viewer", 200),
    ("GET", "/inbox", "/inbox", "clerk", 200),
    ("POST", "/inbox/1/accept", "/inbox/<int:mail_id>/accept", "clerk", 400),  # no date typed
    ("POST", "/inbox/1/dismiss", "/inbox/<int:mail_id>/dismiss", "clerk", 404),  # no such mail
    ("GET", "/files/1", "/files/<int:file_id>", "clerk", 404),  # a unit's file: none sent yet
    (
        "POST",
        "/plans/so-ket-de-an-2019/bao-cao-don-vi/ldld-dong-ha/sent/1/accept",
        "/plans/<plan>/<milestone>/<unit>/sent/<int:submission_id>/accept",
        "clerk",
        400,
    ),
    (
        "POST",
        "/plans/so-ket-de-an-2019/bao-cao-don-vi/ldld-dong-ha/sent/1/return",
        "/plans/<plan>/<milestone>/<unit>/sent/<int:submission_id>/return",
        "clerk",
        400,
    ),
    (
        "POST",
        "/plans/so-ket-de-an-2019/bao-cao-don-vi/ldld-dong-ha/extension/1/approve",
        "/plans/<plan>/<milestone>/<unit>/extension/<int:request_id>/approve",
        "clerk",
        400,  # no such request
    ),
    (
        "POST",
        "/plans/so-ket-de-an-2019/bao-cao-don-vi/ldld-dong-ha/extension/1/refuse",
        "/plans/<plan>/<milestone>/<unit>/extension/<int:request_id>/refuse",
        "clerk",
        400,  # no reason given
    ),
]
ORDER = ["viewer", "clerk", "admin"]
WHO = [None, *ORDER]


def _expected(least: str | None, who: str | None, allowed: int) -> int:
    if least is None:
        return allowed
    if who is None:
        return 302
    return allowed if ORDER.index(who) >= ORDER.index(least) else 403


@pytest.mark.parametrize("who", WHO, ids=lambda w: w or "nobody")
@pytest.mark.parametrize(("method", "url", "rule", "least", "allowed"), ROUTES, ids=[r[1] for r in ROUTES])
def test_route_answers_the_role(
    client: FlaskClient, who: str | None, method: str, url: str, rule: str, least: str | None, allowed: int
):
    if who is not None:
        assert log_in(client, who).status_code == 302
    if method == "GET":
        response = client.get(url)
    else:
        token = csrf_token(client.get("/login").get_data(as_text=True))
        response = client.post(url, data={"csrf_token": token})
    expected = _expected(least, who, allowed)
    assert response.status_code == expected, response.get_data(as_text=True)[:500]
    if who is None and least is not None:
        assert response.headers["Location"].startswith("/login?next=")
    if expected == 403:
        assert "Không có quyền" in response.get_data(as_text=True)


def test_the_table_names_every_route_of_the_app(app: Flask):
    rules = {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert rules == {(method, rule) for method, _url, rule, _least, _allowed in ROUTES}
