"""The whole way of a report sent by email: the sweep sends a real reminder (SMTP sink), the unit
replies with its PDF into Ban Tổ chức's mailbox (Dovecot), intake matches the reply by its thread, the
clerk accepts it on the "Thư đến" page with the fields the mail filled in, and the next sweeps send
that unit nothing more while the others are still urged. A bounce of a reminder shows on the report
page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import Engine, select

from tests.imap_server import Dovecot, dovecot  # noqa: F401 - registers the fixture
from tests.incoming_mail import PDF, bounce_of, reply_to
from tests.smtp_server import SmtpSink
from tests.web.helpers import csrf_token, log_in
from tests.web.mail_world import World, mail_world  # noqa: F401 - registers the fixture
from tracker.store.db import session_factory
from tracker.store.tables import AuditRow, ExpectedReportRow, IncomingMailRow, SubmittedFileRow


@pytest.fixture
def world(mail_world: Callable[[dict[str, str]], World]) -> World:  # noqa: F811
    return mail_world({})


def test_a_bounce_for_one_recipient_shows_on_the_report_page(
    world: World,
    smtp_sink: SmtpSink,
    dovecot: Dovecot,  # noqa: F811
) -> None:
    reminder = smtp_sink.received[0]
    recipient = reminder.rcpt_tos[0]
    dovecot.append(bounce_of(reminder, recipient))
    world.intake().run(world.clock())
    assert log_in(world.client, "viewer").status_code == 302

    page = world.client.get(f"/plans/so-ket-de-an-2019/bao-cao-don-vi/{world.unit_of(reminder)}")

    assert f"Bị từ chối: {recipient}" in page.get_data(as_text=True)


def test_a_reply_accepted_in_the_inbox_stops_that_units_reminders(
    world: World,
    smtp_sink: SmtpSink,
    dovecot: Dovecot,  # noqa: F811
    loaded_engine: Engine,
) -> None:
    shell, client, clock = world.shell, world.client, world.clock
    reminder = smtp_sink.received[0]
    unit = world.unit_of(reminder)
    dovecot.append(reply_to(reminder))
    clock.advance(timedelta(days=1))
    [line] = world.intake().run(clock()).lines
    assert (line.reason, line.unit) == ("thread", unit)

    assert log_in(client, "clerk").status_code == 302
    page = client.get("/inbox").get_data(as_text=True)
    assert "trả lời đúng thư nhắc đã gửi" in page and "bao-cao-so-ket.pdf" in page
    assert 'value="18/09/2019"' in page and 'value="85/BC-LĐLĐ"' in page
    with session_factory(loaded_engine)() as session:
        mail_id = session.scalar(select(IncomingMailRow.id))
        file_id = session.scalar(
            select(SubmittedFileRow.id).where(SubmittedFileRow.incoming_mail_id == mail_id)
        )
    assert f'href="/files/{file_id}"' in page
    download = client.get(f"/files/{file_id}")
    assert (download.status_code, download.data) == (200, PDF)
    assert "bao-cao-so-ket.pdf" in download.headers["Content-Disposition"]
    answer = client.post(
        f"/inbox/{mail_id}/accept",
        data={
            "csrf_token": csrf_token(page),
            f"m{mail_id}-received_on": "18/09/2019",
            f"m{mail_id}-doc_number": "85/BC-LĐLĐ",
            f"m{mail_id}-report": "",
        },
    )
    assert answer.status_code == 303, answer.get_data(as_text=True)[:2000]
    assert "Không có thư nào" in client.get("/inbox").get_data(as_text=True)

    with session_factory(loaded_engine)() as session:
        report = session.scalars(
            select(ExpectedReportRow)
            .join(ExpectedReportRow.unit)
            .where(ExpectedReportRow.unit.has(code=unit))
        ).one()
        assert (str(report.received_on), report.doc_number, report.channel) == (
            "2019-09-18",
            "85/BC-LĐLĐ",
            "thư điện tử",
        )
        assert report.recorded_by == "Người dùng clerk"
        actions = set(session.scalars(select(AuditRow.action).where(AuditRow.unit_code == unit)))
        assert {"file.download", "submission.receive", "mail.accept"} <= actions

    addresses = {address.addr_spec for address in reminder.message["To"].addresses}
    before = len(smtp_sink.received)
    for _ in range(10):  # the urging at +3 working days and the escalation at +7 go out to the others
        clock.advance(timedelta(days=1))
        shell.sweep().run(clock())
    later = smtp_sink.received[before:]
    assert later, "the other units are still reminded"
    assert not [m for m in later if addresses & set(m.rcpt_tos)]
