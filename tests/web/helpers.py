"""Helpers of the dashboard's tests (fixtures are in conftest.py): the test clock, the accounts'
password, and logging in through the form as a person does."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient

PASSWORD = "mat-khau-thu-nghiem"
SECRET_KEY = "khoa-bi-mat-cua-bai-kiem-thu"
PUBLIC_URL = "https://baocao.example.org"  # what units' links start with; the test client serves any host
ROLES = ("viewer", "clerk", "admin")
SEEDED_AT = datetime(2019, 8, 12, tzinfo=UTC)
CAMPAIGN_DAY = datetime(2019, 9, 17, 3, 0, tzinfo=UTC)  # 10:00 in Quảng Trị, two days after the deadline


class Clock:
    """The app's clock: tests move it forward."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


_CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_token(page: str) -> str:
    """The CSRF token a page's form carries."""
    found = _CSRF_RE.search(page)
    assert found, "the page has no form with a CSRF token"
    return found.group(1) or found.group(2)


def log_in(client: FlaskClient, login: str, password: str = PASSWORD, *, address: str = "127.0.0.1") -> Any:
    """Submit the login form as a person does (with the token of the page just opened), from `address`."""
    environ = {"REMOTE_ADDR": address}
    page = client.get("/login", environ_base=environ).get_data(as_text=True)
    return client.post(
        "/login",
        data={"login": login, "password": password, "csrf_token": csrf_token(page)},
        environ_base=environ,
    )


def sign_in_browser(page: Any, login: str) -> None:
    """In the browser: fill the login form by its labels and sign in as a person does."""
    page.goto("/login")
    page.get_by_label("Tên đăng nhập").fill(login)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/")


def shot(page: Any, name: str) -> None:
    """A screenshot for a person to look at, when TRACKER_SHOTS_DIR names a folder."""
    folder = os.environ.get("TRACKER_SHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
