"""A unit granted more time has a deadline of its own: its state, its ladder (started again from its
own last day as a new round: the steps already past at the grant are never sent, the others go out,
none twice in a round), `tracker schedule`, `tracker status`, the digest and the calendar entry all
follow it; the unit is emailed the answer; a refusal changes nothing but says why; a request that
cannot be granted stores nothing.

The seed plan's deadline is "before 15/9/2019": Saturday 14/9, shifted to Monday 16/9. Đông Hà asks on
10/9 for Friday 27/9 and is granted it on 11/9: its first reminder (-7 days) comes again on 20/9, the
second (-2 working days) moves from 12/9 to 25/9, the overdue notice (+1 working day) from 17/9 to 30/9.
"""

from __future__ import annotations

import email
import email.policy
from datetime import date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import Engine, select

from tests.builders import TEMPLATES_DIR
from tests.integration.reminder_fixtures import PLAN, UNITS_REPORT, at, grant_extension, load, receive_report
from tracker.core.model import ReportState
from tracker.digest.text import render_text
from tracker.digest.wording import digest_environment
from tracker.errors import BadInput, InvalidFields
from tracker.mail.render import template_environment
from tracker.mail.transport import transport_from_settings
from tracker.services.digests import gather_digest
from tracker.services.extensions import ExtensionAsked, ask, refuse, waiting_requests
from tracker.services.reminding import upcoming_reminders
from tracker.services.status import office_status
from tracker.services.story import mail_preview
from tracker.services.sweep import Sweep
from tracker.store.db import session_factory
from tracker.store.repository import find_expected_report, load_office
from tracker.store.tables import AuditRow, ExtensionRequestRow, OutboxRow

UNIT = "ldld-dong-ha"
OTHER = "ldld-vinh-linh"
GRANTED = date(2019, 9, 27)


def _sweep(engine: Engine, outbox_dir: Path, now: datetime) -> set[tuple[str, str]]:
    """One sweep at `now` into `outbox_dir`: the (unit, step) pairs it sent."""
    result = Sweep(
        engine=engine,
        templates=template_environment(TEMPLATES_DIR),
        transport=lambda: transport_from_settings({}, outbox_dir),
        mail_from="",
        worker="test:1",
    ).run(now)
    return {(line.unit, line.step) for line in result.lines if line.state == "sent"}


