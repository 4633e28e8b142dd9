"""`tracker remind --format json`: one object per reminder the sweep decided or tried, with the
fields of DESIGN §5, the Message-ID the recipients see and its time in the plan's zone."""

from __future__ import annotations

from tests.e2e.commands import Tracker
from tests.smtp_server import SmtpSink

CONTRACT = {"plan", "milestone", "unit", "step", "repeat", "to", "cc", "message_id", "state"}


def test_each_reminder_sent_is_listed_with_the_fields_of_the_contract(
    tracker: Tracker, smtp_sink: SmtpSink
) -> None:
    tracker.env |= smtp_sink.env()
    tracker.ok("load")

    lines = tracker.json("remind", "--as-of", "2019-08-26T07:30:00+07:00")

    assert len(lines) == 13
    assert all(set(line) >= CONTRACT for line in lines)
    (dong_ha,) = [line for line in lines if line["unit"] == "ldld-dong-ha"]
    (mail,) = [m for m in smtp_sink.received if m.rcpt_tos[0] == "ldld.dongha@example.org"]
    assert dong_ha == {
        "plan": "so-ket-de-an-2019",
        "milestone": "bao-cao-don-vi",
        "unit": "ldld-dong-ha",
        "step": "thong-bao",
        "repeat": 0,
        "to": ["ldld.dongha@example.org", "vanphong.dongha@example.org"],
        "cc": [],
        "message_id": mail.message["Message-ID"],
        "state": "sent",
        "due_at": "2019-08-26T07:30:00+07:00",
    }
    assert len({line["message_id"] for line in lines}) == 13


def test_a_bare_date_sweeps_at_08_00_in_the_plans_zone(tracker: Tracker, smtp_sink: SmtpSink) -> None:
    tracker.env |= smtp_sink.env()
    tracker.ok("load")

    lines = tracker.json("remind", "--as-of", "26/8/2019")

    assert {line["state"] for line in lines} == {"sent"}
    assert {m.message["Date"] for m in smtp_sink.received} == {"Mon, 26 Aug 2019 08:00:00 +0700"}
