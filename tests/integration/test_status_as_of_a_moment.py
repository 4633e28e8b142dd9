"""`status` at T from what the database holds: a view of the past as well as the present. A report counts
as received from its received date, as exempt from the moment it was exempted, and T is read in the
plan's zone whatever zone it is written in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tracker.config import load_config
from tracker.core.model import ReportState
from tracker.core.status import status_lines
from tracker.services.loading import load_config_into
from tracker.services.submissions import Receipt, exempt, receive
from tracker.store.db import session_factory
from tracker.store.repository import expected_reports, load_office

PLAN, MILESTONE = "so-ket-de-an-2019", "bao-cao-don-vi"
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def session(engine: Engine, config_dir: Path) -> Iterator[Session]:
    """The seed, with Cam Lộ's report received on 17/9 and Viên chức exempted at 10:00 on 18/9."""
    with session_factory(engine)() as session:
        with session.begin():
            load_config_into(
                session, load_config(config_dir), now=datetime(2019, 8, 12, tzinfo=UTC), actor="t"
            )
            later = datetime(2019, 9, 20, 9, 0, tzinfo=VN)
            receive(
                session,
                load_office(session),
                PLAN,
                MILESTONE,
                "ldld-cam-lo",
                Receipt(date(2019, 9, 17), "9/BC"),
                replace=False,
                now=later,
            )
            exempt(
                session,
                load_office(session),
                PLAN,
                MILESTONE,
                "cd-vien-chuc",
                by="Hà",
                note="",
                now=datetime(2019, 9, 18, 10, tzinfo=VN),
            )
        yield session


def _at(session: Session, moment: datetime) -> dict[str, tuple[ReportState, int | None, str]]:
    lines = status_lines(load_office(session), expected_reports(session, PLAN), moment)
    return {
        line.unit: (line.state, line.days_overdue, line.doc_number)
        for line in lines
        if line.milestone == MILESTONE
    }


def test_the_last_second_of_the_effective_day_is_not_late_and_the_next_is(session: Session) -> None:
    last_second = datetime(2019, 9, 16, 23, 59, 59, tzinfo=VN)

    assert _at(session, last_second)["ldld-dong-ha"] == (ReportState.PENDING, None, "")
    assert _at(session, last_second + timedelta(seconds=1))["ldld-dong-ha"] == (ReportState.OVERDUE, 1, "")


def test_a_moment_written_in_utc_is_read_in_the_plans_zone(session: Session) -> None:
    # 17:30 UTC on 16/9 is already 00:30 on 17/9 in Quảng Trị.
    assert _at(session, datetime(2019, 9, 16, 17, 30, tzinfo=UTC))["ldld-dong-ha"] == (
        ReportState.OVERDUE,
        1,
        "",
    )


def test_a_report_received_later_is_outstanding_before_its_received_date(session: Session) -> None:
    assert _at(session, datetime(2019, 9, 16, 8, tzinfo=VN))["ldld-cam-lo"] == (ReportState.PENDING, None, "")
    assert _at(session, datetime(2019, 9, 17, 8, tzinfo=VN))["ldld-cam-lo"] == (
        ReportState.RECEIVED_LATE,
        None,
        "9/BC",
    )


def test_an_exemption_counts_from_the_moment_it_was_made(session: Session) -> None:
    assert _at(session, datetime(2019, 9, 18, 9, 59, tzinfo=VN))["cd-vien-chuc"] == (
        ReportState.OVERDUE,
        2,
        "",
    )
    assert _at(session, datetime(2019, 9, 18, 10, 0, tzinfo=VN))["cd-vien-chuc"] == (
        ReportState.EXEMPT,
        None,
        "",
    )
