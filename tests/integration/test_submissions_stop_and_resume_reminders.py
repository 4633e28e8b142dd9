"""A report recorded or exempted gets nothing more, even a reminder already queued by a sweep a minute
before; a receipt undone puts the report back in front of the next sweep."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tracker.config import load_config
from tracker.services.loading import load_config_into
from tracker.services.submissions import Receipt, exempt, receive, unreceive
from tracker.store.db import session_factory
from tracker.store.repository import find_expected_report, load_office
from tracker.store.tables import LOOK_AT_NEXT_SWEEP, OutboxRow

PLAN, MILESTONE = "so-ket-de-an-2019", "bao-cao-don-vi"
NOW = datetime(2019, 9, 17, 1, 30, tzinfo=UTC)  # 08:30 on 17/9/2019 in Quảng Trị


@pytest.fixture
def session(engine: Engine, config_dir: Path) -> Iterator[Session]:
    with session_factory(engine)() as session:
        with session.begin():
            load_config_into(session, load_config(config_dir), now=NOW - timedelta(days=40), actor="test")
        yield session


def _queue(session: Session, unit: str, step: str, state: str) -> None:
    """A reminder as a sweep leaves it in the outbox."""
    report = find_expected_report(session, PLAN, MILESTONE, unit)
    assert report is not None
    session.add(
        OutboxRow(
            key=f"reminder:{PLAN}/{MILESTONE}/{unit}/{step}/0/v1",
            kind="reminder",
            expected_report_id=report.id,
            plan_code=PLAN,
            milestone_code=MILESTONE,
            unit_code=unit,
            step_key=step,
            state=state,
            due_at=NOW - timedelta(minutes=1),
            created_at=NOW - timedelta(minutes=1),
        )
    )


def _states(session: Session, unit: str) -> dict[str, str]:
    return {
        o.step_key: o.state for o in session.scalars(select(OutboxRow).where(OutboxRow.unit_code == unit))
    }


def test_receiving_cancels_the_reminder_still_queued_and_leaves_the_sent_ones_alone(session: Session) -> None:
    with session.begin():
        _queue(session, "ldld-cam-lo", "nhac-lan-2", "sent")
        _queue(session, "ldld-cam-lo", "qua-han", "pending")
        _queue(session, "ldld-gio-linh", "qua-han", "pending")

    with session.begin():
        receive(
            session,
            load_office(session),
            PLAN,
            MILESTONE,
            "ldld-cam-lo",
            Receipt(date(2019, 9, 16)),
            replace=False,
            now=NOW,
        )

    assert _states(session, "ldld-cam-lo") == {"nhac-lan-2": "sent", "qua-han": "cancelled"}
    assert _states(session, "ldld-gio-linh") == {"qua-han": "pending"}


def test_exempting_cancels_the_reminder_still_queued(session: Session) -> None:
    with session.begin():
        _queue(session, "cd-vien-chuc", "qua-han", "pending")

    with session.begin():
        exempt(
            session,
            load_office(session),
            PLAN,
            MILESTONE,
            "cd-vien-chuc",
            by="Hà",
            note="Đã sáp nhập",
            now=NOW,
        )

    assert _states(session, "cd-vien-chuc") == {"qua-han": "cancelled"}


def test_an_undone_receipt_is_looked_at_by_the_next_sweep(session: Session) -> None:
    with session.begin():
        row = receive(
            session,
            load_office(session),
            PLAN,
            MILESTONE,
            "ldld-cam-lo",
            Receipt(date(2019, 9, 16)),
            replace=False,
            now=NOW,
        )
        row.next_reminder_at = None  # what the sweep stores for a report with nothing more to send

    with session.begin():
        undone = unreceive(
            session, load_office(session), PLAN, MILESTONE, "ldld-cam-lo", by="Hà", note="Nhầm", now=NOW
        )

    assert (undone.received_on, undone.next_reminder_at) == (None, LOOK_AT_NEXT_SWEEP)
