"""What can go wrong, as the shells tell it: each error carries a Vietnamese message for the clerk.

The CLI maps them to exit codes in one place (`tracker.cli.main.TrackerGroup`), the web to HTTP
answers; a service only raises the kind that says what happened.
"""

from __future__ import annotations

from collections.abc import Mapping


class TrackerError(Exception):
    """An error whose message is shown to the clerk as it is (exit code 1: not the clerk's input)."""

    exit_code = 1


class BadInput(TrackerError):
    """Input that cannot be accepted; the message says what to change and nothing was written."""

    exit_code = 2


class NothingLoaded(TrackerError):
    """The database holds no config yet: `tracker load` has not run. Exit code 2, as click's usage
    errors: the person typed a command that needs another one first."""

    exit_code = 2

    def __init__(self) -> None:
        super().__init__("Cơ sở dữ liệu chưa có cấu hình: hãy chạy `tracker load` trước.")


class InvalidFields(BadInput):
    """Input refused field by field. `problems` maps each field to its message, for a form to show each
    next to its input; the text is every message, one a line, for the CLI to print them all."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("\n".join(self.problems.values()))


class NotFound(BadInput):
    """A plan, milestone or unit that does not exist (the web shows its 404 page)."""


class Unavailable(TrackerError):
    """Something the service needs (the database, a folder, a file) cannot be reached, read or written:
    the message names the setting, path or permission to fix. Exit code 1: not what the clerk typed."""
