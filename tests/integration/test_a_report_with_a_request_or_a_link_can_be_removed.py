"""A unit that asked for more time, or whose link was issued, can still be taken off a milestone's
expected units (its requests and link go, the audit keeps them); one that sent its report through its
link cannot: the message says why, and nothing changes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from tests.integration.reminder_fixtures import PLAN, UNITS_REPORT, at, load
from tracker.errors import BadInput
from tracker.services.extensions import ExtensionAsked, ask
from tracker.services.roster import expect_remove
from tracker.store.db import session_factory
from tracker.store.repository import find_expected_report, load_office
from tracker.store.tables import ExtensionRequestRow, UnitSubmissionRow

UNIT = "ldld-dong-ha"


def _remove(engine: Engine) -> None:
    with session_factory(engine)() as session, session.begin():
        office = load_office(session)
        expect_remove(
            session, office, PLAN, UNITS_REPORT, UNIT, by="Văn thư", note="Sáp nhập", now=at(12, 9, 9, 0)
        )


def test_a_unit_that_asked_for_more_time_is_removed_with_its_request(
    engine: Engine, config_dir: Path
) -> None:
    load(engine, config_dir)
    with session_factory(engine)() as session, session.begin():
        report = find_expected_report(session, PLAN, UNITS_REPORT, UNIT)
        assert report is not None
        ask(
            session,
            load_office(session),
            report,
            ExtensionAsked(date(2019, 9, 27), "Chờ họp."),
            now=at(10, 9, 9, 0),
        )

    _remove(engine)

    with session_factory(engine)() as session:
        assert find_expected_report(session, PLAN, UNITS_REPORT, UNIT) is None
        assert session.scalar(select(func.count()).select_from(ExtensionRequestRow)) == 0


def test_a_unit_that_sent_its_report_through_its_link_is_not_removed(
    engine: Engine, config_dir: Path
) -> None:
    load(engine, config_dir)
    with session_factory(engine)() as session, session.begin():
        report = find_expected_report(session, PLAN, UNITS_REPORT, UNIT)
        assert report is not None
        session.add(
            UnitSubmissionRow(
                expected_report_id=report.id,
                submitted_at=at(11, 9, 9, 0),
                doc_number="45/BC-LĐLĐ",
                doc_date=date(2019, 9, 11),
                contact="Trần Thị Bình",
                phone="0233 3852 123",
                state="received",
            )
        )

    with pytest.raises(BadInput, match="đã gửi báo cáo qua liên kết"):
        _remove(engine)

    with session_factory(engine)() as session:
        assert find_expected_report(session, PLAN, UNITS_REPORT, UNIT) is not None
