"""A unit dissolved while a plan runs stays expected, no longer reminded, until a clerk removes it with
`expect remove`: then its queued reminder is cancelled at once, it leaves the status, and the audit
keeps what was expected."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from tests.integration.reminder_fixtures import PLAN, UNITS_REPORT, at, keep_units, load, sweep_for
from tracker.errors import BadInput
from tracker.services.roster import expect_remove
from tracker.store.db import session_factory
from tracker.store.repository import audit_trail, expected_reports, find_expected_report, load_office
from tracker.store.tables import OutboxRow

UNITS = ["ldld-dong-ha", "ldld-cam-lo", "cd-y-te"]
DISSOLVED = at(3, 9, 9, 0)
REMOVED = at(9, 9, 7, 0)  # before the first reminder of 9/9 leaves at 07:30
CLERK = "Nguyễn Thị Hà"


@pytest.fixture
def dissolved(engine: Engine, config_dir: Path) -> Path:
    """The seed plan running with three units; Cam Lộ left out of units.csv on 3/9."""
    keep_units(config_dir, UNITS)
    load(engine, config_dir)
    keep_units(config_dir, ["ldld-dong-ha", "cd-y-te"])
    load(engine, config_dir, DISSOLVED)
    return config_dir


def _due(engine: Engine, now: datetime) -> set[str]:
    result = sweep_for(engine, {}).run(now, dry_run=True)
    return {line.unit for line in result.lines}


def _remove(engine: Engine, now: datetime = REMOVED, *, by: str = CLERK, note: str = "Giải thể") -> None:
    with session_factory(engine)() as session, session.begin():
        expect_remove(
            session, load_office(session), PLAN, UNITS_REPORT, "ldld-cam-lo", by=by, note=note, now=now
        )


def test_a_dissolved_unit_stays_expected_but_is_not_reminded(engine: Engine, dissolved: Path) -> None:
    assert _due(engine, at(9, 9)) == {"ldld-dong-ha", "cd-y-te"}
    with session_factory(engine)() as session:
        expected = {r.unit.code for r in expected_reports(session) if r.milestone_code == UNITS_REPORT}
    assert expected == set(UNITS)


def test_removing_it_stops_its_reminders_and_takes_it_out_of_the_status(
    engine: Engine, dissolved: Path
) -> None:
    _remove(engine)

    assert _due(engine, at(9, 9)) == {"ldld-dong-ha", "cd-y-te"}
    assert _due(engine, at(17, 9)) == {"ldld-dong-ha", "cd-y-te"}
    with session_factory(engine)() as session:
        assert {r.unit.code for r in expected_reports(session) if r.milestone_code == UNITS_REPORT} == {
            "ldld-dong-ha",
            "cd-y-te",
        }
        entry = audit_trail(session)[-1]
        assert (entry.action, entry.actor, entry.unit_code, entry.note, entry.after) == (
            "expected.remove",
            CLERK,
            "ldld-cam-lo",
            "Giải thể",
            None,
        )
        assert entry.before is not None
        assert (entry.before["received_on"], entry.before["exempt"]) == (None, False)


def test_a_reminder_already_queued_is_cancelled_and_keeps_its_history(
    engine: Engine, dissolved: Path
) -> None:
    with session_factory(engine)() as session, session.begin():
        report = find_expected_report(session, PLAN, UNITS_REPORT, "ldld-cam-lo")
        assert report is not None
        for step, state in (("thong-bao", "sent"), ("nhac-lan-1", "pending")):
            session.add(
                OutboxRow(
                    key=f"reminder:{PLAN}/{UNITS_REPORT}/ldld-cam-lo/{step}/0/v1",
                    kind="reminder",
                    expected_report_id=report.id,
                    plan_code=PLAN,
                    milestone_code=UNITS_REPORT,
                    unit_code="ldld-cam-lo",
                    step_key=step,
                    state=state,
                    due_at=REMOVED - timedelta(minutes=1),
                    created_at=REMOVED - timedelta(minutes=1),
                )
            )

    _remove(engine)

    with session_factory(engine)() as session:
        rows = session.scalars(select(OutboxRow).where(OutboxRow.unit_code == "ldld-cam-lo")).all()
        assert {(r.step_key, r.state, r.expected_report_id) for r in rows} == {
            ("thong-bao", "sent", None),
            ("nhac-lan-1", "cancelled", None),
        }


@pytest.mark.parametrize(
    ("by", "note", "message"),
    [
        ("", "Giải thể", "Hãy ghi tên người thực hiện"),
        (CLERK, " ", "Hãy ghi lý do"),
    ],
)
def test_a_removal_says_who_and_why(
    engine: Engine, dissolved: Path, by: str, note: str, message: str
) -> None:
    with pytest.raises(BadInput) as refused:
        _remove(engine, by=by, note=note)

    assert message in str(refused.value)
    with session_factory(engine)() as session:
        assert find_expected_report(session, PLAN, UNITS_REPORT, "ldld-cam-lo") is not None
