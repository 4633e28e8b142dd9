"""A key the reader does not know is an error: it is usually a typo."""

from pathlib import Path

from tests.fixtures.config_edits import PLAN, config_errors, line_of, places, replace_in


def test_a_misspelt_milestone_key_is_named_with_a_suggestion(config_dir: Path) -> None:
    plan = config_dir / PLAN
    replace_in(plan, "due = 2019-10-01", "deu = 2019-10-01")

    errors = config_errors(config_dir)

    header = line_of(plan, "[[milestones]]", occurrence=2)
    assert places(errors) == [
        (PLAN, header, "milestones[1].due"),
        (PLAN, line_of(plan, "deu = "), "milestones[1].deu"),
    ]
    assert errors[0].message == 'thiếu trường bắt buộc "due"'
    assert 'không có trường "deu" (có phải "due"?)' in errors[1].message


def test_an_unknown_top_level_key_of_the_organization_is_reported(config_dir: Path) -> None:
    organization = config_dir / "organization.toml"
    replace_in(organization, 'place = "Quảng Trị"', 'place = "Quảng Trị"\nplaces = "Đông Hà"')

    [error] = config_errors(config_dir)

    assert places([error]) == [("organization.toml", line_of(organization, "places = "), "places")]


def test_an_unknown_key_in_a_ladder_step_is_reported(config_dir: Path) -> None:
    ladders = config_dir / "ladders.toml"
    replace_in(ladders, 'template = "urgent"', 'template = "urgent"\ncopy = ["owner"]')

    [error] = config_errors(config_dir)

    assert places([error]) == [
        ("ladders.toml", line_of(ladders, "copy = "), "ladders.standard.steps[2].copy")
    ]
    assert "key, offset, template, cc" in error.message
