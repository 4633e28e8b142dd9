"""A deadline changed in the plan file is recorded as a new version, never silently replaced, and the
reminder ladder of every report of that milestone starts again from it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from tracker.config import load_config
from tracker.services.loading import LoadResult, load_config_into
from tracker.services.submissions import Receipt, receive
from tracker.store.db import session_factory
from tracker.store.repository import load_office
from tracker.store.tables import LOOK_AT_NEXT_SWEEP, ExpectedReportRow, MilestoneRow

PLAN_FILE = Path("plans/so-ket-de-an-2019.toml")
FIRST_LOAD = datetime(2019, 8, 12, 2, 0, tzinfo=UTC)
SECOND_LOAD = datetime(2019, 9, 5, 2, 0, tzinfo=UTC)


def _load(engine: Engine, config_dir: Path, now: datetime) -> LoadResult:
    with session_factory(engine)() as session, session.begin():
        return load_config_into(session, load_config(config_dir), now=now, actor="tracker load")


def _edit_plan(config_dir: Path, old: str, new: str) -> None:
    path = config_dir / PLAN_FILE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _milestone(session: Session, code: str) -> MilestoneRow:
    return session.scalars(select(MilestoneRow).where(MilestoneRow.code == code)).one()


@pytest.fixture
def loaded(engine: Engine, config_dir: Path) -> Engine:
    """The seed loaded; the sweep has since planned every report's next look for later."""
    _load(engine, config_dir, FIRST_LOAD)
    with session_factory(engine)() as session, session.begin():
        session.execute(update(ExpectedReportRow).values(next_reminder_at=FIRST_LOAD + timedelta(days=10)))
        receipt = Receipt(received_on=date(2019, 9, 4), doc_number="8/BC")
        receive(
            session,
            load_office(session),
            "so-ket-de-an-2019",
            "bao-cao-don-vi",
            "cd-y-te",
            receipt,
            replace=False,
            now=SECOND_LOAD,
        )
    return engine


def test_a_later_deadline_is_a_second_version_next_to_the_first(loaded: Engine, config_dir: Path) -> None:
    _edit_plan(config_dir, 'due = "15/9/2019"', 'due = "1/10/2019"')

    result = _load(loaded, config_dir, SECOND_LOAD)

    assert result.changes == [
        "Cập nhật kế hoạch so-ket-de-an-2019.",
        "Mốc so-ket-de-an-2019/bao-cao-don-vi: hạn đổi từ 16/09/2019 sang 30/09/2019 (phiên bản 2).",
    ]
    with session_factory(loaded)() as session:
        milestone = _milestone(session, "bao-cao-don-vi")
        assert milestone.deadline_version == 2
        assert [
            (d.version, d.due, d.due_rule, d.effective_last_day, d.recorded_at) for d in milestone.deadlines
        ] == [
            (1, date(2019, 9, 15), "before", date(2019, 9, 16), FIRST_LOAD),
            (2, date(2019, 10, 1), "before", date(2019, 9, 30), SECOND_LOAD),
        ]
        assert _milestone(session, "bao-cao-tong-hop").deadline_version == 1


def test_after_a_new_deadline_every_outstanding_report_is_looked_at_by_the_next_sweep(
    loaded: Engine, config_dir: Path
) -> None:
    _edit_plan(config_dir, 'due = "15/9/2019"', 'due = "1/10/2019"')

    _load(loaded, config_dir, SECOND_LOAD)

    with session_factory(loaded)() as session:
        reports = session.scalars(
            select(ExpectedReportRow)
            .join(ExpectedReportRow.milestone)
            .where(MilestoneRow.code == "bao-cao-don-vi")
        ).all()
        assert {r.next_reminder_at for r in reports} == {LOOK_AT_NEXT_SWEEP}
        # The receipt recorded before the change stays.
        [received] = [r for r in reports if r.received_on is not None]
        assert (received.unit.code, received.received_on, received.doc_number) == (
            "cd-y-te",
            date(2019, 9, 4),
            "8/BC",
        )


def test_following_the_date_as_written_instead_of_art_148_is_a_new_version_too(
    loaded: Engine, config_dir: Path
) -> None:
    _edit_plan(config_dir, 'deadline_shift = "next_working_day"', 'deadline_shift = "none"')

    result = _load(loaded, config_dir, SECOND_LOAD)

    assert "Mốc so-ket-de-an-2019/bao-cao-don-vi: hạn đổi từ 16/09/2019 sang 14/09/2019 (phiên bản 2)." in (
        result.changes
    )
    with session_factory(loaded)() as session:
        latest = _milestone(session, "bao-cao-don-vi").deadlines[-1]
        assert (latest.due, latest.deadline_shift, latest.effective_last_day) == (
            date(2019, 9, 15),
            "none",
            date(2019, 9, 14),
        )


def test_a_new_wording_of_the_same_last_day_keeps_the_version_and_the_ladder(
    loaded: Engine, config_dir: Path
) -> None:
    # The owner's milestone ends on Thursday 31/10/2019 with or without the art. 148 shift.
    _edit_plan(config_dir, 'deadline_shift = "next_working_day"', 'deadline_shift = "none"')

    _load(loaded, config_dir, SECOND_LOAD)

    with session_factory(loaded)() as session:
        summary = _milestone(session, "bao-cao-tong-hop")
        assert summary.deadline_version == 1
        assert [(d.version, d.deadline_shift) for d in summary.deadlines] == [(1, "none")]
        looks = session.scalars(
            select(ExpectedReportRow.next_reminder_at).where(ExpectedReportRow.milestone_id == summary.id)
        ).all()
        assert looks == [FIRST_LOAD + timedelta(days=10)]
