"""A code used twice is an error at the second use, naming where the first one is."""

import shutil
from pathlib import Path

from tests.fixtures.config_edits import PLAN, config_errors, line_of, places, replace_in


def test_a_duplicate_unit_code_is_refused_at_its_row(config_dir: Path) -> None:
    units = config_dir / "units.csv"
    replace_in(units, "ldld-hai-lang,", "ldld-cam-lo,")

    [error] = config_errors(config_dir)

    assert places([error]) == [("units.csv", line_of(units, "Hải Lăng"), "code")]
    assert f"đã dùng cho đơn vị ở dòng {line_of(units, 'Cam Lộ')}" in error.message


def test_a_duplicate_milestone_code_is_refused_at_the_second_milestone(config_dir: Path) -> None:
    plan = config_dir / PLAN
    replace_in(plan, 'code = "bao-cao-tong-hop"', 'code = "bao-cao-don-vi"')

    [error] = config_errors(config_dir)

    assert places([error]) == [
        (PLAN, line_of(plan, 'code = "bao-cao-don-vi"', occurrence=2), "milestones[1].code")
    ]
    first = line_of(plan, 'code = "bao-cao-don-vi"')
    assert f"một mốc khác (dòng {first})" in error.message


def test_a_duplicate_section_key_is_refused(config_dir: Path) -> None:
    plan = config_dir / PLAN
    replace_in(plan, 'key = "kien-nghi"', 'key = "phuong-huong"')

    [error] = config_errors(config_dir)

    assert places([error]) == [(PLAN, line_of(plan, 'key = "phuong-huong"', occurrence=2), "sections[6].key")]


def test_the_same_plan_code_in_two_files_is_refused_in_the_second_file(config_dir: Path) -> None:
    shutil.copy(config_dir / PLAN, config_dir / "plans" / "z-ban-sao.toml")

    [error] = config_errors(config_dir)

    assert places([error]) == [("plans/z-ban-sao.toml", line_of(config_dir / PLAN, "code = "), "code")]
    assert f"({PLAN}, dòng {line_of(config_dir / PLAN, 'code = ')})" in error.message


def test_a_duplicate_step_key_in_a_ladder_is_refused(config_dir: Path) -> None:
    ladders = config_dir / "ladders.toml"
    replace_in(ladders, 'key = "don-doc"', 'key = "qua-han"')

    [error] = config_errors(config_dir)

    assert places([error]) == [
        ("ladders.toml", line_of(ladders, 'key = "qua-han"', occurrence=2), "ladders.standard.steps[4].key")
    ]


def test_the_unit_code_owner_is_reserved_for_the_owner(config_dir: Path) -> None:
    units = config_dir / "units.csv"
    replace_in(units, "cd-vien-chuc,", "Owner,")

    [error] = config_errors(config_dir)

    assert places([error]) == [("units.csv", line_of(units, "Owner,"), "code")]
    assert "dành cho Ban Tổ chức" in error.message
