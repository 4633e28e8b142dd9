"""A report's page tells its whole story on one timeline: the reminders sent (to whom, the server's
answer, refused addresses), superseded and cancelled, the acts of clerks with who and when, and the
steps still to come with their email as it will be sent; a form acted on after another clerk changed
the report is refused with who did what and when."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tests.builders import TEMPLATES_DIR
from tests.integration.roll_fixtures import LOADED, MILESTONE, PLAN, loaded_session, office_of
from tracker.core.story import ActEntry, ComingEntry, ReminderEntry
from tracker.services.roll import milestone_context
from tracker.services.story import ChangedMeanwhile, ReportPage, check_unchanged, mail_preview, report_page
from tracker.services.submissions import Receipt, receive, unreceive
from tracker.store.repository import find_expected_report, load_office
from tracker.store.tables import OutboxRow

UNIT = "ldld-dong-ha"
EARLY = datetime(2019, 9, 10, 3, 0, tzinfo=UTC)  # Tuesday 10/9 10:00, before the deadline


@pytest.fixture
def session(engine: Engine, config_dir: Path) -> Iterator[Session]:
    yield from loaded_session(engine, config_dir)


def _page(session: Session, now: datetime) -> ReportPage:
    office = office_of(session)
    with session.begin():
        context = milestone_context(session, office, PLAN, MILESTONE)
        return report_page(session, context, UNIT, mail_preview(office, TEMPLATES_DIR, ""), now)


def _sent(session: Session) -> None:
    report = find_expected_report(session, PLAN, MILESTONE, UNIT)
    assert report is not None
    common = {
        "kind": "reminder",
        "expected_report_id": report.id,
        "plan_code": PLAN,
        "milestone_code": MILESTONE,
        "unit_code": UNIT,
        "repeat": 0,
        "deadline_version": 1,
        "created_at": LOADED,
    }
    session.add(
        OutboxRow(
            key="k1",
            step_key="thong-bao",
            state="superseded",
            due_at=datetime(2019, 8, 26, 0, 30, tzinfo=UTC),
            **common,
        )
    )
    session.add(
        OutboxRow(
            key="k2",
            step_key="nhac-lan-1",
            state="sent",
            due_at=datetime(2019, 9, 9, 0, 30, tzinfo=UTC),
            sent_at=datetime(2019, 9, 9, 0, 31, tzinfo=UTC),
            to_addrs=["ldld.dongha@example.org", "vanphong.dongha@example.org"],
            subject="[Nhắc lần 1] Báo cáo",
            last_reply="250 2.0.0 OK",
            refused={"vanphong.dongha@example.org": "550 5.1.1 no such user"},
            message_id="<m1@example.org>",
            **common,
        )
    )


def test_the_story_shows_sent_and_superseded_steps_and_what_is_to_come(session: Session) -> None:
    with session.begin():
        _sent(session)

    page = _page(session, EARLY)

    kinds = [(type(e).__name__, e.label) for e in page.entries]
    assert kinds[:2] == [("ReminderEntry", "Thông báo"), ("ReminderEntry", "Nhắc lần 1")]
    sent = page.entries[1]
    assert isinstance(sent, ReminderEntry)
    assert sent.reply == "250 2.0.0 OK" and "vanphong.dongha@example.org" in sent.refused
    assert sent.state_label == "Đã gửi"
    coming = [e for e in page.entries if isinstance(e, ComingEntry)]
    assert coming[0].label == "Nhắc lần 2"
    assert coming[0].at.isoformat() == "2019-09-12T07:30:00+07:00"
    assert coming[0].to == ("ldld.dongha@example.org", "vanphong.dongha@example.org")
    assert coming[0].subject.startswith("[Khẩn – còn 4 ngày]")
    assert "Đông Hà" in coming[0].text
    assert coming[1].label == "Thông báo quá hạn" and coming[1].cc == ("chutich.dongha@example.org",)
    assert page.row.next_reminder is not None and page.row.next_reminder.at == coming[0].at


def test_the_acts_of_clerks_are_in_the_story_with_who_and_what_changed(session: Session) -> None:
    with session.begin():
        receive(
            session,
            load_office(session),
            PLAN,
            MILESTONE,
            UNIT,
            Receipt(date(2019, 9, 9), doc_number="12/BC", by="Lan"),
            replace=False,
            now=EARLY,
        )
    with session.begin():
        unreceive(
            session,
            load_office(session),
            PLAN,
            MILESTONE,
            UNIT,
            by="Minh",
            note="nhầm đơn vị",
            now=EARLY + timedelta(hours=1),
        )

    page = _page(session, EARLY + timedelta(hours=2))

    acts = [e for e in page.entries if isinstance(e, ActEntry)]
    assert [(a.label, a.actor) for a in acts] == [
        ("Ghi nhận báo cáo", "Lan"),
        ("Hủy ghi nhận báo cáo", "Minh"),
    ]
    assert ("ngày nhận", "trống", "09/09/2019") in [(c.field, c.before, c.after) for c in acts[0].changes]
    assert acts[1].note == "nhầm đơn vị"
    assert page.version > 0


def test_a_form_shown_before_another_clerk_recorded_the_report_is_refused(session: Session) -> None:
    seen = _page(session, EARLY).version
    with session.begin():
        receive(
            session,
            load_office(session),
            PLAN,
            MILESTONE,
            UNIT,
            Receipt(date(2019, 9, 9), by="Lan"),
            replace=False,
            now=EARLY,
        )
    office = office_of(session)

    with pytest.raises(ChangedMeanwhile) as refused, session.begin():
        check_unchanged(session, milestone_context(session, office, PLAN, MILESTONE), UNIT, seen)

    assert str(refused.value).startswith("Báo cáo này vừa được Lan ghi nhận lúc 10:00 ngày 10/09/2019")
    now_seen = _page(session, EARLY).version
    with session.begin():
        check_unchanged(session, milestone_context(session, office, PLAN, MILESTONE), UNIT, now_seen)
