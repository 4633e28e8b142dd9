"""`tracker load` of a config the database already holds changes nothing, not even the audit trail."""

from __future__ import annotations

from collections.abc import Callable

from tests.e2e.commands import Snapshot, Tracker


def test_a_second_load_of_the_same_config_says_so_and_leaves_every_row_as_it_was(
    tracker: Tracker, snapshot: Callable[[], Snapshot]
) -> None:
    first = tracker.ok("load")
    after_first = snapshot()

    second = tracker.ok("load")

    assert "Thêm kế hoạch so-ket-de-an-2019." in first
    assert second.strip() == "Không có thay đổi: cơ sở dữ liệu đã khớp với cấu hình."
    assert snapshot() == after_first
    assert len(after_first["expected_reports"]) == 14
    assert len(after_first["audit_log"]) == len(tracker.json("audit"))


def test_a_load_after_receipts_keeps_them(tracker: Tracker, snapshot: Callable[[], Snapshot]) -> None:
    tracker.ok("load")
    tracker.ok("receive", "so-ket-de-an-2019", "bao-cao-don-vi", "cd-y-te", "--on", "12/9/2019")
    before = snapshot()

    tracker.ok("load")

    assert snapshot() == before
    assert tracker.status("2019-09-20")["bao-cao-don-vi", "cd-y-te"]["state"] == "received"
