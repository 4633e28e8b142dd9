"""A real SMTP server for tests: aiosmtpd on a free loopback port, recording what it receives.

    with SmtpSink() as sink:                     # or the `smtp_sink` fixture (tests/conftest.py)
        env = sink.env()                         # TRACKER_SMTP_HOST/PORT/TLS(/USER/PASSWORD)
        ...send...
        assert [m.rcpt_tos for m in sink.received] == [("a@example.org",)]

It can be told to misbehave the ways real servers do: `fail_data` (451 to the next DATA),
`refuse_recipient` (550 5.1.1), `drop_during_data` (connection closed before the reply to DATA),
`exceed_quota` (550 5.4.5 to MAIL FROM), `credentials=` (AUTH required: 530 to MAIL FROM without it,
535 for a wrong password), `stop()` / `start()` (down for a while, then back on the same port), and
`faults=RandomFaults(…)`: slow, dropping and 451 at random, every message, from a seed.
A successful AUTH makes aiosmtpd 1.4 emit its own DeprecationWarning (`Session.login_data`); tests
that log in filter it with `pytest.mark.filterwarnings`.

Other test files use it with `from tests.smtp_server import SmtpSink`
(importing the fixture function registers the `smtp_sink` fixture in that module).
"""

from __future__ import annotations

import asyncio
import random
import socket
import threading
import time
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from types import TracebackType
from typing import Any, Self, cast

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

LOOPBACK = "127.0.0.1"


def free_port(host: str = LOOPBACK) -> int:
    """A port nobody listens on right now (aiosmtpd's Controller cannot bind port 0 itself)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class ReceivedMail:
    """One message the server accepted."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    message: EmailMessage  # parsed with email.policy.default
    raw: bytes
    peer: tuple[str, int]  # the client's address and port: which connection carried it
    # time.monotonic() when the client began to send it: its MAIL FROM, or the EHLO of a connection
    # opened for it
    begun_at: float = 0.0
    accepted_at: float = 0.0  # time.monotonic() when the server took it


@dataclass
class RandomFaults:
    """What a bad day's mail server does, drawn at random for each message from `seed` (a failure can be
    replayed): a delay of up to `slowest` seconds before answering MAIL FROM and again before DATA's
    reply; with chance `drop` the connection closed before DATA's reply (the message not kept); with
    chance `busy` a 451 to DATA. The draws happen in the server's thread, one after another."""

    seed: int
    slowest: float
    drop: float
    busy: float
    drops: int = 0  # how many of each happened
    busies: int = 0
    _random: random.Random = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)

    def delay(self) -> float:
        return self._random.uniform(0.0, self.slowest)

    def reply_to_data(self) -> str:
        """ "drop", a 451 reply, or "" to take the message."""
        draw = self._random.random()
        if draw < self.drop:
            self.drops += 1
            return "drop"
        if draw < self.drop + self.busy:
            self.busies += 1
            return "451 4.3.0 Server busy, try again later"
        return ""


class _Handler:
    """aiosmtpd hooks; they run in the server's thread and report to the sink under its lock."""

    def __init__(self, sink: SmtpSink) -> None:
        self.sink = sink

    async def handle_EHLO(
        self, server: SMTP, session: Session, envelope: Envelope, hostname: str, responses: list[str]
    ) -> list[str]:
        session.host_name = hostname
        with self.sink.lock:
            self.sink.greeted_at[id(session)] = time.monotonic()
        return responses

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, mail_options: list[str]
    ) -> str:
        with self.sink.lock:
            # A client opens a connection when it has a message to send: the first message on it
            # began with the connection's greeting.
            self.sink.begun_at[id(envelope)] = self.sink.greeted_at.pop(id(session), time.monotonic())
        if self.sink.faults is not None:
            await asyncio.sleep(self.sink.faults.delay())
        with self.sink.lock:
            self.sink.mail_commands += 1
            if self.sink.credentials is not None and not session.authenticated:
                return "530 5.7.0 Authentication required"
            if self.sink.quota_reply:
                return self.sink.quota_reply
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        with self.sink.lock:
            refusal = self.sink.refusals.get(address.lower())
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        sink = self.sink
        with sink.lock:
            sink.in_data += 1
            sink.max_parallel_data = max(sink.max_parallel_data, sink.in_data)
        try:
            if sink.data_delay:
                await asyncio.sleep(sink.data_delay)  # lets several connections overlap in DATA
            fault = ""
            if sink.faults is not None:
                await asyncio.sleep(sink.faults.delay())
                fault = sink.faults.reply_to_data()
            with sink.lock:
                planned_drop = sink.drops > 0
                sink.drops -= planned_drop
                drop = planned_drop or fault == "drop"
                failure = sink.data_failures.pop(0) if sink.data_failures and not drop else fault
                begun_at = sink.begun_at.pop(id(envelope), 0.0)
            if drop:
                # The whole message has arrived but the client never hears whether it was taken.
                assert server.transport is not None
                server.transport.abort()
                return "421 4.4.2 connection dropped"
            if failure:
                return failure
            raw = bytes(envelope.original_content or b"")
            mail = ReceivedMail(
                mail_from=str(envelope.mail_from),
                rcpt_tos=tuple(envelope.rcpt_tos),
                message=cast(EmailMessage, BytesParser(policy=policy.default).parsebytes(raw)),
                raw=raw,
                peer=(str(session.peer[0]), int(session.peer[1])),
                begun_at=begun_at,
                accepted_at=time.monotonic(),
            )
            with sink.lock:
                sink.received_mail.append(mail)
                number = len(sink.received_mail)
            return f"250 2.0.0 OK queued as {number}"
        finally:
            with sink.lock:
                sink.in_data -= 1


