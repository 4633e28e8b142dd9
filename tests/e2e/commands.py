"""`tracker …` run in-process (click's CliRunner), and what the end-to-end tests read and edit around it.

The fixtures that build these for a test are in tests/e2e/conftest.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from tests.fixtures.config_edits import replace_in
from tracker.cli.main import cli

Snapshot = dict[str, list[dict[str, Any]]]


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


@dataclass
class ConfigFiles:
    """Edits to the test's config copy, each checked to have happened."""

    root: Path

    def replace(self, name: str, old: str, new: str) -> None:
        replace_in(self.root / name, old, new)

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
