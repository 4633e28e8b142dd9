"""A unit already reminded, taken out of a milestone's audience list: `load` applies it (it crashed on
the outbox's link to the report, issue 13, item 10), the unit gets nothing more, the reminders it had
stay as history, and put back in the list it is not sent again what it already had."""

from __future__ import annotations

from tests.e2e.commands import ConfigFiles, Tracker
from tests.integration.reminder_fixtures import mails
from tests.smtp_server import SmtpSink

PLAN_FILE = "plans/so-ket-de-an-2019.toml"
BOTH = 'audience = ["ldld-dong-ha", "ldld-cam-lo"]'
DONG_HA = 'audience = ["ldld-dong-ha"]'
NOTICE = "2019-08-26T07:30:00+07:00"
FIRST_REMINDER = "2019-09-09T07:30:00+07:00"
SECOND_REMINDER = "2019-09-12T07:30:00+07:00"


def test_a_reminded_unit_dropped_from_the_list_gets_nothing_more_and_keeps_its_history(
    tracker: Tracker, config_files: ConfigFiles, smtp_sink: SmtpSink
) -> None:
    tracker.env |= smtp_sink.env()
    config_files.replace(PLAN_FILE, 'audience = "units"', BOTH)
    tracker.ok("load")
    tracker.ok("remind", "--as-of", NOTICE)
    config_files.replace(PLAN_FILE, BOTH, DONG_HA)

    out = tracker.ok("load")

    assert "Mốc so-ket-de-an-2019/bao-cao-don-vi: thêm 0, bỏ 1 đơn vị phải nộp." in out
    tracker.ok("remind", "--as-of", FIRST_REMINDER)
    assert [(m.unit, m.step) for m in mails(smtp_sink.received)] == [
        ("ldld-cam-lo", "thong-bao"),
        ("ldld-dong-ha", "nhac-lan-1"),
        ("ldld-dong-ha", "thong-bao"),
    ]
    history = tracker.json("remind", "--dry-run", "--as-of", FIRST_REMINDER)
    assert all(line["unit"] != "ldld-cam-lo" for line in history)

    config_files.replace(PLAN_FILE, DONG_HA, BOTH)
    tracker.ok("load")
    tracker.ok("remind", "--as-of", SECOND_REMINDER)
    cam_lo = [m.step for m in mails(smtp_sink.received) if m.unit == "ldld-cam-lo"]
    assert cam_lo == ["nhac-lan-2", "thong-bao"]  # the notice once, then the step due now
