"""`tracker audit`: every state change, in the order it happened, with who, when, before and after."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.e2e.commands import Tracker

PLAN = "so-ket-de-an-2019"


def test_the_audit_trail_lists_the_load_then_each_admin_action_in_order(tracker: Tracker) -> None:
    started = datetime.now(UTC)
    tracker.ok("load", "--by", "Quản trị viên")
    tracker.ok("receive", PLAN, "bao-cao-don-vi", "cd-y-te", "--on", "2019-09-12", "--by", "Hà")
    tracker.ok("unreceive", PLAN, "bao-cao-don-vi", "cd-y-te", "--by", "Hà", "--note", "Nhầm")
    tracker.ok("exempt", PLAN, "bao-cao-don-vi", "cd-y-te", "--by", "Bình")

    trail = tracker.json("audit")

    assert [(e["action"], e["actor"], e["unit"]) for e in trail] == [
        ("organization.load", "Quản trị viên", ""),
        *(
            ("unit.add", "Quản trị viên", code)
            for code in (
                "ldld-dong-ha",
                "ldld-tx-quang-tri",
                "ldld-vinh-linh",
                "ldld-gio-linh",
                "ldld-cam-lo",
                "ldld-trieu-phong",
                "ldld-hai-lang",
                "ldld-huong-hoa",
                "ldld-dakrong",
                "cd-giao-duc",
                "cd-y-te",
                "cd-cong-thuong",
                "cd-vien-chuc",
                "owner",
            )
        ),
        ("plan.add", "Quản trị viên", ""),
        ("submission.receive", "Hà", "cd-y-te"),
        ("submission.unreceive", "Hà", "cd-y-te"),
        ("submission.exempt", "Bình", "cd-y-te"),
    ]
    plan_added = trail[15]
    assert plan_added["plan"] == PLAN
    assert plan_added["after"]["source"] == "plans/so-ket-de-an-2019.toml"
    assert plan_added["after"]["title"].startswith("Sơ kết 3 năm thực hiện Đề án phát triển tổ chức đảng")
    moments = [datetime.fromisoformat(e["at"]) for e in trail]
    assert moments == sorted(moments)
    assert all(started - timedelta(seconds=1) <= m <= datetime.now(UTC) for m in moments)
    assert trail[-2]["note"] == "Nhầm"


def test_the_audit_table_speaks_vietnamese_newest_first_in_local_time(tracker: Tracker) -> None:
    tracker.ok("load")
    tracker.ok("receive", PLAN, "bao-cao-don-vi", "cd-y-te", "--on", "2019-09-12", "--doc-number", "9/BC")

    table = " ".join(tracker.ok("audit").split())  # rich wraps long cells: compare the words

    for header in ("Nhật ký thao tác", "Asia/Ho_Chi_Minh", "Người thực hiện", "Thao tác", "Thay đổi"):
        assert header in table
    assert "submission.receive" not in table and "'9/BC'" not in table
    assert "Ghi nhận báo cáo" in table and "9/BC" in table and "12/09/2019" in table
    assert table.index("Ghi nhận báo cáo") < table.index("Nạp cấu hình")  # newest first
    assert table.count("Nạp cấu hình") == 1  # the load's sixteen rows are one line
    assert "Thêm đơn vị: 14" in table


def test_the_audit_is_filtered_by_unit_person_action_and_days(tracker: Tracker) -> None:
    tracker.ok("load", "--by", "Quản trị viên")
    tracker.ok("receive", PLAN, "bao-cao-don-vi", "cd-y-te", "--on", "2019-09-12", "--by", "Hà")
    tracker.ok("exempt", PLAN, "bao-cao-don-vi", "ldld-cam-lo", "--by", "Bình", "--note", "Sáp nhập")

    def actions(*filters: str) -> list[tuple[str, str]]:
        return [(e["action"], e["unit"]) for e in tracker.json("audit", *filters)]

    assert actions("--unit", "cd-y-te") == [("unit.add", "cd-y-te"), ("submission.receive", "cd-y-te")]
    assert actions("--by", "Bình") == [("submission.exempt", "ldld-cam-lo")]
    assert actions("--plan", PLAN, "--action", "submission.receive") == [("submission.receive", "cd-y-te")]
    assert actions("--since", "1/1/2000", "--by", "Hà") == [("submission.receive", "cd-y-te")]
    assert actions("--until", "1/1/2000") == []
