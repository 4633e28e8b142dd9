"""TRACKER_REPLY_TO: every reminder carries its report's own reply address, and a reply that lost its
`In-Reply-To` and `References` (written anew, from an address no unit has) but goes to that address is
matched to the report, the clerk told why in words; a token changed by one character matches nothing
(issue 14, matching rule 2)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine, select

from tests.imap_server import Dovecot, dovecot  # noqa: F401 - registers the fixture
from tests.incoming_mail import reply_to
from tests.smtp_server import ReceivedMail, SmtpSink
from tests.web.helpers import log_in
from tests.web.mail_world import World, mail_world  # noqa: F401 - registers the fixture
from tracker.store.db import session_factory
from tracker.store.tables import ExpectedReportRow, IncomingMailRow, UnitRow

PATTERN = "bantochuc+{token}@ldld-quangtri.example.org"
STRANGER = "van.thu.donvi@gmail.example.com"  # the unit's clerk, writing from her own mailbox


@pytest.fixture
def world(mail_world: Callable[[dict[str, str]], World]) -> World:  # noqa: F811
    return mail_world({"TRACKER_REPLY_TO": PATTERN})


def _written_anew(reminder: ReceivedMail, to: str) -> bytes:
    """A new message to `to` with the report attached: no thread, from an address no unit has."""
    reply = reply_to(reminder, headers={"X-Mailer": "Webmail"})
    lines = [
        line
        for line in reply.split(b"\n")
        if not line.startswith((b"In-Reply-To:", b"References:", b"From:", b"To:"))
    ]
    return f"From: {STRANGER}\r\nTo: {to}\r\n".encode() + b"\n".join(lines)


def test_every_reminder_carries_its_reports_own_reply_address(world: World, smtp_sink: SmtpSink) -> None:
    addresses = {str(m.message["Reply-To"]) for m in smtp_sink.received}

    assert len(addresses) == len(smtp_sink.received) == 13
    assert all(a.startswith("bantochuc+") and a.endswith("@ldld-quangtri.example.org") for a in addresses)


def test_a_reply_without_its_thread_to_the_reports_address_is_matched(
    world: World,
    smtp_sink: SmtpSink,
    dovecot: Dovecot,  # noqa: F811
    loaded_engine: Engine,
) -> None:
    reminder = smtp_sink.received[0]
    unit = world.unit_of(reminder)
    dovecot.append(_written_anew(reminder, str(reminder.message["Reply-To"])))

    [line] = world.intake().run(world.clock()).lines

    assert (line.reason, line.unit) == ("address", unit)
    with session_factory(loaded_engine)() as session:
        mail = session.scalars(select(IncomingMailRow)).one()
        report = session.get(ExpectedReportRow, mail.expected_report_id)
        assert report is not None and session.get(UnitRow, report.unit_id).code == unit  # type: ignore[union-attr]
    assert log_in(world.client, "clerk").status_code == 302
    page = world.client.get("/inbox").get_data(as_text=True)
    matched = page.split("Chưa khớp")[0]
    assert STRANGER in matched and "gửi tới địa chỉ trả lời riêng của báo cáo" in matched


def test_a_token_changed_by_one_character_matches_nothing(
    world: World,
    smtp_sink: SmtpSink,
    dovecot: Dovecot,  # noqa: F811
) -> None:
    reminder = smtp_sink.received[0]
    address = str(reminder.message["Reply-To"])
    at = address.index("@") - 1
    forged = address[:at] + ("a" if address[at] != "a" else "b") + address[at + 1 :]
    dovecot.append(_written_anew(reminder, forged))

    [line] = world.intake().run(world.clock()).lines

    assert (line.reason, line.unit) == ("none", "")
