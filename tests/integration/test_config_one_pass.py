"""Every problem of a config directory is reported in one pass, file by file, top to bottom."""

from pathlib import Path

from tests.fixtures.config_edits import PLAN, config_errors, line_of, places, replace_in
from tracker.config import ConfigErrors, load_config


def test_problems_in_several_files_are_all_reported_in_reading_order(config_dir: Path) -> None:
    plan, units, organization = config_dir / PLAN, config_dir / "units.csv", config_dir / "organization.toml"
    replace_in(plan, 'audience = "units"', 'audience = ["ldld-dong-hoi"]')
    replace_in(plan, 'due = "15/9/2019"', 'due = "31/9/2019"')
    replace_in(plan, 'due_rule = "end_of_month"', 'due_rule = "cuoi-thang"')
    replace_in(units, "ldld.camlo@example.org", "")
    replace_in(units, "ldld-hai-lang,", "ldld-cam-lo,")
    replace_in(organization, 'hours = "07:30-17:00"', 'hours = "17:00-07:30"')

    errors = config_errors(config_dir)

    assert places(errors) == [
        ("organization.toml", line_of(organization, "hours = "), "sending.hours"),
        ("units.csv", line_of(units, "Cam Lộ"), "email"),
        ("units.csv", line_of(units, "Hải Lăng"), "code"),
        (PLAN, line_of(plan, "31/9/2019"), "milestones[0].due"),
        (PLAN, line_of(plan, "ldld-dong-hoi"), "milestones[0].audience"),
        (PLAN, line_of(plan, "cuoi-thang"), "milestones[1].due_rule"),
    ]
    assert '"before", "by", "end_of_month"' in errors[-1].message


def test_the_exception_prints_one_error_per_line_with_file_line_and_field(config_dir: Path) -> None:
    plan = config_dir / PLAN
    replace_in(plan, 'due = "15/9/2019"', 'due = "31/9/2019"')
    units = config_dir / "units.csv"
    replace_in(units, "congdoan.yte@example.org", "")

    try:
        load_config(config_dir)
    except ConfigErrors as exc:
        text = str(exc)
    assert text.splitlines() == [
        "Cấu hình có 2 lỗi:",
        f'- units.csv, dòng {line_of(units, "Y tế")}, cột "email": chưa có địa chỉ email; '
        "cần ít nhất một địa chỉ, nhiều địa chỉ cách nhau bằng dấu ;",
        f'- {PLAN}, dòng {line_of(plan, "31/9/2019")}, trường "milestones[0].due": '
        "'31/9/2019': tháng 9/2019 chỉ có 30 ngày",
    ]


def test_a_missing_config_directory_and_missing_files_are_reported(tmp_path: Path) -> None:
    assert places(config_errors(tmp_path / "nowhere")) == [(str(tmp_path / "nowhere"), None, "")]
    assert places(config_errors(tmp_path)) == [("organization.toml", None, ""), ("units.csv", None, "")]
