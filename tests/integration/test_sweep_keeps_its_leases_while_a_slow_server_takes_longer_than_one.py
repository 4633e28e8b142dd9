"""A sending pass renews its leases while it sends: when a slow server makes a batch last longer than
one lease (10 minutes), a second daemon sweeping meanwhile finds the batch's remaining emails still
held and claims none of them, so none goes out twice (issue 13, item 4)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from types import TracebackType
from typing import Self

from sqlalchemy import Engine

from tests.integration.reminder_fixtures import at, keep_units, load, outbox, sweep_for
from tests.smtp_server import SmtpSink
from tracker.core.delivery import Delivery
from tracker.mail.delivery import BeforeSend, OnDelivery, SendJob
from tracker.mail.folder import OutboxFolderTransport
from tracker.services.outbox import Sender
from tracker.store.db import session_factory
from tracker.store.outbox import claim

UNITS = ["ldld-dong-ha", "ldld-cam-lo", "cd-giao-duc", "cd-y-te"]
T = at(26, 8, 7, 35)


class SlowServer:
    """The outbox folder, where the second message takes 11 minutes (on the pass's clock) and, after
    the third, another daemon sweeps."""

    def __init__(self, folder: Path, clock: list[float], other_daemon: Callable[[], None]) -> None:
        self.folder = OutboxFolderTransport(folder)
        self.clock = clock
        self.other_daemon = other_daemon
        self.answered = 0

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
            self.answered += 1
            if self.answered == 2:
                self.clock[0] += timedelta(minutes=11).total_seconds()
            if self.answered == 3:
                self.other_daemon()
            return go_on

        return await self.folder.send_all(jobs, delivered, before_send)


def test_a_second_daemon_claims_nothing_of_a_batch_still_being_sent_after_its_first_lease(
    engine: Engine, config_dir: Path, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    keep_units(config_dir, UNITS)
    load(engine, config_dir)
    sweep = sweep_for(engine, smtp_sink.env())
    smtp_sink.stop()
    sweep.run(at(26, 8))  # queued; the server was down: due again at 07:35
    office = sweep.office()
    taken_by_the_other: list[str] = []

    def the_other_daemon_sweeps() -> None:
        with session_factory(engine)() as session, session.begin():
            rows = claim(session, T + timedelta(minutes=12), "daemon-b:2", office.zone, 200)
            taken_by_the_other.extend(row.unit_code for row in rows)

    clock = [0.0]
    server = SlowServer(tmp_path / "outbox", clock, the_other_daemon_sweeps)
    sender = Sender(engine, server, office.window, "daemon-a:1", clock=lambda: clock[0])

    result = sender.send_due(T)

    assert taken_by_the_other == []
    assert [attempt.state for attempt in result.attempts] == ["sent"] * len(UNITS)
    assert {row.state for row in outbox(engine)} == {"sent"}
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == len(UNITS)
