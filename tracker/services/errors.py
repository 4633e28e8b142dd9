"""Errors the shell shows to clerks as they are (exit code 2): bad input, not a bug."""

from __future__ import annotations

from collections.abc import Mapping


class InputError(Exception):
    """Input that cannot be accepted; the message says, in Vietnamese, what to change."""


class InvalidFields(InputError):
    """Input refused field by field. `problems` maps each field to its message, for a form to show each
    next to its input; the text is every message, one a line, for the CLI to print them all."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("\n".join(self.problems.values()))


class NotFound(InputError):
    """A plan, milestone or unit that does not exist (the web shows its 404 page)."""
