"""A clerk records a report while the sweep is sending the batch its reminder was claimed in: the
reminder is checked again right before it goes, and cancelled, not sent (issue 13, item 3). Before,
the check ran only when the batch was claimed, and such a reminder reached the unit after its report
had been recorded."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from tests.helpers import FolderBetweenMessages
from tests.integration.reminder_fixtures import (
    TEMPLATES_DIR,
    at,
    keep_units,
    load,
    outbox_row,
    receive_report,
)
from tracker.mail.delivery import SendJob
from tracker.mail.message import wire_headers
from tracker.mail.render import template_environment
from tracker.services.sweep import Sweep

UNITS = ["ldld-dong-ha", "cd-y-te"]


def unit_of(job: SendJob) -> str:
    return str(wire_headers(job.data)["X-Tracker-Key"]).split("/")[2]


def test_a_report_recorded_while_its_batch_is_being_sent_cancels_its_reminder(
    engine: Engine, config_dir: Path, tmp_path: Path
) -> None:
    keep_units(config_dir, UNITS)
    load(engine, config_dir)
    written: list[str] = []

    def clerk_records_the_others_after_the_first(job: SendJob) -> None:
        written.append(unit_of(job))
        if len(written) == 1:
            for unit in set(UNITS) - {written[0]}:
                receive_report(engine, unit, date(2019, 8, 26), at(26, 8, 7, 30))

    transport = FolderBetweenMessages(tmp_path / "outbox", clerk_records_the_others_after_the_first)
    sweep = Sweep(
        engine=engine,
        templates=template_environment(TEMPLATES_DIR),
        transport=lambda: transport,
        mail_from="",
        worker="test:1",
    )

    lines = sweep.run(at(26, 8)).lines

    (first,) = written
    (other,) = set(UNITS) - {first}
    assert sorted((line.unit, line.state) for line in lines) == sorted(
        [(first, "sent"), (other, "cancelled")]
    )
    assert outbox_row(engine, other, "thong-bao").state == "cancelled"
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1
