"""How fast the reminder engine sends, against the limit of the same machine, and how long planning takes.

Run by hand (not by pytest): `.venv/bin/python bench/bench_reminders.py [--units 10000] [--connections 4]
[--planning-units 100000] [--json]`. Everything happens in a temporary folder on SQLite, against one aiosmtpd
server in a process of its own that accepts every message at once and only counts them. In one run:

a. the limit: a bare aiosmtplib loop sending pre-built messages (the bytes the tracker rendered in b)
   into that server, on 1 connection and on N, in messages per second;
b. the tracker's own path for `--units` generated units with one step due at T: `load`, then
   `Sweep.run(T)` (decide → render → outbox → send → record) with TRACKER_SMTP_CONNECTIONS=1 and N,
   in messages per second, and its ratio to a. with the same connection count (goal: at least 0.5,
   and at least 0.8 on 1 connection);
c. one planning sweep (`Sweep.run(T, dry_run=True)`: read what is due and decide) over
   `--planning-units` units x 3 milestones when 1% of the reports are due at T and the others later,
   as in steady state, next to a bare indexed SELECT of the same due rows (goal: at most 3 times).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from multiprocessing.sharedctypes import Synchronized
from multiprocessing.synchronize import Event
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as SmtpServer
from aiosmtpd.smtp import Envelope, Session
from aiosmtplib import SMTP
from rows import Row, reported
from sqlalchemy import Engine, func, select, update
from world import LOADED_AT, TEMPLATES_DIR, ZONE, generated_config

from tracker.config import load_config
from tracker.mail.delivery import SendJob
from tracker.mail.render import template_environment
from tracker.mail.transport import transport_from_settings
from tracker.services.loading import load_config_into
from tracker.services.sweep import Sweep
from tracker.store.db import make_engine, migrate, session_factory
from tracker.store.tables import ExpectedReportRow, OutboxRow

LOOPBACK = "127.0.0.1"
T = datetime(2019, 8, 26, 7, 30, tzinfo=ZONE)  # the notice (-21 days) of a report due "trước 15/9/2019"
DUE_SHARE = 100  # 1 report in 100 is due in the planning sweep

PLAN = """\
code = "ke-hoach-do-tai"
title = "Kế hoạch đo tải: sơ kết 3 năm thực hiện Đề án phát triển tổ chức công đoàn"
reference = "Kế hoạch số 1/KH-LĐLĐ"
issued = "12/8/2019"
ladder = "standard"

[[sections]]
key = "ket-qua"
title = "Kết quả phát triển đoàn viên, thành lập công đoàn cơ sở"

