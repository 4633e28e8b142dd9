"""A report's own reply address, `TRACKER_REPLY_TO` = `bantochuc+{token}@example.org`: every reminder of
a report carries it in `Reply-To`, so a reply that lost its `In-Reply-To` (forwarded, written anew,
sent from another program) still names the report it answers (issue 14, matching rule 2).

The token is derived, not stored, like the units' links (tracker.core.links): the report's id, then
HMAC-SHA256 of the secret key over (id, plan, milestone, unit), 80 bits of it. The id says which report
to check, the HMAC that nobody without the key wrote it; the codes in it make a token of another
database (an id given again to another report) fail rather than name the wrong report. Lower case
letters and digits only: mail servers may fold the case of an address's local part.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass

PLACEHOLDER = "{token}"
_MAC_BYTES = 10  # 80 bits: 16 base32 characters
_TOKEN = re.compile(r"(\d{1,12})-([a-z2-7]{16})")


def reply_token(secret: str, report_id: int, plan: str, milestone: str, unit: str) -> str:
    """The token of report `report_id` (whose codes are plan, milestone, unit): `123-k3m…`."""
    message = "\x1f".join(("reply-to", str(report_id), plan, milestone, unit)).encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()[:_MAC_BYTES]
    return f"{report_id}-{base64.b32encode(digest).decode('ascii').lower()}"


def token_report(token: str) -> int | None:
    """The report id a token claims to be of (to be checked with `token_holds`); None when it is no
    token at all."""
    found = _TOKEN.fullmatch(token)
    return int(found.group(1)) if found else None


def token_holds(secret: str, token: str, report_id: int, plan: str, milestone: str, unit: str) -> bool:
    """Whether `token` is the one `reply_token` derives for this report."""
    return hmac.compare_digest(token, reply_token(secret, report_id, plan, milestone, unit))


@dataclass(frozen=True)
class ReplyPattern:
    """`TRACKER_REPLY_TO` cut around its `{token}`: `bantochuc+` and `@example.org`."""

    before: str
    after: str

    def address(self, token: str) -> str:
        return f"{self.before}{token}{self.after}"

    def token_in(self, address: str) -> str | None:
        """The token an address written on this pattern carries (compared without case); None for
        any other address."""
        address, before, after = address.strip().lower(), self.before.lower(), self.after.lower()
        fits = address.startswith(before) and address.endswith(after)
        token = address[len(before) : len(address) - len(after)] if fits else ""
        return token or None


def split_pattern(pattern: str) -> ReplyPattern | None:
    """The pattern around its one `{token}`, which must be in the local part (before the `@`); None
    when it is not written so."""
    before, _, after = pattern.strip().partition(PLACEHOLDER)
    if PLACEHOLDER not in pattern or PLACEHOLDER in after or "@" in before or "@" not in after:
        return None
    return ReplyPattern(before, after)
