"""A control character in a name or any other config text (NUL, CR/LF inside a cell, ESC, BEL, TAB) is
refused by `check-config` and `load` with the file, the row or line, and the field: accepted, a NUL
crashed `load` on PostgreSQL, and ESC reached the clerk's terminal (issue 13, item 9)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.e2e.commands import ConfigFiles, LoadedDatabase

PLAN_FILE = "plans/so-ket-de-an-2019.toml"
CAM_LO = "Liên đoàn Lao động huyện Cam Lộ"  # the unit on row 6 of units.csv


def nul_in_a_unit_name(files: ConfigFiles) -> list[str]:
    files.replace("units.csv", CAM_LO, "Liên đoàn Lao động\x00 huyện Cam Lộ")
    return ['units.csv, dòng 6, cột "name"', "U+0000"]


def line_break_in_a_quoted_unit_name(files: ConfigFiles) -> list[str]:
    files.replace("units.csv", CAM_LO, '"Liên đoàn Lao động\r\nhuyện Cam Lộ"')
    return ['units.csv, dòng 6, cột "name"', "U+000D"]


def escape_in_a_chair_name(files: ConfigFiles) -> list[str]:
    files.replace("units.csv", "Nguyễn Văn An", "Nguyễn\x1b[2J Văn An")
    return ['units.csv, dòng 2, cột "chair_name"', "U+001B"]


def bell_in_a_unit_kind(files: ConfigFiles) -> list[str]:
    path = files.root / "units.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace(",địa phương,", ",địa\x07 phương,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ['units.csv, dòng 6, cột "kind"', "U+0007"]


def escape_written_in_a_plan_title(files: ConfigFiles) -> list[str]:
    files.replace(PLAN_FILE, 'title = "Sơ kết', 'title = "\\u001b[31mSơ kết')
    line = files.line_of(PLAN_FILE, "u001b")
    return [f'{PLAN_FILE}, dòng {line}, trường "title"', "U+001B"]


def line_break_in_a_milestone_title(files: ConfigFiles) -> list[str]:
    files.replace(PLAN_FILE, 'title = "LĐLĐ tỉnh', 'title = "LĐLĐ\\ntỉnh')
    line = files.line_of(PLAN_FILE, "LĐLĐ\\ntỉnh")
    return [f'{PLAN_FILE}, dòng {line}, trường "milestones[1].title"', "U+000A"]


def nul_in_the_organization_name(files: ConfigFiles) -> list[str]:
    files.replace("organization.toml", 'name = "Liên đoàn', 'name = "\\u0000Liên đoàn')
    line = files.line_of("organization.toml", "u0000")
    return [f'organization.toml, dòng {line}, trường "name"', "U+0000"]


CASES: list[Callable[[ConfigFiles], list[str]]] = [
    nul_in_a_unit_name,
    line_break_in_a_quoted_unit_name,
    escape_in_a_chair_name,
    bell_in_a_unit_kind,
    escape_written_in_a_plan_title,
    line_break_in_a_milestone_title,
    nul_in_the_organization_name,
]


@pytest.mark.parametrize("break_config", CASES, ids=[case.__name__ for case in CASES])
def test_a_control_character_in_config_text_is_refused_with_file_row_and_field(
    loaded: LoadedDatabase, config_files: ConfigFiles, break_config: Callable[[ConfigFiles], list[str]]
) -> None:
    loaded.assert_config_refused(break_config(config_files))
