"""A clerk records a report while the sweep is sending the batch its reminder was claimed in: the
reminder is checked again right before it goes, and cancelled, not sent (issue 13, item 3). Before,
the check ran only when the batch was claimed, and such a reminder reached the unit after its report
had been recorded."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Self

from sqlalchemy import Engine

from tests.integration.reminder_fixtures import (
    TEMPLATES_DIR,
    at,
    keep_units,
    load,
    outbox_row,
    receive_report,
)
from tracker.core.delivery import Delivery
from tracker.mail.delivery import BeforeSend, OnDelivery, SendJob
from tracker.mail.folder import OutboxFolderTransport
from tracker.mail.message import wire_headers
from tracker.mail.render import template_environment
from tracker.services.sweep import Sweep

UNITS = ["ldld-dong-ha", "cd-y-te"]


def unit_of(job: SendJob) -> str:
    return str(wire_headers(job.data)["X-Tracker-Key"]).split("/")[2]


class ClerkAtWorkDuringTheBatch:
    """The outbox folder, with a clerk recording the other units' reports as soon as the first message
    of a batch has been written."""

    def __init__(self, folder: Path, clerk: Callable[[str], None]) -> None:
        self.folder = OutboxFolderTransport(folder)
        self.clerk = clerk
        self.written: list[str] = []

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None

    async def send_all(
        self,
        jobs: Sequence[SendJob],
        on_delivery: OnDelivery | None = None,
        before_send: BeforeSend | None = None,
    ) -> list[Delivery]:
        def delivered(index: int, delivery: Delivery) -> bool:
            go_on = on_delivery is None or on_delivery(index, delivery)
            self.written.append(unit_of(jobs[index]))
            if len(self.written) == 1:
                for job in jobs:
                    if unit_of(job) != self.written[0]:
                        self.clerk(unit_of(job))
            return go_on

        return await self.folder.send_all(jobs, delivered, before_send)


def test_a_report_recorded_while_its_batch_is_being_sent_cancels_its_reminder(
    engine: Engine, config_dir: Path, tmp_path: Path
) -> None:
    keep_units(config_dir, UNITS)
    load(engine, config_dir)
    transport = ClerkAtWorkDuringTheBatch(
        tmp_path / "outbox", lambda unit: receive_report(engine, unit, date(2019, 8, 26), at(26, 8, 7, 30))
    )
    sweep = Sweep(
        engine=engine,
        templates=template_environment(TEMPLATES_DIR),
        transport=lambda: transport,
        mail_from="",
        worker="test:1",
    )

    lines = sweep.run(at(26, 8)).lines

    (first,) = transport.written
    (other,) = set(UNITS) - {first}
    assert sorted((line.unit, line.state) for line in lines) == sorted(
        [(first, "sent"), (other, "cancelled")]
    )
    assert outbox_row(engine, other, "thong-bao").state == "cancelled"
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1