class SmtpSink:
    """An aiosmtpd server on `host:port` (loopback, a free port) that keeps what it receives."""

    def __init__(
        self,
        *,
        credentials: tuple[str, str] | None = None,
        data_delay: float = 0.0,
        smtputf8: bool = False,
        faults: RandomFaults | None = None,
    ) -> None:
        self.host = LOOPBACK
        self.port = free_port()
        self.credentials = credentials
        self.data_delay = data_delay
        self.smtputf8 = smtputf8
        self.faults = faults
        self.lock = threading.Lock()
        self.received_mail: list[ReceivedMail] = []
        self.mail_commands = 0  # MAIL FROM commands seen: how many messages were attempted
        self.greeted_at: dict[int, float] = {}  # id(session) -> its EHLO, until its first MAIL FROM
        self.begun_at: dict[int, float] = {}  # id(envelope) -> when its message began, until its DATA
        self.in_data = 0
        self.max_parallel_data = 0  # the most connections that were in DATA at the same time
        self.refusals: dict[str, str] = {}
        self.data_failures: list[str] = []
        self.drops = 0
        self.quota_reply = ""
        self._controller: Controller | None = None

    # -- lifecycle -------------------------------------------------------------------------------

    def start(self) -> None:
        """Listen (again) on the same port."""
        assert self._controller is None, "already running"
        auth: dict[str, Any] = {}
        if self.credentials is not None:
            # AUTH offered without TLS (a loopback test server). Its being required is enforced in
            # handle_MAIL: aiosmtpd's own `auth_required` warns on every connection without TLS.
            auth = {"auth_require_tls": False, "authenticator": self._authenticate}
        controller = Controller(
            _Handler(self), hostname=self.host, port=self.port, enable_SMTPUTF8=self.smtputf8, **auth
        )
        controller.start()
        self._controller = controller

    def stop(self) -> None:
        """Stop listening; connecting now fails with "connection refused" until `start()`."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: object
    ) -> AuthResult:
        assert self.credentials is not None
        user, password = self.credentials
        ok = isinstance(auth_data, LoginPassword) and auth_data == (user.encode(), password.encode())
        return AuthResult(success=ok, handled=False)  # not handled: aiosmtpd answers 535 itself

    # -- what the tests read ---------------------------------------------------------------------

    @property
    def received(self) -> list[ReceivedMail]:
        with self.lock:
            return list(self.received_mail)

    def env(self) -> dict[str, str]:
        """The TRACKER_SMTP_* variables that point the tracker at this server."""
        env = {
            "TRACKER_SMTP_HOST": self.host,
            "TRACKER_SMTP_PORT": str(self.port),
            "TRACKER_SMTP_TLS": "none",
            "TRACKER_SMTP_TIMEOUT": "5",
        }
        if self.credentials is not None:
            env["TRACKER_SMTP_USER"], env["TRACKER_SMTP_PASSWORD"] = self.credentials
        return env

    # -- misbehaviour ----------------------------------------------------------------------------

    def fail_data(self, times: int = 1, reply: str = "451 4.3.0 Temporary local problem, try later") -> None:
        """Answer `reply` to the next `times` DATA commands (the message is not kept)."""
        with self.lock:
            self.data_failures.extend([reply] * times)

    def refuse_recipient(self, address: str, reply: str = "") -> None:
        """Answer RCPT TO for `address` with `reply` (default 550 5.1.1 user unknown)."""
        with self.lock:
            self.refusals[address.lower()] = (
                reply or f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
            )

    def drop_during_data(self, times: int = 1) -> None:
        """Close the next `times` connections after the message data, before answering it."""
        with self.lock:
            self.drops += times

    def exceed_quota(self, reply: str = "550 5.4.5 Daily user sending quota exceeded") -> None:
        """Answer every MAIL FROM with a daily-quota refusal until `restore_quota()`."""
        with self.lock:
            self.quota_reply = reply

    def restore_quota(self) -> None:
        with self.lock:
            self.quota_reply = ""
