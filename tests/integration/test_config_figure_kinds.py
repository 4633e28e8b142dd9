"""A plan may declare a figure decimal and give it a minimum; a wrong kind or minimum is named with its
file, line and field like every other key."""

from pathlib import Path

from tests.fixtures.config_edits import PLAN, config_errors, line_of, places, replace_in
from tracker.config import load_config
from tracker.core.model import Figure, FigureKind

MEMBERS = 'key = "doan_vien_moi"'


def test_a_figure_is_whole_and_at_least_zero_unless_the_plan_says_otherwise(config_dir: Path) -> None:
    replace_in(config_dir / PLAN, MEMBERS, f'{MEMBERS}\nkind = "decimal"\nmin = -10')

    [plan] = load_config(config_dir).plans

    figures = {f.key: f for f in plan.figures}
    assert figures["doan_vien_moi"] == Figure(
        "doan_vien_moi", "Số đoàn viên kết nạp mới", "người", FigureKind.DECIMAL, -10
    )
    assert (figures["cdcs_moi"].kind, figures["cdcs_moi"].minimum) == (FigureKind.WHOLE, 0)


def test_a_wrong_kind_and_a_minimum_in_quotes_are_named_where_they_are(config_dir: Path) -> None:
    plan = config_dir / PLAN
    replace_in(plan, MEMBERS, f'{MEMBERS}\nkind = "integer"\nmin = "0"')

    errors = config_errors(config_dir)

    index = 6  # doan_vien_moi is the seventh figure
    assert places(errors) == [
        (PLAN, line_of(plan, 'kind = "integer"'), f"figures[{index}].kind"),
        (PLAN, line_of(plan, 'min = "0"'), f"figures[{index}].min"),
    ]
    assert "whole" in errors[0].message and "decimal" in errors[0].message
    assert errors[1].message == "phải là một số viết không có ngoặc kép, ví dụ min = 0"
