"""Before the first `tracker load`, a command that needs the office says what to run (exit code 2, a
usage mistake: issue 13, item 17)."""

from __future__ import annotations

import pytest

from tests.e2e.commands import Tracker


@pytest.mark.parametrize("command", [("status",), ("schedule",), ("digest", "--format", "text")])
def test_a_command_before_load_says_to_run_load(tracker: Tracker, command: tuple[str, ...]) -> None:
    result = tracker(*command)
    assert result.exit_code == 2
    assert "hãy chạy `tracker load` trước" in result.stderr
