"""A clerk records what arrived, undoes a mistake, exempts a unit: status follows, the audit keeps it all."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.commands import Tracker

PLAN = "so-ket-de-an-2019"
MILESTONE = "bao-cao-don-vi"
CLERK = "Nguyễn Thị Hà (Ban Tổ chức)"
EMPTY = {
    "received_on": None,
    "doc_number": "",
    "channel": "",
    "sections": [],
    "figures": {},
    "recorded_by": "",
    "note": "",
    "exempt": False,
}


@pytest.fixture
def received(tracker: Tracker) -> Tracker:
    """The seed loaded, and Đông Hà's report recorded with its sections and figures."""
    tracker.ok("load")
    out = tracker.ok(
        "receive", PLAN, MILESTONE, "ldld-dong-ha",
        "--on", "15/9/2019",
        "--doc-number", "45/BC-LĐLĐ",
        "--by", CLERK,
        "--note", "Nhận qua hệ thống văn bản điện tử",
        "--channel", "e-office",
        "--section", "truoc-de-an",
        "--section", "ket-qua-sau-de-an",
        "--figure", "doan_vien_moi=120",
        "--figure", "cdcs_moi=3",
    )  # fmt: skip
    assert out.strip() == (
        f"Đã ghi nhận báo cáo của ldld-dong-ha cho {PLAN}/{MILESTONE}, ngày nhận 15/09/2019."
    )
    return tracker


def _entries(tracker: Tracker, action: str) -> list[dict[str, Any]]:
    return [entry for entry in tracker.json("audit") if entry["action"] == action]


def test_a_received_report_shows_its_date_and_number_in_status(received: Tracker) -> None:
    row = received.status("2019-09-17")[MILESTONE, "ldld-dong-ha"]

    assert (row["state"], row["received_on"], row["doc_number"], row["days_overdue"]) == (
        "received",
        "2019-09-15",
        "45/BC-LĐLĐ",
        None,
    )


def test_receiving_is_audited_with_the_clerk_and_the_values_before_and_after(received: Tracker) -> None:
    [entry] = _entries(received, "submission.receive")

    assert (entry["actor"], entry["plan"], entry["milestone"], entry["unit"]) == (
        CLERK,
        PLAN,
        MILESTONE,
        "ldld-dong-ha",
    )
    assert entry["before"] == EMPTY
    assert entry["after"] == {
        "received_on": "2019-09-15",
        "doc_number": "45/BC-LĐLĐ",
        "channel": "e-office",
        "sections": ["truoc-de-an", "ket-qua-sau-de-an"],
        "figures": {"doan_vien_moi": 120, "cdcs_moi": 3},
        "recorded_by": CLERK,
        "note": "Nhận qua hệ thống văn bản điện tử",
        "exempt": False,
    }
    assert entry["note"] == "Nhận qua hệ thống văn bản điện tử"


def test_unreceive_makes_the_report_outstanding_again_and_is_audited(received: Tracker) -> None:
    out = received.ok("unreceive", PLAN, MILESTONE, "ldld-dong-ha", "--by", CLERK, "--note", "Nhầm đơn vị")

    assert out.strip() == f"Đã huỷ ghi nhận báo cáo của ldld-dong-ha cho {PLAN}/{MILESTONE}."
    row = received.status("2019-09-17")[MILESTONE, "ldld-dong-ha"]
    assert (row["state"], row["received_on"], row["doc_number"], row["days_overdue"]) == (
        "overdue",
        None,
        "",
        1,
    )
    [entry] = _entries(received, "submission.unreceive")
    assert (entry["actor"], entry["note"], entry["before"]["doc_number"], entry["after"]) == (
        CLERK,
        "Nhầm đơn vị",
        "45/BC-LĐLĐ",
        EMPTY,
    )


def test_an_exempt_unit_counts_as_exempt_and_the_exemption_is_audited(received: Tracker) -> None:
    out = received.ok("exempt", PLAN, MILESTONE, "cd-vien-chuc", "--by", CLERK, "--note", "Đã sáp nhập")

    assert out.strip() == f"Đã miễn nộp báo cáo cho cd-vien-chuc ở {PLAN}/{MILESTONE}."
    # The exemption is dated now (the real clock), so it shows in a status as of now.
    row = received.status()[MILESTONE, "cd-vien-chuc"]
    assert (row["state"], row["days_overdue"]) == ("exempt", None)
    [entry] = _entries(received, "submission.exempt")
    assert (entry["actor"], entry["unit"], entry["note"]) == (CLERK, "cd-vien-chuc", "Đã sáp nhập")
    assert (entry["before"]["exempt"], entry["after"]["exempt"]) == (False, True)


def test_a_replaced_receipt_is_audited_as_a_replacement_with_the_old_and_new_values(
    received: Tracker,
) -> None:
    received.ok(
        "receive", PLAN, MILESTONE, "ldld-dong-ha",
        "--on", "16/9/2019", "--doc-number", "46/BC-LĐLĐ", "--by", "Trần Văn Bình", "--replace",
    )  # fmt: skip

    row = received.status("2019-09-17")[MILESTONE, "ldld-dong-ha"]
    assert (row["received_on"], row["doc_number"]) == ("2019-09-16", "46/BC-LĐLĐ")
    [entry] = _entries(received, "submission.replace")
    assert entry["actor"] == "Trần Văn Bình"
    assert (entry["before"]["received_on"], entry["before"]["doc_number"]) == ("2019-09-15", "45/BC-LĐLĐ")
    assert (entry["after"]["received_on"], entry["after"]["doc_number"]) == ("2019-09-16", "46/BC-LĐLĐ")
    assert (entry["before"]["figures"], entry["after"]["figures"]) == (
        {"doan_vien_moi": 120, "cdcs_moi": 3},
        {},
    )
