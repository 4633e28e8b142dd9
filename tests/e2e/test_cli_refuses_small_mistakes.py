"""Small mistakes a person types are refused with exit code 2 and a short message naming the option,
never an empty success or an echo of 20,000 characters (issue 13, item 17)."""

from __future__ import annotations

import pytest

from tests.e2e.commands import ConfigFiles, LoadedDatabase

PLAN = "so-ket-de-an-2019"
MILESTONE = "bao-cao-don-vi"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("schedule", "--plan", "so-ket-2019"), "Không có kế hoạch 'so-ket-2019'"),
        (("schedule", "--unit", "ldld-cam-lo-moi"), "Không có đơn vị mã 'ldld-cam-lo-moi'"),
        (
            ("run", "--replay-from", "16/9/2019", "--until", "1/9/2019", "--speed", "max"),
            "--until chỉ dùng cùng --replay-from và không được trước ngày bắt đầu",
        ),
        (("run", "--until", "1/9/2019"), "--until chỉ dùng cùng --replay-from"),
        (("receive", PLAN, MILESTONE, "ldld-cam-lo", "--on", "1/1/1900"), "năm 1900 nằm ngoài khoảng"),
        (
            ("receive", PLAN, MILESTONE, "ldld-cam-lo", "--on", "12/9/2019", "--by", "Hà\r\nBcc: x@y"),
            "--by: có ký tự điều khiển không in được (U+000D)",
        ),
        (("status", "--as-of", "0001-01-01T00:00+14:00"), "--as-of: '0001-01-01': năm 1 nằm ngoài khoảng"),
    ],
    ids=["unknown-plan", "unknown-unit", "until-before-start", "until-alone", "1900", "by-crlf", "year-1"],
)
def test_a_small_mistake_is_refused_and_changes_nothing(
    loaded: LoadedDatabase, args: tuple[str, ...], message: str
) -> None:
    assert message in loaded.assert_refused(*args)


def test_a_huge_header_cell_is_not_echoed_whole(loaded: LoadedDatabase, config_files: ConfigFiles) -> None:
    path = config_files.root / "units.csv"
    header, rest = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(f"{header},{'x' * 20_000}\n{rest}", encoding="utf-8")

    message = loaded.tracker.refused("check-config")

    assert 'cột "xxxx' in message
    assert len(message) < 1_000
