"""A unit taken out of units.csv, or marked inactive there, gets nothing more from the next sweep: it
stays expected, flagged in the status, until a clerk decides (`expect remove`); back in the roster, it is
reminded again from the step due then (issue 13, item 5: it was still sent `nhac-lan-2`)."""

from __future__ import annotations

from tests.e2e.commands import ConfigFiles, Tracker
from tests.integration.reminder_fixtures import mails
from tests.smtp_server import SmtpSink

PLAN = "so-ket-de-an-2019"
CAM_LO_ROW = (
    "ldld-cam-lo,Liên đoàn Lao động huyện Cam Lộ,địa phương,ldld.camlo@example.org,Hoàng Văn Em,"
    "chutich.camlo@example.org,1"
)
NOTICE = "2019-08-26T07:30:00+07:00"
FIRST_REMINDER = "2019-09-09T07:30:00+07:00"
SECOND_REMINDER = "2019-09-12T07:30:00+07:00"


def _steps_of(sink: SmtpSink, unit: str) -> list[str]:
    return sorted(m.step for m in mails(sink.received) if m.unit == unit)


def _leave_the_roster(config_files: ConfigFiles, how: str) -> None:
    if how == "removed":
        config_files.replace("units.csv", CAM_LO_ROW + "\n", "")
    else:
        config_files.replace("units.csv", CAM_LO_ROW, CAM_LO_ROW[:-1] + "0")


def test_a_unit_removed_from_the_units_file_is_flagged_and_not_reminded(
    tracker: Tracker, config_files: ConfigFiles, smtp_sink: SmtpSink
) -> None:
    tracker.env |= smtp_sink.env()
    tracker.ok("load")
    tracker.ok("remind", "--as-of", NOTICE)
    _leave_the_roster(config_files, "removed")

    out = tracker.ok("load")

    assert "Đơn vị ldld-cam-lo không còn trong danh sách: chuyển sang ngừng hoạt động, không nhắc nữa." in out
    tracker.ok("remind", "--as-of", FIRST_REMINDER)
    assert _steps_of(smtp_sink, "ldld-cam-lo") == ["thong-bao"]
    assert len(_steps_of(smtp_sink, "ldld-dong-ha")) == 2
    row = tracker.status(FIRST_REMINDER)["bao-cao-don-vi", "ldld-cam-lo"]
    assert (row["state"], row["unit_active"]) == ("pending", False)
    assert "Cam Lộ (ngừng hoạt động, không nhắc nữa)" in tracker.ok("status", "--as-of", FIRST_REMINDER)


def test_an_inactive_unit_put_back_is_reminded_from_the_step_due_then(
    tracker: Tracker, config_files: ConfigFiles, smtp_sink: SmtpSink
) -> None:
    tracker.env |= smtp_sink.env()
    tracker.ok("load")
    tracker.ok("remind", "--as-of", NOTICE)
    _leave_the_roster(config_files, "inactive")
    tracker.ok("load")
    tracker.ok("remind", "--as-of", FIRST_REMINDER)
    assert _steps_of(smtp_sink, "ldld-cam-lo") == ["thong-bao"]

    config_files.replace("units.csv", CAM_LO_ROW[:-1] + "0", CAM_LO_ROW)
    tracker.ok("load")
    tracker.ok("remind", "--as-of", SECOND_REMINDER)

    assert _steps_of(smtp_sink, "ldld-cam-lo") == ["nhac-lan-2", "thong-bao"]
