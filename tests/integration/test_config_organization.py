"""organization.toml: sending hours, digest schedule, time zone, and their defaults."""

from datetime import time
from pathlib import Path

from tests.fixtures.config_edits import config_errors, line_of, places, replace_in
from tracker.config import load_config


def test_sending_hours_must_start_before_they_end(config_dir: Path) -> None:
    organization = config_dir / "organization.toml"
    replace_in(organization, 'hours = "07:30-17:00"', 'hours = "7:30 - 25:00"')

    [error] = config_errors(config_dir)

    assert places([error]) == [("organization.toml", line_of(organization, "hours = "), "sending.hours")]
    assert "giờ 25:00 không tồn tại" in error.message


def test_a_digest_schedule_needs_an_english_weekday_and_a_time(config_dir: Path) -> None:
    organization = config_dir / "organization.toml"
    replace_in(organization, 'schedule = "mon 07:30"', 'schedule = "thứ hai 07:30"')

    [error] = config_errors(config_dir)

    assert places([error]) == [("organization.toml", line_of(organization, "schedule = "), "digest.schedule")]


def test_an_unknown_time_zone_is_refused(config_dir: Path) -> None:
    organization = config_dir / "organization.toml"
    replace_in(organization, 'timezone = "Asia/Ho_Chi_Minh"', 'timezone = "Asia/Hanoi"')

    [error] = config_errors(config_dir)

    assert places([error]) == [("organization.toml", line_of(organization, "timezone = "), "timezone")]


def test_a_digest_on_friday_afternoon_is_read(config_dir: Path) -> None:
    replace_in(config_dir / "organization.toml", 'schedule = "mon 07:30"', 'schedule = "Fri 16:00"')

    digest = load_config(config_dir).organization.digest

    assert (digest.weekday, digest.at) == (4, time(16, 0))


def test_without_time_zone_sending_and_digest_the_defaults_apply(config_dir: Path) -> None:
    organization = config_dir / "organization.toml"
    text = organization.read_text(encoding="utf-8")
    organization.write_text(
        text[: text.index("[sending]")].replace('timezone = "Asia/Ho_Chi_Minh"', ""), "utf-8"
    )

    loaded = load_config(config_dir).organization

    assert loaded.timezone == "Asia/Ho_Chi_Minh"
    assert (loaded.sending_hours.start, loaded.sending_hours.end) == (time(7, 30), time(17, 0))
    assert (loaded.digest.weekday, loaded.digest.at) == (0, time(7, 30))
    assert (loaded.digest.to, loaded.digest.cc) == (("bantochuc@example.org",), ())


def test_a_missing_owner_table_is_reported(config_dir: Path) -> None:
    organization = config_dir / "organization.toml"
    replace_in(organization, "[owner]", "[ban_to_chuc]")

    errors = config_errors(config_dir)

    assert places(errors) == [
        ("organization.toml", None, "owner"),
        ("organization.toml", line_of(organization, "[ban_to_chuc]"), "ban_to_chuc"),
    ]
    assert errors[0].message == "thiếu bảng bắt buộc [owner]"


def test_the_signature_block_is_read_and_an_empty_one_is_refused(config_dir: Path) -> None:
    organization = config_dir / "organization.toml"
    signed = load_config(config_dir).organization.signed_by
    assert (signed.lines, signed.name) == (("TM. BAN TỔ CHỨC", "TRƯỞNG BAN"), "")

    replace_in(organization, '# name = "Nguyễn Văn A"', 'name = "Nguyễn Văn A"')
    assert load_config(config_dir).organization.signed_by.name == "Nguyễn Văn A"

    replace_in(organization, 'lines = ["TM. BAN TỔ CHỨC", "TRƯỞNG BAN"]', "lines = []")
    [error] = config_errors(config_dir)
    assert places([error]) == [("organization.toml", line_of(organization, "lines = "), "signature.lines")]
    assert "cần ít nhất một dòng" in error.message
