"""The sweep, the intake and the dashboard on one database, one clock, one SMTP sink and one Dovecot:
the world the tests of mail that comes back run in. A test module imports the `mail_world` fixture
(and `dovecot`) from here, which registers them there."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, select

from tests.imap_server import Dovecot
from tests.smtp_server import ReceivedMail, SmtpSink
from tests.web.helpers import CAMPAIGN_DAY, SECRET_KEY, Clock
from tracker.services.intake import Intake
from tracker.settings import read_settings
from tracker.shell import App
from tracker.store.db import session_factory
from tracker.store.tables import OutboxRow
from tracker.web.app import create_app
from tracker.web.config import WebSettings


@dataclass
class World:
    shell: App
    app: Flask
    client: FlaskClient
    clock: Clock

    def unit_of(self, reminder: ReceivedMail) -> str | None:
        with session_factory(self.shell.engine)() as session:
            return session.scalar(
                select(OutboxRow.unit_code).where(OutboxRow.message_id == str(reminder.message["Message-ID"]))
            )

    def intake(self) -> Intake:
        reader = self.shell.intake()
        assert reader is not None, "the world has a mailbox"
        return reader


@pytest.fixture
def mail_world(
    loaded_engine: Engine, config_dir: Path, tmp_path: Path, smtp_sink: SmtpSink, dovecot: Dovecot
) -> Callable[[dict[str, str]], World]:
    """Makes the world with the settings given (on top of the SMTP sink's and Dovecot's), after the
    campaign day's sweep (the overdue notices sent)."""
    return lambda env: _swept(loaded_engine, config_dir, tmp_path / "files", smtp_sink, dovecot, env)


def _swept(
    engine: Engine,
    config_dir: Path,
    files_dir: Path,
    smtp_sink: SmtpSink,
    dovecot: Dovecot,
    env: dict[str, str],
) -> World:
    clock = Clock(CAMPAIGN_DAY)
    base = {"TRACKER_FILES_DIR": str(files_dir), "TRACKER_SECRET_KEY": SECRET_KEY}
    settings = read_settings(config_dir, env=base | smtp_sink.env() | dovecot.env() | env)
    shell = App(preset_settings=settings, preset_engine=engine, clock=clock)
    web_settings = WebSettings(secret_key=SECRET_KEY, idle=timedelta(hours=8), threads=4, behind_proxy=False)
    app = create_app(settings, engine=engine, clock=clock, web_settings=web_settings)
    shell.sweep().run(clock())
    return World(shell, app, app.test_client(), clock)
