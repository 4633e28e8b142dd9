"""`tracker remind` run again at the same T (a cron job and a clerk, a retry of a script): the second
run decides nothing, sends nothing and lists nothing."""

from __future__ import annotations

from tests.e2e.commands import Tracker
from tests.smtp_server import SmtpSink

T = "2019-09-17T07:30:00+07:00"  # the overdue notice, after a notice that was never sent


def test_the_second_run_at_the_same_moment_sends_nothing(tracker: Tracker, smtp_sink: SmtpSink) -> None:
    tracker.env |= smtp_sink.env()
    tracker.ok("load")
    first = tracker.json("remind", "--as-of", T)

    second = tracker.json("remind", "--as-of", T)

    assert sorted({line["state"] for line in first}) == ["sent", "superseded"]
    assert second == []
    assert len(smtp_sink.received) == 13
    assert "không có thư nào đến hạn" in tracker.ok("remind", "--as-of", T)
