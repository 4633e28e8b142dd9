"""What every command needs from the shell: settings, the database, the clock, and `--as-of` parsing."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, time
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import click
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tracker.config import ConfigErrors, load_config
from tracker.core.deadlines import parse_date
from tracker.core.model import Config, Organization
from tracker.settings import Settings, read_settings
from tracker.store.db import make_engine, migrate, session_factory

if TYPE_CHECKING:  # the mail and digest machinery is imported by the commands that send
    from jinja2 import Environment

    from tracker.mail.delivery import Transport
    from tracker.services.digests import DigestSender
    from tracker.services.sweep import Sweep

AS_OF_DEFAULT_TIME = time(8, 0)  # DESIGN §5: a bare date means 08:00 in the plan's zone


class BadInput(click.ClickException):
    """Bad input from the clerk: printed as it is, exit code 2."""

    exit_code = 2

    def show(self, file: object = None) -> None:
        click.echo(self.format_message(), err=True)


def parse_as_of(text: str | None, zone: ZoneInfo, now: datetime) -> datetime:
    """`T`: an ISO date-time with offset, or a date (ISO or d/m/yyyy) meaning 08:00 in `zone`."""
    if not text:
        return now
    text = text.strip()
    if not any(mark in text for mark in "T: "):  # a date alone: its own parser says what is wrong
        try:
            return datetime.combine(parse_date(text), AS_OF_DEFAULT_TIME, tzinfo=zone)
        except ValueError as error:
            raise BadInput(f"--as-of: {error}; hoặc ngày giờ ISO như 2019-09-16T08:00:00+07:00.") from None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise BadInput(
            f"--as-of '{text}': không đọc được thời điểm. Viết ngày (15/9/2019 hoặc 2019-09-15) "
            "hoặc ngày giờ ISO có múi giờ (2019-09-16T08:00:00+07:00)."
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


@dataclass
class App:
    """Built lazily by the command that needs it: nothing is opened at import time."""

    config_dir: Path | None = None

    @cached_property
    def settings(self) -> Settings:
        return read_settings(self.config_dir)

    @cached_property
    def engine(self) -> Engine:
        engine = make_engine(self.settings.database_url)
        migrate(engine)
        return engine

    def now(self) -> datetime:
        return datetime.now(UTC)

    def read_config(self) -> Config:
        """The config directory, validated; every error at once, as BadInput."""
        directory = self.settings.config_dir
        if not directory.is_dir():
            raise BadInput(
                f"Không tìm thấy thư mục cấu hình '{directory}' (đặt --config-dir hoặc TRACKER_CONFIG_DIR)."
            )
        try:
            return load_config(directory, templates_dir=self.settings.templates_dir / "emails")
        except ConfigErrors as errors:
            lines = [f"Cấu hình có {len(errors.errors)} lỗi (thư mục {directory}):"]
            lines += [f"  - {error}" for error in errors.errors]
            raise BadInput("\n".join(lines)) from None

    def transport(self) -> Transport:
        from tracker.mail.transport import transport_from_settings

        try:
            return transport_from_settings(self.settings.env, self.settings.outbox_dir)
        except ValueError as error:
            raise BadInput(str(error)) from None

    @cached_property
    def mail_from_setting(self) -> str:
        """TRACKER_MAIL_FROM, checked; "" when unset (emails then come from the owner)."""
        from tracker.mail.transport import mail_from_from_env

        env = self.settings.env
        try:
            return mail_from_from_env(env, "") if env.get("TRACKER_MAIL_FROM") else ""
        except ValueError as error:
            raise BadInput(str(error)) from None

    def mail_from(self, organization: Organization) -> str:
        from tracker.services.sweep import default_mail_from

        return self.mail_from_setting or default_mail_from(organization)

    @cached_property
    def worker(self) -> str:
        """This process, as the holder of the outbox leases it takes."""
        from tracker.services.outbox import worker_name

        return worker_name(socket.gethostname(), os.getpid())

    def sweep(self, should_stop: Callable[[], bool] = lambda: False) -> Sweep:
        from tracker.mail.render import template_environment
        from tracker.services.sweep import Sweep

        self.transport()  # bad SMTP settings are reported before any work starts
        return Sweep(
            engine=self.engine,
            templates=template_environment(self.settings.templates_dir / "emails"),
            transport=self.transport,
            mail_from=self.mail_from_setting,
            worker=self.worker,
            should_stop=should_stop,
        )

    def digest_sender(self, env: Environment) -> DigestSender:
        from tracker.services.digests import DigestSender

        return DigestSender(env=env, mail_from=self.mail_from, archive_dir=self.settings.digests_dir)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One all-or-nothing unit of work."""
        with session_factory(self.engine)() as session, session.begin():
            yield session
