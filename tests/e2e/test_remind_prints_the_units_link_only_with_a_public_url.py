"""`tracker remind` prints each unit's personal link when TRACKER_PUBLIC_URL is set, and none without;
a TRACKER_PUBLIC_URL that is not a web address is refused before anything is sent."""

from __future__ import annotations

from tests.e2e.commands import Tracker
from tests.smtp_server import SmtpSink

NOTICE = "2019-08-26T07:30:00+07:00"


def _texts(sink: SmtpSink) -> list[str]:
    return [mail.message.get_body(("plain",)).get_content() for mail in sink.received]


def test_the_link_is_printed_with_a_public_url(tracker: Tracker, smtp_sink: SmtpSink) -> None:
    tracker.env |= smtp_sink.env() | {
        "TRACKER_PUBLIC_URL": "https://baocao.example.org/",
        "TRACKER_SECRET_KEY": "khoa-thu-nghiem",
    }
    tracker.ok("load")
    tracker.ok("remind", "--as-of", NOTICE)
    texts = _texts(smtp_sink)
    assert texts and all("https://baocao.example.org/u/" in text for text in texts)
    assert len({text.split("https://baocao.example.org/u/")[1].split()[0] for text in texts}) == len(texts)


def test_no_link_without_a_public_url(tracker: Tracker, smtp_sink: SmtpSink) -> None:
    tracker.env |= smtp_sink.env() | {"TRACKER_PUBLIC_URL": None}
    tracker.ok("load")
    tracker.ok("remind", "--as-of", NOTICE)
    assert _texts(smtp_sink) and not any("/u/" in text for text in _texts(smtp_sink))


def test_a_public_url_that_is_not_a_web_address_is_refused(tracker: Tracker, smtp_sink: SmtpSink) -> None:
    tracker.env |= smtp_sink.env() | {"TRACKER_PUBLIC_URL": "baocao.example.org", "TRACKER_SECRET_KEY": "k"}
    tracker.ok("load")
    message = tracker.refused("remind", "--as-of", NOTICE)
    assert "TRACKER_PUBLIC_URL" in message
    assert smtp_sink.received == []
