"""What a transport reports for each message, and the interface every transport offers.

The outbox (the caller) turns a `Delivery` into its states: accepted recipients are done for good,
refused ones are shown to admins and never retried, pending ones are retried later, and two outcomes
ask it to stop sending for a while (bad credentials until the operator acts, a spent daily quota
until the next day).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.utils import parseaddr
from enum import StrEnum
from types import TracebackType
from typing import NamedTuple, Protocol, Self

from tracker.mail.message import wire_headers


class Outcome(StrEnum):
    """What the caller should do with a message after one attempt."""

    DELIVERED = "delivered"  # every recipient accepted or refused for good, at least one accepted
    REFUSED = "refused"  # every recipient refused permanently (5xx): record, show admins, never retry
    TEMPORARY = "temporary"  # retry `pending` later: 4xx, timeout, connection refused or lost
    AUTH_FAILED = "auth_failed"  # the server refused our login or demands one (or TLS) we do not give:
    #                              stop all sending, keep everything pending, tell the operator
    QUOTA_EXCEEDED = "quota_exceeded"  # the daily sending quota is spent (5.4.5): pause until tomorrow


STOPPING = frozenset({Outcome.AUTH_FAILED, Outcome.QUOTA_EXCEEDED})
"""Outcomes after which the rest of a batch is not attempted: every later message would fail alike."""


@dataclass(frozen=True)
class Refusal:
    """One recipient refused permanently, with the server's words for the admins."""

    recipient: str
    reply: str  # "550 5.1.1 <x@example.org>: Recipient address rejected: User unknown"


@dataclass(frozen=True)
class Delivery:
    """The result of one attempt to send one message to its envelope recipients.

    Every envelope recipient is in exactly one of `accepted`, `refused` and `pending`. `outcome`
    says what to do next; `reply` is the server reply (or the error) that decided it, kept for the
    admins. A retry goes to `pending` only, so nobody gets the message twice.
    """

    outcome: Outcome
    accepted: tuple[str, ...] = ()
    refused: tuple[Refusal, ...] = ()
    pending: tuple[str, ...] = ()
    reply: str = ""

    @classmethod
    def settle(
        cls,
        *,
        accepted: Sequence[str] = (),
        refused: Sequence[Refusal] = (),
        pending: Sequence[str] = (),
        pending_because: Outcome = Outcome.TEMPORARY,
        reply: str = "",
    ) -> Delivery:
        """The delivery these recipient lists add up to; `pending_because` names why some wait."""
        if pending:
            outcome = pending_because
        elif accepted:
            outcome = Outcome.DELIVERED
        else:
            outcome = Outcome.REFUSED
        return cls(outcome, tuple(accepted), tuple(refused), tuple(pending), reply)

    @property
    def stops_sending(self) -> bool:
        return self.outcome in STOPPING


class SendJob(NamedTuple):
    """A message as it goes on the wire, its envelope sender, and the envelope recipients to send it
    to (on a retry: those still pending)."""

    data: bytes  # from `tracker.mail.message.wire_bytes`: sent or written as it is
    sender: str  # MAIL FROM
    recipients: tuple[str, ...]

    @classmethod
    def of(cls, data: bytes, recipients: Sequence[str]) -> SendJob:
        """The job of sending `data` to `recipients`, from the address in its From header."""
        return cls(data, parseaddr(wire_headers(data)["From"] or "")[1], tuple(recipients))


OnDelivery = Callable[[int, "Delivery"], bool]
"""Called with (job index, delivery) the moment a server has answered for a job, so the caller can
record it before anything else happens; returning False asks the transport to start no further job
(shutdown). Jobs never started come back from `send_all` as pending."""


class Transport(Protocol):
    """Sends messages; used as `async with transport: results = await transport.send_all(jobs)`."""

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...

    async def send_all(
        self, jobs: Sequence[SendJob], on_delivery: OnDelivery | None = None
    ) -> list[Delivery]:
        """One `Delivery` per job, in the order of `jobs`. Never raises for what a server answers."""
        ...
