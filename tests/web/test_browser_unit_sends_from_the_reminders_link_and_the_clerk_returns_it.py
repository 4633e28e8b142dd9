"""In a real browser (Chromium), the whole loop of a unit's link: the link is taken from a reminder
.eml in the outbox and opened; the unit sends a PDF and its figures; the next sweep sends it nothing
more; a clerk sees the file on the dashboard and returns the report with a reason; the unit gets the
return email, and the next due step goes out while no earlier one is sent again. Screenshots of the
unit's page at desktop and phone width go to TRACKER_SHOTS_DIR when it is set."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from tests.builders import at
from tests.web.helpers import PASSWORD, Clock
from tests.web.unit_forms import PDF
from tests.web.unit_links import MILESTONE, PLAN, UNIT, emails_to, links_in, path_of, sweep
from tracker.store.db import session_factory
from tracker.store.tables import OutboxRow

SHOTS = Path(os.environ["TRACKER_SHOTS_DIR"]) if os.environ.get("TRACKER_SHOTS_DIR") else None
UNIT_MAIL = "ldld.dongha@example.org"


def _shot(page: Any, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _steps_sent(engine: Engine) -> Counter[str]:
    with session_factory(engine)() as db:
        rows = db.scalars(select(OutboxRow).where(OutboxRow.unit_code == UNIT, OutboxRow.state == "sent"))
        return Counter(row.step_key for row in rows)


def test_a_unit_sends_its_report_from_the_link_and_the_clerk_returns_it(
    browser: Any, live_server: Any, loaded_engine: Engine, clock: Clock, tmp_path: Path
) -> None:
    outbox = tmp_path / "outbox"
    sweep(loaded_engine, outbox, at(9, 9))  # the first reminder, with the link
    link = path_of(links_in(emails_to(outbox, UNIT_MAIL)[-1])[0])
    clock.now = at(13, 9, 9, 0)

    unit = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="vi-VN"
    )
    tab = unit.new_page()
    tab.goto(link)
    assert tab.get_by_role("heading", name="Liên đoàn Lao động thành phố Đông Hà").count() == 1
    _shot(tab, "unit-page-1280")
    tab.set_viewport_size({"width": 390, "height": 844})
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    _shot(tab, "unit-page-390")
    tab.set_viewport_size({"width": 1280, "height": 900})

    report = tmp_path / "bao-cao-so-ket.pdf"
    report.write_bytes(PDF)
    tab.get_by_label("Tệp báo cáo").set_input_files(str(report))
    tab.get_by_label("Số văn bản").fill("45/BC-LĐLĐ")
    tab.get_by_label("Ngày văn bản").fill("12/9/2019")
    tab.get_by_label("Mục tiêu, phương hướng, nhiệm vụ tiếp tục thực hiện Đề án").check()
    tab.get_by_label("Số CĐCS thành lập mới").fill("12")
    tab.get_by_label("Người liên hệ").fill("Trần Thị Bình")
    tab.get_by_label("Điện thoại").fill("0233 3852 123")
    tab.get_by_role("button", name="Gửi báo cáo").click()
    tab.get_by_text("Đã nhận báo cáo của đơn vị").wait_for()
    unit.close()

    mails = len(emails_to(outbox, UNIT_MAIL))
    result = sweep(loaded_engine, outbox, at(17, 9))
    assert UNIT not in {line.unit for line in result.lines}
    assert len(emails_to(outbox, UNIT_MAIL)) == mails

    clock.now = at(18, 9, 9, 0)
    clerk = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="vi-VN"
    )
    desk = clerk.new_page()
    desk.goto("/login")
    desk.get_by_label("Tên đăng nhập").fill("clerk")
    desk.get_by_label("Mật khẩu").fill(PASSWORD)
    desk.get_by_role("button", name="Đăng nhập").click()
    desk.goto(f"/plans/{PLAN}/{MILESTONE}/{UNIT}")
    with desk.expect_download() as download:
        desk.get_by_role("link", name="bao-cao-so-ket.pdf").click()
    assert Path(download.value.path()).read_bytes() == PDF
    desk.on("dialog", lambda dialog: dialog.accept())
    desk.get_by_label("Lý do trả lại").fill("Thiếu số liệu đoàn viên kết nạp mới.")
    desk.get_by_role("button", name="Trả lại").click()
    desk.get_by_text("Đã trả lại báo cáo").wait_for()
    clerk.close()

    before = _steps_sent(loaded_engine)
    sweep(loaded_engine, outbox, at(19, 9))  # the return email, and the urging due that day
    after = _steps_sent(loaded_engine)
    assert after - before == Counter({"tra-lai": 1, "don-doc": 1})
    assert max(after.values()) == 1  # no step sent twice
    returned = [m for m in emails_to(outbox, UNIT_MAIL) if "[Trả lại báo cáo]" in str(m["Subject"])]
    assert len(returned) == 1
    assert "Thiếu số liệu đoàn viên kết nạp mới." in returned[0].get_body(("plain",)).get_content()
