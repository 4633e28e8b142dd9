"""The clerk reads Vietnamese everywhere the command line speaks: every command's help (click's own
headings included) and a refused command line, which also says how to get help (exit 2)."""

from __future__ import annotations

import click
import pytest

from tests.e2e.commands import Tracker
from tracker.cli.main import cli

ENGLISH = ("Usage:", "Options:", "Commands:", "Show this message", "[default:", "[required]", "Error:")


def _every_command(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _every_command(command, (*path, name))
        else:
            found.append((*path, name))
    return found


@pytest.mark.parametrize("path", _every_command(cli), ids=lambda p: " ".join(p) or "tracker")
def test_every_help_is_in_vietnamese(tracker: Tracker, path: tuple[str, ...]) -> None:
    text = tracker.ok(*path, "--help")
    assert "Cách dùng: tracker" in text and "Hiện hướng dẫn này rồi thoát." in text
    assert not [word for word in ENGLISH if word in text]


@pytest.mark.parametrize(
    ("line", "said"),
    [
        (("receive", "so-ket-de-an-2019"), "Lỗi: thiếu đối số MILESTONE."),
        (("recieve",), "Lỗi: không có lệnh 'recieve'."),
        (("status", "--formt", "json"), "Lỗi: không có tùy chọn --formt. Có phải --format?"),
        (("status", "--format", "xml"), "hãy chọn một trong table, json, csv."),
    ],
)
def test_a_refused_command_line_is_said_in_vietnamese(
    tracker: Tracker, line: tuple[str, ...], said: str
) -> None:
    result = tracker(*line)
    assert result.exit_code == 2
    assert said in result.stderr and "Xem thêm: tracker" in result.stderr
    assert not [word for word in ENGLISH if word in result.stderr]
