"""`tracker …` run in-process (click's CliRunner) on the test's database and an editable config copy.

The working folder is the test's tmp_path, so `var/` and a `.env` lookup never touch the checkout.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import MetaData, Table, select

from tests.e2e.commands import ConfigFiles, LoadedDatabase, Snapshot, Tracker
from tracker.store.db import make_engine

# Settings a developer's shell may hold that would take a test outside its tmp_path.
_UNSET = (
    "TRACKER_OUTBOX_DIR",
    "TRACKER_DIGESTS_DIR",
    "TRACKER_TEMPLATES_DIR",
    "TRACKER_SMTP_HOST",
    "TRACKER_SMTP_PORT",
    "TRACKER_SMTP_USER",
    "TRACKER_SMTP_PASSWORD",
    "TRACKER_SMTP_TLS",
    "TRACKER_MAIL_FROM",
    "TRACKER_FILES_DIR",
    "TRACKER_IMAP_HOST",
    "TRACKER_IMAP_DONE_FOLDER",
    "TRACKER_INTAKE_AUTO",
)


@pytest.fixture
def tracker(database_url: str, config_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Tracker:
    monkeypatch.chdir(tmp_path)
    env: dict[str, str | None] = dict.fromkeys(_UNSET)
    # A wide terminal, so that the people's table is not wrapped into unreadable columns.
    env |= {"TRACKER_DATABASE_URL": database_url, "TRACKER_CONFIG_DIR": str(config_dir), "COLUMNS": "200"}
    env["TRACKER_CLERK"] = "Cán bộ Ban Tổ chức"  # as on a clerk's machine: acts without --by are hers
    return Tracker(env)


@pytest.fixture
def snapshot(database_url: str) -> Iterator[Callable[[], Snapshot]]:
    """Every row of every table, in primary-key order: equal snapshots mean an untouched database."""
    engine = make_engine(database_url)
    tables: list[Table] = []

    def take() -> Snapshot:
        if not tables:  # the schema is there once the first command has run
            metadata = MetaData()
            metadata.reflect(engine)
            tables.extend(metadata.sorted_tables)
        with engine.connect() as connection:
            return {
                table.name: [
                    dict(row._mapping)
                    for row in connection.execute(select(table).order_by(*table.primary_key))
                ]
                for table in tables
            }

    yield take
    engine.dispose()


@pytest.fixture
def config_files(config_dir: Path) -> ConfigFiles:
    return ConfigFiles(config_dir)


@pytest.fixture
def loaded(tracker: Tracker, snapshot: Callable[[], Snapshot]) -> LoadedDatabase:
    tracker.ok("load")
    tracker.ok("receive", "so-ket-de-an-2019", "bao-cao-don-vi", "cd-y-te", "--on", "12/9/2019")
    return LoadedDatabase(tracker, snapshot, snapshot())
