"""`tracker exempt --on`, `unexempt` and `expect add|remove` as a clerk types them: each says what it
did, status follows (as of any day), the audit keeps who and why, and a refusal changes nothing."""

from __future__ import annotations

from tests.e2e.commands import LoadedDatabase, Tracker

PLAN, MILESTONE = "so-ket-de-an-2019", "bao-cao-don-vi"
WHO = ("--by", "Nguyễn Thị Hà", "--note", "Quyết định số 12/QĐ-LĐLĐ")


def test_an_exemption_dated_in_the_past_shows_from_that_day_and_can_be_undone(tracker: Tracker) -> None:
    tracker.ok("load")

    out = tracker.ok("exempt", PLAN, MILESTONE, "cd-vien-chuc", "--on", "18/9/2019", *WHO)

    assert out.strip() == f"Đã miễn nộp báo cáo cho cd-vien-chuc ở {PLAN}/{MILESTONE}."
    assert tracker.status("2019-09-17")[MILESTONE, "cd-vien-chuc"]["state"] == "overdue"
    assert tracker.status("2019-09-18")[MILESTONE, "cd-vien-chuc"]["state"] == "exempt"

    out = tracker.ok("unexempt", PLAN, MILESTONE, "cd-vien-chuc", *WHO)

    assert out.strip().startswith(f"Đã huỷ miễn nộp cho cd-vien-chuc ở {PLAN}/{MILESTONE}")
    assert tracker.status("2019-09-18")[MILESTONE, "cd-vien-chuc"]["state"] == "overdue"
    actions = [(e["action"], e["actor"], e["note"]) for e in tracker.json("audit")[-2:]]
    assert actions == [
        ("submission.exempt", WHO[1], WHO[3]),
        ("submission.unexempt", WHO[1], WHO[3]),
    ]


def test_a_unit_removed_and_added_again_by_hand(tracker: Tracker) -> None:
    tracker.ok("load")

    out = tracker.ok("expect", "remove", PLAN, MILESTONE, "ldld-cam-lo", *WHO)

    assert out.strip().startswith(f"Đã bỏ ldld-cam-lo khỏi danh sách phải nộp của {PLAN}/{MILESTONE}")
    assert (MILESTONE, "ldld-cam-lo") not in tracker.status("2019-09-17")

    out = tracker.ok("expect", "add", PLAN, MILESTONE, "ldld-cam-lo", *WHO)

    assert out.strip().startswith(f"Đã thêm ldld-cam-lo vào danh sách phải nộp của {PLAN}/{MILESTONE}")
    assert tracker.status("2019-09-17")[MILESTONE, "ldld-cam-lo"]["state"] == "overdue"
    assert [e["action"] for e in tracker.json("audit")[-2:]] == ["expected.remove", "expected.add"]


def test_acts_that_cannot_be_done_are_refused_and_change_nothing(loaded: LoadedDatabase) -> None:
    seed = (PLAN, MILESTONE)
    assert "ở tương lai" in loaded.assert_refused("exempt", *seed, "ldld-cam-lo", "--on", "1/1/2100", *WHO)
    assert "chưa được miễn nộp" in loaded.assert_refused("unexempt", *seed, "ldld-cam-lo", *WHO)
    assert "Hãy ghi lý do" in loaded.assert_refused("expect", "remove", *seed, "ldld-cam-lo", "--by", "Hà")
    assert "đã được ghi nhận" in loaded.assert_refused("expect", "remove", *seed, "cd-y-te", *WHO)
    assert "đã thuộc danh sách" in loaded.assert_refused("expect", "add", *seed, "cd-y-te", *WHO)