[[figures]]
key = "doan_vien_moi"
label = "Số đoàn viên kết nạp mới"
unit = "người"
{milestones}"""
MILESTONE = """
[[milestones]]
code = "moc-{n}"
title = "Báo cáo số {n}"
due = "15/9/2019"
due_rule = "before"
audience = "units"
"""


# -- the sink: another process, so that the server's work does not share the client's interpreter --


class _Counting:
    """Accepts every message at once and counts it; nothing is parsed or kept."""

    def __init__(self, count: Synchronized[int]) -> None:
        self.count = count

    async def handle_DATA(self, server: SmtpServer, session: Session, envelope: Envelope) -> str:
        with self.count.get_lock():
            self.count.value += 1
        return "250 2.0.0 OK"


def _serve(port: int, count: Synchronized[int], ready: Event, stop: Event) -> None:
    controller = Controller(_Counting(count), hostname=LOOPBACK, port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


@dataclass
class Sink:
    port: int
    count: Synchronized[int]
    stop: Event
    process: multiprocessing.Process

    @classmethod
    def start(cls) -> Sink:
        with socket.socket() as probe:
            probe.bind((LOOPBACK, 0))
            port = int(probe.getsockname()[1])
        context = multiprocessing.get_context("spawn")
        count, ready, stop = context.Value("q", 0), context.Event(), context.Event()
        process = context.Process(target=_serve, args=(port, count, ready, stop), daemon=True)
        process.start()
        if not ready.wait(30):
            raise RuntimeError("the SMTP sink did not start")
        return cls(port, count, stop, process)

    def close(self) -> None:
        self.stop.set()
        self.process.join(10)

    @property
    def received(self) -> int:
        return int(self.count.value)

    def env(self, connections: int) -> dict[str, str]:
        return {
            "TRACKER_SMTP_HOST": LOOPBACK,
            "TRACKER_SMTP_PORT": str(self.port),
            "TRACKER_SMTP_TLS": "none",
            "TRACKER_SMTP_CONNECTIONS": str(connections),
        }


# -- a. the limit ----------------------------------------------------------------------------------


async def _raw_loop(port: int, messages: Sequence[SendJob], connections: int) -> None:
    async def one_connection(share: Sequence[SendJob]) -> None:
        client = SMTP(hostname=LOOPBACK, port=port, start_tls=False, use_tls=False)
        await client.connect()
        for message in share:
            await client.sendmail(message.sender, message.recipients, message.data)
        await client.quit()

    await asyncio.gather(*(one_connection(messages[n::connections]) for n in range(connections)))


def raw_rate(sink: Sink, messages: Sequence[SendJob], connections: int) -> float:
    before = sink.received
    start = time.perf_counter()
    asyncio.run(_raw_loop(sink.port, messages, connections))
    seconds = time.perf_counter() - start
    assert sink.received - before == len(messages)
    return len(messages) / seconds


def prebuilt(engine: Engine) -> list[SendJob]:
    """The messages the tracker queued, as the bytes an SMTP client sends."""
    with session_factory(engine)() as session:
        query = select(OutboxRow.message, OutboxRow.to_addrs, OutboxRow.cc_addrs).order_by(OutboxRow.id)
        return [SendJob.of(data, (*to, *cc)) for data, to, cc in session.execute(query)]


# -- b. the tracker's path -------------------------------------------------------------------------


def loaded(folder: Path, units: int, milestones: int) -> tuple[Engine, float]:
    """A fresh SQLite database with the generated config loaded; the seconds the load took."""
    # Every milestone is due "trước 15/9/2019": each has its notice (-21 days) at T.
    plan = PLAN.format(milestones="".join(MILESTONE.format(n=n + 1) for n in range(milestones)))
    config = load_config(generated_config(folder / "config", units, plan), templates_dir=TEMPLATES_DIR)
    engine = make_engine(f"sqlite:///{folder / 'tracker.db'}")
    migrate(engine)
    start = time.perf_counter()
    with session_factory(engine)() as session, session.begin():
        load_config_into(session, config, now=LOADED_AT, actor="bench")
    return engine, time.perf_counter() - start


def sweep(engine: Engine, env: dict[str, str]) -> Sweep:
    return Sweep(
        engine=engine,
        templates=template_environment(TEMPLATES_DIR),
        transport=lambda: transport_from_settings(env),
        mail_from="",
        worker="bench:1",
    )


def tracker_rate(sink: Sink, folder: Path, units: int, connections: int) -> tuple[float, float, Engine]:
    """Messages per second of one `Sweep.run(T)` sending a notice to each of `units` units."""
    engine, load_seconds = loaded(folder, units, 1)
    before = sink.received
    start = time.perf_counter()
    result = sweep(engine, sink.env(connections)).run(T)
    seconds = time.perf_counter() - start
    sent = sum(line.state == "sent" for line in result.lines)
    assert sent == units == sink.received - before, (sent, units, sink.received - before)
    return units / seconds, load_seconds, engine


# -- c. the planning sweep -------------------------------------------------------------------------


def steady_state(engine: Engine) -> int:
    """1 report in DUE_SHARE needs a look at T, the others in a week (as after earlier sweeps)."""
    with session_factory(engine)() as session, session.begin():
        session.execute(update(ExpectedReportRow).values(next_reminder_at=T + timedelta(days=7)))
        session.execute(
            update(ExpectedReportRow)
            .where(ExpectedReportRow.id % DUE_SHARE == 0)
            .values(next_reminder_at=T - timedelta(minutes=5))
        )
        return int(session.scalar(select(func.count()).where(ExpectedReportRow.next_reminder_at <= T)) or 0)


def bare_due_select(engine: Engine) -> Callable[[], int]:
    """The due rows through the `next_reminder_at` index, every column, and nothing else."""
    query = select(ExpectedReportRow.__table__).where(ExpectedReportRow.next_reminder_at <= T)

    def run() -> int:
        with engine.connect() as connection:
            return len(connection.execute(query).all())

    return run


def timed(action: Callable[[], object], repeat: int) -> float:
    """The median wall time of `action` over `repeat` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# -- the run ---------------------------------------------------------------------------------------


