"""A receipt recorded by mistake and undone gives back what it took: the reminder it cancelled while
waiting for the server is queued again and reaches the unit with the others (issue 13, item 1)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from tests.integration.reminder_fixtures import (
    PLAN,
    UNITS_REPORT,
    at,
    keep_units,
    load,
    mails,
    outbox,
    outbox_row,
    receive_report,
    sweep_for,
)
from tests.smtp_server import SmtpSink
from tracker.services.submissions import unreceive
from tracker.store.db import session_factory
from tracker.store.repository import load_office

UNITS = ["ldld-dong-ha", "cd-giao-duc", "cd-y-te"]


def test_a_receipt_undone_while_the_notices_wait_for_the_server_gets_the_unit_its_notice(
    engine: Engine, config_dir: Path, smtp_sink: SmtpSink
) -> None:
    keep_units(config_dir, UNITS)
    load(engine, config_dir)
    sweep = sweep_for(engine, smtp_sink.env())
    smtp_sink.stop()
    sweep.run(at(26, 8))  # the notices are queued; the server is down

    receive_report(engine, "cd-y-te", date(2019, 8, 26), at(26, 8, 7, 32))
    assert outbox_row(engine, "cd-y-te", "thong-bao").state == "cancelled"
    with session_factory(engine)() as session, session.begin():
        office = load_office(session)
        unreceive(
            session,
            office,
            PLAN,
            UNITS_REPORT,
            "cd-y-te",
            by="Văn thư",
            note="Nhầm đơn vị",
            now=at(26, 8, 7, 40),
        )
    smtp_sink.start()
    sweep.run(at(26, 8, 7, 45))

    assert [(m.unit, m.step) for m in mails(smtp_sink.received)] == [(u, "thong-bao") for u in sorted(UNITS)]
    assert {(r.unit_code, r.state) for r in outbox(engine)} == {(u, "sent") for u in UNITS}
