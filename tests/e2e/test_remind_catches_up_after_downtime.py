"""After ten days without a sweep, `tracker remind` sends only the highest step now due; the lower
ones are listed as superseded and never sent. Weekly repeats carry the last step's key and a number."""

from __future__ import annotations

from collections import defaultdict

from tests.e2e.commands import Tracker
from tests.integration.reminder_fixtures import mails
from tests.smtp_server import SmtpSink


def test_only_the_highest_due_step_is_sent_and_the_lower_ones_are_superseded(
    tracker: Tracker, smtp_sink: SmtpSink
) -> None:
    tracker.env |= smtp_sink.env()
    tracker.ok("load")
    tracker.ok("remind", "--as-of", "2019-08-26T07:30:00+07:00")
    tracker.ok("remind", "--as-of", "2019-09-09T07:30:00+07:00")
    before = len(smtp_sink.received)

    # Down from Monday 9/9 to Thursday 19/9: the urgent reminder (12/9) and the overdue notice (17/9)
    # were missed; the urging (19/9) is due now.
    lines = tracker.json("remind", "--as-of", "2019-09-19T07:30:00+07:00")

    by_unit = defaultdict(list)
    for line in lines:
        by_unit[line["unit"]].append((line["step"], line["state"]))
    assert len(by_unit) == 13
    assert set(map(tuple, by_unit.values())) == {
        (("nhac-lan-2", "superseded"), ("qua-han", "superseded"), ("don-doc", "sent"))
    }
    superseded = [line for line in lines if line["state"] == "superseded"]
    assert all((line["to"], line["cc"], line["message_id"]) == ([], [], "") for line in superseded)
    late = mails(smtp_sink.received[before:])
    assert {(m.step, m.cc) for m in late} == {("don-doc", ("bantochuc@example.org",))}
    assert len(late) == 13


def test_a_weekly_repeat_carries_the_last_steps_key_and_its_number(
    tracker: Tracker, smtp_sink: SmtpSink
) -> None:
    tracker.env |= smtp_sink.env()
    tracker.ok("load")
    tracker.ok("remind", "--as-of", "2019-09-25T07:30:00+07:00")

    lines = tracker.json("remind", "--as-of", "2019-10-02T07:30:00+07:00")

    assert {(line["step"], line["repeat"], line["state"]) for line in lines} == {
        ("bao-cao-thuong-truc", 1, "sent")
    }
    assert {tuple(line["cc"]) for line in lines} == {("thuongtruc@example.org",)}
    assert {line["due_at"] for line in lines} == {"2019-10-02T07:30:00+07:00"}
