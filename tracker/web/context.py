"""What every view needs from the shell, reached through `web()`: the database, the clock, the
settings and the signed-in user."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from flask import current_app, g
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tracker.services.users import User
from tracker.settings import Settings
from tracker.shell import App
from tracker.store.db import session_factory
from tracker.web.config import WebSettings


@dataclass(frozen=True)
class Web:
    settings: Settings
    web_settings: WebSettings
    engine: Engine
    clock: Callable[[], datetime]  # injected: tests move time without sleeping

    def now(self) -> datetime:
        return self.clock()

    @cached_property
    def shell(self) -> App:
        """The commands' shell on this dashboard's settings, database and clock: the digest's rendering
        and sending machinery, built the one way the commands build it, once for the app."""
        return App(preset_settings=self.settings, preset_engine=self.engine, clock=self.clock)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One all-or-nothing unit of work."""
        with session_factory(self.engine)() as session, session.begin():
            yield session


def web() -> Web:
    found: Web = current_app.extensions["tracker"]
    return found


def current_user() -> User | None:
    """The signed-in user of this request (None on public pages and when nobody is signed in)."""
    user: User | None = g.get("user")
    return user


def signed_in_user() -> User:
    """The user of a view that `requires` a role: always there."""
    user = current_user()
    assert user is not None, "only views behind `requires` call this"
    return user
