"""Helpers shared by test modules that are neither fixtures (conftest.py) nor the seed world
(builders.py): reading an email's parts, and sending through the real SmtpTransport."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from datetime import datetime
from email.message import EmailMessage
from typing import Any

from tests.builders import MAIL_FROM, ZONE
from tracker.core.delivery import Delivery
from tracker.mail.delivery import SendJob
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
