"""Dates as Vietnamese users write them (15/9/2019) or ISO; a day that does not exist is an error."""

from datetime import date
from pathlib import Path

from tests.fixtures.config_edits import PLAN, config_errors, line_of, places, replace_in
from tracker.config import load_config


def test_31_september_is_refused_at_its_line(config_dir: Path) -> None:
    plan = config_dir / PLAN
    replace_in(plan, 'due = "15/9/2019"', 'due = "31/9/2019"')

    [error] = config_errors(config_dir)

    assert places([error]) == [(PLAN, line_of(plan, "31/9/2019"), "milestones[0].due")]
    assert "31/9/2019" in error.message and "chỉ có 30 ngày" in error.message


def test_month_13_written_as_a_toml_date_is_refused_at_its_line(config_dir: Path) -> None:
    plan = config_dir / PLAN
    replace_in(plan, "due = 2019-10-01", "due = 2019-13-01")

    [error] = config_errors(config_dir)

    assert places([error]) == [(PLAN, line_of(plan, "2019-13-01"), "milestones[1].due")]
    assert "tháng 13 không tồn tại" in error.message


def test_month_13_written_as_a_string_is_refused_at_its_line(config_dir: Path) -> None:
    plan = config_dir / PLAN
    replace_in(plan, 'issued = "12/8/2019"', 'issued = "2019-13-01"')

    [error] = config_errors(config_dir)

    assert places([error]) == [(PLAN, line_of(plan, "2019-13-01"), "issued")]
    assert "tháng 13 không tồn tại" in error.message


def test_a_day_month_year_date_without_quotes_is_told_to_take_quotes(config_dir: Path) -> None:
    plan = config_dir / PLAN
    replace_in(plan, 'due = "15/9/2019"', "due = 15/9/2019")

    [error] = config_errors(config_dir)

    assert places([error]) == [(PLAN, line_of(plan, "due = 15/9/2019"), "milestones[0].due")]
    assert 'đặt trong dấu ngoặc kép: "15/9/2019"' in error.message


def test_iso_strings_and_toml_dates_mean_the_same_day(config_dir: Path) -> None:
    plan = config_dir / PLAN
    replace_in(plan, 'due = "15/9/2019"', 'due = "2019-09-15"')
    replace_in(plan, 'issued = "12/8/2019"', "issued = 2019-08-12")

    loaded = load_config(config_dir).plans[0]

    assert (loaded.issued, loaded.milestones[0].due) == (date(2019, 8, 12), date(2019, 9, 15))


def test_a_plan_issued_after_its_deadline_is_refused(config_dir: Path) -> None:
    plan = config_dir / PLAN
    replace_in(plan, 'issued = "12/8/2019"', 'issued = "20/9/2019"')

    [error] = config_errors(config_dir)

    assert places([error]) == [(PLAN, line_of(plan, "issued = "), "issued")]
    assert "bao-cao-don-vi (14/09/2019)" in error.message


def test_a_plan_that_closes_before_a_deadline_is_refused_and_a_later_close_is_kept(config_dir: Path) -> None:
    plan = config_dir / PLAN
    replace_in(plan, 'closes = "31/12/2019"', 'closes = "30/10/2019"')

    [error] = config_errors(config_dir)

    assert places([error]) == [(PLAN, line_of(plan, "closes = "), "closes")]
    assert "bao-cao-tong-hop (31/10/2019)" in error.message
    replace_in(plan, 'closes = "30/10/2019"', 'closes = "31/12/2019"')
    assert load_config(config_dir).plans[0].closes == date(2019, 12, 31)
