"""Temporary failures (4xx, a dropped connection, a server that is down or silent) keep every
recipient pending for a retry, and the retry delivers."""

from __future__ import annotations

import asyncio

from tests.helpers import job, send_all
from tests.smtp_server import SmtpSink
from tracker.core.delivery import Delivery, Outcome
from tracker.mail.settings import smtp_settings_from_env
from tracker.mail.smtp import SmtpTransport

RECIPIENTS = ("ldld.dongha@example.org", "chutich.dongha@example.org")


def test_a_451_to_data_leaves_everyone_pending_and_the_retry_is_delivered(smtp_sink: SmtpSink) -> None:
    smtp_sink.fail_data(times=1)
    message = job(1, *RECIPIENTS)

    [first], [retry] = send_all(smtp_sink.env(), [message], [message])

    assert first == Delivery(
        Outcome.TEMPORARY, pending=RECIPIENTS, reply="451 4.3.0 Temporary local problem, try later"
    )
    assert retry.outcome is Outcome.DELIVERED
    assert retry.accepted == RECIPIENTS
    assert [mail.rcpt_tos for mail in smtp_sink.received] == [RECIPIENTS]


def test_a_4xx_for_one_recipient_keeps_only_that_one_pending(smtp_sink: SmtpSink) -> None:
    smtp_sink.refuse_recipient("chutich.dongha@example.org", "450 4.2.1 Mailbox busy, try later")

    [[delivery]] = send_all(smtp_sink.env(), [job(1, *RECIPIENTS)])

    assert delivery == Delivery(
        Outcome.TEMPORARY,
        accepted=("ldld.dongha@example.org",),
        pending=("chutich.dongha@example.org",),
        reply="450 4.2.1 Mailbox busy, try later",
    )


def test_a_connection_dropped_mid_data_is_temporary_and_the_next_message_goes_on_a_new_one(
    smtp_sink: SmtpSink,
) -> None:
    smtp_sink.drop_during_data(times=1)
    env = {**smtp_sink.env(), "TRACKER_SMTP_CONNECTIONS": "1"}

    [[dropped, after]] = send_all(env, [job(1, *RECIPIENTS), job(2)])

    assert dropped.outcome is Outcome.TEMPORARY
    assert dropped.pending == RECIPIENTS
    assert dropped.reply.startswith("SMTPServerDisconnected")
    assert after.outcome is Outcome.DELIVERED
    assert [str(mail.message["Subject"]) for mail in smtp_sink.received] == ["Thư số 2"]


def test_a_server_that_is_down_leaves_every_message_pending_until_it_is_back(smtp_sink: SmtpSink) -> None:
    smtp_sink.stop()

    down = send_all(smtp_sink.env(), [job(1), job(2), job(3)])[0]
    smtp_sink.start()
    back = send_all(smtp_sink.env(), [job(1), job(2), job(3)])[0]

    assert [d.outcome for d in down] == [Outcome.TEMPORARY] * 3
    assert [d.pending for d in down] == [("ldld.dongha@example.org",)] * 3
    assert all(d.reply.startswith("SMTPConnectError") and "Connect call failed" in d.reply for d in down)
    assert [d.outcome for d in back] == [Outcome.DELIVERED] * 3
    assert len(smtp_sink.received) == 3


def test_a_server_that_goes_quiet_mid_message_is_given_up_on_within_the_send_timeout() -> None:
    with SmtpSink(data_delay=3.0) as sink:
        settings = smtp_settings_from_env(sink.env())
        assert settings is not None

        async def run() -> tuple[list[Delivery], float]:
            loop = asyncio.get_running_loop()
            started = loop.time()
            async with SmtpTransport(settings, send_timeout=0.3) as transport:
                return await transport.send_all([job(1)]), loop.time() - started

        [delivery], elapsed = asyncio.run(run())

        assert delivery.outcome is Outcome.TEMPORARY
        assert delivery.reply == "TimeoutError: no answer in time"
        assert elapsed < 2.0
