"""In a real browser (Chromium) at a phone's width (390 px): the weekly digest email, as its HTML part
arrives, needs no sideways scrolling; its figure boxes wrap instead of widening the page. A screenshot
goes to TRACKER_SHOTS_DIR when it is set."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path
from typing import Any

from tests.digest_campaign import ORGANIZATION, campaign_digest
from tests.web.helpers import shot
from tracker.digest.message import build_digest_email
from tracker.digest.wording import digest_environment


def test_the_digest_email_fits_a_390_px_phone_screen(browser: Any, tmp_path: Path) -> None:
    message = build_digest_email(
        campaign_digest(),
        ORGANIZATION,
        "Hệ thống theo dõi <tracker@example.org>",
        ["bantochuc@example.org"],
        [],
        "<digest.20190923@example.org>",
        digest_environment(),
    )
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    page_file = tmp_path / "digest-email.html"
    page_file.write_text(parsed.get_body(("html",)).get_content(), encoding="utf-8")

    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(page_file.as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.get_by_text("Đã nhận · 69,2%").is_visible()
    shot(page, "digest-email-390")
    context.close()
