"""In a real browser (Chromium): the digest page shows the printable digest in its frame, prints it to
A4 PDF pages, fits a phone's width, and an admin's "send now" says to whom it went."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.web.helpers import shot, sign_in_browser

pytestmark = pytest.mark.browser


def test_the_digest_page_shows_and_prints_the_digest(page: Any) -> None:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    sign_in_browser(page, "admin")
    page.get_by_role("link", name="Báo cáo tiến độ").click()
    page.get_by_label("Số liệu lúc").fill("2019-09-16T08:00")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url("**as_of=2019-09-16T08*")
    frame = page.frame_locator("#digest-document")
    assert "Liên đoàn Lao động thành phố Đông Hà" in frame.locator("body").inner_text()
    page.wait_for_function("document.getElementById('digest-document').offsetHeight > 900")
    shot(page, "digest-1280")

    page.goto("/digest/document?as_of=2019-09-16")
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    assert 1 <= len(re.findall(rb"/Type\s*/Page\b", pdf)) <= 4

    page.goto("/digest?as_of=2019-09-16")
    page.get_by_role("button", name="Gửi ngay").click()
    said = page.get_by_role("status").filter(has_text="Đã gửi báo cáo tiến độ tới bantochuc@example.org")
    assert said.is_visible()
    assert errors == []  # nothing refused by the Content-Security-Policy, no script error


def test_the_digest_page_fits_a_phone(page: Any) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in_browser(page, "viewer")
    page.goto("/digest?as_of=2019-09-16")
    shot(page, "digest-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
