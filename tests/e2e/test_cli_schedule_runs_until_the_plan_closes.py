"""`tracker schedule` lists every reminder still to come until the plan closes (the weekly repeats of
the last step included), and `--limit N` shows only the first N, saying how many there are in all."""

from __future__ import annotations

from datetime import datetime

from tests.e2e.commands import Tracker

UNIT = "ldld-dong-ha"


def test_every_weekly_repeat_until_the_closing_day_is_listed(tracker: Tracker) -> None:
    tracker.ok("load")
    lines = tracker.json("schedule", "--unit", UNIT, "--as-of", "2019-10-01")

    repeats = [line for line in lines if line["step"] == "bao-cao-thuong-truc"]
    last = datetime.fromisoformat(repeats[-1]["at"]).date()
    assert [line["repeat"] for line in repeats] == list(range(1, len(repeats) + 1))
    assert len(repeats) == 13 and last.isoformat() == "2019-12-25"  # the plan closes on 31/12/2019


def test_limit_shows_the_first_reminders_and_says_how_many_in_all(tracker: Tracker) -> None:
    tracker.ok("load")
    assert len(tracker.json("schedule", "--unit", UNIT, "--as-of", "2019-10-01", "--limit", "3")) == 3
    table = " ".join(tracker.ok("schedule", "--unit", UNIT, "--as-of", "2019-10-01", "--limit", "3").split())
    assert "Tổng cộng 13 thư nhắc sắp gửi đến khi kế hoạch kết thúc (đang xem 3 thư đầu" in table
