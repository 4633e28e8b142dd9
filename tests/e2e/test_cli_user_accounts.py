"""`tracker user add|passwd|disable|list`: accounts for the dashboard, each change audited with who
made it, and never a password or its hash in the output or the trail."""

from __future__ import annotations

import json

from click.testing import CliRunner, Result
from sqlalchemy import select

from tests.e2e.commands import Tracker
from tracker.cli.main import cli
from tracker.store.db import make_engine
from tracker.store.tables import AuditRow, UserRow

PASSWORD = "Mật khẩu dài của chị Lan"


def _typing(tracker: Tracker, typed: str, *args: str) -> Result:
    """`tracker ARGS` with `typed` on its standard input."""
    return CliRunner().invoke(cli, list(args), env=tracker.env, input=typed, catch_exceptions=False)


def _add(tracker: Tracker, login: str = "lan", role: str = "clerk", password: str = PASSWORD) -> Result:
    name = ("--name", "Trần Thị Lan", "--role", role)
    return _typing(tracker, password + "\n", "user", "add", login, *name, "--password-stdin")


def test_add_list_passwd_disable(tracker: Tracker, database_url: str):
    tracker.env["TRACKER_CLERK"] = "quan-tri-vien"
    added = _add(tracker)
    assert added.exit_code == 0, added.output
    assert "Đã tạo tài khoản lan (Cán bộ theo dõi)" in added.stdout
    assert tracker.ok("user", "list") == "lan\tTrần Thị Lan\tCán bộ theo dõi\tđang dùng\n"

    changed = _typing(tracker, "mot-mat-khau-moi\n", "user", "passwd", "lan", "--password-stdin")
    assert changed.exit_code == 0, changed.output
    assert tracker.ok("user", "disable", "lan") == "Đã khoá tài khoản lan.\n"
    assert "đã khoá" in tracker.ok("user", "list")

    engine = make_engine(database_url)
    with engine.connect() as connection:
        stored = connection.execute(select(UserRow.password_hash)).scalar_one()
        trail = connection.execute(
            select(AuditRow.actor, AuditRow.action, AuditRow.before, AuditRow.after)
        ).all()
    engine.dispose()
    assert stored.startswith("$argon2id$")
    assert [(actor, action) for actor, action, _, _ in trail] == [
        ("quan-tri-vien", "user.add"),
        ("quan-tri-vien", "user.passwd"),
        ("quan-tri-vien", "user.disable"),
    ]
    written = json.dumps([row._asdict() for row in trail], ensure_ascii=False, default=str)
    assert PASSWORD not in written and "mot-mat-khau-moi" not in written and "argon2" not in written


def test_the_password_is_asked_twice_without_echo(tracker: Tracker):
    typed = _typing(
        tracker, f"{PASSWORD}\n{PASSWORD}\n", "user", "add", "lan", "--name", "Lan", "--role", "viewer"
    )
    assert typed.exit_code == 0, typed.output
    assert PASSWORD not in typed.output
    assert "Nhập lại mật khẩu" in typed.output


def test_bad_accounts_are_refused_in_vietnamese(tracker: Tracker):
    assert _add(tracker).exit_code == 0
    assert "đã có người dùng" in _add(tracker).stderr
    assert "ít nhất 8 ký tự" in _add(tracker, "hoa", password="ngan").stderr
    assert "không hợp lệ" in _add(tracker, "Hoa Lê").stderr
    assert "Không có người dùng 'ai'" in tracker.refused("user", "disable", "ai")
