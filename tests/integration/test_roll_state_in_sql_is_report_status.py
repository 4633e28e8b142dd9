"""The roll decides each report's state in SQL; it must be the state `report_status` gives, for every
kind of fact and every moment, on each database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from itertools import product
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tests.integration.roll_fixtures import MILESTONE, PLAN, add_units, loaded_session, office_of
from tracker.core.status import ReportFacts, report_status, state_rule
from tracker.services.roll import milestone_context, state_of_report
from tracker.store.tables import ExpectedReportRow

RECEIVED = [None, date(2019, 9, 13), date(2019, 9, 16), date(2019, 9, 17), date(2019, 9, 20)]
EXEMPTED = [None, datetime(2019, 9, 16, 16, 59, 59, tzinfo=UTC), datetime(2019, 9, 18, 0, 0, tzinfo=UTC)]
MOMENTS = [
    datetime(2019, 9, 16, 16, 59, 59, tzinfo=UTC),  # 23:59:59 on the last day, in Hanoi
    datetime(2019, 9, 16, 17, 0, tzinfo=UTC),  # 00:00 the day after
    datetime(2019, 9, 17, 16, 59, tzinfo=UTC),
    datetime(2019, 9, 25, 2, 0, tzinfo=UTC),
    datetime(2019, 8, 20, 2, 0, tzinfo=UTC),
]
FACTS = list(product(RECEIVED, EXEMPTED))


@pytest.fixture
def session(engine: Engine, config_dir: Path) -> Iterator[Session]:
    add_units(config_dir, len(FACTS))
    yield from loaded_session(engine, config_dir)


@pytest.mark.parametrize("as_of", MOMENTS, ids=lambda m: m.isoformat())
def test_the_state_in_sql_is_the_state_report_status_gives(session: Session, as_of: datetime) -> None:
    office = office_of(session)
    with session.begin():
        context = milestone_context(session, office, PLAN, MILESTONE)
        rows = session.scalars(
            select(ExpectedReportRow)
            .where(ExpectedReportRow.milestone_id == context.milestone_id)
            .order_by(ExpectedReportRow.id)
        ).all()
        for row, (received_on, exempted_at) in zip(rows, FACTS, strict=False):
            row.received_on, row.exempted_at = received_on, exempted_at
    deadline = context.schedule.deadline
    with session.begin():
        in_sql = dict(
            session.execute(
                select(ExpectedReportRow.id, state_of_report(state_rule(deadline, as_of))).where(
                    ExpectedReportRow.milestone_id == context.milestone_id
                )
            ).all()
        )
        rows = session.scalars(select(ExpectedReportRow).where(ExpectedReportRow.id.in_(in_sql))).all()
        expected = {
            row.id: report_status(ReportFacts(row.received_on, row.exempted_at), deadline, as_of).state.value
            for row in rows
        }

    assert in_sql == expected
    assert len(set(expected.values())) >= 2 or as_of < datetime(2019, 9, 1, tzinfo=UTC)
