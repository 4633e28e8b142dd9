"""The board counts in the database what the digest counts report by report: the same numbers for
every open milestone at every moment (before, on and after the deadline; received on time, late,
exempt; a unit granted more time, before and after its own last day, and received within it), the
same plans shown, and the daemon's health."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.integration.reminder_fixtures import at, exempt_unit, grant_extension, load, receive_report
from tracker.core.digest import MilestoneTally
from tracker.services.board import board
from tracker.services.digests import gather_digest
from tracker.store.db import session_factory
from tracker.store.repository import load_office


@pytest.mark.parametrize(
    "moment",
    [
        at(12, 8, 9, 0),
        at(13, 9, 10, 0),
        at(16, 9, 16, 59),
        at(17, 9, 8, 0),
        at(27, 9, 16, 0),
        at(30, 9, 9, 0),
        at(31, 10, 9, 0),
        at(5, 11, 9, 0),
    ],
    ids=str,
)
def test_board_numbers_are_the_digest_numbers(engine: Engine, config_dir: Path, moment: datetime) -> None:
    load(engine, config_dir)
    receive_report(engine, "ldld-dong-ha", date(2019, 9, 12), at(12, 9, 9, 0))
    receive_report(engine, "cd-y-te", date(2019, 9, 18), at(18, 9, 9, 0))  # late
    exempt_unit(engine, "ldld-cam-lo", at(13, 9, 10, 0))
    grant_extension(engine, "ldld-trieu-phong", date(2019, 9, 27), at(10, 9, 9, 0), at(11, 9, 9, 0))
    grant_extension(engine, "cd-cong-thuong", date(2019, 9, 27), at(10, 9, 9, 0), at(11, 9, 9, 0))
    receive_report(engine, "cd-cong-thuong", date(2019, 9, 25), at(25, 9, 9, 0))  # late, within its own day
    with session_factory(engine)() as session:
        office = load_office(session)
        shown = board(session, office, moment)
        digest = gather_digest(session, office, moment).digest

    def numbers(m: MilestoneTally) -> tuple[object, ...]:
        names = ("expected", "received_on_time", "received_late", "exempt", "outstanding_count", "days_past")
        return (m.milestone.code, *(getattr(m, name) for name in names))

    assert [numbers(m) for p in shown.plans for m in p.milestones] == [numbers(m) for m in digest.milestones]
    assert [p.plan.code for p in shown.plans] == [p.plan.code for p in digest.plans]
    assert shown.health == digest.health
