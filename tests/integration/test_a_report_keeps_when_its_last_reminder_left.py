"""Each report keeps when its latest reminder was accepted by the mail server (what the milestone page
sorts 100,000 reports by): set as each answer is recorded, never moved back by an older one, never
set by a reminder that did not leave."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select

from tests.integration.reminder_fixtures import at, keep_units, load, outbox, sweep_for
from tests.smtp_server import SmtpSink
from tracker.store.db import session_factory
from tracker.store.tables import ExpectedReportRow, UnitRow


def _last_reminders(engine: Engine) -> dict[str, object]:
    with session_factory(engine)() as session:
        rows = session.execute(
            select(UnitRow.code, ExpectedReportRow.last_reminder_at).join(ExpectedReportRow.unit)
        ).all()
    return {code: last for code, last in rows if code != "owner"}


def test_the_last_reminder_is_the_latest_one_that_left(
    engine: Engine, config_dir: Path, smtp_sink: SmtpSink
) -> None:
    keep_units(config_dir, ["ldld-dong-ha", "cd-y-te"])
    load(engine, config_dir)
    sweep = sweep_for(engine, smtp_sink.env())
    assert set(_last_reminders(engine).values()) == {None}

    sweep.run(at(26, 8, 7, 31))  # the notice
    notice_sent = {row.unit_code: row.sent_at for row in outbox(engine) if row.sent_at}
    assert _last_reminders(engine) == notice_sent and len(notice_sent) == 2

    smtp_sink.stop()
    sweep.run(at(9, 9, 7, 31))  # the first reminder cannot leave: the notice stays the last one
    assert _last_reminders(engine) == notice_sent

    smtp_sink.start()
    sweep.run(at(9, 9, 8, 0))
    latest = {
        code: max(row.sent_at for row in outbox(engine) if row.unit_code == code and row.sent_at)
        for code in notice_sent
    }
    assert _last_reminders(engine) == latest and latest != notice_sent
