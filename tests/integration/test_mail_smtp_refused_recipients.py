"""A recipient refused for good (5xx) is reported with the server's words; the others still get it."""

from __future__ import annotations

from tests.helpers import job, plain_message, send_all
from tests.smtp_server import SmtpSink
from tracker.core.delivery import Delivery, Outcome, Refusal
from tracker.mail.delivery import SendJob
from tracker.mail.message import wire_bytes

THREE = ("ldld.dongha@example.org", "khong-ton-tai@example.org", "chutich.dongha@example.org")
USER_UNKNOWN = "550 5.1.1 <khong-ton-tai@example.org>: Recipient address rejected: User unknown"


def test_a_550_for_one_recipient_of_three_refuses_only_that_one(smtp_sink: SmtpSink) -> None:
    smtp_sink.refuse_recipient("khong-ton-tai@example.org")

    [[delivery]] = send_all(smtp_sink.env(), [job(1, *THREE)])

    assert delivery == Delivery(
        Outcome.DELIVERED,
        accepted=("ldld.dongha@example.org", "chutich.dongha@example.org"),
        refused=(Refusal("khong-ton-tai@example.org", USER_UNKNOWN),),
        reply="250 2.0.0 OK queued as 1",
    )
    assert [mail.rcpt_tos for mail in smtp_sink.received] == [
        ("ldld.dongha@example.org", "chutich.dongha@example.org")
    ]


def test_a_message_refused_for_every_recipient_is_refused_and_not_retried(smtp_sink: SmtpSink) -> None:
    smtp_sink.refuse_recipient("khong-ton-tai@example.org")
    smtp_sink.refuse_recipient("cu@example.org", "553 5.1.2 Domain of address does not exist")

    [[delivery, next_one]] = send_all(
        smtp_sink.env(), [job(1, "khong-ton-tai@example.org", "cu@example.org"), job(2)]
    )

    assert delivery == Delivery(
        Outcome.REFUSED,
        refused=(
            Refusal("khong-ton-tai@example.org", USER_UNKNOWN),
            Refusal("cu@example.org", "553 5.1.2 Domain of address does not exist"),
        ),
        reply=USER_UNKNOWN,
    )
    assert next_one.outcome is Outcome.DELIVERED  # the connection is still good after the refusal
    assert len(smtp_sink.received) == 1


def test_a_5xx_to_the_message_data_refuses_it_for_every_recipient(smtp_sink: SmtpSink) -> None:
    smtp_sink.fail_data(reply="554 5.7.1 Message rejected as spam")

    [[delivery]] = send_all(smtp_sink.env(), [job(1, "a@example.org", "b@example.org")])

    assert delivery.outcome is Outcome.REFUSED
    assert delivery.refused == (
        Refusal("a@example.org", "554 5.7.1 Message rejected as spam"),
        Refusal("b@example.org", "554 5.7.1 Message rejected as spam"),
    )


def test_an_address_that_cannot_go_on_the_wire_is_refused_here_and_the_others_still_get_it(
    smtp_sink: SmtpSink,
) -> None:
    envelope = ("ldld.dongha@example.org", "x@y.example\r\nRSET")

    [[delivery]] = send_all(smtp_sink.env(), [SendJob.of(wire_bytes(plain_message(1)), envelope)])

    assert delivery.outcome is Outcome.DELIVERED
    assert delivery.accepted == ("ldld.dongha@example.org",)
    assert [r.recipient for r in delivery.refused] == ["x@y.example\r\nRSET"]
    assert delivery.refused[0].reply.startswith("553 5.1.3 ")
    assert [mail.rcpt_tos for mail in smtp_sink.received] == [("ldld.dongha@example.org",)]
