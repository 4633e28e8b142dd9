"""In a real browser (Chromium): log in by the labelled fields, read the board, fit a phone's width,
log out."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.helpers import shot, sign_in_browser

pytestmark = pytest.mark.browser


def test_log_in_and_read_the_board(page: Any):
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    sign_in_browser(page, "clerk")
    assert page.get_by_role("heading", name="Bảng theo dõi").is_visible()
    shot(page, "board-1280")
    card = page.get_by_role("article").filter(
        has_text="Công đoàn cấp trên trực tiếp cơ sở gửi báo cáo sơ kết"
    )
    assert "Thứ Hai, 16/09/2019" in card.inner_text()
    assert "đã quá hạn 1 ngày" in card.inner_text()
    assert page.locator("progress").first.get_attribute("max") == "13"
    assert (
        "Nhắc nhở tự động: CÓ VẤN ĐỀ"
        in page.get_by_role("region", name="Tình trạng nhắc nhở tự động").inner_text()
    )
    assert errors == []  # nothing refused by the Content-Security-Policy, no script error


def test_the_board_fits_a_phone_without_horizontal_scrolling(page: Any):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in_browser(page, "clerk")
    shot(page, "board-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_log_out_returns_to_the_login_page(page: Any):
    sign_in_browser(page, "viewer")
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/login")
    page.goto("/")
    assert "/login" in page.url
