"""Malformed TOML is reported at tomllib's own line, with the key written there."""

from pathlib import Path

from tests.fixtures.config_edits import PLAN, config_errors, line_of, places, replace_in


def test_an_unterminated_string_is_reported_at_its_line_and_key(config_dir: Path) -> None:
    plan = config_dir / PLAN
    replace_in(
        plan, 'title = "LĐLĐ tỉnh hoàn thành báo cáo sơ kết"', 'title = "LĐLĐ tỉnh hoàn thành báo cáo sơ kết'
    )

    [error] = config_errors(config_dir)

    assert places([error]) == [(PLAN, line_of(plan, "LĐLĐ tỉnh hoàn thành"), "milestones[1].title")]
    assert error.message.startswith("sai cú pháp TOML ở cột ")


def test_an_unclosed_table_header_is_reported_at_its_line(config_dir: Path) -> None:
    organization = config_dir / "organization.toml"
    replace_in(organization, "[digest]", "[digest")

    [error] = config_errors(config_dir)

    assert (error.file, error.line) == ("organization.toml", line_of(organization, "[digest"))
    assert "Expected ']'" in error.message


def test_a_key_written_twice_names_both_lines(config_dir: Path) -> None:
    plan = config_dir / PLAN
    replace_in(plan, 'due = "15/9/2019"', 'due = "15/9/2019"\ndue = "16/9/2019"')

    [error] = config_errors(config_dir)

    assert places([error]) == [(PLAN, line_of(plan, 'due = "16/9/2019"'), "milestones[0].due")]
    first = line_of(plan, 'due = "15/9/2019"')
    assert error.message == f"trường này đã được ghi ở dòng {first}; hãy xóa một trong hai dòng"


def test_a_broken_ladders_file_does_not_make_the_plan_report_an_unknown_ladder(config_dir: Path) -> None:
    ladders = config_dir / "ladders.toml"
    replace_in(ladders, 'repeat_every = "7d"', 'repeat_every = "7d')

    assert places(config_errors(config_dir)) == [
        ("ladders.toml", line_of(ladders, "repeat_every = "), "ladders.standard.repeat_every")
    ]
