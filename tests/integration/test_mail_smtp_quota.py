"""A spent daily quota (550 5.4.5) is not a refused recipient: it pauses sending, nothing is lost."""

from __future__ import annotations

from tests.helpers import job, send_all
from tests.smtp_server import SmtpSink
from tracker.core.delivery import Delivery, Outcome

QUOTA = "550 5.4.5 Daily user sending quota exceeded"


def test_a_quota_reply_to_the_sender_stops_the_batch_with_every_message_pending(smtp_sink: SmtpSink) -> None:
    smtp_sink.exceed_quota()
    env = {**smtp_sink.env(), "TRACKER_SMTP_CONNECTIONS": "1"}

    [deliveries] = send_all(env, [job(1), job(2), job(3)])

    assert (
        deliveries
        == [Delivery(Outcome.QUOTA_EXCEEDED, pending=("ldld.dongha@example.org",), reply=QUOTA)] * 3
    )
    assert smtp_sink.mail_commands == 1  # not hammered once the quota is known to be spent
    assert smtp_sink.received == []


def test_a_quota_reply_to_a_recipient_keeps_it_pending_rather_than_refused(smtp_sink: SmtpSink) -> None:
    smtp_sink.refuse_recipient("chutich.dongha@example.org", "550 5.4.5 Daily recipient limit exceeded")

    [[delivery]] = send_all(
        smtp_sink.env(), [job(1, "ldld.dongha@example.org", "chutich.dongha@example.org")]
    )

    assert delivery == Delivery(
        Outcome.QUOTA_EXCEEDED,
        accepted=("ldld.dongha@example.org",),
        pending=("chutich.dongha@example.org",),
        reply="550 5.4.5 Daily recipient limit exceeded",
    )


def test_after_the_quota_is_restored_the_pending_messages_go_out(smtp_sink: SmtpSink) -> None:
    smtp_sink.exceed_quota()
    [paused] = send_all(smtp_sink.env(), [job(1)])
    smtp_sink.restore_quota()
    [resumed] = send_all(smtp_sink.env(), [job(1)])

    assert (paused[0].outcome, resumed[0].outcome) == (Outcome.QUOTA_EXCEEDED, Outcome.DELIVERED)
