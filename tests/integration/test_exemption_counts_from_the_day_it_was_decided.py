"""An exemption has the date the decision was taken (`exempt --on`, default today): a status or digest
as of an earlier day does not show it; one decided today counts from the moment it is recorded."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.integration.reminder_fixtures import PLAN, UNITS_REPORT, at, keep_units, load
from tracker.core.digest import build_digest
from tracker.core.model import ReportState
from tracker.core.status import status_lines
from tracker.errors import InvalidFields
from tracker.services.submissions import exempt
from tracker.store.db import session_factory
from tracker.store.repository import audit_trail, expected_reports, find_expected_report, load_office

RECORDED = at(20, 9, 10, 0)


@pytest.fixture
def loaded(engine: Engine, config_dir: Path) -> Engine:
    keep_units(config_dir, ["ldld-dong-ha", "cd-vien-chuc"])
    load(engine, config_dir)
    return engine


def _exempt(engine: Engine, on: date | None) -> None:
    with session_factory(engine)() as session, session.begin():
        exempt(
            session,
            load_office(session),
            PLAN,
            UNITS_REPORT,
            "cd-vien-chuc",
            by="Hà",
            note="Đã sáp nhập",
            now=RECORDED,
            on=on,
        )


def _state(engine: Engine, as_of: datetime) -> ReportState:
    with session_factory(engine)() as session:
        office = load_office(session)
        lines = status_lines(office, expected_reports(session, PLAN), as_of)
    [line] = [x for x in lines if (x.milestone, x.unit) == (UNITS_REPORT, "cd-vien-chuc")]
    return line.state


def test_an_exemption_decided_on_a_past_day_counts_from_that_day(loaded: Engine) -> None:
    _exempt(loaded, date(2019, 9, 18))

    assert _state(loaded, at(17, 9, 23, 59)) is ReportState.OVERDUE
    assert _state(loaded, at(18, 9, 0, 0)) is ReportState.EXEMPT
    with session_factory(loaded)() as session:
        row = find_expected_report(session, PLAN, UNITS_REPORT, "cd-vien-chuc")
        assert row is not None
        assert (row.exempted_on, row.exempted_by) == (date(2019, 9, 18), "Hà")
        entry = audit_trail(session)[-1]
        assert entry.at == RECORDED  # when it was recorded, not when it was decided
        assert entry.after is not None
        assert (entry.after["exempt"], entry.after["exempted_on"]) == (True, "2019-09-18")


def test_an_exemption_decided_today_counts_from_the_moment_it_is_recorded(loaded: Engine) -> None:
    _exempt(loaded, None)

    assert _state(loaded, at(20, 9, 9, 59)) is ReportState.OVERDUE
    assert _state(loaded, RECORDED) is ReportState.EXEMPT


def test_a_digest_as_of_an_earlier_day_does_not_show_it(loaded: Engine) -> None:
    _exempt(loaded, date(2019, 9, 18))

    with session_factory(loaded)() as session:
        office = load_office(session)
        reports = expected_reports(session)
        before = build_digest(office, reports, [], at(16, 9, 8, 0))
        after = build_digest(office, reports, [], at(23, 9, 8, 0))
    assert before.plans[0].milestones[0].exempt == 0
    assert after.plans[0].milestones[0].exempt == 1


def test_an_exemption_decided_in_the_future_is_refused(loaded: Engine) -> None:
    with pytest.raises(InvalidFields) as refused:
        _exempt(loaded, date(2019, 9, 21))

    assert refused.value.problems == {"on": "Ngày miễn nộp 21/09/2019 ở tương lai (hôm nay là 20/09/2019)."}
    assert _state(loaded, at(25, 9)) is ReportState.OVERDUE
