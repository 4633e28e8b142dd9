"""A plan or organisation file with a mistake: `check-config` and `load` refuse it with exit code 2 and
a message naming the file, the line and the field; the database stays exactly as it was."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.e2e.commands import ConfigFiles, LoadedDatabase

PLAN_FILE = "plans/so-ket-de-an-2019.toml"


def malformed_toml(files: ConfigFiles) -> list[str]:
    files.replace(PLAN_FILE, 'due_rule = "before"', 'due_rule = "before')
    line = files.line_of(PLAN_FILE, 'due_rule = "before')
    return [f"{PLAN_FILE}, dòng {line}", "sai cú pháp TOML"]


def unknown_key(files: ConfigFiles) -> list[str]:
    files.replace(PLAN_FILE, 'due = "15/9/2019"', 'deu = "15/9/2019"')
    line = files.line_of(PLAN_FILE, "deu = ")
    return [f'{PLAN_FILE}, dòng {line}, trường "milestones[0].deu"', 'có phải "due"']


def day_that_does_not_exist(files: ConfigFiles) -> list[str]:
    files.replace(PLAN_FILE, 'due = "15/9/2019"', 'due = "31/9/2019"')
    line = files.line_of(PLAN_FILE, "31/9/2019")
    return [f'{PLAN_FILE}, dòng {line}, trường "milestones[0].due"', "tháng 9/2019 chỉ có 30 ngày"]


def month_that_does_not_exist(files: ConfigFiles) -> list[str]:
    files.replace(PLAN_FILE, "due = 2019-10-01", "due = 2019-13-01")
    line = files.line_of(PLAN_FILE, "2019-13-01")
    return [f"{PLAN_FILE}, dòng {line}", "tháng 13 không tồn tại"]


def audience_names_an_unknown_unit(files: ConfigFiles) -> list[str]:
    files.replace(PLAN_FILE, 'audience = "units"', 'audience = ["ldld-dong-ha", "ldld-cam-lo-moi"]')
    line = files.line_of(PLAN_FILE, "ldld-cam-lo-moi")
    return [
        f'{PLAN_FILE}, dòng {line}, trường "milestones[0].audience"',
        'không có đơn vị mã "ldld-cam-lo-moi" trong units.csv',
    ]


def duplicate_milestone_code(files: ConfigFiles) -> list[str]:
    files.replace(PLAN_FILE, 'code = "bao-cao-tong-hop"', 'code = "bao-cao-don-vi"')
    first, repeat = files.lines_of(PLAN_FILE, 'code = "bao-cao-don-vi"')
    return [
        f'{PLAN_FILE}, dòng {repeat}, trường "milestones[1].code"',
        f'mã "bao-cao-don-vi" đã dùng cho một mốc khác (dòng {first})',
    ]


def invalid_owner_email(files: ConfigFiles) -> list[str]:
    files.replace("organization.toml", 'emails = ["bantochuc@example.org"]', 'emails = ["ban to chuc"]')
    line = files.line_of("organization.toml", "ban to chuc")
    return [f'organization.toml, dòng {line}, trường "owner.emails"', 'địa chỉ email "ban to chuc"']


CASES: list[Callable[[ConfigFiles], list[str]]] = [
    malformed_toml,
    unknown_key,
    day_that_does_not_exist,
    month_that_does_not_exist,
    audience_names_an_unknown_unit,
    duplicate_milestone_code,
    invalid_owner_email,
]


@pytest.mark.parametrize("break_config", CASES, ids=[case.__name__ for case in CASES])
def test_a_bad_plan_or_organization_file_is_refused_with_file_line_and_field(
    loaded: LoadedDatabase, config_files: ConfigFiles, break_config: Callable[[ConfigFiles], list[str]]
) -> None:
    loaded.assert_config_refused(break_config(config_files))
