"""Every answer forbids inline script and framing and sniffing; the session cookie is HttpOnly and
SameSite=Lax, and Secure behind the HTTPS proxy (TRACKER_BEHIND_PROXY=1)."""

from dataclasses import replace

import pytest
from flask import Flask, request
from flask.testing import FlaskClient

from tests.web.helpers import log_in
from tracker.web.app import create_app


@pytest.mark.parametrize("url", ["/login", "/", "/healthz", "/khong-co", "/static/app.css"])
def test_the_headers(client: FlaskClient, url: str):
    log_in(client, "viewer")
    headers = client.get(url).headers
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_the_session_cookie_is_http_only_and_same_site(client: FlaskClient):
    cookie = log_in(client, "viewer").headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain HTTP on the office network works


def test_behind_the_proxy_the_cookie_is_secure_and_the_client_address_is_the_proxy_s_word(app: Flask):
    context = app.extensions["tracker"]
    behind = create_app(
        context.settings,
        engine=context.engine,
        clock=context.clock,
        web_settings=replace(context.web_settings, behind_proxy=True),
    )
    seen: list[tuple[str | None, str]] = []
    behind.before_request(lambda: seen.append((request.remote_addr, request.scheme)))
    https = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    page = behind.test_client().get("/login", headers=https)
    assert "Secure" in page.headers["Set-Cookie"]
    assert seen == [("203.0.113.7", "https")]
