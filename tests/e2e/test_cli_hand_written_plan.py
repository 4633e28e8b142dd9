"""A plan written by hand, not the seed: its own inline ladder, an audience listing two units, a deadline
`by` the day written and no art. 148 shift. Every command works on it as on the seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.commands import Tracker

PLAN = "thu-doan-phi-2024"
MILESTONE = "bao-cao-6-thang"
FEES_PLAN = """\
code = "thu-doan-phi-2024"
title = "Báo cáo thu, nộp kinh phí và đoàn phí công đoàn 6 tháng đầu năm 2024"
reference = "Công văn số 118/LĐLĐ-TC"
deadline_shift = "none"

[ladder]
repeat_every = "3d"

[[ladder.steps]]
key = "nhac"
offset = "-3d"
template = "reminder"
cc = []

[[ladder.steps]]
key = "qua-han"
offset = "+1d"
template = "overdue"
cc = ["unit.chair", "owner"]

[[sections]]
key = "thu-kinh-phi"
title = "Tình hình thu kinh phí công đoàn"

[[figures]]
key = "doan_phi"
label = "Số đoàn phí đã thu"
unit = "đồng"

[[milestones]]
code = "bao-cao-6-thang"
title = "Gửi báo cáo thu, nộp 6 tháng đầu năm"
due = "20/7/2024"                # a Saturday, kept as written
due_rule = "by"
audience = ["cd-giao-duc", "cd-y-te"]
"""


@pytest.fixture
def config_dir(config_dir: Path) -> Path:
    """The shipped organisation and units, with this plan only."""
    (config_dir / "plans" / "so-ket-de-an-2019.toml").unlink()
    (config_dir / "plans" / "thu-doan-phi-2024.toml").write_text(FEES_PLAN, encoding="utf-8")
    return config_dir


def test_the_plan_loads_and_expects_the_two_listed_units_by_the_saturday_written(tracker: Tracker) -> None:
    assert tracker.ok("check-config").strip() == "Cấu hình hợp lệ: 1 kế hoạch, 1 mốc, 13 đơn vị."
    assert f"Thêm mốc {PLAN}/{MILESTONE}: chờ báo cáo của 2 đơn vị." in tracker.ok("load")

    rows = tracker.json("status", "--plan", PLAN, "--as-of", "22/7/2024")

    assert [(r["unit"], r["due"], r["state"], r["days_overdue"]) for r in rows] == [
        ("cd-giao-duc", "2024-07-20T23:59:59+07:00", "overdue", 2),
        ("cd-y-te", "2024-07-20T23:59:59+07:00", "overdue", 2),
    ]


def test_receive_unreceive_and_exempt_work_with_the_plans_own_sections_and_figures(tracker: Tracker) -> None:
    tracker.ok("load")
    tracker.ok(
        "receive", PLAN, MILESTONE, "cd-y-te",
        "--on", "19/7/2024", "--doc-number", "21/BC-CĐN", "--by", "Hà",
        "--section", "thu-kinh-phi", "--figure", "doan_phi=1250000",
    )  # fmt: skip
    tracker.ok("exempt", PLAN, MILESTONE, "cd-giao-duc", "--by", "Hà", "--note", "Đã báo cáo gộp")

    rows = tracker.status()
    assert (rows[MILESTONE, "cd-y-te"]["state"], rows[MILESTONE, "cd-y-te"]["doc_number"]) == (
        "received",
        "21/BC-CĐN",
    )
    assert rows[MILESTONE, "cd-giao-duc"]["state"] == "exempt"
    [received] = [e for e in tracker.json("audit") if e["action"] == "submission.receive"]
    assert (received["after"]["sections"], received["after"]["figures"]) == (
        ["thu-kinh-phi"],
        {"doan_phi": 1250000},
    )
    # The seed's figures and the units outside the list do not belong to this plan.
    assert "không có số liệu 'doan_vien_moi'" in tracker.refused(
        "receive", PLAN, MILESTONE, "cd-y-te", "--on", "19/7/2024", "--figure", "doan_vien_moi=1", "--replace"
    )
    assert "không thuộc danh sách phải nộp" in tracker.refused(
        "receive", PLAN, MILESTONE, "ldld-dong-ha", "--on", "19/7/2024"
    )

    tracker.ok("unreceive", PLAN, MILESTONE, "cd-y-te", "--by", "Hà")
    assert tracker.status("22/7/2024")[MILESTONE, "cd-y-te"]["state"] == "overdue"


def test_the_inline_ladder_is_the_one_the_schedule_follows(tracker: Tracker) -> None:
    tracker.ok("load")

    upcoming = tracker.json("schedule", "--plan", PLAN, "--unit", "cd-y-te", "--as-of", "10/7/2024")

    assert [(r["step"], r["repeat"], r["at"]) for r in upcoming[:3]] == [
        ("nhac", 0, "2024-07-17T07:30:00+07:00"),  # three days before Saturday 20/7
        ("qua-han", 0, "2024-07-22T07:30:00+07:00"),  # Sunday 21/7 waits for Monday's opening
        ("qua-han", 1, "2024-07-24T07:30:00+07:00"),  # every three days after 21/7
    ]
