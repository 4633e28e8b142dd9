"""The interface every transport offers: send jobs, report a `Delivery` for each as it is answered.

What an answer does to the outbox (sent, refused, retried, paused) is decided in
`tracker.core.delivery`, where `Delivery` and its `Outcome` live.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from email.utils import parseaddr
from types import TracebackType
from typing import NamedTuple, Protocol, Self

from tracker.core.delivery import Delivery
from tracker.mail.message import wire_headers


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

BeforeSend = Callable[[int], bool]
"""Called with a job's index right before it is sent; False: the caller no longer wants it sent, and
the job is skipped (it comes back from `send_all` as pending, which the caller ignores)."""


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
        self,
        jobs: Sequence[SendJob],
        on_delivery: OnDelivery | None = None,
        before_send: BeforeSend | None = None,
    ) -> list[Delivery]:
        """One `Delivery` per job, in the order of `jobs`. Never raises for what a server answers."""
        ...
