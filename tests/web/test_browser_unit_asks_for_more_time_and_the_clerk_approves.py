"""In a real browser (Chromium): the unit opens the link of its reminder .eml and asks for more time;
the clerk finds the request on the board, approves it on the report page; the unit is told; its next
reminder moves to its own deadline (nothing goes to it on the days the others are reminded), the
schedule page and the digest say so, and the reminder that then goes out carries the moved calendar
entry. Screenshots at desktop and phone width go to TRACKER_SHOTS_DIR when it is set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from tests.builders import at
from tests.web.helpers import Clock, shot, sign_in_browser
from tests.web.unit_links import MILESTONE, PLAN, UNIT, emails_to, links_in, path_of, sweep

UNIT_MAIL = "ldld.dongha@example.org"
OTHER = "ldld-vinh-linh"


def _sent(result: Any) -> set[tuple[str, str]]:
    return {(line.unit, line.step) for line in result.lines if line.state == "sent"}


def test_a_unit_asks_for_more_time_and_its_reminders_follow_the_approval(
    browser: Any, live_server: Any, loaded_engine: Engine, clock: Clock, tmp_path: Path
) -> None:
    outbox = tmp_path / "outbox"
    sweep(loaded_engine, outbox, at(9, 9))  # the first reminder, with the link
    link = path_of(links_in(emails_to(outbox, UNIT_MAIL)[-1])[0])
    clock.now = at(10, 9, 9, 0)

    unit = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="vi-VN"
    )
    tab = unit.new_page()
    tab.goto(link)
    tab.get_by_label("Gia hạn đến ngày").fill("27/9/2019")
    tab.get_by_label("Lý do").fill("Đơn vị chờ họp Ban Thường vụ ngày 25/9 để thông qua báo cáo.")
    tab.get_by_role("button", name="Xin gia hạn").click()
    tab.get_by_text("Đã gửi đề nghị gia hạn").wait_for()
    assert tab.get_by_text("Đang chờ Ban Tổ chức trả lời").count() == 1
    shot(tab, "unit-extension-asked-1280")
    tab.set_viewport_size({"width": 390, "height": 844})
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(tab, "unit-extension-asked-390")

    clock.now = at(11, 9, 9, 0)
    clerk = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="vi-VN"
    )
    desk = clerk.new_page()
    sign_in_browser(desk, "clerk")
    assert desk.get_by_role("heading", name="Đề nghị gia hạn chờ trả lời (1)").count() == 1
    desk.get_by_role("link", name="Liên đoàn Lao động thành phố Đông Hà").click()
    assert desk.locator("#gia-han").get_by_text("Đơn vị chờ họp Ban Thường vụ ngày 25/9").count() == 1
    shot(desk, "report-extension-waiting-1280")
    assert desk.get_by_label("Gia hạn đến ngày").input_value() == "27/09/2019"
    desk.get_by_role("button", name="Đồng ý gia hạn").click()
    desk.get_by_text("Đã đồng ý gia hạn").wait_for()
    assert desk.get_by_text("đơn vị được gia hạn đến Thứ Sáu, 27/09/2019").count() == 1

    sent_12 = _sent(sweep(loaded_engine, outbox, at(12, 9)))
    assert (OTHER, "nhac-lan-2") in sent_12 and (UNIT, "nhac-lan-2") not in sent_12
    told = [m for m in emails_to(outbox, UNIT_MAIL) if "[Đồng ý gia hạn]" in str(m["Subject"])]
    assert len(told) == 1 and "27/09/2019" in told[0].get_body(("plain",)).get_content()

    clock.now = at(17, 9, 9, 0)
    sent_17 = _sent(sweep(loaded_engine, outbox, at(17, 9)))
    assert (OTHER, "qua-han") in sent_17 and UNIT not in {u for u, _ in sent_17}
    sign_in_browser(desk, "clerk")  # six days later: the session ended while idle
    desk.goto(f"/schedule?plan={PLAN}&unit={UNIT}")
    schedule = desk.locator("main").inner_text()
    assert "25/09/2019" in schedule and "Nhắc lần 2" in schedule
    desk.goto("/digest?as_of=2019-09-23")
    document = desk.frame_locator("iframe").locator("body").inner_text()
    assert "Gia hạn đến 27/09/2019" in document
    clerk.close()

    tab.goto(link)
    assert tab.get_by_text("Được gia hạn đến").count() == 1
    shot(tab, "unit-extension-granted-390")
    unit.close()

    sent_25 = _sent(sweep(loaded_engine, outbox, at(25, 9)))
    assert (UNIT, "nhac-lan-2") in sent_25
    reminder = emails_to(outbox, UNIT_MAIL)[-1]
    (entry,) = [p for p in reminder.walk() if p.get_content_type() == "text/calendar"]
    ics = entry.get_content()
    assert "DTSTART;VALUE=DATE:20190927" in ics and "SEQUENCE:1" in ics
    assert MILESTONE in str(reminder["X-Tracker-Key"])
