"""`tracker load` after the config was edited: each change applied, recorded and audited, nothing lost."""

from __future__ import annotations

from collections.abc import Callable

from tests.e2e.commands import ConfigFiles, Snapshot, Tracker

PLAN = "so-ket-de-an-2019"
PLAN_FILE = "plans/so-ket-de-an-2019.toml"
NEW_UNIT = "cd-kkt,Công đoàn Khu kinh tế tỉnh Quảng Trị,ngành,congdoan.kkt@example.org,Lê Thị Oanh,,1"


SHIFT = "next_working_day"


def test_a_changed_deadline_becomes_a_new_version_that_status_and_the_audit_show(
    tracker: Tracker, config_files: ConfigFiles, snapshot: Callable[[], Snapshot]
) -> None:
    tracker.ok("load")
    # "trước 1/10/2019": the last day is Monday 30/9, a working day.
    config_files.replace(PLAN_FILE, 'due = "15/9/2019"', 'due = "1/10/2019"')

    out = tracker.ok("load")

    assert f"Mốc {PLAN}/bao-cao-don-vi: hạn đổi từ 16/09/2019 sang 30/09/2019 (phiên bản 2)." in out
    rows = tracker.status("2019-09-17")
    assert rows["bao-cao-don-vi", "cd-y-te"]["due"] == "2019-09-30T23:59:59+07:00"
    assert (
        rows["bao-cao-don-vi", "cd-y-te"]["state"],
        rows["bao-cao-don-vi", "cd-y-te"]["days_overdue"],
    ) == (
        "pending",
        None,
    )
    # Both versions are kept: the old deadline is recorded, not replaced.
    versions = sorted(
        (row["version"], f"{row['due']}", f"{row['effective_last_day']}")
        for row in snapshot()["milestone_deadlines"]
    )
    assert versions == [
        (1, "2019-09-15", "2019-09-16"),
        (1, "2019-10-01", "2019-10-31"),
        (2, "2019-10-01", "2019-09-30"),
    ]
    change = [entry for entry in tracker.json("audit") if entry["action"] == "milestone.deadline"]
    assert [(c["plan"], c["milestone"], c["before"], c["after"]) for c in change] == [
        (
            PLAN,
            "bao-cao-don-vi",
            {"due": "2019-09-15", "due_rule": "before", "deadline_shift": SHIFT, "effective": "2019-09-16"},
            {"due": "2019-10-01", "due_rule": "before", "deadline_shift": SHIFT, "effective": "2019-09-30"},
        )
    ]


def test_a_new_unit_is_added_to_the_roster_but_not_to_a_milestone_already_under_way(
    tracker: Tracker, config_files: ConfigFiles
) -> None:
    tracker.ok("load")
    config_files.add_unit_row(NEW_UNIT)

    out = tracker.ok("load")

    assert out.strip() == "Thêm đơn vị cd-kkt – Công đoàn Khu kinh tế tỉnh Quảng Trị."
    rows = tracker.status("2019-09-10")
    assert len([key for key in rows if key[0] == "bao-cao-don-vi"]) == 13
    assert not any(unit == "cd-kkt" for _, unit in rows)
    added = [e for e in tracker.json("audit") if e["action"] == "unit.add" and e["unit"] == "cd-kkt"]
    assert added[0]["after"]["emails"] == ["congdoan.kkt@example.org"]


def test_a_unit_left_out_of_the_roster_is_retired_not_deleted(
    tracker: Tracker, config_files: ConfigFiles, snapshot: Callable[[], Snapshot]
) -> None:
    tracker.ok("load")
    tracker.ok("receive", PLAN, "bao-cao-don-vi", "ldld-dakrong", "--on", "10/9/2019", "--doc-number", "3/BC")
    config_files.replace(
        "units.csv",
        "ldld-dakrong,Liên đoàn Lao động huyện Đakrông,địa phương,ldld.dakrong@example.org,"
        "Hồ Văn Khánh,chutich.dakrong@example.org,1\n",
        "",
    )

    out = tracker.ok("load")

    assert out.strip() == (
        "Đơn vị ldld-dakrong không còn trong danh sách: chuyển sang ngừng hoạt động, không nhắc nữa."
    )
    dakrong = next(row for row in snapshot()["units"] if row["code"] == "ldld-dakrong")
    assert dakrong["active"] is False
    assert dakrong["valid_until"] is not None
    # Its report, received before it left, stays where it was.
    report = tracker.status("2019-09-17")["bao-cao-don-vi", "ldld-dakrong"]
    assert (report["state"], report["doc_number"]) == ("received", "3/BC")
    retired = [e for e in tracker.json("audit") if e["action"] == "unit.retire"]
    assert [(e["unit"], e["before"], e["after"]) for e in retired] == [
        ("ldld-dakrong", {"active": True}, {"active": False})
    ]
