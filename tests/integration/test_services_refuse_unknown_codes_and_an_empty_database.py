"""The status and schedule services answer an unknown plan or unit as bad input (exit code 2, a 400 on
the web), not with an empty list; before the first `tracker load` there is no office to work from."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.integration.reminder_fixtures import PLAN, at, load
from tracker.errors import BadInput, NothingLoaded
from tracker.services.schedule import coming_reminders
from tracker.services.status import office_status
from tracker.store.db import session_factory
from tracker.store.repository import load_office

T = at(16, 9, 8, 0)


def test_before_the_first_load_there_is_no_office(engine: Engine) -> None:
    with session_factory(engine)() as session, pytest.raises(NothingLoaded, match="tracker load"):
        load_office(session)


def test_unknown_codes_are_bad_input(engine: Engine, config_dir: Path) -> None:
    load(engine, config_dir)
    with session_factory(engine)() as session:
        office = load_office(session)
        with pytest.raises(BadInput, match="Không có kế hoạch 'ke-hoach-la'"):
            office_status(session, office, T, T, "ke-hoach-la")
        with pytest.raises(BadInput, match="Không có kế hoạch 'ke-hoach-la'"):
            coming_reminders(session, office, T, plan_code="ke-hoach-la")
        with pytest.raises(BadInput, match="Không có đơn vị mã 'don-vi-la'"):
            coming_reminders(session, office, T, unit_code="don-vi-la")

        status = office_status(session, office, T, T, PLAN)
        coming = coming_reminders(session, office, T, plan_code=PLAN, unit_code="ldld-cam-lo")
    assert status.lines and {line.plan for line in status.lines} == {PLAN}
    assert status.health is None  # no daemon ever swept this database
    assert coming and {line.unit for line in coming} == {"ldld-cam-lo"}
