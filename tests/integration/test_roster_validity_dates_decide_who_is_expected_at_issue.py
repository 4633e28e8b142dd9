"""A plan loaded after the roster changed expects the units on the roster the day it was issued: a unit
dissolved before that day is not expected, one founded before it is; a change after that day leaves
the expected set alone and `load` says so."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine

from tests.fixtures.config_edits import PLAN as PLAN_FILE
from tests.fixtures.config_edits import replace_in
from tests.integration.reminder_fixtures import PLAN, UNITS_REPORT, at, keep_units
from tracker.config import load_config
from tracker.services.loading import LoadResult, load_config_into
from tracker.store.db import session_factory
from tracker.store.repository import expected_reports, find_unit

FIRST_LOAD = at(1, 8, 9, 0)  # the roster only: the plan is not written yet
ROSTER_CHANGE = at(5, 8, 9, 0)  # Cam Lộ dissolved, the economic zone's union founded
PLAN_LOAD = at(20, 8, 9, 0)
ZONE_UNION = "cd-kkt,Công đoàn Khu kinh tế tỉnh Quảng Trị,ngành,congdoan.kkt@example.org,Lê Thị Oanh,,1"
OTHER_PLAN = """\
code = "tap-huan-2019"
title = "Tập huấn nghiệp vụ công tác tổ chức năm 2019"
reference = "Công văn số 61/LĐLĐ"
ladder = "standard"

[[milestones]]
code = "danh-sach-hoc-vien"
title = "Gửi danh sách học viên"
due = "20/12/2019"
due_rule = "by"
audience = "owner"
"""


def _load(engine: Engine, config_dir: Path, now: datetime) -> LoadResult:
    with session_factory(engine)() as session, session.begin():
        return load_config_into(session, load_config(config_dir), now=now, actor="test")


def _roster_changes_then_the_plan(engine: Engine, config_dir: Path, issued: str) -> LoadResult:
    keep_units(config_dir, ["ldld-dong-ha", "ldld-cam-lo", "cd-y-te"])
    plans = config_dir / "plans"
    shutil.move(plans / "so-ket-de-an-2019.toml", config_dir / "seed-plan.toml")
    (plans / "tap-huan-2019.toml").write_text(OTHER_PLAN, encoding="utf-8")
    _load(engine, config_dir, FIRST_LOAD)

    units = config_dir / "units.csv"
    kept = [line for line in units.read_text(encoding="utf-8").splitlines() if "ldld-cam-lo" not in line]
    units.write_text("\n".join([*kept, ZONE_UNION]) + "\n", encoding="utf-8")
    _load(engine, config_dir, ROSTER_CHANGE)

    shutil.move(config_dir / "seed-plan.toml", plans / "so-ket-de-an-2019.toml")
    replace_in(config_dir / PLAN_FILE, 'issued = "12/8/2019"', f'issued = "{issued}"')
    return _load(engine, config_dir, PLAN_LOAD)


def _expected(engine: Engine) -> list[str]:
    with session_factory(engine)() as session:
        return [r.unit.code for r in expected_reports(session, PLAN) if r.milestone_code == UNITS_REPORT]


def test_a_plan_issued_after_the_change_expects_the_new_roster(engine: Engine, config_dir: Path) -> None:
    result = _roster_changes_then_the_plan(engine, config_dir, "12/8/2019")

    assert _expected(engine) == ["cd-kkt", "cd-y-te", "ldld-dong-ha"]
    assert not any("expect" in line for line in result.changes)


def test_a_plan_issued_before_the_change_expects_the_old_roster_and_load_says_so(
    engine: Engine, config_dir: Path
) -> None:
    result = _roster_changes_then_the_plan(engine, config_dir, "2/8/2019")

    assert _expected(engine) == ["cd-y-te", "ldld-cam-lo", "ldld-dong-ha"]
    where = f"Mốc {PLAN}/{UNITS_REPORT}"
    assert result.changes[-2:] == [
        f"{where}: đơn vị ldld-cam-lo đã ngừng hoạt động nên không được nhắc nữa, nhưng vẫn thuộc danh "
        f"sách phải nộp. Nếu đơn vị không còn phải nộp: tracker expect remove {PLAN} {UNITS_REPORT} "
        "ldld-cam-lo --by … --note …",
        f"{where}: đơn vị cd-kkt đang hoạt động nhưng không thuộc danh sách phải nộp (danh sách lấy theo "
        f"ngày ban hành kế hoạch). Nếu đơn vị phải nộp: tracker expect add {PLAN} {UNITS_REPORT} cd-kkt "
        "--by … --note …",
    ]


def test_the_validity_of_a_unit_is_the_days_loads_saw_it(engine: Engine, config_dir: Path) -> None:
    _roster_changes_then_the_plan(engine, config_dir, "12/8/2019")

    with session_factory(engine)() as session:
        cam_lo, zone_union = find_unit(session, "ldld-cam-lo"), find_unit(session, "cd-kkt")
        assert cam_lo is not None and zone_union is not None
        assert (cam_lo.valid_from, cam_lo.valid_until) == (date(2019, 8, 1), date(2019, 8, 5))
        assert (zone_union.valid_from, zone_union.valid_until) == (date(2019, 8, 5), None)
