"""The shipped seed plan, loaded and followed through `tracker status`.

"trước 15/9/2019" ends on Saturday 14/9, moved by art. 148 to the end of Monday 16/9; the federation's
own summary is due at the end of October (Thursday 31/10).
"""

from __future__ import annotations

import csv
import io

from tests.e2e.commands import Tracker

PLAN = "so-ket-de-an-2019"
UNITS = "bao-cao-don-vi"
SUMMARY = "bao-cao-tong-hop"
SEED_UNITS = {
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
}


def test_check_config_accepts_the_shipped_config(tracker: Tracker) -> None:
    assert tracker.ok("check-config").strip() == "Cấu hình hợp lệ: 1 kế hoạch, 2 mốc, 13 đơn vị."


def test_the_seed_plan_expects_every_unit_then_the_owner_with_the_deadlines_of_the_document(
    tracker: Tracker,
) -> None:
    tracker.ok("load")
    rows = tracker.json("status", "--as-of", "2019-09-10")

    assert [(r["milestone"], r["unit"]) for r in rows] == [
        *((UNITS, code) for code in sorted(SEED_UNITS)),
        (SUMMARY, "owner"),
    ]
    assert {r["due"] for r in rows if r["milestone"] == UNITS} == {"2019-09-16T23:59:59+07:00"}
    assert rows[-1] == {
        "plan": PLAN,
        "milestone": SUMMARY,
        "unit": "owner",
        "unit_name": "Ban Tổ chức",
        "state": "pending",
        "due": "2019-10-31T23:59:59+07:00",
        "received_on": None,
        "days_overdue": None,
        "doc_number": "",
        "unit_active": True,
    }
    assert {(r["state"], r["days_overdue"]) for r in rows} == {("pending", None)}


def test_the_day_after_the_effective_deadline_every_missing_report_is_one_day_overdue(
    tracker: Tracker,
) -> None:
    tracker.ok("load")
    rows = tracker.status("17/9/2019")

    assert {(rows[UNITS, code]["state"], rows[UNITS, code]["days_overdue"]) for code in SEED_UNITS} == {
        ("overdue", 1)
    }
    assert (rows[SUMMARY, "owner"]["state"], rows[SUMMARY, "owner"]["days_overdue"]) == ("pending", None)


def test_a_report_received_on_the_effective_last_day_is_on_time_and_the_day_after_is_late(
    tracker: Tracker,
) -> None:
    tracker.ok("load")
    tracker.ok("receive", PLAN, UNITS, "ldld-dong-ha", "--on", "16/9/2019", "--doc-number", "45/BC-LĐLĐ")
    tracker.ok("receive", PLAN, UNITS, "cd-y-te", "--on", "2019-09-17", "--doc-number", "12/BC-CĐN")

    on_the_day = tracker.status("2019-09-16")
    later = tracker.status("2019-09-18")

    assert on_the_day[UNITS, "ldld-dong-ha"]["state"] == "received"
    assert on_the_day[UNITS, "ldld-dong-ha"]["received_on"] == "2019-09-16"
    # As of 16/9 the report that came on 17/9 had not arrived yet.
    late_one = on_the_day[UNITS, "cd-y-te"]
    assert (late_one["state"], late_one["received_on"], late_one["doc_number"]) == ("pending", None, "")
    assert {
        k: later[UNITS, "cd-y-te"][k] for k in ("state", "received_on", "days_overdue", "doc_number")
    } == {
        "state": "received_late",
        "received_on": "2019-09-17",
        "days_overdue": None,
        "doc_number": "12/BC-CĐN",
    }
    assert later[UNITS, "ldld-vinh-linh"]["days_overdue"] == 2


def test_status_as_csv_opens_in_excel_with_vietnamese_headers_and_words(tracker: Tracker) -> None:
    tracker.ok("load")
    tracker.ok("receive", PLAN, UNITS, "cd-giao-duc", "--on", "13/9/2019", "--doc-number", "7/BC-CĐGD")

    out = tracker.ok("status", "--as-of", "2019-09-17", "--format", "csv")

    assert out.startswith("\ufeff")  # Excel reads UTF-8 only with its byte order mark
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert len(rows) == 14
    giao_duc = next(r for r in rows if r["Mã đơn vị"] == "cd-giao-duc")
    assert giao_duc == {
        "Kế hoạch": PLAN,
        "Mốc": UNITS,
        "Mã đơn vị": "cd-giao-duc",
        "Tên đơn vị": "Công đoàn Giáo dục tỉnh Quảng Trị",
        "Trạng thái": "Đã nộp đúng hạn",
        "Hạn cuối": "2019-09-16 23:59",
        "Ngày nhận": "2019-09-13",
        "Số ngày quá hạn": "",
        "Số văn bản": "7/BC-CĐGD",
        "Đang hoạt động": "có",
    }
    late = next(r for r in rows if r["Mã đơn vị"] == "ldld-vinh-linh")
    assert (late["Trạng thái"], late["Số ngày quá hạn"]) == ("Quá hạn", "1")


def test_status_as_a_table_speaks_vietnamese_and_ends_with_the_totals(tracker: Tracker) -> None:
    tracker.ok("load")
    tracker.ok("receive", PLAN, UNITS, "cd-giao-duc", "--on", "13/9/2019")
    tracker.ok("receive", PLAN, UNITS, "cd-y-te", "--on", "17/9/2019")

    table = tracker.ok("status", "--as-of", "2019-09-17")

    lines = [line.strip() for line in table.splitlines()]
    assert "Tình hình nộp báo cáo lúc 08:00 ngày 17/09/2019" in lines
    for header in ("Mã", "Đơn vị", "Trạng thái", "Ngày nhận", "Quá hạn", "Số văn bản"):
        assert header in table
    assert "Công đoàn Giáo dục tỉnh Quảng Trị" in table
    for label in ("Đã nộp đúng hạn", "Nộp muộn", "Quá hạn", "Chưa đến hạn", "1 ngày", "13/09/2019"):
        assert label in table
    assert "Tổng cộng 13 báo cáo phải nộp — Quá hạn: 11, Đã nộp đúng hạn: 1, Nộp muộn: 1." in lines
    assert "Tổng cộng 1 báo cáo phải nộp — Chưa đến hạn: 1." in lines
    # No daemon has ever swept this database: said last, and loudly.
    assert lines[-2].startswith("Tiến trình nền: Chưa ghi nhận lần quét nào")
    assert lines[-1] == "Thư: Không có thư nào chờ gửi."
