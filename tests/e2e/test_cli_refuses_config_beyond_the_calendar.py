"""Values the calendar cannot count with (a year 0001 or 9999, an offset of a million days, months of
days off in a row) are refused where the config is read, by `check-config` and `load`, with the file,
line and field: accepted, they crashed every later sweep, schedule and digest (issue 13, item 8)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from tests.e2e.commands import ConfigFiles, LoadedDatabase

PLAN_FILE = "plans/so-ket-de-an-2019.toml"


def due_in_year_9999(files: ConfigFiles) -> list[str]:
    files.replace(PLAN_FILE, "due = 2019-10-01", "due = 9999-12-31")
    line = files.line_of(PLAN_FILE, "9999-12-31")
    return [f'{PLAN_FILE}, dòng {line}, trường "milestones[1].due"', "năm 9999 nằm ngoài khoảng 2000–2100"]


def issued_in_year_0001(files: ConfigFiles) -> list[str]:
    files.replace(PLAN_FILE, 'issued = "12/8/2019"', 'issued = "12/8/0001"')
    line = files.line_of(PLAN_FILE, "12/8/0001")
    return [f'{PLAN_FILE}, dòng {line}, trường "issued"', "năm 1 nằm ngoài khoảng 2000–2100"]


def offset_of_a_hundred_million_days(files: ConfigFiles) -> list[str]:
    files.replace("ladders.toml", 'offset = "-21d"', 'offset = "-99999999d"')
    line = files.line_of("ladders.toml", "-99999999d")
    return [f'ladders.toml, dòng {line}, trường "ladders.standard.steps[0].offset"', "quá xa hạn"]


def offset_of_ten_million_working_days(files: ConfigFiles) -> list[str]:
    files.replace("ladders.toml", 'offset = "-21d"', 'offset = "+9999999wd"')
    line = files.line_of("ladders.toml", "+9999999wd")
    return [f'ladders.toml, dòng {line}, trường "ladders.standard.steps[0].offset"', "tối đa 366"]


def repeat_every_thousand_days(files: ConfigFiles) -> list[str]:
    files.replace("ladders.toml", 'repeat_every = "7d"', 'repeat_every = "1000d"')
    line = files.line_of("ladders.toml", "1000d")
    return [f'ladders.toml, dòng {line}, trường "ladders.standard.repeat_every"', "quá xa hạn"]


def five_hundred_days_off_in_a_row(files: ConfigFiles) -> list[str]:
    first = date(2019, 6, 1)
    days = "".join(f'[[days_off]]\ndate = {first + timedelta(days=n)}\nname = "Nghỉ"\n' for n in range(500))
    (files.root / "holidays.toml").write_text(days, encoding="utf-8")
    return ['holidays.toml, dòng 2, trường "days_off[0].date"', "500 ngày nghỉ liền"]


CASES: list[Callable[[ConfigFiles], list[str]]] = [
    due_in_year_9999,
    issued_in_year_0001,
    offset_of_a_hundred_million_days,
    offset_of_ten_million_working_days,
    repeat_every_thousand_days,
    five_hundred_days_off_in_a_row,
]


@pytest.mark.parametrize("break_config", CASES, ids=[case.__name__ for case in CASES])
def test_a_value_beyond_the_calendar_is_refused_with_file_line_and_field(
    loaded: LoadedDatabase, config_files: ConfigFiles, break_config: Callable[[ConfigFiles], list[str]]
) -> None:
    loaded.assert_config_refused(break_config(config_files))
