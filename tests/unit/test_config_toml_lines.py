"""Placing a TOML key path on the line a clerk sees in the editor."""

from tracker.config.toml_lines import KeyLines, parent_path

PLAN = '''code = "so-ket"
title = """Sơ kết
due = 2019-01-01
"""
ladder = "standard"

[[milestones]]
code = "a"
due = "15/9/2019"

[[milestones]]   # the second one
code = "b"
"due" = 2019-10-01
audience = [
  "x",
  "y",
]

[ladders.standard]
repeat_every = "7d"

[[ladders.standard.steps]]
key = "thong-bao"

[[ladders.standard.steps]]
key = "nhac"
cc.extra = 1
'''


def test_each_key_is_placed_under_its_array_of_tables_index() -> None:
    lines = KeyLines.scan(PLAN).lines

    assert lines["milestones[0]"] == 7
    assert lines["milestones[0].due"] == 9
    assert lines["milestones[1]"] == 11
    assert lines["milestones[1].due"] == 13
    assert lines["milestones[1].audience"] == 14
    assert lines["ladders.standard.repeat_every"] == 20
    assert lines["ladders.standard.steps[1].key"] == 26
    assert lines["ladders.standard.steps[1].cc.extra"] == 27


def test_text_inside_a_multi_line_string_is_not_a_key() -> None:
    lines = KeyLines.scan(PLAN).lines

    assert "due" not in lines
    assert (lines["title"], lines["ladder"]) == (2, 5)


def test_a_missing_key_is_placed_at_its_table_and_a_list_item_at_its_key() -> None:
    keys = KeyLines.scan(PLAN)

    assert keys.line_of("milestones[1].title") == 11
    assert keys.line_of("milestones[1].audience[1]") == 14
    assert keys.line_of("reference") is None


def test_a_key_written_twice_is_recorded_with_its_second_line() -> None:
    keys = KeyLines.scan('[owner]\nname = "a"\nname = "b"\n')

    assert keys.repeated == (("owner.name", 3),)


def test_the_key_at_a_line_is_the_one_written_there_or_before() -> None:
    keys = KeyLines.scan(PLAN)

    assert keys.path_at(13) == "milestones[1].due"
    assert keys.path_at(16) == "milestones[1].audience"


def test_the_parent_of_a_path_drops_its_last_key_or_index() -> None:
    assert parent_path("ladders.standard.steps[2].offset") == "ladders.standard.steps[2]"
    assert parent_path("ladders.standard.steps[2]") == "ladders.standard.steps"
    assert parent_path("code") == ""
