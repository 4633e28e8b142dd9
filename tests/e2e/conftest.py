"""`tracker …` run in-process (click's CliRunner) on the test's database and an editable config copy.

The working folder is the test's tmp_path, so `var/` and a `.env` lookup never touch the checkout.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import MetaData, Table, select

from tracker.cli.main import cli
from tracker.store.db import make_engine

Snapshot = dict[str, list[dict[str, Any]]]

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
)


@dataclass
class Tracker:
    """The `tracker` command, as a clerk would type it."""

    env: dict[str, str | None]

    def __call__(self, *args: str) -> Result:
        return CliRunner().invoke(cli, list(args), env=self.env, catch_exceptions=False)

    def ok(self, *args: str) -> str:
        """stdout of a command that must succeed."""
        result = self(*args)
        assert result.exit_code == 0, f"exit {result.exit_code}\n{result.output}"
        return result.stdout

    def refused(self, *args: str) -> str:
        """stderr of a command that must be refused as bad input (exit code 2)."""
        result = self(*args)
        assert result.exit_code == 2, f"exit {result.exit_code}\n{result.output}"
        assert result.stderr.strip(), "a refusal must say why"
        return result.stderr

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args, "--format", "json"))

    def status(self, as_of: str | None = None) -> dict[tuple[str, str], dict[str, Any]]:
        """`status --format json` at `as_of` (default: now), keyed by (milestone, unit)."""
        when = ("--as-of", as_of) if as_of else ()
        return {(row["milestone"], row["unit"]): row for row in self.json("status", *when)}


@pytest.fixture
def tracker(database_url: str, config_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Tracker:
    monkeypatch.chdir(tmp_path)
    env: dict[str, str | None] = dict.fromkeys(_UNSET)
    # A wide terminal, so that the people's table is not wrapped into unreadable columns.
    env |= {"TRACKER_DATABASE_URL": database_url, "TRACKER_CONFIG_DIR": str(config_dir), "COLUMNS": "200"}
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


@dataclass
class ConfigFiles:
    """Edits to the test's config copy, each checked to have happened."""

    root: Path

    def replace(self, name: str, old: str, new: str) -> None:
        path = self.root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def lines_of(self, name: str, fragment: str) -> list[int]:
        """The 1-based lines of `name` that hold `fragment`, as an editor shows them."""
        lines = (self.root / name).read_text(encoding="utf-8").splitlines()
        return [number for number, line in enumerate(lines, start=1) if fragment in line]

    def line_of(self, name: str, fragment: str) -> int:
        return self.lines_of(name, fragment)[0]

    def add_unit_row(self, row: str) -> int:
        """Append a row to units.csv; returns its row number as Excel shows it."""
        path = self.root / "units.csv"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.rstrip("\n") + "\n" + row + "\n", encoding="utf-8")
        return len(text.rstrip("\n").splitlines()) + 1


@pytest.fixture
def config_files(config_dir: Path) -> ConfigFiles:
    return ConfigFiles(config_dir)


@dataclass
class LoadedDatabase:
    """The seed loaded and one report received: a database with something to lose."""

    tracker: Tracker
    snapshot: Callable[[], Snapshot]
    before: Snapshot

    def assert_config_refused(self, fragments: list[str]) -> None:
        """`check-config` and `load` both refuse the config, naming every fragment; nothing changed."""
        for command in ("check-config", "load"):
            message = self.tracker.refused(command)
            assert message.startswith("Cấu hình có "), message
            for fragment in fragments:
                assert fragment in message, f"{fragment!r} not in {message}"
        assert self.snapshot() == self.before

    def assert_refused(self, *args: str) -> str:
        """The command is refused as bad input and changed nothing; returns its message."""
        message = self.tracker.refused(*args)
        assert self.snapshot() == self.before
        return message


@pytest.fixture
def loaded(tracker: Tracker, snapshot: Callable[[], Snapshot]) -> LoadedDatabase:
    tracker.ok("load")
    tracker.ok("receive", "so-ket-de-an-2019", "bao-cao-don-vi", "cd-y-te", "--on", "12/9/2019")
    return LoadedDatabase(tracker, snapshot, snapshot())
