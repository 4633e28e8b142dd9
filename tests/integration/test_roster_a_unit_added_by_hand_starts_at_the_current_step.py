"""A unit founded while a plan runs is not expected until a clerk adds it with `expect add`; its ladder
then starts at the step due now: the next sweep sends that one step and records the earlier ones as
superseded, never sending them in a burst. Removed and added again, it is never sent a step twice."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.integration.reminder_fixtures import PLAN, UNITS_REPORT, at, keep_units, load, outbox, sweep_for
from tracker.errors import BadInput
from tracker.services.roster import expect_add, expect_remove
from tracker.store.db import session_factory
from tracker.store.repository import audit_trail, load_office

ZONE_UNION = "cd-kkt,Công đoàn Khu kinh tế tỉnh Quảng Trị,ngành,congdoan.kkt@example.org,Lê Thị Oanh,,1"
FOUNDED = at(3, 9, 9, 0)
ADDED = at(17, 9, 7, 0)  # the overdue notice goes out at 07:30 today
CLERK = "Nguyễn Thị Hà"


@pytest.fixture
def founded(engine: Engine, config_dir: Path) -> Path:
    """The seed plan running with two units; the economic zone's union added to units.csv on 3/9."""
    keep_units(config_dir, ["ldld-dong-ha", "cd-y-te"])
    load(engine, config_dir)
    units = config_dir / "units.csv"
    units.write_text(units.read_text(encoding="utf-8") + ZONE_UNION + "\n", encoding="utf-8")
    load(engine, config_dir, FOUNDED)
    return config_dir


def _add(engine: Engine, now: datetime = ADDED) -> None:
    with session_factory(engine)() as session, session.begin():
        expect_add(
            session,
            load_office(session),
            PLAN,
            UNITS_REPORT,
            "cd-kkt",
            by=CLERK,
            note="Thành lập 1/9/2019",
            now=now,
        )


def _steps(engine: Engine) -> list[tuple[str, str]]:
    return [(r.step_key, r.state) for r in outbox(engine) if r.unit_code == "cd-kkt"]


def test_a_new_unit_is_not_reminded_until_added(engine: Engine, founded: Path, tmp_path: Path) -> None:
    sweep_for(engine, {"TRACKER_OUTBOX_DIR": str(tmp_path / "outbox")}).run(at(17, 9))

    assert _steps(engine) == []


def test_added_it_gets_the_step_due_now_and_the_earlier_ones_are_superseded(
    engine: Engine, founded: Path, tmp_path: Path
) -> None:
    _add(engine)
    sweep = sweep_for(engine, {"TRACKER_OUTBOX_DIR": str(tmp_path / "outbox")})

    sweep.run(at(17, 9))
    sweep.run(at(19, 9))

    assert _steps(engine) == [
        ("thong-bao", "superseded"),
        ("nhac-lan-1", "superseded"),
        ("nhac-lan-2", "superseded"),
        ("qua-han", "sent"),
        ("don-doc", "sent"),
    ]
    with session_factory(engine)() as session:
        entry = audit_trail(session)[-1]
        assert (entry.action, entry.actor, entry.unit_code, entry.before) == (
            "expected.add",
            CLERK,
            "cd-kkt",
            None,
        )


def test_removed_and_added_again_it_is_never_sent_a_step_twice(
    engine: Engine, founded: Path, tmp_path: Path
) -> None:
    sweep = sweep_for(engine, {"TRACKER_OUTBOX_DIR": str(tmp_path / "outbox")})
    _add(engine)
    sweep.run(at(17, 9))
    with session_factory(engine)() as session, session.begin():
        expect_remove(
            session,
            load_office(session),
            PLAN,
            UNITS_REPORT,
            "cd-kkt",
            by=CLERK,
            note="Nhầm",
            now=at(17, 9, 9, 0),
        )

    _add(engine, at(17, 9, 10, 0))
    sweep.run(at(17, 9, 10, 0))
    sweep.run(at(19, 9))

    assert [step for step, state in _steps(engine) if state == "sent"] == ["qua-han", "don-doc"]


@pytest.mark.parametrize(
    ("unit", "milestone", "message"),
    [
        (
            "ldld-dong-ha",
            UNITS_REPORT,
            "Đơn vị ldld-dong-ha đã thuộc danh sách phải nộp cho mốc bao-cao-don-vi.",
        ),
        ("cd-kkt", "bao-cao-tong-hop", "Mốc bao-cao-tong-hop do Ban Tổ chức thực hiện"),
        ("cd-kkt-moi", UNITS_REPORT, "Không có đơn vị mã 'cd-kkt-moi'"),
    ],
)
def test_adding_what_cannot_be_added_is_refused(
    engine: Engine, founded: Path, unit: str, milestone: str, message: str
) -> None:
    with pytest.raises(BadInput) as refused, session_factory(engine)() as session, session.begin():
        expect_add(session, load_office(session), PLAN, milestone, unit, by=CLERK, note="Thử", now=ADDED)

    assert message in str(refused.value)
