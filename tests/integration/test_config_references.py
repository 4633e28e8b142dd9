"""Names a plan refers to must exist: units in an audience, a named ladder, the steps' email templates."""

from pathlib import Path

from tests.fixtures.config_edits import PLAN, config_errors, line_of, places, replace_in
from tracker.config import load_config
from tracker.core.model import Audience


def test_an_audience_naming_an_unknown_unit_is_refused_naming_it(config_dir: Path) -> None:
    plan = config_dir / PLAN
    replace_in(plan, 'audience = "units"', 'audience = ["ldld-dong-ha", "ldld-dong-hoi"]')

    [error] = config_errors(config_dir)

    assert places([error]) == [(PLAN, line_of(plan, "ldld-dong-hoi"), "milestones[0].audience")]
    assert 'không có đơn vị mã "ldld-dong-hoi" trong units.csv (có phải "ldld-dong-ha"?)' in error.message


def test_an_audience_listing_known_units_and_the_owner_is_kept_in_order(config_dir: Path) -> None:
    replace_in(config_dir / PLAN, 'audience = "units"', 'audience = ["cd-y-te", "owner", "ldld-cam-lo"]')

    milestone = load_config(config_dir).plans[0].milestones[0]

    assert milestone.audience == Audience.listed(("cd-y-te", "owner", "ldld-cam-lo"))


def test_an_audience_written_as_a_single_unit_code_is_told_to_be_a_list(config_dir: Path) -> None:
    plan = config_dir / PLAN
    replace_in(plan, 'audience = "units"', 'audience = "cd-y-te"')

    [error] = config_errors(config_dir)

    assert places([error]) == [(PLAN, line_of(plan, 'audience = "cd-y-te"'), "milestones[0].audience")]
    assert '["cd-y-te"]' in error.message


def test_a_plan_naming_an_unknown_ladder_is_refused_with_the_known_ones(config_dir: Path) -> None:
    plan = config_dir / PLAN
    replace_in(plan, 'ladder = "standard"', 'ladder = "standart"')

    [error] = config_errors(config_dir)

    assert places([error]) == [(PLAN, line_of(plan, 'ladder = "standart"'), "ladder")]
    assert '(có phải "standard"?) (các thang có: standard)' in error.message


def test_a_step_whose_template_is_missing_is_refused_when_templates_are_checked(
    config_dir: Path, tmp_path: Path
) -> None:
    templates = tmp_path / "templates" / "emails"
    templates.mkdir(parents=True)
    for name in (
        "notice.txt.j2",
        "reminder.html.j2",
        "urgent.txt.j2",
        "escalation.txt.j2",
        "standing.txt.j2",
    ):
        (templates / name).write_text("{{ unit.name }}", encoding="utf-8")

    [error] = config_errors(config_dir, templates_dir=templates)

    ladders = config_dir / "ladders.toml"
    assert places([error]) == [
        ("ladders.toml", line_of(ladders, 'template = "overdue"'), "ladders.standard.steps[3].template")
    ]
    assert 'không có mẫu thư "overdue" trong thư mục templates/emails/' in error.message
    (templates / "overdue.html.j2").write_text("{{ unit.name }}", encoding="utf-8")
    assert load_config(config_dir, templates_dir=templates).ladders["standard"].steps[3].template == "overdue"
