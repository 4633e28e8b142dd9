"""Refused authentication (or TLS the server does not offer) stops the batch and keeps it pending."""

from __future__ import annotations

import pytest

from tests.helpers import job, send_all
from tests.smtp_server import SmtpSink
from tracker.core.delivery import Outcome

CREDENTIALS = ("tracker", "mật khẩu đúng")


@pytest.mark.filterwarnings("ignore:Session.login_data is deprecated")  # aiosmtpd 1.4, on a good login
def test_the_right_password_delivers() -> None:
    with SmtpSink(credentials=CREDENTIALS) as sink:
        [[delivery]] = send_all(sink.env(), [job(1)])

        assert delivery.outcome is Outcome.DELIVERED
        assert len(sink.received) == 1


def test_a_wrong_password_stops_the_batch_with_every_message_pending() -> None:
    with SmtpSink(credentials=CREDENTIALS) as sink:
        env = {**sink.env(), "TRACKER_SMTP_PASSWORD": "sai"}

        [deliveries] = send_all(env, [job(1), job(2), job(3)])

        assert [d.outcome for d in deliveries] == [Outcome.AUTH_FAILED] * 3
        assert [d.pending for d in deliveries] == [("ldld.dongha@example.org",)] * 3
        assert {d.reply for d in deliveries} == {"535 5.7.8 Authentication credentials invalid"}
        assert all(d.stops_sending for d in deliveries)
        assert sink.mail_commands == 0


def test_a_server_requiring_a_login_we_do_not_give_stops_the_batch() -> None:
    with SmtpSink(credentials=CREDENTIALS) as sink:
        env = {k: v for k, v in sink.env().items() if k not in ("TRACKER_SMTP_USER", "TRACKER_SMTP_PASSWORD")}

        [deliveries] = send_all({**env, "TRACKER_SMTP_CONNECTIONS": "1"}, [job(1), job(2)])

        assert [d.outcome for d in deliveries] == [Outcome.AUTH_FAILED] * 2
        assert {d.reply for d in deliveries} == {"530 5.7.0 Authentication required"}
        assert sink.mail_commands == 1  # the second message was not even tried


def test_starttls_required_by_the_settings_but_not_offered_sends_nothing_in_clear(
    smtp_sink: SmtpSink,
) -> None:
    env = {**smtp_sink.env(), "TRACKER_SMTP_TLS": "starttls"}

    [[delivery]] = send_all(env, [job(1)])

    assert delivery.outcome is Outcome.AUTH_FAILED
    assert delivery.reply == "SMTPException: SMTP STARTTLS extension not supported by server."
    assert smtp_sink.mail_commands == 0
