"""Units change between loads: founded, renamed, dissolved, revived. Each change is kept with its dates
and audited; a milestone's expected set is fixed from the units active when the milestone was added."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tracker.config import load_config
from tracker.services.loading import LoadResult, load_config_into
from tracker.store.db import session_factory
from tracker.store.repository import audit_trail, expected_reports
from tracker.store.tables import UnitRow

FIRST_LOAD = datetime(2019, 8, 12, 2, 0, tzinfo=UTC)  # 09:00 on 12/8/2019 in Quảng Trị
SECOND_LOAD = datetime(2019, 9, 2, 20, 0, tzinfo=UTC)  # 03:00 on 3/9/2019 there: the day differs from UTC's
DONG_HA = (
    "ldld-dong-ha,Liên đoàn Lao động thành phố Đông Hà,địa phương,"
    "ldld.dongha@example.org;vanphong.dongha@example.org,Nguyễn Văn An,chutich.dongha@example.org,1"
)


def _load(engine: Engine, config_dir: Path, now: datetime) -> LoadResult:
    with session_factory(engine)() as session, session.begin():
        return load_config_into(session, load_config(config_dir), now=now, actor="Quản trị viên")


def _edit_units(config_dir: Path, old: str, new: str) -> None:
    path = config_dir / "units.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _unit(session: Session, code: str) -> UnitRow:
    return session.scalars(select(UnitRow).where(UnitRow.code == code)).one()


def test_a_unit_listed_as_inactive_is_kept_as_retired_and_not_expected(
    engine: Engine, config_dir: Path
) -> None:
    _edit_units(config_dir, "chutich.dakrong@example.org,1", "chutich.dakrong@example.org,0")

    _load(engine, config_dir, FIRST_LOAD)

    with session_factory(engine)() as session:
        dakrong = _unit(session, "ldld-dakrong")
        assert (dakrong.active, dakrong.valid_from, dakrong.valid_until) == (
            False,
            date(2019, 8, 12),
            date(2019, 8, 12),
        )
        expected = {r.unit.code for r in expected_reports(session) if r.milestone_code == "bao-cao-don-vi"}
        assert len(expected) == 12
        assert "ldld-dakrong" not in expected


def test_a_renamed_unit_keeps_its_reports_and_the_rename_is_audited(engine: Engine, config_dir: Path) -> None:
    _load(engine, config_dir, FIRST_LOAD)
    _edit_units(config_dir, "Liên đoàn Lao động thành phố Đông Hà", "Liên đoàn Lao động khu vực Đông Hà")

    result = _load(engine, config_dir, SECOND_LOAD)

    assert result.changes == ["Cập nhật đơn vị ldld-dong-ha: name."]
    with session_factory(engine)() as session:
        [report] = [r for r in expected_reports(session) if r.unit.code == "ldld-dong-ha"]
        assert report.unit.name == "Liên đoàn Lao động khu vực Đông Hà"
        rename = audit_trail(session)[-1]
        assert (rename.action, rename.unit_code, rename.at, rename.actor) == (
            "unit.rename",
            "ldld-dong-ha",
            SECOND_LOAD,
            "Quản trị viên",
        )
        assert (rename.before, rename.after) == (
            {"name": "Liên đoàn Lao động thành phố Đông Hà"},
            {"name": "Liên đoàn Lao động khu vực Đông Hà"},
        )


def test_new_contacts_are_an_update_with_only_the_changed_fields_audited(
    engine: Engine, config_dir: Path
) -> None:
    _load(engine, config_dir, FIRST_LOAD)
    _edit_units(
        config_dir, "ldld.dongha@example.org;vanphong.dongha@example.org", "vanthu.dongha@example.org"
    )

    _load(engine, config_dir, SECOND_LOAD)

    with session_factory(engine)() as session:
        assert _unit(session, "ldld-dong-ha").emails == ["vanthu.dongha@example.org"]
        update = audit_trail(session)[-1]
        assert (update.action, update.before, update.after) == (
            "unit.update",
            {"emails": ["ldld.dongha@example.org", "vanphong.dongha@example.org"]},
            {"emails": ["vanthu.dongha@example.org"]},
        )


def test_a_unit_removed_then_listed_again_is_active_again_with_an_open_validity(
    engine: Engine, config_dir: Path
) -> None:
    _load(engine, config_dir, FIRST_LOAD)
    _edit_units(config_dir, DONG_HA + "\n", "")
    _load(engine, config_dir, SECOND_LOAD)
    with session_factory(engine)() as session:
        retired = _unit(session, "ldld-dong-ha")
        assert (retired.active, retired.valid_until) == (False, date(2019, 9, 3))

    _edit_units(config_dir, "ldld-tx-quang-tri,", DONG_HA + "\nldld-tx-quang-tri,")
    result = _load(engine, config_dir, SECOND_LOAD)

    assert result.changes == ["Cập nhật đơn vị ldld-dong-ha: active."]
    with session_factory(engine)() as session:
        revived = _unit(session, "ldld-dong-ha")
        assert (revived.active, revived.valid_from, revived.valid_until) == (True, date(2019, 8, 12), None)
        assert [(a.action, a.before, a.after) for a in audit_trail(session)[-2:]] == [
            ("unit.retire", {"active": True}, {"active": False}),
            ("unit.update", {"active": False}, {"active": True}),
        ]
