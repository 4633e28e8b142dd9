"""SmtpTransport against a real aiosmtpd server: accepted messages, parallel and reused connections."""

from __future__ import annotations

import asyncio
from collections import Counter

from tests.builders import DONG_HA, at, reminder
from tests.helpers import job, send_all
from tests.smtp_server import SmtpSink
from tracker.core.delivery import Delivery, Outcome
from tracker.mail.delivery import SendJob
from tracker.mail.message import wire_bytes
from tracker.mail.settings import smtp_settings_from_env
from tracker.mail.smtp import SmtpTransport


def test_a_message_accepted_for_every_recipient_is_delivered_with_the_servers_reply(
    smtp_sink: SmtpSink,
) -> None:
    recipients = ("ldld.dongha@example.org", "vanphong.dongha@example.org", "chutich.dongha@example.org")

    [[delivery]] = send_all(smtp_sink.env(), [job(1, *recipients)])

    assert delivery == Delivery(Outcome.DELIVERED, accepted=recipients, reply="250 2.0.0 OK queued as 1")
    [received] = smtp_sink.received
    assert received.mail_from == "tracker@ldld-quangtri.example.org"
    assert received.rcpt_tos == recipients
    assert received.message["Message-ID"] == "<thu-1@ldld-quangtri.example.org>"


def test_a_rendered_reminder_arrives_with_its_vietnamese_subject_and_both_parts_intact(
    smtp_sink: SmtpSink,
) -> None:
    message = reminder("bao-cao-thuong-truc", at(25, 9))

    [[delivery]] = send_all(smtp_sink.env(), [SendJob.of(wire_bytes(message), DONG_HA.emails)])

    [received] = smtp_sink.received
    assert delivery.outcome is Outcome.DELIVERED
    assert received.message["Subject"] == message["Subject"]
    assert str(received.message["Subject"]).startswith(
        "[Báo cáo Thường trực – quá hạn 9 ngày] Báo cáo sơ kết 3 năm"
    )
    assert received.message.get_body(("plain",)).get_content() == message.get_body(("plain",)).get_content()
    assert received.message.get_body(("html",)).get_content() == message.get_body(("html",)).get_content()


def test_a_reminder_goes_out_as_the_7_bit_bytes_rendered_once_from_the_address_in_its_from(
    smtp_sink: SmtpSink,
) -> None:
    message = reminder("nhac-lan-2", at(12, 9), thread=("<thong-bao.0.v1.0123456789ab@example.org>",))
    data = wire_bytes(message)

    send_all(smtp_sink.env(), [SendJob.of(data, DONG_HA.emails)])

    [received] = smtp_sink.received
    assert data.isascii()  # any server takes it, with or without 8BITMIME
    assert received.raw == data
    assert received.mail_from == "tracker@ldld-quangtri.example.org"
    for name in ("Subject", "From", "To", "Message-ID", "In-Reply-To", "References", "Date"):
        assert received.message[name] == message[name]
    assert received.message.get_body(("plain",)).get_content() == message.get_body(("plain",)).get_content()


def test_a_batch_goes_out_over_parallel_connections_each_carrying_several_messages() -> None:
    with SmtpSink(data_delay=0.1) as sink:
        deliveries = send_all({**sink.env(), "TRACKER_SMTP_CONNECTIONS": "4"}, [job(n) for n in range(12)])[0]

        received = sink.received
        assert [d.outcome for d in deliveries] == [Outcome.DELIVERED] * 12
        assert sink.max_parallel_data == 4
        per_connection = Counter(mail.peer for mail in received)
        assert len(per_connection) == 4
        assert sum(per_connection.values()) == 12
        assert max(per_connection.values()) > 1
        assert sorted(str(mail.message["Subject"]) for mail in received) == sorted(
            f"Thư số {n}" for n in range(12)
        )


def test_results_come_back_in_the_order_of_the_jobs() -> None:
    with SmtpSink(data_delay=0.02) as sink:
        jobs = [job(n, f"unit{n}@example.org") for n in range(9)]

        deliveries = send_all({**sink.env(), "TRACKER_SMTP_CONNECTIONS": "3"}, jobs)[0]

        assert [d.accepted for d in deliveries] == [(f"unit{n}@example.org",) for n in range(9)]


def test_a_second_batch_reuses_the_open_connection(smtp_sink: SmtpSink) -> None:
    env = {**smtp_sink.env(), "TRACKER_SMTP_CONNECTIONS": "1"}

    first, second = send_all(env, [job(1)], [job(2)])

    assert [first[0].outcome, second[0].outcome] == [Outcome.DELIVERED, Outcome.DELIVERED]
    assert len({mail.peer for mail in smtp_sink.received}) == 1


def test_a_connection_the_server_closed_while_idle_is_replaced_before_the_next_batch() -> None:
    with SmtpSink() as sink:
        env = {**sink.env(), "TRACKER_SMTP_CONNECTIONS": "1"}

        async def run() -> list[Delivery]:
            settings = smtp_settings_from_env(env)
            assert settings is not None
            async with SmtpTransport(settings) as transport:
                await transport.send_all([job(1)])
                sink.stop()  # every open connection is cut
                sink.start()
                return await transport.send_all([job(2)])

        [delivery] = asyncio.run(run())

        assert delivery.outcome is Outcome.DELIVERED
        assert [str(m.message["Subject"]) for m in sink.received] == ["Thư số 1", "Thư số 2"]
