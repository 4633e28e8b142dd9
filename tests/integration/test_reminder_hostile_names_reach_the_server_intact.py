"""Names typed by people — a unit called `<script>`, one with a line break and a Bcc in it, one of
500 characters, one of emoji — and an organisation and plan title just as bad, through every step
of the ladder and a real sweep into a real SMTP server: headers stay what they were meant to be, no
header is injected, the HTML shows the names as text, the plain text keeps them as typed.

The config refuses line breaks in names; those with one are written into the database after the load,
as a database filled before that check holds them."""

from __future__ import annotations

from email import message_from_bytes
from email.header import decode_header, make_header
from email.policy import compat32
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from tests.helpers import html_of, text_of
from tests.integration.reminder_fixtures import at, load, mails, sweep_for, write_units
from tests.smtp_server import ReceivedMail, SmtpSink
from tracker.store.db import session_factory
from tracker.store.tables import OrganizationRow, PlanRow, UnitRow

SCRIPT = "<script>alert(1)</script>"
LONG_NAME = "Liên đoàn Lao động " + " ".join(["Đông Hà ✊🏽"] * 45)  # 500+ characters
EMOJI = "Công đoàn 🇻🇳 Khu kinh tế 👷‍♀️"
UNITS = {
    "cd-script": SCRIPT,
    "cd-crlf": "Tên\r\nBcc: spy@example.org",
    "cd-long": LONG_NAME,
    "cd-emoji": EMOJI,
}
ORGANIZATION_NAME = "LĐLĐ tỉnh\r\nBcc: spy@example.org <script>alert(2)</script>"
PLAN_TITLE = "<script>alert(3)</script>\r\nX-Evil: 1 Sơ kết 3 năm"
EVERY_STEP = [at(26, 8), at(9, 9), at(12, 9), at(17, 9), at(19, 9), at(25, 9), at(2, 10)]
KEYS = [
    ("thong-bao", 0),
    ("nhac-lan-1", 0),
    ("nhac-lan-2", 0),
    ("qua-han", 0),
    ("don-doc", 0),
    ("bao-cao-thuong-truc", 0),
    ("bao-cao-thuong-truc", 1),
]


@pytest.fixture
def received(engine: Engine, config_dir: Path, smtp_sink: SmtpSink) -> list[ReceivedMail]:
    """Every email of the ladder for the four units, as the server got them."""
    write_units(
        config_dir,
        [
            {"code": code, "name": " ".join(name.split()), "email": f"{code}@example.org"}
            | {"chair_name": " ".join(name.split()), "chair_email": f"chutich.{code}@example.org"}
            for code, name in UNITS.items()
        ],
    )
    load(engine, config_dir)
    with session_factory(engine)() as session, session.begin():
        crlf = session.scalars(select(UnitRow).where(UnitRow.code == "cd-crlf")).one()
        crlf.name = crlf.chair_name = UNITS["cd-crlf"]
        organization = session.get(OrganizationRow, 1)
        assert organization is not None
        organization.config = organization.config | {"name": ORGANIZATION_NAME}
        plan = session.scalars(select(PlanRow)).one()
        plan.config = plan.config | {"title": PLAN_TITLE}
    sweep = sweep_for(engine, smtp_sink.env())
    for moment in EVERY_STEP:
        sweep.run(moment)
    return smtp_sink.received


def test_every_step_reaches_exactly_its_recipients_with_its_headers_intact_and_none_injected(
    received: list[ReceivedMail],
) -> None:
    # mails() checks that the envelope went to exactly the To and Cc the headers show.
    assert sorted((m.unit, m.step, m.repeat) for m in mails(received)) == sorted(
        (unit, step, repeat) for unit in UNITS for step, repeat in KEYS
    )
    for mail in received:
        headers = mail.raw.split(b"\r\n\r\n", 1)[0]
        assert headers.isascii()
        assert mail.message["Bcc"] is None
        assert mail.message["X-Evil"] is None
        assert mail.message.defects == []
        assert not any("spy@example.org" in recipient for recipient in mail.rcpt_tos)
        # The names stay on their header, line breaks made spaces. Decoded as RFC 2047 says (the
        # space between two encoded words is not text): Python's address parser would keep it.
        raw_from = message_from_bytes(mail.raw, policy=compat32)["From"]
        assert str(make_header(decode_header(raw_from))) == (
            "Ban Tổ chức - LĐLĐ tỉnh Bcc: spy@example.org <script>alert(2)</script> <bantochuc@example.org>"
        )
        # The title's line break became a space; a long title is cut between words.
        assert "Báo cáo <script>alert(3)</script> X" in str(mail.message["Subject"])


def test_the_html_shows_every_name_as_text_and_the_plain_text_keeps_it_whole_as_typed(
    received: list[ReceivedMail],
) -> None:
    for mail in received:
        html = html_of(mail.message)
        assert "<script" not in html.lower()
        assert "&lt;script&gt;alert(3)&lt;/script&gt;" in html
        assert "&amp;lt;" not in html  # escaped once, not twice
    for code in ("cd-script", "cd-long", "cd-emoji"):
        theirs = [m for m in received if m.rcpt_tos[0] == f"{code}@example.org"]
        assert len(theirs) == len(KEYS)
        assert all(f"Kính gửi: {UNITS[code]}\n" in text_of(m.message) for m in theirs)
    script_unit = [m for m in received if m.rcpt_tos[0] == "cd-script@example.org"]
    assert all("&lt;script&gt;alert(1)&lt;/script&gt;" in html_of(m.message) for m in script_unit)
