"""A plan may carry its own ladder in an inline [ladder] table instead of naming one."""

from pathlib import Path

from tests.fixtures.config_edits import PLAN, config_errors, line_of, places, replace_in
from tracker.config import load_config
from tracker.core.model import CcTarget, Offset

INLINE = """
[ladder]
repeat_every = "3d"

[[ladder.steps]]
key = "thong-bao"
offset = "-10d"
template = "notice"

[[ladder.steps]]
key = "qua-han"
offset = "+1wd"
template = "overdue"
cc = ["unit.chair", "standing"]
"""


def _with_inline_ladder(config_dir: Path, ladder: str = INLINE) -> Path:
    plan = config_dir / PLAN
    replace_in(plan, 'ladder = "standard"', "")
    plan.write_text(plan.read_text(encoding="utf-8") + ladder, encoding="utf-8")
    return plan


def test_an_inline_ladder_is_read_with_its_steps_and_repeat(config_dir: Path) -> None:
    _with_inline_ladder(config_dir)

    ladder = load_config(config_dir).plans[0].ladder

    assert ladder.name == "so-ket-de-an-2019"
    assert [(step.key, str(step.offset), step.cc) for step in ladder.steps] == [
        ("thong-bao", "-10d", ()),
        ("qua-han", "+1wd", (CcTarget.UNIT_CHAIR, CcTarget.STANDING)),
    ]
    assert ladder.repeat_every == Offset.parse("3d")


def test_an_unknown_cc_and_a_zero_repeat_are_refused_at_their_lines(config_dir: Path) -> None:
    plan = _with_inline_ladder(config_dir, INLINE.replace('"3d"', '"0d"').replace('"standing"', '"chair"'))

    errors = config_errors(config_dir)

    assert places(errors) == [
        (PLAN, line_of(plan, "repeat_every"), "ladder.repeat_every"),
        (PLAN, line_of(plan, "cc = "), "ladder.steps[1].cc"),
    ]
    assert '"unit.chair", "owner", "standing"' in errors[1].message


def test_a_plan_without_a_ladder_is_told_how_to_give_one(config_dir: Path) -> None:
    plan = config_dir / PLAN
    replace_in(plan, 'ladder = "standard"', "")

    [error] = config_errors(config_dir)

    assert places([error]) == [(PLAN, None, "ladder")]
    assert 'ví dụ ladder = "standard"' in error.message
