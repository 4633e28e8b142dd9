"""An exemption undone (`unexempt`, audited with who and why) makes the report outstanding again; its
ladder resumes at the next sweep with the step due then, and a step already sent is not sent again."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.integration.reminder_fixtures import PLAN, UNITS_REPORT, at, keep_units, load, outbox, sweep_for
from tracker.core.model import ReportState
from tracker.core.status import status_lines
from tracker.errors import BadInput
from tracker.services.submissions import exempt, unexempt
from tracker.services.sweep import Sweep
from tracker.store.db import session_factory
from tracker.store.repository import audit_trail, expected_reports, find_expected_report, load_office
from tracker.store.tables import OutboxRow

UNIT = "cd-vien-chuc"
CLERK = "Nguyễn Thị Hà"


@pytest.fixture
def sweep(engine: Engine, config_dir: Path, tmp_path: Path) -> Sweep:
    keep_units(config_dir, ["ldld-dong-ha", UNIT])
    load(engine, config_dir)
    return sweep_for(engine, {"TRACKER_OUTBOX_DIR": str(tmp_path / "outbox")})


def _state(engine: Engine, as_of: datetime) -> ReportState:
    with session_factory(engine)() as session:
        lines = status_lines(load_office(session), expected_reports(session, PLAN), as_of)
    [line] = [x for x in lines if (x.milestone, x.unit) == (UNITS_REPORT, UNIT)]
    return line.state


def _unexempt(engine: Engine, now: datetime, *, note: str = "Quyết định sáp nhập bị huỷ") -> None:
    with session_factory(engine)() as session, session.begin():
        unexempt(session, load_office(session), PLAN, UNITS_REPORT, UNIT, by=CLERK, note=note, now=now)


def test_the_report_is_outstanding_again_and_the_ladder_resumes_without_a_repeat(
    engine: Engine, sweep: Sweep
) -> None:
    sweep.run(at(9, 9))  # nhac-lan-1 sent
    with session_factory(engine)() as session, session.begin():
        exempt(
            session,
            load_office(session),
            PLAN,
            UNITS_REPORT,
            UNIT,
            by=CLERK,
            note="Đã sáp nhập",
            now=at(10, 9, 9, 0),
        )
    sweep.run(at(12, 9))  # nhac-lan-2: not for an exempt unit

    _unexempt(engine, at(17, 9, 7, 0))
    sweep.run(at(17, 9))
    sweep.run(at(17, 9, 8, 0))

    assert _state(engine, at(17, 9, 8, 0)) is ReportState.OVERDUE
    sent = [(r.step_key, r.state) for r in outbox(engine) if r.unit_code == UNIT]
    assert sent == [
        ("thong-bao", "superseded"),
        ("nhac-lan-1", "sent"),
        ("nhac-lan-2", "superseded"),
        ("qua-han", "sent"),
    ]
    with session_factory(engine)() as session:
        entry = audit_trail(session)[-1]
        assert (entry.action, entry.actor, entry.note) == (
            "submission.unexempt",
            CLERK,
            "Quyết định sáp nhập bị huỷ",
        )
        assert entry.before is not None and entry.after is not None
        assert (entry.before["exempt"], entry.before["exempted_on"], entry.after["exempt"]) == (
            True,
            "2019-09-10",
            False,
        )


def test_a_report_that_is_not_exempt_cannot_be_unexempted(engine: Engine, sweep: Sweep) -> None:
    with pytest.raises(BadInput) as refused:
        _unexempt(engine, at(17, 9))

    assert (
        str(refused.value) == f"Đơn vị {UNIT} chưa được miễn nộp cho mốc {UNITS_REPORT}, không có gì để huỷ."
    )


def test_an_unexemption_says_why(engine: Engine, sweep: Sweep) -> None:
    with session_factory(engine)() as session, session.begin():
        exempt(
            session,
            load_office(session),
            PLAN,
            UNITS_REPORT,
            UNIT,
            by=CLERK,
            note="Đã sáp nhập",
            now=at(10, 9, 9, 0),
        )

    with pytest.raises(BadInput) as refused:
        _unexempt(engine, at(17, 9), note="")

    assert "Hãy ghi lý do" in str(refused.value)
    assert _state(engine, at(17, 9)) is ReportState.EXEMPT


def test_a_reminder_the_exemption_cancelled_is_queued_again(engine: Engine, sweep: Sweep) -> None:
    with session_factory(engine)() as session, session.begin():
        report = find_expected_report(session, PLAN, UNITS_REPORT, UNIT)
        assert report is not None
        session.add(  # queued by a sweep, not sent yet
            OutboxRow(
                key=f"reminder:{PLAN}/{UNITS_REPORT}/{UNIT}/nhac-lan-1/0/v1",
                kind="reminder",
                expected_report_id=report.id,
                plan_code=PLAN,
                milestone_code=UNITS_REPORT,
                unit_code=UNIT,
                step_key="nhac-lan-1",
                state="pending",
                due_at=at(9, 9),
                created_at=at(9, 9),
            )
        )
        exempt(
            session,
            load_office(session),
            PLAN,
            UNITS_REPORT,
            UNIT,
            by=CLERK,
            note="Đã sáp nhập",
            now=at(9, 9, 7, 45),
        )
    assert [(r.step_key, r.state) for r in outbox(engine) if r.unit_code == UNIT] == [
        ("nhac-lan-1", "cancelled")
    ]

    _unexempt(engine, at(9, 9, 8, 0))

    assert [(r.step_key, r.state) for r in outbox(engine) if r.unit_code == UNIT] == [
        ("nhac-lan-1", "pending")
    ]
