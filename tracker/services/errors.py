"""Errors the shell shows to clerks as they are (exit code 2): bad input, not a bug."""


class InputError(Exception):
    """Input that cannot be accepted; the message says, in Vietnamese, what to change."""
