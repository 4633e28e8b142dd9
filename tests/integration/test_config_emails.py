"""Email addresses are checked where they are written; a unit needs at least one."""

from pathlib import Path

from tests.fixtures.config_edits import config_errors, line_of, places, replace_in
from tracker.config import load_config


def test_an_invalid_unit_email_is_refused_at_its_row(config_dir: Path) -> None:
    units = config_dir / "units.csv"
    replace_in(units, "ldld.camlo@example.org", "ldld.camlo@@example.org")

    [error] = config_errors(config_dir)

    assert places([error]) == [("units.csv", line_of(units, "Cam Lộ"), "email")]
    assert 'địa chỉ email "ldld.camlo@@example.org" không hợp lệ' in error.message


def test_an_empty_unit_email_is_refused_at_its_row(config_dir: Path) -> None:
    units = config_dir / "units.csv"
    replace_in(units, "congdoan.yte@example.org", "")

    [error] = config_errors(config_dir)

    assert places([error]) == [("units.csv", line_of(units, "Y tế"), "email")]
    assert error.message.startswith("chưa có địa chỉ email")


def test_an_invalid_chair_email_is_refused_but_an_empty_one_is_allowed(config_dir: Path) -> None:
    units = config_dir / "units.csv"
    replace_in(units, "chutich.giolinh@example.org", "")
    replace_in(units, "chutich.camlo@example.org", "chutich camlo")

    [error] = config_errors(config_dir)

    assert places([error]) == [("units.csv", line_of(units, "Cam Lộ"), "chair_email")]


def test_several_unit_emails_are_separated_by_semicolons(config_dir: Path) -> None:
    replace_in(
        config_dir / "units.csv", "congdoan.yte@example.org", " congdoan.yte@example.org ; yte2@example.org;"
    )

    unit = next(unit for unit in load_config(config_dir).units if unit.code == "cd-y-te")

    assert unit.emails == ("congdoan.yte@example.org", "yte2@example.org")


def test_an_invalid_owner_email_is_refused_at_its_line(config_dir: Path) -> None:
    organization = config_dir / "organization.toml"
    replace_in(organization, 'emails = ["bantochuc@example.org"]', 'emails = ["bantochuc.example.org"]')

    [error] = config_errors(config_dir)

    assert places([error]) == [
        ("organization.toml", line_of(organization, "bantochuc.example.org"), "owner.emails")
    ]


def test_an_empty_standing_email_list_is_refused(config_dir: Path) -> None:
    organization = config_dir / "organization.toml"
    replace_in(organization, 'emails = ["thuongtruc@example.org"]', "emails = []")

    [error] = config_errors(config_dir)

    assert places([error]) == [("organization.toml", line_of(organization, "emails = []"), "standing.emails")]
    assert error.message.startswith("cần ít nhất một địa chỉ email")