def measure(units: int, connections: int, planning_units: int, repeat: int) -> list[Row]:
    counts = sorted({1, connections})
    rows: list[Row] = []
    print(f"Python {sys.version.split()[0]}, SQLite, aiosmtpd sink in its own process, T = {T.isoformat()}")
    sink = Sink.start()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-reminders-") as folder:
            root = Path(folder)
            print(f"\nb. the tracker: load, then Sweep.run(T) sending {units} notices")
            tracker: dict[int, float] = {}
            engine = None
            for count in counts:
                (root / f"b{count}").mkdir()
                rate, load_seconds, engine = tracker_rate(sink, root / f"b{count}", units, count)
                tracker[count] = rate
                print(f"  {count} connection(s): {rate:7.0f} messages/s   (load {load_seconds:.1f} s)")
            assert engine is not None
            messages = prebuilt(engine)
            size = statistics.mean(len(m.data) for m in messages)
            print(f"\na. the limit: aiosmtplib sendmail of the same {len(messages)} messages ({size:.0f} B)")
            for count in counts:
                limit = raw_rate(sink, messages, count)
                goal = 0.8 if count == 1 else 0.5
                print(
                    f"  {count} connection(s) {limit:7.0f} messages/s"
                    f"   tracker / limit = {tracker[count] / limit:4.2f}   (goal ≥ {goal})"
                )
                rows.append(
                    Row(
                        f"reminders end to end, {units:,} notices, {count} connection(s), vs bare aiosmtplib",
                        tracker[count],
                        "msg/s",
                        goal,
                        limit=limit,
                        at_least=True,
                    )
                )

            print(f"\nc. one planning sweep over {planning_units} units x 3 milestones, 1% due")
            (root / "c").mkdir()
            engine, load_seconds = loaded(root / "c", planning_units, 3)
            due = steady_state(engine)
            planner = sweep(engine, sink.env(1))
            lines: list[int] = []
            planning = timed(lambda: lines.append(len(planner.run(T, dry_run=True).lines)), repeat)
            floor = timed(bare_due_select(engine), repeat)
            assert set(lines) == {due}, (lines, due)
            print(f"  load {load_seconds:6.1f} s; {due} of {planning_units * 3} reports due at T")
            print(
                f"  Sweep.run(T, dry_run=True) {planning * 1000:7.0f} ms"
                f"   = {planning / floor:5.1f} x the indexed SELECT of the due rows ({floor * 1000:.1f} ms)"
                "   (goal ≤ 3×)"
            )
            rows.append(
                Row(
                    f"planning sweep, {planning_units:,} units x 3 milestones, 1% due, vs indexed SELECT",
                    planning * 1000,
                    "ms",
                    3,
                    limit=floor * 1000,
                )
            )
    finally:
        sink.close()
    print(f"\nfinished {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--planning-units", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="the rows of `make bench` on stdout")
    options = parser.parse_args()
    reported(
        options.json,
        lambda: measure(options.units, options.connections, options.planning_units, options.repeat),
    )


if __name__ == "__main__":
    main()
