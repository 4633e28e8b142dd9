"""Text people type, fit for one line: the control characters a terminal, a mail header, a Word file
or PostgreSQL would act on or refuse (NUL, CR/LF, TAB, ESC, BEL, DEL, the C1 controls and the Unicode
line and paragraph separators)."""

from __future__ import annotations

import re

CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_PHONE_RE = re.compile(r"^\+?\(?[0-9][0-9 .()-]{7,18}[0-9]$")


def is_phone_number(text: str) -> bool:
    """Whether `text` reads as a phone number: digits, with spaces, dots, dashes or brackets between
    them (0233 3852 123, (0233) 3852 123, +84 233.3852.123), 9 to 20 characters."""
    return bool(_PHONE_RE.match(text.strip()))


def inline(text: str) -> str:
    """A name on one line: control characters (CR/LF included) become a space."""
    return CONTROL_RE.sub(" ", text).strip()


def shortened(text: str, limit: int = 60) -> str:
    """`text` as a message may quote it back: its beginning and "…" when longer than `limit`
    characters (a 20,000-character cell is not echoed whole)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def refuse_control_characters(text: str) -> str:
    """`text` itself; ValueError naming the first control character and where it is otherwise."""
    found = CONTROL_RE.search(text)
    if found:
        raise ValueError(
            f"có ký tự điều khiển không in được (U+{ord(found.group()[0]):04X}) ở ký tự thứ "
            f"{found.start() + 1}; hãy gõ lại bằng tay, không xuống dòng, không dán ký tự lạ"
        )
    return text
