"""holidays.toml: the office's days off and make-up working days; the file is optional."""

from datetime import date
from pathlib import Path

from tests.fixtures.config_edits import config_errors, line_of, places
from tracker.config import load_config
from tracker.core.model import CalendarOverride

OVERRIDES = """
[[days_off]]
date = "20/12/2019"
name = "Nghỉ tổ chức Hội nghị tổng kết"

[[working_days]]
date = 2019-12-28
name = "Làm bù ngày 20/12"
"""


def test_days_off_and_make_up_working_days_are_read(config_dir: Path) -> None:
    (config_dir / "holidays.toml").write_text(OVERRIDES, encoding="utf-8")

    config = load_config(config_dir)

    assert config.days_off == (CalendarOverride(date(2019, 12, 20), "Nghỉ tổ chức Hội nghị tổng kết"),)
    assert config.working_days == (CalendarOverride(date(2019, 12, 28), "Làm bù ngày 20/12"),)


def test_the_holidays_file_may_be_left_out(config_dir: Path) -> None:
    (config_dir / "holidays.toml").unlink()

    assert (load_config(config_dir).days_off, load_config(config_dir).working_days) == ((), ())


def test_a_day_both_off_and_worked_is_refused_at_its_second_mention(config_dir: Path) -> None:
    holidays = config_dir / "holidays.toml"
    holidays.write_text(OVERRIDES.replace("2019-12-28", '"20/12/2019"'), encoding="utf-8")

    [error] = config_errors(config_dir)

    assert places([error]) == [("holidays.toml", line_of(holidays, "date = ", 2), "working_days[0].date")]
