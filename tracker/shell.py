"""What every command and the dashboard need from the shell: settings, the database, the clock, the
config directory and the sending machinery, each built when first asked for."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.errors import BadInput, TrackerError
from tracker.settings import Settings, read_settings

if TYPE_CHECKING:  # the database, config and mail machinery are imported by what uses them
    from jinja2 import Environment
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from tracker.core.model import Config, Organization
    from tracker.core.office import Office
    from tracker.mail.delivery import Transport
    from tracker.services.digests import DigestQueue
    from tracker.services.intake import Intake
    from tracker.services.links import UnitLinks
    from tracker.services.reminding import DueReminders
    from tracker.services.replies import ReplyAddresses
    from tracker.services.sweep import Sweep


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class App:
    """Built lazily by the command that needs it: nothing is opened at import time. The dashboard
    gives its own settings, engine and clock (`preset_*`), which are then used as they are."""

    config_dir: Path | None = None
    preset_settings: Settings | None = None
    preset_engine: Engine | None = None
    clock: Callable[[], datetime] = field(default=_utc_now)

    @cached_property
    def settings(self) -> Settings:
        return self.preset_settings or read_settings(self.config_dir)

    @cached_property
    def engine(self) -> Engine:
        from sqlalchemy.exc import ArgumentError, NoSuchModuleError

        from tracker.store.db import database_problem, make_engine, migrate

        if self.preset_engine is not None:
            return self.preset_engine
        try:
            engine = make_engine(self.settings.database_url)
        except (ArgumentError, NoSuchModuleError, ModuleNotFoundError, OSError) as error:
            raise database_problem(error, self.settings.database_url) or error from None
        migrate(engine)
        return engine

    def explained(self, error: Exception) -> TrackerError | None:
        """An error of the database or of a file the service writes, in words naming the setting, path
        or permission to fix; None for anything else (a bug, which keeps its traceback)."""
        if isinstance(error, OSError):
            from tracker.files import file_problem

            return file_problem(error)
        if "sqlalchemy" not in sys.modules:  # no database was opened: not a database error
            return None
        from sqlalchemy.exc import DBAPIError

        from tracker.store.db import database_problem

        return database_problem(error, self.settings.database_url) if isinstance(error, DBAPIError) else None

    def now(self) -> datetime:
        return self.clock()

    def read_config(self) -> Config:
        """The config directory, validated; every error at once (ConfigErrors, a kind of BadInput)."""
        from tracker.config import ConfigErrors, load_config

        directory = self.settings.config_dir
        if not directory.is_dir():
            raise BadInput(
                f"Không tìm thấy thư mục cấu hình '{directory}' (đặt --config-dir hoặc TRACKER_CONFIG_DIR)."
            )
        try:
            return load_config(directory, templates_dir=self.settings.templates_dir / "emails")
        except ConfigErrors as errors:
            raise errors.in_directory(directory) from None

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
        import socket

        from tracker.services.outbox import worker_name

        return worker_name(socket.gethostname(), os.getpid())

    @cached_property
    def unit_links(self) -> UnitLinks | None:
        """The units' personal links, when TRACKER_PUBLIC_URL says where units reach the dashboard."""
        from tracker.services.links import links_from_settings
        from tracker.web.config import read_secret_key

        if not self.settings.env.get("TRACKER_PUBLIC_URL"):
            return None
        try:
            return links_from_settings(self.settings.env, read_secret_key(self.settings))
        except ValueError as error:
            raise BadInput(str(error)) from None

    @cached_property
    def reply_addresses(self) -> ReplyAddresses | None:
        """The reports' own reply addresses, when TRACKER_REPLY_TO gives their pattern."""
        from tracker.services.replies import SETTING, reply_addresses_from_settings
        from tracker.web.config import read_secret_key

        if not self.settings.env.get(SETTING):
            return None
        try:
            return reply_addresses_from_settings(self.settings.env, read_secret_key(self.settings))
        except ValueError as error:
            raise BadInput(str(error)) from None

    def unit_mail(self, office: Office) -> DueReminders:
        """What renders an email to a unit outside its ladder (an extension's answer), with its link
        and reply address, as the sweep renders its reminders."""
        from tracker.services.story import mail_preview

        templates = self.settings.templates_dir / "emails"
        return mail_preview(office, templates, self.mail_from_setting, self.unit_links, self.reply_addresses)

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
            links=self.unit_links,
            replies=self.reply_addresses,
        )

    def intake(self) -> Intake | None:
        """The mailbox reader, when TRACKER_IMAP_HOST says where Ban Tổ chức's mailbox is."""
        from tracker.mail.settings import imap_settings_from_env
        from tracker.services.intake import Intake

        try:
            settings = imap_settings_from_env(self.settings.env)
        except ValueError as error:
            raise BadInput(str(error)) from None
        if settings is None:
            return None
        return Intake(self.engine, settings, self.settings.files_dir, self.reply_addresses)

    @cached_property
    def digest_templates(self) -> Environment:
        """The digest's templates, compiled once for this shell (every request of the dashboard)."""
        from tracker.digest.wording import digest_environment

        return digest_environment(self.settings.templates_dir)

    def digest_queue(self) -> DigestQueue:
        from tracker.services.digests import DigestQueue

        return DigestQueue(
            env=self.digest_templates, mail_from=self.mail_from, archive_dir=self.settings.digests_dir
        )

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One all-or-nothing unit of work."""
        from tracker.store.db import session_factory

        with session_factory(self.engine)() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A transaction that only reads (a report, a list): it never keeps a writer waiting."""
        from tracker.store.db import reading_sessions

        with reading_sessions(self.engine)() as session, session.begin():
            yield session
