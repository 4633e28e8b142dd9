"""Every moment a person reads is in the plan's zone, whatever offset T was typed with; tables name the
reminder steps in words and never cut a code the clerk must type (80 columns)."""

from __future__ import annotations

from tests.e2e.commands import Tracker

T_IN_UTC = "2019-09-09T01:00:00+00:00"  # 08:00 on 9/9/2019 in Quảng Trị


def _words(text: str) -> str:
    return " ".join(text.split())


def test_status_schedule_and_remind_speak_the_plans_time(tracker: Tracker) -> None:
    tracker.ok("load")

    status = _words(tracker.ok("status", "--as-of", T_IN_UTC))
    assert "Tình hình nộp báo cáo lúc 08:00 ngày 09/09/2019" in status
    assert "hạn 23:59 Thứ Hai, 16/09/2019" in status

    schedule = _words(tracker.ok("schedule", "--as-of", "2019-09-08T00:00:00+00:00"))
    assert "sau 07:00 08/09/2019 (giờ Asia/Ho_Chi_Minh)" in schedule
    assert "07:30 09/09/2019" in schedule and "Nhắc lần 1" in schedule and "nhac-lan-1" not in schedule
    assert "Liên đoàn Lao động thành phố Đông Hà (ldld-dong-ha)" in schedule

    reminded = _words(tracker.ok("remind", "--as-of", T_IN_UTC, "--dry-run"))
    assert "Lượt nhắc lúc 08:00 09/09/2019" in reminded and "Nhắc lần 1" in reminded


def test_codes_are_wrapped_never_cut_at_80_columns(tracker: Tracker) -> None:
    tracker.ok("load")
    tracker.env["COLUMNS"] = "80"
    status = tracker.ok("status", "--as-of", T_IN_UTC)
    assert "…" not in status  # rich would cut with an ellipsis
    assert all(len(line) <= 80 for line in status.splitlines())
