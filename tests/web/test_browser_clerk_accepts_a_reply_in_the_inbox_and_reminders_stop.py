"""In a real browser (Chromium): a unit replies to the reminder the sweep sent (SMTP sink) with its
PDF into Ban Tổ chức's mailbox (Dovecot); intake matches it by its thread; the clerk opens "Thư đến"
from the menu, sees why it matched, downloads the PDF, accepts the receipt the mail filled in, and the
next sweeps send that unit nothing more while the others are still urged."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from tests.imap_server import Dovecot, dovecot  # noqa: F401 - registers the fixture
from tests.incoming_mail import PDF, reply_to
from tests.smtp_server import SmtpSink
from tests.web.helpers import shot, sign_in_browser
from tests.web.mail_world import World, mail_world  # noqa: F401 - registers the fixture

pytestmark = pytest.mark.browser


@pytest.fixture
def world(mail_world: Callable[[dict[str, str]], World]) -> World:  # noqa: F811
    return mail_world({})


@pytest.fixture
def app(world: World) -> Flask:
    """The dashboard of the world, for the live server the browser opens."""
    return world.app


def test_a_clerk_accepts_a_reply_in_the_browser_and_that_unit_is_reminded_no_more(
    page: Any,
    world: World,
    smtp_sink: SmtpSink,
    dovecot: Dovecot,  # noqa: F811
) -> None:
    reminder = smtp_sink.received[0]
    recipients = {address.addr_spec for address in reminder.message["To"].addresses}
    dovecot.append(reply_to(reminder))
    world.clock.advance(timedelta(days=1))
    [line] = world.intake().run(world.clock()).lines
    assert line.reason == "thread"

    sign_in_browser(page, "clerk")
    page.get_by_role("link", name="Thư đến").click()
    page.wait_for_url("**/inbox")
    mail = page.locator("article.mail")
    assert mail.count() == 1
    assert "trả lời đúng thư nhắc đã gửi" in mail.inner_text()
    shot(page, "inbox-1280")
    with page.expect_download() as download:
        mail.get_by_role("link", name="bao-cao-so-ket.pdf").click()
    assert Path(download.value.path()).read_bytes() == PDF
    assert mail.get_by_label("Ngày nhận").input_value() == "18/09/2019"
    assert mail.get_by_label("Số văn bản").input_value() == "85/BC-LĐLĐ"
    mail.get_by_role("button", name="Ghi nhận báo cáo").click()
    page.get_by_text("Đã ghi nhận báo cáo của").wait_for()
    assert page.locator("article.mail").count() == 0

    before = len(smtp_sink.received)
    for _ in range(10):  # the urging at +3 working days and the escalation at +7 go out to the others
        world.clock.advance(timedelta(days=1))
        world.shell.sweep().run(world.clock())
    later = smtp_sink.received[before:]
    assert later, "the other units are still reminded"
    assert not [m for m in later if recipients & set(m.rcpt_tos)]
