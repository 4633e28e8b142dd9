"""Infrastructure errors are one Vietnamese sentence naming the setting, path or permission, with the
right exit code (2 for what the person typed, 1 for the environment), never a traceback (issue 13,
item 13)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tracker.cli.main import cli

Env = dict[str, str | None]


@pytest.fixture
def run(tmp_path: Path, config_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    monkeypatch.chdir(tmp_path)
    base: Env = {"TRACKER_CONFIG_DIR": str(config_dir), "TRACKER_SMTP_HOST": None, "TRACKER_OUTBOX_DIR": None}

    def invoke(url: str, *args: str) -> Result:
        result = CliRunner().invoke(cli, list(args), env=base | {"TRACKER_DATABASE_URL": url})
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        return result

    return invoke


def _said(result: Result, code: int, *fragments: str) -> None:
    assert result.exit_code == code, result.output
    message = result.stderr.strip()
    assert "\n" not in message and "Traceback" not in message, message
    for fragment in fragments:
        assert fragment in message, message


@pytest.mark.parametrize(
    ("url", "code", "fragment"),
    [
        ("garbage", 2, "TRACKER_DATABASE_URL 'garbage' không dùng được"),
        ("foo://server/db", 2, "TRACKER_DATABASE_URL 'foo://server/db' không dùng được"),
        ("mysql://tracker:secret@server/db", 2, "'mysql://tracker:***@server/db' không dùng được"),
        ("postgresql+psycopg://tracker:secret@127.0.0.1:1/db", 1, "máy chủ không nhận kết nối"),
    ],
    ids=["garbage", "unknown-backend", "no-driver", "unreachable"],
)
def test_a_database_url_that_cannot_work_is_named(
    run: Callable[..., Result], url: str, code: int, fragment: str
) -> None:
    result = run(url, "status")

    _said(result, code, fragment)
    assert "secret" not in result.stderr


def test_a_file_that_is_not_a_database_is_named(run: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "notes.db").write_text("not a database", encoding="utf-8")

    _said(run(f"sqlite:///{tmp_path}/notes.db", "status"), 1, "notes.db", "không phải cơ sở dữ liệu SQLite")


def test_a_database_folder_that_cannot_be_made_is_named(run: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "var").write_text("a file where the folder should be", encoding="utf-8")

    _said(
        run(f"sqlite:///{tmp_path}/var/db/tracker.db", "load"),
        1,
        f"'{tmp_path}/var/db'",
        "TRACKER_DATABASE_URL",
    )


@pytest.mark.parametrize(
    "command",
    [
        ("receive", "so-ket-de-an-2019", "bao-cao-don-vi", "cd-y-te", "--on", "12/9/2019", "--by", "Hà"),
        ("remind", "--as-of", "2019-08-26T07:30:00+07:00"),
    ],
    ids=["receive", "remind"],
)
def test_a_read_only_database_is_said_on_a_write(
    run: Callable[..., Result], tmp_path: Path, command: tuple[str, ...]
) -> None:
    assert run(f"sqlite:///{tmp_path}/tracker.db", "load").exit_code == 0

    result = run(f"sqlite:///file:{tmp_path}/tracker.db?mode=ro&uri=true", *command)

    _said(result, 1, "tệp chỉ cho đọc", "cấp quyền ghi")


def test_a_digest_out_where_no_folder_can_be_is_bad_input(run: Callable[..., Result], tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/tracker.db"
    run(url, "load")
    (tmp_path / "reports").write_text("a file", encoding="utf-8")

    result = run(url, "digest", "--as-of", "16/9/2019", "--out", "reports/digest.html")

    _said(result, 2, "--out: Không ghi được 'reports'")


def test_toml_nested_five_thousand_deep_is_refused_as_config(
    run: Callable[..., Result], tmp_path: Path, config_dir: Path
) -> None:
    (config_dir / "holidays.toml").write_text(
        "days_off = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8"
    )

    result = run(f"sqlite:///{tmp_path}/tracker.db", "check-config")

    assert result.exit_code == 2
    assert "holidays.toml" in result.stderr and "lồng nhau quá sâu" in result.stderr


@pytest.mark.skipif(
    not os.environ.get("TRACKER_TEST_DATABASE_URL"), reason="needs the test PostgreSQL server"
)
def test_an_unknown_postgresql_database_is_named(run: Callable[..., Result]) -> None:
    server = os.environ["TRACKER_TEST_DATABASE_URL"].rsplit("/", 1)[0]

    _said(run(f"{server}/khong_co_csdl_nay", "status"), 1, "khong_co_csdl_nay", "chưa có trên máy chủ")