def _emails(outbox_dir: Path, subject_part: str) -> list[email.message.EmailMessage]:
    found = []
    for path in sorted(outbox_dir.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if subject_part in str(message["Subject"]):
            found.append(message)
    return found


def _event(message: email.message.EmailMessage) -> tuple[date, int]:
    """The calendar entry's day and SEQUENCE."""
    (part,) = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    (event,) = Calendar.from_ical(part.get_content()).walk("VEVENT")
    return event.decoded("DTSTART"), int(event["SEQUENCE"])


def test_the_granted_unit_is_reminded_from_its_own_day_and_no_step_twice(
    engine: Engine, config_dir: Path, tmp_path: Path
) -> None:
    load(engine, config_dir)
    outbox_dir = tmp_path / "outbox"
    assert (UNIT, "nhac-lan-1") in _sweep(engine, outbox_dir, at(9, 9, 8, 30))
    grant_extension(engine, UNIT, GRANTED, at(10, 9, 9, 0), at(11, 9, 9, 0))

    with session_factory(engine)() as session:
        coming = upcoming_reminders(
            session, load_office(session), at(11, 9, 10, 0), plan_code=PLAN, unit_code=UNIT
        )
    first = [line for line in coming if line.milestone == UNITS_REPORT][:2]
    assert [(line.step, line.at.date()) for line in first] == [
        ("nhac-lan-1", date(2019, 9, 20)),
        ("nhac-lan-2", date(2019, 9, 25)),
    ]

    sent_12 = _sweep(engine, outbox_dir, at(12, 9, 8, 30))  # the others' second reminder, the answer
    assert (OTHER, "nhac-lan-2") in sent_12 and (UNIT, "nhac-lan-2") not in sent_12
    (answer,) = _emails(outbox_dir, "[Đồng ý gia hạn]")
    assert "27/09/2019" in str(answer["Subject"])
    assert _event(answer) == (GRANTED, 1)  # the calendar entry moved, its SEQUENCE raised
    sent_17 = _sweep(engine, outbox_dir, at(17, 9, 8, 30))
    assert (OTHER, "qua-han") in sent_17 and UNIT not in {unit for unit, _ in sent_17}

    with session_factory(engine)() as session:
        office = load_office(session)
        lines = office_status(session, office, at(23, 9, 8, 0), at(23, 9, 8, 0), PLAN).lines
        digest = gather_digest(session, office, at(23, 9, 8, 0)).digest
    (line,) = [s for s in lines if (s.unit, s.milestone) == (UNIT, UNITS_REPORT)]
    assert (line.state, line.days_overdue, line.due.date()) == (ReportState.PENDING, None, GRANTED)
    milestone = next(m for m in digest.milestones if m.milestone.code == UNITS_REPORT)
    (row,) = [r for r in milestone.outstanding if r.unit.code == UNIT]
    assert (row.state, row.extended_until) == (ReportState.PENDING, GRANTED)
    text = gather_digest_text(engine, at(23, 9, 8, 0))
    assert "Liên đoàn Lao động thành phố Đông Hà: gia hạn đến 27/09/2019" in text

    sent_25 = _sweep(engine, outbox_dir, at(25, 9, 8, 30))
    assert (UNIT, "nhac-lan-2") in sent_25
    reminder = [m for m in _emails(outbox_dir, "") if "ldld.dongha" in str(m["To"])][-1]
    assert _event(reminder) == (GRANTED, 1)
    sent_30 = _sweep(engine, outbox_dir, at(30, 9, 8, 30))
    assert (UNIT, "qua-han") in sent_30
    with session_factory(engine)() as session:
        steps = session.execute(
            select(OutboxRow.step_key, OutboxRow.extension).where(
                OutboxRow.unit_code == UNIT, OutboxRow.state == "sent", OutboxRow.kind == "reminder"
            )
        ).all()
    assert len(steps) == len(set(steps))  # no step sent twice in a round
    assert ("thong-bao", 1) not in steps  # past at the grant: superseded, not sent


def test_a_unit_granted_time_after_its_overdue_notice_is_reminded_again_from_its_own_day(
    engine: Engine, config_dir: Path, tmp_path: Path
) -> None:
    load(engine, config_dir)
    outbox_dir = tmp_path / "outbox"
    sent: list[tuple[date, str]] = []
    for day in (26, 8), (9, 9), (12, 9), (17, 9):
        sent += [
            (at(*day).date(), step)
            for unit, step in _sweep(engine, outbox_dir, at(*day, 8, 30))
            if unit == UNIT
        ]
    grant_extension(engine, UNIT, GRANTED, at(18, 9, 9, 0), at(18, 9, 10, 0))
    for day in range(18, 31):
        month, dom = (9, day) if day <= 30 else (10, day - 30)
        moment = at(dom, month, 8, 30)
        sent += [(moment.date(), step) for unit, step in _sweep(engine, outbox_dir, moment) if unit == UNIT]

    assert sent == [
        (date(2019, 8, 26), "thong-bao"),
        (date(2019, 9, 9), "nhac-lan-1"),
        (date(2019, 9, 12), "nhac-lan-2"),
        (date(2019, 9, 17), "qua-han"),
        (date(2019, 9, 20), "nhac-lan-1"),  # the new round, counted from 27/9
        (date(2019, 9, 25), "nhac-lan-2"),
        (date(2019, 9, 30), "qua-han"),
    ]


def gather_digest_text(engine: Engine, moment: datetime) -> str:
    with session_factory(engine)() as session:
        office = load_office(session)
        gathered = gather_digest(session, office, moment)
    return render_text(gathered.digest, office.organization, digest_environment())


def test_a_report_received_within_the_units_own_day_is_on_time(engine: Engine, config_dir: Path) -> None:
    load(engine, config_dir)
    grant_extension(engine, UNIT, GRANTED, at(10, 9, 9, 0), at(11, 9, 9, 0))
    receive_report(engine, UNIT, date(2019, 9, 26), at(26, 9, 9, 0))
    receive_report(engine, OTHER, date(2019, 9, 26), at(26, 9, 9, 0))
    with session_factory(engine)() as session:
        lines = office_status(session, load_office(session), at(1, 10, 8, 0), at(1, 10, 8, 0), PLAN).lines
    states = {s.unit: s.state for s in lines if s.milestone == UNITS_REPORT}
    assert (states[UNIT], states[OTHER]) == (ReportState.RECEIVED, ReportState.RECEIVED_LATE)


def _ask(
    engine: Engine, unit: str, until: date | None, reason: str, now: datetime, unreadable: str = ""
) -> None:
    with session_factory(engine)() as session, session.begin():
        report = find_expected_report(session, PLAN, UNITS_REPORT, unit)
        assert report is not None
        ask(session, load_office(session), report, ExtensionAsked(until, reason, unreadable), now=now)


def _requests(engine: Engine) -> list[ExtensionRequestRow]:
    with session_factory(engine)() as session:
        return list(session.scalars(select(ExtensionRequestRow)))


@pytest.mark.parametrize(
    ("until", "reason", "now", "field", "words"),
    [
        (
            date(2019, 9, 16),
            "Chờ họp.",
            at(10, 9, 9, 0),
            "until",
            "phải sau hạn cuối hiện nay (Thứ Hai, 16/09/2019)",
        ),
        (date(2019, 9, 18), "Chờ họp.", at(20, 9, 9, 0), "until", "đã qua (hôm nay là 20/09/2019)"),
        (date(2020, 1, 10), "Chờ họp.", at(10, 9, 9, 0), "until", "Kế hoạch kết thúc ngày 31/12/2019"),
        (None, "Chờ họp.", at(10, 9, 9, 0), "until", "Ngày không hợp lệ"),
        (GRANTED, "   ", at(10, 9, 9, 0), "reason", "Hãy ghi lý do xin gia hạn."),
        (GRANTED, "x" * 2001, at(10, 9, 9, 0), "reason", "2000 ký tự"),
    ],
    ids=[
        "before-the-deadline",
        "already-past",
        "after-the-plan-closes",
        "unreadable",
        "no-reason",
        "too-long",
    ],
)
def test_a_request_that_cannot_be_granted_stores_nothing(
    engine: Engine, config_dir: Path, until: date | None, reason: str, now: datetime, field: str, words: str
) -> None:
    load(engine, config_dir)
    with pytest.raises(InvalidFields) as refused:
        _ask(
            engine,
            UNIT,
            until,
            reason,
            now,
            unreadable="Ngày không hợp lệ: '31/9/2019': tháng 9/2019 chỉ có 30 ngày.",
        )
    assert words in refused.value.problems[field]
    assert _requests(engine) == []


def test_one_request_waits_at_a_time_and_none_after_the_report_arrived(
    engine: Engine, config_dir: Path
) -> None:
    load(engine, config_dir)
    _ask(engine, UNIT, GRANTED, "Chờ họp Ban Thường vụ.", at(10, 9, 9, 0))
    with pytest.raises(InvalidFields) as refused:
        _ask(engine, UNIT, date(2019, 9, 30), "Thêm ít ngày nữa.", at(10, 9, 10, 0))
    assert "đang chờ Ban Tổ chức trả lời" in refused.value.problems["report"]
    receive_report(engine, OTHER, date(2019, 9, 11), at(11, 9, 9, 0))
    with pytest.raises(InvalidFields) as refused:
        _ask(engine, OTHER, GRANTED, "Chờ họp.", at(12, 9, 9, 0))
    assert "đã được ghi nhận hoặc miễn nộp" in refused.value.problems["report"]
    assert len(_requests(engine)) == 1


def test_a_refusal_keeps_the_deadline_and_tells_the_unit_why(
    engine: Engine, config_dir: Path, tmp_path: Path
) -> None:
    load(engine, config_dir)
    _ask(engine, UNIT, GRANTED, "Chờ họp Ban Thường vụ.", at(10, 9, 9, 0))
    with session_factory(engine)() as session:
        (waiting,) = waiting_requests(session)
    assert (waiting.unit, waiting.until) == (UNIT, GRANTED)
    codes = (PLAN, UNITS_REPORT, UNIT)
    with session_factory(engine)() as session, session.begin():
        office = load_office(session)
        reminders = mail_preview(office, TEMPLATES_DIR, "")
        with pytest.raises(InvalidFields):
            refuse(
                session,
                office,
                codes,
                waiting.id,
                reminders,
                answer=" ",
                by="Trần Thị Lan",
                now=at(11, 9, 9, 0),
            )
        said = refuse(
            session,
            office,
            codes,
            waiting.id,
            reminders,
            answer="Kế hoạch cần số liệu đúng hạn để tổng hợp.",
            by="Trần Thị Lan",
            now=at(11, 9, 9, 0),
        )
    assert "không đồng ý" in said
    with session_factory(engine)() as session, session.begin():
        office = load_office(session)
        with pytest.raises(BadInput, match="đã được Trần Thị Lan trả lời"):
            refuse(
                session,
                office,
                codes,
                waiting.id,
                mail_preview(office, TEMPLATES_DIR, ""),
                answer="Lần nữa.",
                by="X",
                now=at(11, 9, 10, 0),
            )
    with session_factory(engine)() as session:
        report = find_expected_report(session, *codes)
        assert report is not None and (report.extended_until, report.extensions) == (None, 0)
        actions = session.scalars(
            select(AuditRow.action).where(AuditRow.unit_code == UNIT).order_by(AuditRow.id)
        ).all()
        assert actions[-2:] == ["extension.ask", "extension.refuse"]
        assert waiting_requests(session) == []
    outbox_dir = tmp_path / "outbox"
    sent = _sweep(engine, outbox_dir, at(12, 9, 8, 30))
    assert (UNIT, "nhac-lan-2") in sent
    (answer,) = _emails(outbox_dir, "[Không đồng ý gia hạn]")
    assert "Kế hoạch cần số liệu đúng hạn để tổng hợp." in answer.get_body(("plain",)).get_content()
    assert _event(answer) == (date(2019, 9, 16), 0)
