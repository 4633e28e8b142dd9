""" "Có phải … ?": the known codes closest to one a clerk mistyped (ldld-dongha → ldld-dong-ha)."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches


def did_you_mean(typed: str, known: Iterable[str]) -> str:
    """` Có phải 'ldld-dong-ha'?` (up to three, closest first), or "" when none is close."""
    close = get_close_matches(typed, list(known), n=3, cutoff=0.75)
    return f" Có phải {' hay '.join(repr(code) for code in close)}?" if close else ""
