"""`tracker plan show PLAN` tells the clerk the keys a command needs (milestones with both deadlines and
who owes them, sections, figures); a mistyped code is answered with the close ones ("Có phải … ?")."""

from __future__ import annotations

from tests.e2e.commands import Tracker

PLAN = "so-ket-de-an-2019"


def test_plan_show_lists_milestones_sections_and_figures_with_their_keys(tracker: Tracker) -> None:
    tracker.ok("load")
    sheet = " ".join(tracker.ok("plan", "show", PLAN).split())
    assert "Kế hoạch số 52/KH-LĐLĐ, ban hành 12/08/2019, kết thúc 31/12/2019" in sheet
    assert "bao-cao-don-vi" in sheet and "trước ngày 15/09/2019" in sheet and "Thứ Hai, 16/09/2019" in sheet
    assert "truoc-de-an" in sheet and "doan_vien_moi" in sheet and "Số đoàn viên kết nạp mới" in sheet


def test_a_mistyped_code_gets_the_close_ones(tracker: Tracker) -> None:
    tracker.ok("load")
    assert "Có phải 'so-ket-de-an-2019'?" in tracker.refused("plan", "show", "so-ket-de-an-2091")
    said = tracker.refused("receive", PLAN, "bao-cao-don-vj", "ldld-dong-ha", "--on", "12/9/2019")
    assert "Có phải 'bao-cao-don-vi'?" in said
    said = tracker.refused("receive", PLAN, "bao-cao-don-vi", "ldld-dongha", "--on", "12/9/2019")
    assert "Có phải 'ldld-dong-ha'" in said
    assert "Có phải" not in tracker.refused("plan", "show", "khac-han")  # nothing close: nothing guessed
