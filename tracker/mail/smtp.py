"""Sending through an SMTP server with aiosmtplib: reused connections, a bounded number in parallel.

A batch is shared by up to `settings.connections` workers; each holds one connection and sends its
messages one after another on it. A worker whose connection breaks drops it and opens a new one for
its next message; a worker that cannot connect gives its message back and retires, and what no
worker could take is reported as temporary. Connections stay open between batches (checked with
NOOP before reuse) until the transport is closed.

Every server answer becomes a `Delivery`; nothing a server says raises. Refused recipients come back
from aiosmtplib as a dict when some were accepted and as `SMTPRecipientsRefused` when none were;
both end up in `Delivery.refused` / `Delivery.pending` the same way.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Self

from aiosmtplib import (
    SMTP,
    SMTPAuthenticationError,
    SMTPException,
    SMTPNotSupported,
    SMTPRecipientsRefused,
    SMTPResponse,
    SMTPResponseException,
    SMTPSenderRefused,
)

from tracker.core.delivery import STOPPING, Delivery, Outcome, Refusal
from tracker.mail.delivery import BeforeSend, OnDelivery, SendJob
from tracker.mail.message import parse_mailbox
from tracker.mail.settings import SmtpSettings, TlsMode

# Replies that mean "not with these credentials / this security": 530 authentication (or STARTTLS)
# required, 534 mechanism too weak, 535 credentials invalid, 538 encryption required.
_AUTH_CODES = frozenset({530, 534, 535, 538})
_QUOTA_STATUS = "5.4.5"  # enhanced status code of a spent daily sending quota (Google Workspace, …)
_SEVERITY = (Outcome.TEMPORARY, Outcome.QUOTA_EXCEEDED, Outcome.AUTH_FAILED)


def _verdict(code: int, text: str) -> Outcome | None:
    """What a reply means beyond its class: a spent quota or refused authentication (else None)."""
    if _QUOTA_STATUS in text:
        return Outcome.QUOTA_EXCEEDED
    if code in _AUTH_CODES:
        return Outcome.AUTH_FAILED
    return None


def _reply(code: int, message: str) -> str:
    return f"{code} {message}".strip()


def _describe(error: BaseException) -> str:
    """A connection-level failure in words for the admins (the class name says timeout/refused/lost)."""
    detail = str(error) or "no answer in time"
    return f"{type(error).__name__}: {detail}"


def _from_recipient_replies(
    recipients: Sequence[str],
    errors: Mapping[str, SMTPResponse],
    refused_locally: Sequence[Refusal],
    reply: str,
) -> Delivery:
    """Sort the recipients by their RCPT replies (those without an error reply were accepted).

    `reply` is the answer to the whole message; a recipient left pending puts its own reply in its
    place, the most severe one (authentication over quota over a plain 4xx) when there are several.
    """
    accepted: list[str] = []
    refused = list(refused_locally)
    pending: list[str] = []
    because, deciding = Outcome.TEMPORARY, ""
    for recipient in recipients:
        response = errors.get(recipient)
        if response is None:
            accepted.append(recipient)
            continue
        text = _reply(response.code, response.message)
        verdict = _verdict(response.code, text)
        if verdict is None and 500 <= response.code < 600:
            refused.append(Refusal(recipient, text))
            continue
        pending.append(recipient)  # 4xx (greylisting, mailbox busy), quota, authentication
        outcome = verdict or Outcome.TEMPORARY
        if not deciding or _SEVERITY.index(outcome) > _SEVERITY.index(because):
            because, deciding = outcome, text
    return Delivery.settle(
        accepted=accepted, refused=refused, pending=pending, pending_because=because, reply=deciding or reply
    )


def _from_message_reply(
    error: SMTPResponseException, recipients: Sequence[str], refused_locally: Sequence[Refusal]
) -> Delivery:
    """A reply to MAIL FROM or DATA: it concerns every recipient of the message alike."""
    text = _reply(error.code, error.message)
    verdict = _verdict(error.code, text)
    # A refused sender (5xx to MAIL FROM) is our configuration, not the recipients' fault: keep the
    # message pending until the operator fixes it rather than fail every reminder for good.
    permanent = 500 <= error.code < 600 and not isinstance(error, SMTPSenderRefused)
    if verdict is None and permanent:
        refused = [*refused_locally, *(Refusal(r, text) for r in recipients)]
        return Delivery.settle(refused=refused, reply=text)
    return Delivery.settle(
        refused=refused_locally, pending=recipients, pending_because=verdict or Outcome.TEMPORARY, reply=text
    )


def _screen(recipients: Sequence[str]) -> tuple[list[str], list[Refusal]]:
    """Recipients that can go on an SMTP command line, and those refused here without asking."""
    sendable: list[str] = []
    refused: list[Refusal] = []
    for recipient in recipients:
        try:
            parse_mailbox(recipient)
        except ValueError as error:
            refused.append(Refusal(recipient, f"553 5.1.3 {error}"))
        else:
            sendable.append(recipient)
    return sendable, refused


def _mail_options(sender: str, recipients: Sequence[str]) -> list[str]:
    """SMTPUTF8 when an address is not ASCII (a server without it answers SMTPNotSupported). The
    message itself is 7-bit (`tracker.mail.message.WIRE_POLICY`): it needs no BODY=8BITMIME."""
    return [] if sender.isascii() and all(r.isascii() for r in recipients) else ["SMTPUTF8"]


class _Batch:
    """The jobs of one `send_all` call, shared by its workers."""

    def __init__(
        self, jobs: Sequence[SendJob], on_delivery: OnDelivery | None, before_send: BeforeSend | None
    ) -> None:
        self.jobs = jobs
        self.on_delivery = on_delivery
        self.before_send = before_send
        self.halted = False  # the caller asked for no further job
        self.queue: deque[int] = deque(range(len(jobs)))
        self.results: list[Delivery | None] = [None] * len(jobs)
        self.stopped: tuple[Outcome, str] | None = None  # auth or quota: nothing more is attempted
        self.unreachable = ""  # the last connection failure, for the jobs no worker could take

    def take(self) -> int | None:
        """The next job to send; jobs the caller no longer wants are passed over."""
        while self.stopped is None and not self.halted and self.queue:
            index = self.queue.popleft()
            if self.before_send is None or self.before_send(index):
                return index
        return None

    def settle(self, index: int, delivery: Delivery) -> None:
        self.results[index] = delivery
        if delivery.outcome in STOPPING:
            self.stopped = (delivery.outcome, delivery.reply)
        if self.on_delivery is not None and not self.on_delivery(index, delivery):
            self.halted = True

    def finish(self) -> list[Delivery]:
        """Results in job order; jobs never attempted stay pending for the reason that stopped them."""
        because, reply = self.stopped or (Outcome.TEMPORARY, self.unreachable)
        return [
            result
            if result is not None
            else Delivery.settle(pending=job.recipients, pending_because=because, reply=reply)
            for job, result in zip(self.jobs, self.results, strict=True)
        ]


class SmtpTransport:
    """An SMTP client for batches of messages (see the module's docstring).

    `send_timeout` bounds one whole connect or one whole message, on top of the per-operation
    `settings.timeout` (aiosmtplib's timeout applies to each socket read/write, so a server that
    trickles its answers could otherwise hold a message for ever).
    """

    def __init__(
        self, settings: SmtpSettings, *, send_timeout: float | None = None, local_hostname: str | None = None
    ) -> None:
        self.settings = settings
        self.send_timeout = send_timeout if send_timeout is not None else max(60.0, 4 * settings.timeout)
        self._local_hostname = local_hostname
        self._idle: list[SMTP] = []

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Say QUIT on every idle connection (or just drop it if the server does not answer)."""
        idle, self._idle = self._idle, []
        for client in idle:
            try:
                async with asyncio.timeout(self.settings.timeout):
                    await client.quit()
            except (SMTPException, OSError, TimeoutError):
                client.close()

    async def send_all(
        self,
        jobs: Sequence[SendJob],
        on_delivery: OnDelivery | None = None,
        before_send: BeforeSend | None = None,
    ) -> list[Delivery]:
        """Send every job, up to `settings.connections` at a time; one `Delivery` per job, in order."""
        if any(not job.recipients for job in jobs):
            raise ValueError("every message needs at least one envelope recipient")
        batch = _Batch(jobs, on_delivery, before_send)
        async with asyncio.TaskGroup() as workers:
            for _ in range(min(self.settings.connections, len(jobs))):
                workers.create_task(self._work(batch))
        return batch.finish()

    async def _work(self, batch: _Batch) -> None:
        client = self._idle.pop() if self._idle else None
        if client is not None and not await self._alive(client):
            client = None
        try:
            while (index := batch.take()) is not None:
                if client is None:
                    try:
                        client = await self._connect()
                    except (SMTPException, OSError, TimeoutError) as error:
                        batch.queue.appendleft(index)  # another worker may still get through
                        self._note_connect_failure(batch, error)
                        return
                delivery, reusable = await self._send(client, batch.jobs[index])
                batch.settle(index, delivery)
                if not reusable:
                    client.close()
                    client = None
        except BaseException:
            # Cancelled (shutdown) or a bug, maybe mid-message: this connection's state is unknown.
            if client is not None:
                client.close()
            raise
        if client is not None:
            if client.is_connected:
                self._idle.append(client)
            else:
                client.close()

    @staticmethod
    def _note_connect_failure(batch: _Batch, error: BaseException) -> None:
        """Remember why connecting failed; credentials refused (or TLS missing) stop the batch."""
        if isinstance(error, SMTPResponseException):
            text = _reply(error.code, error.message)
            verdict = _verdict(error.code, text)
            if isinstance(error, SMTPAuthenticationError):
                verdict = Outcome.AUTH_FAILED
        elif isinstance(error, SMTPException) and not isinstance(error, (ConnectionError, TimeoutError)):
            # STARTTLS or AUTH not offered by the server: the settings and the server disagree.
            text, verdict = _describe(error), Outcome.AUTH_FAILED
        else:
            text, verdict = _describe(error), None
        if verdict is None:
            batch.unreachable = text
        else:
            batch.stopped = (verdict, text)

    async def _connect(self) -> SMTP:
        settings = self.settings
        client = SMTP(
            hostname=settings.host,
            port=settings.port,
            timeout=settings.timeout,
            use_tls=settings.tls is TlsMode.TLS,
            # Explicit: aiosmtplib's default (None) upgrades only when offered and would send the
            # password in clear text to a server that does not offer STARTTLS.
            start_tls=settings.tls is TlsMode.STARTTLS,
            username=settings.user or None,
            password=settings.password or None,
            local_hostname=self._local_hostname,
        )
        async with asyncio.timeout(self.send_timeout):
            await client.connect()
        return client

    async def _alive(self, client: SMTP) -> bool:
        """Whether an idle connection still answers; servers close idle ones after a few minutes."""
        try:
            async with asyncio.timeout(self.settings.timeout):
                await client.noop()
        except (SMTPException, OSError, TimeoutError):
            client.close()
            return False
        return True

    async def _send(self, client: SMTP, job: SendJob) -> tuple[Delivery, bool]:
        """Send one message on `client`; the delivery, and whether the connection can carry another."""
        recipients, refused = _screen(job.recipients)
        if not recipients:
            return Delivery.settle(refused=refused, reply=refused[0].reply), True
        try:
            async with asyncio.timeout(self.send_timeout):
                errors, reply = await client.sendmail(
                    job.sender, recipients, job.data, mail_options=_mail_options(job.sender, recipients)
                )
        except SMTPRecipientsRefused as error:
            replies = {e.recipient: SMTPResponse(e.code, e.message) for e in error.recipients}
            first = error.recipients[0]
            return (
                _from_recipient_replies(recipients, replies, refused, _reply(first.code, first.message)),
                client.is_connected,
            )
        except SMTPResponseException as error:
            # 421: the server is closing the connection, whatever the socket says for a moment yet.
            reusable = client.is_connected and error.code != 421
            return _from_message_reply(error, recipients, refused), reusable
        except SMTPNotSupported as error:
            # e.g. a non-ASCII address and a server without SMTPUTF8: no retry will change that.
            text = _describe(error)
            refused += [Refusal(r, text) for r in recipients]
            return Delivery.settle(refused=refused, reply=text), True
        except (SMTPException, OSError, TimeoutError) as error:
            # Lost or silent mid-message: the server may or may not have taken it. Retrying risks a
            # duplicate; not retrying risks a loss, which is worse.
            return Delivery.settle(refused=refused, pending=recipients, reply=_describe(error)), False
        return _from_recipient_replies(recipients, errors, refused, f"250 {reply}"), True
