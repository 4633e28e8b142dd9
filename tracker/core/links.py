"""A unit's personal link `<TRACKER_PUBLIC_URL>/u/<token>`: the token, the hash kept of it, and whether
a link still opens.

The token is derived, not drawn: HMAC-SHA256 of the secret key over (plan, milestone, unit,
generation), 192 bits of it in URL-safe base64. Derived because every reminder of a report must carry
the same link while only a hash is stored (a copy of the database opens no unit's page): the sweep
renders it again from the key whenever a reminder is queued, and renewing the link is one more
generation. Without the key the token is as unguessable as a random one. Changing the secret key
changes every token: the next reminder of each report then carries its new link (a renewal).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import date

TOKEN_BYTES = 24  # 192 bits (the issue asks for at least 128)


def link_token(secret: str, plan: str, milestone: str, unit: str, generation: int) -> str:
    """The token of (plan, milestone, unit)'s link in its `generation` (1, then 2 after a renewal, …)."""
    message = "\x1f".join(("unit-link", plan, milestone, unit, str(generation))).encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()[:TOKEN_BYTES]
    return base64.urlsafe_b64encode(digest).decode("ascii")


def token_hash(token: str) -> str:
    """What the database keeps of a token: its SHA-256, hex."""
    return hashlib.sha256(token.encode()).hexdigest()


def link_url(public_url: str, token: str) -> str:
    return f"{public_url.rstrip('/')}/u/{token}"


@dataclass(frozen=True)
class LinkState:
    """What is recorded of one link."""

    revoked: bool
    plan_closes: date | None  # the plan's last day of reminders; None: it runs until received


def link_opens(state: LinkState, today: date) -> bool:
    """A link opens until it is revoked (or renewed) and until its plan closes (the day after
    `closes`, in the plan's zone)."""
    return not state.revoked and (state.plan_closes is None or today <= state.plan_closes)
