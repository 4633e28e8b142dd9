"""The milestone's roll: the state filter, a search that ignores marks and case, sorting by a column
and pages of 100, all decided by the database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tests.integration.roll_fixtures import (
    AFTER_DEADLINE,
    MILESTONE,
    PLAN,
    add_units,
    loaded_session,
    office_of,
)
from tracker.core.model import ReportState
from tracker.core.roll import PAGE_SIZE, Roll, RollColumn, RollView
from tracker.errors import NotFound
from tracker.services.roll import milestone_context, milestone_roll
from tracker.services.submissions import Receipt, exempt, receive
from tracker.store.repository import load_office


@pytest.fixture
def session(engine: Engine, config_dir: Path) -> Iterator[Session]:
    add_units(config_dir, 190)
    yield from loaded_session(engine, config_dir)


def _roll(session: Session, **query: list[str]) -> Roll:
    office = office_of(session)
    with session.begin():
        context = milestone_context(session, office, PLAN, MILESTONE)
        return milestone_roll(session, context, RollView.parse(query), AFTER_DEADLINE)


def _record(session: Session) -> None:
    with session.begin():
        receive(
            session,
            load_office(session),
            PLAN,
            MILESTONE,
            "ldld-dong-ha",
            Receipt(date(2019, 9, 13)),
            replace=False,
            now=AFTER_DEADLINE,
        )
        receive(
            session,
            load_office(session),
            PLAN,
            MILESTONE,
            "ldld-gio-linh",
            Receipt(date(2019, 9, 17)),
            replace=False,
            now=AFTER_DEADLINE,
        )
        exempt(
            session,
            load_office(session),
            PLAN,
            MILESTONE,
            "cd-0007",
            by="test",
            note="giải thể",
            now=AFTER_DEADLINE,
        )


def test_a_search_without_marks_finds_the_unit_with_them(session: Session) -> None:
    roll = _roll(session, q=["dong ha"])

    assert [r.unit_name for r in roll.rows] == ["Liên đoàn Lao động thành phố Đông Hà"]
    assert _roll(session, q=["ĐÔNG   HÀ"]).rows == roll.rows
    assert [r.unit_code for r in _roll(session, q=["LDLD-GIO"]).rows] == ["ldld-gio-linh"]


def test_a_search_for_a_wildcard_is_taken_literally(session: Session) -> None:
    assert _roll(session, q=["%"]).total == 0
    assert _roll(session, q=["_"]).total == 0


def test_the_state_filter_and_its_counts(session: Session) -> None:
    _record(session)

    roll = _roll(session, state=["received", "received_late"])

    assert {r.unit_code: r.state for r in roll.rows} == {
        "ldld-dong-ha": ReportState.RECEIVED,
        "ldld-gio-linh": ReportState.RECEIVED_LATE,
    }
    assert roll.counts[ReportState.EXEMPT] == 1
    assert roll.counts[ReportState.OVERDUE] == 13 + 190 - 3
    assert roll.total == 2


def test_pages_hold_a_hundred_rows_and_together_every_row_once(session: Session) -> None:
    pages = [_roll(session, sort=["code"], page=[str(n)]) for n in (1, 2, 3)]

    assert [len(p.rows) for p in pages] == [PAGE_SIZE, PAGE_SIZE, 3]
    assert pages[0].pages == 3
    codes = [r.unit_code for p in pages for r in p.rows]
    assert codes == sorted(codes) and len(set(codes)) == 203


def test_sorting_by_received_date_descending_puts_the_latest_first_and_blanks_last(session: Session) -> None:
    _record(session)

    rows = _roll(session, sort=["received"], dir=["desc"]).rows

    assert [r.received_on for r in rows[:2]] == [date(2019, 9, 17), date(2019, 9, 13)]
    assert rows[2].received_on is None


def test_the_default_order_is_by_name_and_the_state_column_puts_the_overdue_first(session: Session) -> None:
    _record(session)

    by_state = _roll(session, sort=["state"], page=["3"]).rows
    names = [r.unit_name for r in _roll(session).rows]

    assert _roll(session, sort=["state"]).rows[0].state is ReportState.OVERDUE
    assert [r.state for r in by_state] == [
        ReportState.RECEIVED_LATE,
        ReportState.RECEIVED,
        ReportState.EXEMPT,
    ]
    assert names[:3] == ["Công đoàn cơ sở số 1", "Công đoàn cơ sở số 10", "Công đoàn cơ sở số 100"]


@pytest.mark.parametrize("column", list(RollColumn))
def test_every_column_sorts_both_ways(session: Session, column: RollColumn) -> None:
    _record(session)

    up = _roll(session, sort=[column.value]).rows
    down = _roll(session, sort=[column.value], dir=["desc"]).rows

    assert len(up) == len(down) == PAGE_SIZE


def test_an_unknown_milestone_is_not_found(session: Session) -> None:
    office = office_of(session)
    with pytest.raises(NotFound), session.begin():
        milestone_context(session, office, PLAN, "khong-co")
    with pytest.raises(NotFound), session.begin():
        milestone_context(session, office, "khong-co", MILESTONE)
