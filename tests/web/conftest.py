"""The dashboard on the test's database: the seed loaded, one account per role, a clock the test
moves (never sleeps), Flask's test client, and for browser tests the app served by waitress on a free
loopback port with headless Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine

from tests.web.helpers import CAMPAIGN_DAY, PASSWORD, PUBLIC_URL, ROLES, SECRET_KEY, SEEDED_AT, Clock
from tracker.config import load_config
from tracker.services import users
from tracker.services.loading import load_config_into
from tracker.services.users import add_user
from tracker.settings import read_settings
from tracker.store.db import session_factory
from tracker.web.app import create_app
from tracker.web.config import WebSettings

CHROMIUM = shutil.which("chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id with its smallest cost: the production cost (about a second on this shared machine)
    is the point in production and only slowness here. The algorithm and code path are the same."""
    quick = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(users, "_hasher", lambda: quick)


@pytest.fixture
def clock() -> Clock:
    return Clock(CAMPAIGN_DAY)


@pytest.fixture
def loaded_engine(engine: Engine, config_dir: Path) -> Engine:
    """The seed plan loaded and one account per role (login = role name)."""
    with session_factory(engine)() as session, session.begin():
        load_config_into(session, load_config(config_dir), now=SEEDED_AT, actor="test")
        for role in ROLES:
            add_user(session, role, f"Người dùng {role}", role, PASSWORD, by="test", now=SEEDED_AT)
    return engine


@pytest.fixture
def app(loaded_engine: Engine, database_url: str, config_dir: Path, clock: Clock, tmp_path: Path) -> Flask:
    env = {
        "TRACKER_DATABASE_URL": database_url,
        "TRACKER_PUBLIC_URL": PUBLIC_URL,
        "TRACKER_FILES_DIR": str(tmp_path / "files"),
        "TRACKER_OUTBOX_DIR": str(tmp_path / "outbox"),  # "send now" without SMTP writes .eml files here
        "TRACKER_DIGESTS_DIR": str(tmp_path / "digests"),
    }
    settings = read_settings(config_dir, env=env)
    web_settings = WebSettings(secret_key=SECRET_KEY, idle=timedelta(hours=8), threads=4, behind_proxy=False)
    return create_app(settings, engine=loaded_engine, clock=clock, web_settings=web_settings)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@dataclass
class LiveServer:
    url: str
    app: Flask


@pytest.fixture
def live_server(app: Flask) -> Iterator[LiveServer]:
    """The app served by waitress, as `tracker web` serves it, on a free 127.0.0.1 port."""
    from waitress.server import create_server

    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield LiveServer(f"http://127.0.0.1:{server.effective_port}", app)
    finally:
        # Closed from inside its own loop (the trigger runs this there), so the loop ends on an empty map
        # instead of selecting on a socket closed under it.
        server.trigger.pull_trigger(lambda: [channel.close() for channel in list(server._map.values())])
        thread.join(timeout=10)
        server.task_dispatcher.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium (Playwright's own browser download does not work here)."""
    if CHROMIUM is None:
        if os.environ.get("CI"):  # CI installs it (.ci/run): a browser test skipped there hides a failure
            pytest.fail("chromium is not installed")
        pytest.skip("chromium is not installed (CI installs it: .ci/run)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    """A fresh browser tab (own cookies) on the live server, at desktop width."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="vi-VN"
    )
    tab = context.new_page()
    yield tab
    context.close()
