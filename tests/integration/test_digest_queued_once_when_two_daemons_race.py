"""Two daemons queueing the same week's digest at the same moment (started together past the digest
time): the one whose insert comes second leaves the row to the first, without an error, and says it
queued nothing (issue 13, item 6: PostgreSQL raised UniqueViolation on uq_outbox_key)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, select

from tests.integration.reminder_fixtures import TEMPLATES_DIR, at, load
from tracker.digest.wording import digest_environment
from tracker.services.digests import DigestQueue
from tracker.services.sweep import default_mail_from
from tracker.store.db import make_engine, session_factory
from tracker.store.repository import load_office
from tracker.store.tables import OutboxRow

PERIOD = at(16, 9, 8, 0)  # a Monday's digest


def digest_queue(archive_dir: Path) -> DigestQueue:
    return DigestQueue(
        env=digest_environment(TEMPLATES_DIR.parent), mail_from=default_mail_from, archive_dir=archive_dir
    )


def test_the_second_daemon_to_insert_the_digest_queues_nothing_and_does_not_fail(
    engine: Engine, database_url: str, config_dir: Path, tmp_path: Path
) -> None:
    if engine.dialect.name == "sqlite":
        pytest.skip("SQLite runs the two transactions one after the other (BEGIN IMMEDIATE): no race")
    load(engine, config_dir)
    other = make_engine(database_url)
    other_queued: list[bool] = []

    def the_other_daemon_commits_first(*args: Any) -> None:
        statement = args[2]
        if statement.startswith("INSERT INTO outbox") and not other_queued:
            # Our check found no digest; before our insert runs, the other daemon queues and commits it.
            with session_factory(other)() as session, session.begin():
                queue = digest_queue(tmp_path / "other")
                other_queued.append(queue.queue(session, load_office(session), PERIOD, PERIOD))

    event.listen(engine, "before_cursor_execute", the_other_daemon_commits_first)
    try:
        with session_factory(engine)() as session, session.begin():
            queued = digest_queue(tmp_path / "ours").queue(session, load_office(session), PERIOD, PERIOD)
    finally:
        event.remove(engine, "before_cursor_execute", the_other_daemon_commits_first)
        other.dispose()

    assert (other_queued, queued) == ([True], False)
    with session_factory(engine)() as session:
        assert (
            session.scalar(select(func.count()).select_from(OutboxRow).where(OutboxRow.kind == "digest")) == 1
        )
