"""In a real browser (Chromium): a clerk signs in, opens the board and a milestone, finds "Đông Hà" by
typing "dong ha", records its report with two sections and a figure written 1.234, sees the row turn
received and its coming reminders leave the schedule, undoes it, and exempts another unit with a
reason; at a phone's width (390 px) the milestone page does not scroll sideways."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, select

from tests.web.helpers import shot, sign_in_browser
from tracker.store.tables import ExpectedReportRow, UnitRow

pytestmark = pytest.mark.browser


def _figures(engine: Engine, unit: str) -> Any:
    with engine.connect() as connection:
        return connection.execute(
            select(ExpectedReportRow.received_on, ExpectedReportRow.figures, ExpectedReportRow.exempted_at)
            .join(UnitRow)
            .where(UnitRow.code == unit)
        ).one()


def test_a_clerk_records_undoes_and_exempts_in_the_browser(page: Any, loaded_engine: Engine) -> None:
    sign_in_browser(page, "clerk")
    page.get_by_role("link", name="Công đoàn cấp trên trực tiếp cơ sở gửi báo cáo sơ kết").click()
    page.wait_for_url("**/plans/so-ket-de-an-2019/bao-cao-don-vi")
    shot(page, "milestone-1280")

    page.get_by_label("Tìm kiếm").fill("dong ha")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**q=dong*ha*")
    rows = page.locator("table.roll tbody tr")
    assert rows.count() == 1
    rows.get_by_role("link", name="Liên đoàn Lao động thành phố Đông Hà").click()
    page.wait_for_url("**/ldld-dong-ha")
    shot(page, "report-1280")
    assert page.get_by_text("Nhắc lần 1").count() or page.get_by_text("Đôn đốc").count()

    page.get_by_label("Ngày nhận").fill("16/9/2019")
    page.get_by_label("Số văn bản").fill("45/BC-LĐLĐ")
    page.get_by_label(
        "Tình hình số lượng đoàn viên, CĐCS trong doanh nghiệp ngoài nhà nước trước khi"
    ).check()
    page.get_by_label("Mục tiêu, phương hướng, nhiệm vụ tiếp tục thực hiện Đề án").check()
    page.get_by_label("Số CĐCS thành lập mới").fill("1.234")
    page.get_by_label("Ghi chú").fill("Nhận qua thư điện tử")
    page.get_by_role("button", name="Ghi nhận", exact=True).click()
    page.get_by_text("Đã ghi nhận báo cáo").wait_for()
    received = _figures(loaded_engine, "ldld-dong-ha")
    assert received.received_on.isoformat() == "2019-09-16" and received.figures == {"cdcs_moi": 1234}

    page.goto("/plans/so-ket-de-an-2019/bao-cao-don-vi?q=dong+ha")
    assert page.locator("table.roll tbody tr .state").inner_text() == "Đã nộp đúng hạn"
    page.goto("/schedule?unit=ldld-dong-ha")
    assert page.get_by_text("Liên đoàn Lao động thành phố Đông Hà").count() == 0

    page.goto("/plans/so-ket-de-an-2019/bao-cao-don-vi/ldld-dong-ha")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Hủy ghi nhận").click()
    page.get_by_text("Đã hủy ghi nhận báo cáo").wait_for()
    assert _figures(loaded_engine, "ldld-dong-ha").received_on is None

    page.goto("/plans/so-ket-de-an-2019/bao-cao-don-vi/ldld-gio-linh")
    page.get_by_label("Lý do").fill("Đơn vị sáp nhập, không phải báo cáo")
    page.get_by_role("button", name="Miễn nộp").click()
    page.get_by_text("Đã miễn nộp").wait_for()
    assert _figures(loaded_engine, "ldld-gio-linh").exempted_at is not None


def test_the_milestone_page_fits_a_phone(page: Any) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in_browser(page, "clerk")
    page.wait_for_url("**/")
    for path in (
        "/plans/so-ket-de-an-2019/bao-cao-don-vi",
        "/plans/so-ket-de-an-2019/bao-cao-don-vi/ldld-dong-ha",
    ):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        shot(page, ("milestone" if path.count("/") == 3 else "report") + "-390")
