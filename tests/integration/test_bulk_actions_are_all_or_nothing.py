"""Bulk actions on a milestone's roll: several units received on one date, or exempted with a reason,
through the same services as one unit; one refusal leaves every unit as it was."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from tests.integration.roll_fixtures import AFTER_DEADLINE, MILESTONE, PLAN, loaded_session, office_of
from tracker.errors import BadInput
from tracker.services.roll import exempt_many, milestone_context, receive_many
from tracker.services.submissions import Receipt
from tracker.store.tables import AuditRow, ExpectedReportRow

UNITS = ["ldld-dong-ha", "ldld-gio-linh", "ldld-vinh-linh"]


@pytest.fixture
def session(engine: Engine, config_dir: Path) -> Iterator[Session]:
    yield from loaded_session(engine, config_dir)


def _received(session: Session) -> int:
    return session.scalar(select(func.count()).where(ExpectedReportRow.received_on.is_not(None))) or 0


def test_several_units_are_received_on_one_date_each_audited(session: Session) -> None:
    office = office_of(session)
    with session.begin():
        context = milestone_context(session, office, PLAN, MILESTONE)
        count = receive_many(session, context, UNITS, Receipt(date(2019, 9, 13), by="Lan"), AFTER_DEADLINE)

    with session.begin():
        assert count == 3 and _received(session) == 3
        actors = session.scalars(select(AuditRow.actor).where(AuditRow.action == "submission.receive")).all()
        assert actors == ["Lan"] * 3


def test_one_refused_unit_leaves_every_unit_as_it_was(session: Session) -> None:
    office = office_of(session)
    with session.begin():
        context = milestone_context(session, office, PLAN, MILESTONE)
        exempt_many(session, context, ["ldld-vinh-linh"], by="Lan", reason="giải thể", now=AFTER_DEADLINE)

    with pytest.raises(BadInput, match=r"^Đơn vị ldld-vinh-linh: "), session.begin():
        receive_many(session, context, UNITS, Receipt(date(2019, 9, 13), by="Lan"), AFTER_DEADLINE)

    with session.begin():
        assert _received(session) == 0
