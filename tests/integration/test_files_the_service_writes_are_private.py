"""The database, the digests and the emails the service writes hold people's names, addresses and
figures: they are made readable by the service user only (0600, folders 0700), not world-readable as
the umask would have them (issue 13, item 16)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli.main import cli

Env = dict[str, str | None]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def tracker_env(tmp_path: Path, config_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Env]:
    """`tracker` in tmp_path with its default places (var/…) and no mail server: emails go to files."""
    monkeypatch.chdir(tmp_path)
    umask = os.umask(0o022)  # the usual one: files 0644, folders 0755 unless made private
    unset = ("TRACKER_DATABASE_URL", "TRACKER_OUTBOX_DIR", "TRACKER_DIGESTS_DIR", "TRACKER_SMTP_HOST")
    yield dict.fromkeys(unset) | {"TRACKER_CONFIG_DIR": str(config_dir)}
    os.umask(umask)


def _run(env: Env, *args: str) -> None:
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output


def test_the_sqlite_database_and_its_folder_are_private(tmp_path: Path, tracker_env: Env) -> None:
    _run(tracker_env, "load")

    assert _mode(tmp_path / "var") == 0o700
    assert {path.name: _mode(path) for path in (tmp_path / "var").glob("tracker.db*")} == {
        "tracker.db": 0o600,
        "tracker.db-wal": 0o600,
        "tracker.db-shm": 0o600,
    }


def test_digests_and_emails_are_private(tmp_path: Path, tracker_env: Env) -> None:
    _run(tracker_env, "load")
    _run(tracker_env, "digest", "--as-of", "2019-09-16", "--out", "bao-cao/tien-do.html")
    _run(tracker_env, "remind", "--as-of", "2019-08-26T07:30:00+07:00")
    _run(tracker_env, "run", "--replay-from", "2019-09-16", "--until", "2019-09-16", "--speed", "max")

    assert (_mode(tmp_path / "bao-cao"), _mode(tmp_path / "bao-cao" / "tien-do.html")) == (0o700, 0o600)
    outbox = tmp_path / "var" / "outbox"
    assert _mode(outbox) == 0o700
    assert {_mode(path) for path in outbox.glob("*.eml")} == {0o600}
    digests = tmp_path / "var" / "digests"
    assert _mode(digests) == 0o700
    assert {path.suffix: _mode(path) for path in digests.iterdir()} == {".eml": 0o600, ".html": 0o600}
