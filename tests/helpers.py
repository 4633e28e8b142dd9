"""Helpers shared by test modules that are neither fixtures (conftest.py) nor the seed world
(builders.py): reading an email's parts, sending through the real SmtpTransport, and an outbox
folder that lets a test act between two messages of a batch."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from tests.builders import MAIL_FROM, ZONE
from tracker.core.delivery import Delivery
from tracker.mail.delivery import BeforeSend, OnDelivery, SendJob
from tracker.mail.folder import OutboxFolderTransport
from tracker.mail.message import compose_message, wire_bytes
from tracker.mail.settings import smtp_settings_from_env
from tracker.mail.smtp import SmtpTransport


def text_of(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def html_of(message: EmailMessage) -> str:
    part = message.get_body(("html",))
    assert part is not None
    return str(part.get_content())


def plain_message(number: int, to: Sequence[str] = ("ldld.dongha@example.org",)) -> EmailMessage:
    return compose_message(
        subject=f"Thư số {number}",
        text=f"Nội dung thư số {number}\n",
        html=f"<p>Nội dung thư số {number}</p>",
        mail_from=MAIL_FROM,
        to=to,
        date=datetime(2019, 9, 16, 7, 30, tzinfo=ZONE),
        message_id=f"<thu-{number}@ldld-quangtri.example.org>",
    )


def job(number: int, *recipients: str) -> SendJob:
    recipients = recipients or ("ldld.dongha@example.org",)
    return SendJob.of(wire_bytes(plain_message(number, recipients)), recipients)


def send_all(env: Mapping[str, str], *batches: Sequence[SendJob], **options: Any) -> list[list[Delivery]]:
    """Send each batch in turn through one SmtpTransport built from `env`, then close it."""

    async def run() -> list[list[Delivery]]:
        settings = smtp_settings_from_env(env)
        assert settings is not None
        async with SmtpTransport(settings, **options) as transport:
            return [await transport.send_all(batch) for batch in batches]

    return asyncio.run(run())


class FolderBetweenMessages:
    """The outbox folder transport, calling `after_answer(job)` once each message is written and its
    answer recorded: what a clerk, a slow server or another daemon does in the middle of a batch."""

    def __init__(self, folder: Path, after_answer: Callable[[SendJob], None]) -> None:
        self.folder = OutboxFolderTransport(folder)
        self.after_answer = after_answer

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None

    async def send_all(
        self,
        jobs: Sequence[SendJob],
        on_delivery: OnDelivery | None = None,
        before_send: BeforeSend | None = None,
    ) -> list[Delivery]:
        def answered(index: int, delivery: Delivery) -> bool:
            go_on = on_delivery is None or on_delivery(index, delivery)
            self.after_answer(jobs[index])
            return go_on

        return await self.folder.send_all(jobs, answered, before_send)
