"""What a clerk's receipt must satisfy: every problem is found at once and filed under its field
(`received_on`, `sections`, `figures.<key>`, `report`), so a form can show each next to its input."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime

import pytest

from tracker.core.model import (
    Audience,
    DueRule,
    Figure,
    FigureKind,
    Ladder,
    Milestone,
    Plan,
    Section,
    Unit,
)
from tracker.core.receipts import CheckedReceipt, check_receipt
from tracker.core.reports import ExpectedReport, Submission

TODAY = date(2019, 9, 17)
PLAN = Plan(
    code="so-ket",
    title="Sơ kết",
    reference="Kế hoạch số 52/KH-LĐLĐ",
    ladder=Ladder("standard", ()),
    milestones=(Milestone("bao-cao", "Báo cáo", date(2019, 9, 15), DueRule.BEFORE, Audience.units()),),
    sections=(Section("truoc-de-an", "Trước Đề án"), Section("kien-nghi", "Kiến nghị")),
    figures=(
        Figure("doan_vien_moi", "Số đoàn viên kết nạp mới", "người"),
        Figure("ty_le", "Tỷ lệ CĐCS đạt chuẩn", "%", FigureKind.DECIMAL),
    ),
)
CAM_LO = Unit("ldld-cam-lo", "LĐLĐ huyện Cam Lộ")
OUTSTANDING = ExpectedReport("so-ket", "bao-cao", CAM_LO)
RECEIVED = ExpectedReport("so-ket", "bao-cao", CAM_LO, submission=Submission(date(2019, 9, 12)))
EXEMPT = ExpectedReport("so-ket", "bao-cao", CAM_LO, exempted_at=datetime(2019, 9, 10, tzinfo=UTC))


def check(
    report: ExpectedReport = OUTSTANDING,
    *,
    received_on: date = date(2019, 9, 13),
    sections: tuple[str, ...] = (),
    figures: Mapping[str, str] | None = None,
    replace: bool = False,
) -> CheckedReceipt:
    return check_receipt(
        PLAN,
        report,
        received_on=received_on,
        sections=sections,
        figures=figures or {},
        today=TODAY,
        replace=replace,
    )


def test_a_good_receipt_has_its_figures_as_numbers_and_each_section_once() -> None:
    checked = check(
        sections=("kien-nghi", "truoc-de-an", "kien-nghi"),
        figures={"doan_vien_moi": "1.234", "ty_le": "87,5"},
    )

    assert checked.ok
    assert checked.sections == ("kien-nghi", "truoc-de-an")
    assert checked.figures == {"doan_vien_moi": 1234, "ty_le": 87.5}


def test_a_figure_left_blank_is_not_given() -> None:
    checked = check(figures={"doan_vien_moi": "  ", "ty_le": "12"})

    assert (checked.ok, checked.figures) == (True, {"ty_le": 12})


def test_every_problem_is_filed_under_its_field() -> None:
    checked = check(
        received_on=date(2019, 9, 18),
        sections=("ket-luan", "truoc-de-an"),
        figures={"doan_vien_moi": "1,5", "ty_le": "-2", "doan_vien": "3"},
    )

    assert not checked.ok
    assert checked.problems == {
        "received_on": "Ngày nhận 18/09/2019 ở tương lai (hôm nay là 17/09/2019).",
        "sections": "Kế hoạch so-ket không có nội dung 'ket-luan'. Các nội dung: kien-nghi, truoc-de-an.",
        "figures.doan_vien_moi": (
            "Số liệu doan_vien_moi: '1,5' có phần thập phân. Số đoàn viên kết nạp mới phải là số nguyên."
        ),
        "figures.ty_le": "Số liệu ty_le: '-2' nhỏ hơn 0. Tỷ lệ CĐCS đạt chuẩn không được là số âm.",
        "figures.doan_vien": (
            "Kế hoạch so-ket không có số liệu 'doan_vien'. Các số liệu: doan_vien_moi, ty_le."
        ),
    }


@pytest.mark.parametrize(("report", "what"), [(RECEIVED, "đã được ghi nhận"), (EXEMPT, "đã được miễn nộp")])
def test_a_report_already_recorded_is_overwritten_only_on_purpose(report: ExpectedReport, what: str) -> None:
    assert check(report).problems == {
        "report": f"Báo cáo của đơn vị ldld-cam-lo cho mốc bao-cao {what}. "
        "Dùng --replace để ghi đè (thao tác được lưu vết)."
    }
    assert check(report, replace=True).ok


def test_today_is_not_the_future() -> None:
    assert check(received_on=TODAY).ok
