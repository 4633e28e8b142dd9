"""A daemon started when no plan is open (before the first is issued, after the last has closed)
queues no empty digest: there is nothing to report to the Standing Committee."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, func, select

from tests.integration.reminder_fixtures import TEMPLATES_DIR, at, load
from tracker.digest.wording import digest_environment
from tracker.services.digests import DigestQueue
from tracker.services.sweep import default_mail_from
from tracker.store.db import session_factory
from tracker.store.repository import load_office
from tracker.store.tables import OutboxRow


def test_a_digest_is_queued_only_while_a_plan_is_open(
    engine: Engine, config_dir: Path, tmp_path: Path
) -> None:
    load(engine, config_dir)
    queue = DigestQueue(digest_environment(TEMPLATES_DIR.parent), default_mail_from, tmp_path / "digests")
    with session_factory(engine)() as session, session.begin():
        office = load_office(session)
        before_issue = at(5, 8, 8, 0)  # the seed plan was issued on 12/8/2019
        after_close = at(6, 1, 8, 0).replace(year=2020)  # it closed on 31/12/2019
        open_week = at(16, 9, 8, 0)
        queued = [
            queue.queue(session, office, moment, moment) for moment in (before_issue, after_close, open_week)
        ]
    with session_factory(engine)() as session:
        digests = session.scalar(
            select(func.count()).select_from(OutboxRow).where(OutboxRow.kind == "digest")
        )
    assert queued == [False, False, True]
    assert digests == 1
    assert [p.name for p in (tmp_path / "digests").iterdir()] != []  # the open week's digest is archived
