"""Upgrading a database whose exemptions were recorded before they had a date: each is dated the day
it was recorded in the organisation's zone (17:30 UTC on 17/9 is already 18/9 in Quảng Trị)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text

from tracker.store.db import MIGRATIONS_DIR, make_engine, migrate

ROWS = [
    "INSERT INTO organization (id, config, config_hash, loaded_at) "
    """VALUES (1, '{"timezone": "Asia/Ho_Chi_Minh"}', '', '2019-08-12 02:00:00')""",
    "INSERT INTO plans (id, code, title, reference, source_file, config, config_hash, loaded_at) "
    "VALUES (1, 'p', 'P', '', '', '{}', '', '2019-08-12 02:00:00')",
    "INSERT INTO milestones (id, plan_id, code, title, deadline_version) VALUES (1, 1, 'm', 'M', 1)",
    "INSERT INTO units (id, code, name, kind, emails, chair_name, chair_email, active, valid_from) "
    "VALUES (1, 'a', 'A', '', '[]', '', '', true, '2019-08-12'), "
    "(2, 'b', 'B', '', '[]', '', '', true, '2019-08-12')",
    "INSERT INTO expected_reports (id, milestone_id, unit_id, added_at, doc_number, channel, sections, "
    "figures, recorded_by, note, exempted_at, exempted_by) VALUES "
    "(1, 1, 1, '2019-08-12 02:00:00', '', '', '[]', '{}', '', '', '2019-09-17 17:30:00', 'Hà'), "
    "(2, 1, 2, '2019-08-12 02:00:00', '', '', '[]', '{}', '', '', NULL, '')",
]


@pytest.fixture
def at_0002(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
    yield engine
    engine.dispose()


def test_an_exemption_recorded_before_is_dated_the_day_it_was_recorded(at_0002: Engine) -> None:
    with at_0002.begin() as connection:
        for statement in ROWS:
            connection.execute(text(statement))

    migrate(at_0002)

    with at_0002.connect() as connection:
        dated = connection.execute(text("SELECT id, exempted_on FROM expected_reports ORDER BY id")).all()
    assert [(row_id, _day(on)) for row_id, on in dated] == [(1, date(2019, 9, 18)), (2, None)]


def _day(value: object) -> date | None:
    """A date column read through raw SQL: a date from PostgreSQL, text from SQLite."""
    return None if value is None else date.fromisoformat(str(value))
