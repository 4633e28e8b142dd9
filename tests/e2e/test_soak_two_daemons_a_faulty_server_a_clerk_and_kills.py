"""The soak (issue 13): two daemons on one database, a mail server that is slow, drops connections and
answers 451 at random, a clerk recording and undoing reports while they send, and five kill -9s of a
daemon (restarted at once), over two plans' campaigns on a clock the test moves. At the end, per
(plan, milestone, unit, step): none lost, none sent after its report was recorded, duplicates only
from the kills and at most as many per kill as a daemon has connections.

The clock: the daemons sweep at the moment the test writes (tests/e2e/soak_daemon.py); the test moves
it to the next moment something is due — a step of a ladder, a retry, the sending window's opening —
once everything due at the current one is settled. A month of reminders thus takes a minute, and a
451's retry "five minutes later" comes as soon as the server's other answers are in.

Seeded: TRACKER_SOAK_SEED=n replays a run's draws (the processes' interleaving still varies). The
figures are printed (`pytest -rA` shows them) and kept in soak-figures.txt in the test's tmp dir.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import IO

import pytest
from sqlalchemy import Engine, func, select

from tests.builders import PROJECT_DIR, at
from tests.e2e.commands import Tracker
from tests.e2e.soak_daemon import write_clock
from tests.fixtures.config_edits import replace_in
from tests.integration.reminder_fixtures import generated_units, write_units
from tests.smtp_server import RandomFaults, ReceivedMail, SmtpSink
from tracker.core.calendar import SendingWindow
from tracker.services.outbox import worker_name
from tracker.services.submissions import Receipt, receive, unreceive
from tracker.store.db import make_engine, reading_sessions, session_factory
from tracker.store.repository import load_office
from tracker.store.tables import ExpectedReportRow, HeartbeatRow, OutboxRow

pytestmark = pytest.mark.soak

SEED = int(os.environ.get("TRACKER_SOAK_SEED", "13"))
UNITS = int(os.environ.get("TRACKER_SOAK_UNITS", "40"))  # per plan; more for a longer soak by hand
CLERKS_UNITS = 12  # cd-00001 … : the clerk works on these; the others are never touched
PLANS = {"so-ket-de-an-2019": "15/9/2019", "so-ket-soak-b": "19/9/2019"}  # code -> units report due
UNITS_REPORT = "bao-cao-don-vi"
END = at(2, 10, 17, 0)  # the clock stops here (the seed plan's first weekly repeat is that morning)
RECEIVED_ON = date(2019, 8, 26)  # the date the clerk writes: the notices' day, on or before every sweep
DAEMONS = 2
CONNECTIONS = 2  # per daemon
KILLS = 5
SLOWEST = 0.03  # seconds before the server's replies to MAIL FROM and to DATA, drawn for each message
DROP, BUSY = 0.03, 0.05  # chances, per message, of a dropped connection and of a 451
# A message may begin to reach the server just after a receipt committed when its check ran just
# before; never later than this after the commit (without a check before each message, one came 8.4 s
# after the receipt: the check ran when a batch was claimed).
CHECK_TO_SEND = 0.3
NO_KILL = -1
SETTLE = 60.0  # seconds the daemons may take to settle one moment before the test calls it a stall

Key = tuple[str, str, str, str, int]  # plan, milestone, unit, step, repeat
Report = tuple[str, str, str]  # plan, milestone, unit


def key_of(mail: ReceivedMail) -> Key:
    plan, milestone, unit, step, repeat = str(mail.message["X-Tracker-Key"]).split("/")
    return plan, milestone, unit, step, int(repeat)


@dataclass
class Daemons:
    """The daemon processes, each killed with SIGKILL and restarted at the test's word."""

    env: dict[str, str]
    engine: Engine
    clock: Path
    log: IO[bytes]
    rng: random.Random
    running: list[subprocess.Popen[bytes]] = field(default_factory=list)
    kills: list[float] = field(default_factory=list)  # time.monotonic() of each kill

    def start(self) -> None:
        """Start a daemon and wait until it has swept once (it is sending, and SIGTERM stops it cleanly)."""
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.e2e.soak_daemon", str(self.clock)],
            cwd=self.clock.parent,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        self.running.append(process)
        name = worker_name(socket.gethostname(), process.pid)
        deadline = time.monotonic() + SETTLE
        while process.poll() is None and time.monotonic() < deadline:
            with reading_sessions(self.engine)() as session:
                if session.get(HeartbeatRow, name) is not None:
                    return
            time.sleep(0.05)  # waiting for the process to start, not for time to pass
        raise AssertionError(f"daemon {name} did not start: exit {process.poll()}")

    def kill_one(self) -> None:
        victim = self.rng.choice(self.running)
        self.kills.append(time.monotonic())
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        self.running.remove(victim)
        self.start()

    def check(self) -> None:
        """Fail at once, with the daemons' log, when one died of its own."""
        died = [process.returncode for process in self.running if process.poll() is not None]
        assert not died, f"a daemon exited ({died}) by itself:\n{_tail(self.clock)}"

    def stop(self) -> None:
        for process in self.running:
            process.terminate()
        for process in self.running:
            assert process.wait(timeout=60) == 0, "a daemon did not stop cleanly on SIGTERM"


@dataclass
class Clerk:
    """Records reports as received and undoes some, in a thread, at the clock's moment; keeps when each
    receipt held: from just after its commit until just before the undo began."""

    engine: Engine
    rng: random.Random
    now: datetime
    done: threading.Event = field(default_factory=threading.Event)
    held: dict[Report, list[tuple[float, float]]] = field(default_factory=lambda: defaultdict(list))
    since: dict[Report, float] = field(default_factory=dict)  # reports received right now
    acts: Counter[str] = field(default_factory=Counter)
    error: BaseException | None = None

    def run(self) -> None:
        reports = [(p, UNITS_REPORT, f"cd-{n:05d}") for p in PLANS for n in range(1, CLERKS_UNITS + 1)]
        try:
            while not self.done.wait(self.rng.uniform(0.02, 0.25)):
                if self.now < at(26, 8):  # the day it writes as received is still to come
                    continue
                # Half the time, a report whose email is on its way right now: the race to lose.
                racing = self.being_sent(reports)
                if racing and self.rng.random() < 0.5:
                    self.acts["racing"] += 1
                    self.act(self.rng.choice(racing))
                else:
                    self.act(self.rng.choice(reports))
        except BaseException as error:  # reported in the test's thread
            self.error = error

    def being_sent(self, reports: list[Report]) -> list[Report]:
        with reading_sessions(self.engine)() as session:
            sending = session.execute(
                select(OutboxRow.plan_code, OutboxRow.milestone_code, OutboxRow.unit_code).where(
                    OutboxRow.state == "sending"
                )
            )
            return sorted(
                {(p, m, u) for p, m, u in sending if (p, m, u) in reports and (p, m, u) not in self.since}
            )

    def act(self, report: Report) -> None:
        with session_factory(self.engine)() as session, session.begin():
            office = load_office(session)
            if report in self.since:
                undo_begins = time.monotonic()
                unreceive(session, office, *report, by="Văn thư", note="nhầm đơn vị", now=self.now)
                self.held[report].append((self.since.pop(report), undo_begins))
                self.acts["unreceive"] += 1
                return
            receipt = Receipt(received_on=RECEIVED_ON, by="Văn thư")
            receive(session, office, *report, receipt, replace=False, now=self.now)
        self.since[report] = time.monotonic()  # committed
        self.acts["receive"] += 1

    def receipts(self) -> Iterator[tuple[Report, float, float]]:
        for report, spans in self.held.items():
            yield from ((report, begun, ended) for begun, ended in spans)
        yield from ((report, begun, float("inf")) for report, begun in self.since.items())


@dataclass
class Campaign:
    """The test's clock and what it waits for: the database's own account of what is due."""

    engine: Engine
    window: SendingWindow
    clock: Path
    now: datetime
    moves: int = 0

    def still_to_do(self) -> str:
        """What is still to do at `now`, in words ("" when nothing: the clock may move on)."""
        with reading_sessions(self.engine)() as session:
            sending = session.scalar(select(func.count()).where(OutboxRow.state == "sending"))
            claimable = session.scalar(
                select(func.count()).where(
                    OutboxRow.state == "pending", OutboxRow.next_attempt_at <= self.now
                )
            )
            due = session.scalar(select(func.count()).where(ExpectedReportRow.next_reminder_at <= self.now))
        if sending:
            return f"{sending} emails being sent"
        if claimable and self.window.is_open(self.now):
            return f"{claimable} emails to send"
        return f"{due} reports to decide" if due else ""

    def settle(self, daemons: Daemons, clerk: Clerk) -> None:
        deadline = time.monotonic() + SETTLE
        while left := self.still_to_do():
            assert time.monotonic() < deadline, f"stalled at {self.now}: {left}\n{_tail(self.clock)}"
            assert clerk.error is None, clerk.error
            daemons.check()
            time.sleep(0.02)  # the daemons' work, not time passing: the clock stands still

    def move_on(self) -> int | None:
        """Move the clock to the next moment something is due: a report's next step (not past END) or a
        retry (past END too: nothing may be left waiting). None when there is none; else how many
        reports come due then."""
        with reading_sessions(self.engine)() as session:
            step = session.scalar(
                select(func.min(ExpectedReportRow.next_reminder_at)).where(
                    ExpectedReportRow.next_reminder_at > self.now
                )
            )
            retry = session.scalar(
                select(func.min(OutboxRow.next_attempt_at)).where(OutboxRow.state == "pending")
            )
            reports = session.scalar(select(func.count()).where(ExpectedReportRow.next_reminder_at == step))
        moments = [step] if step is not None and (step <= END or retry is not None) else []
        if retry is not None:
            moments.append(self.window.opening_on_or_after(max(retry, self.now + timedelta(seconds=1))))
        if not moments:
            return None
        self.now = min(moments)
        write_clock(self.clock, self.now)
        self.moves += 1
        return (reports or 0) if self.now == step else 0


def _second_plan(config_dir: Path) -> None:
    """The seed plan again under another code, its units report due four days later."""
    source = config_dir / "plans" / "so-ket-de-an-2019.toml"
    target = config_dir / "plans" / "so-ket-soak-b.toml"
    target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    replace_in(target, 'code = "so-ket-de-an-2019"', 'code = "so-ket-soak-b"')
    replace_in(target, 'due = "15/9/2019"', f'due = "{PLANS["so-ket-soak-b"]}"')


def _kill_mid_burst(daemons: Daemons, sink: SmtpSink, campaign: Campaign, rng: random.Random) -> None:
    """SIGKILL a daemon once the server has taken a few of the burst's emails (it is sending), and start
    another in its place."""
    target = len(sink.received) + rng.randint(3, UNITS // 2)
    while len(sink.received) < target and campaign.still_to_do():
        time.sleep(0.005)  # waiting for the server to have taken them
    daemons.kill_one()


def _tail(clock: Path) -> str:
    return (clock.parent / "daemons.log").read_text(encoding="utf-8", errors="replace")[-3000:]


def test_soak_nothing_lost_nothing_after_a_receipt_duplicates_only_from_kills(
    tracker: Tracker, database_url: str, config_dir: Path, tmp_path: Path
) -> None:
    began = time.monotonic()
    rng = random.Random(SEED)
    write_units(config_dir, generated_units(UNITS))
    _second_plan(config_dir)
    tracker.ok("load")
    schedule = tracker.json("schedule", "--as-of", "2019-08-12T09:00:00+07:00")
    engine = make_engine(database_url)
    with reading_sessions(engine)() as session:
        campaign = Campaign(engine, load_office(session).window, tmp_path / "clock", at(12, 8, 9, 0))
    write_clock(campaign.clock, campaign.now)
    faults = RandomFaults(SEED, SLOWEST, DROP, BUSY)
    clerk = Clerk(engine, random.Random(SEED + 1), campaign.now)
    clerk_thread = threading.Thread(target=clerk.run, name="clerk")
    bursts = 0
    step_days = {s["at"] for s in schedule if datetime.fromisoformat(s["at"]) <= END}
    kill_at_bursts = sorted(rng.sample(range(1, len(step_days) + 1), KILLS))
    with SmtpSink(faults=faults) as sink, (tmp_path / "daemons.log").open("ab") as log:
        env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
        env |= {k: v for k, v in tracker.env.items() if v is not None}
        env |= sink.env() | {"TRACKER_SMTP_CONNECTIONS": str(CONNECTIONS), "PYTHONPATH": str(PROJECT_DIR)}
        daemons = Daemons(env, engine, campaign.clock, log, random.Random(SEED + 2))
        for _ in range(DAEMONS):
            daemons.start()
        clerk_thread.start()
        try:
            campaign.settle(daemons, clerk)
            while (reports := campaign.move_on()) is not None:
                clerk.now = campaign.now
                if reports >= UNITS // 2:  # a step of a ladder for many units: the daemons are busy
                    bursts += 1
                    if bursts in kill_at_bursts:
                        _kill_mid_burst(daemons, sink, campaign, rng)
                campaign.settle(daemons, clerk)
        finally:
            clerk.done.set()
            clerk_thread.join()
            daemons.stop()
        received = sink.received
    with reading_sessions(engine)() as session:
        rows = {
            (r.plan_code, r.milestone_code, r.unit_code, r.step_key, r.repeat): r.state
            for r in session.scalars(select(OutboxRow).where(OutboxRow.kind == "reminder"))
        }
    engine.dispose()
    scheduled = {
        (s["plan"], s["milestone"], s["unit"], s["step"], s["repeat"]): datetime.fromisoformat(s["at"])
        for s in schedule
        if datetime.fromisoformat(s["at"]) <= campaign.now
    }
    copies = Counter(key_of(m) for m in received)
    late = _begun_after_a_receipt(received, clerk)
    per_kill = _duplicates_per_kill(received, daemons.kills)

    figures = (
        f"soak on {database_url.split(':', 1)[0]}, seed {SEED}: {len(received)} emails taken by the server "
        f"for {len(copies)} reminders ({len(scheduled)} scheduled to {campaign.now:%d/%m} for "
        f"{len(PLANS) * UNITS} reports); {faults.busies} answered 451, {faults.drops} connections dropped, "
        f"replies slowed up to {SLOWEST * 1000:.0f} ms; {len(daemons.kills)} kill -9s, "
        f"{sum(per_kill.values())} duplicates (per kill {[per_kill[n] for n in range(KILLS)]}); clerk "
        f"{clerk.acts['receive']} receipts ({clerk.acts['racing']} of a report whose email was being "
        f"sent) and {clerk.acts['unreceive']} undos; {len(late)} emails begun after a receipt committed "
        f"(latest {max(late.values(), default=0) * 1000:.0f} ms after); clock moved {campaign.moves} "
        f"times; {time.monotonic() - began:.0f} s"
    )
    (tmp_path / "soak-figures.txt").write_text(figures + "\n", encoding="utf-8")
    print(figures)

    assert clerk.error is None, clerk.error
    assert len(daemons.kills) == KILLS, f"only {bursts} bursts to kill in"
    # None lost: the untouched units got exactly what the schedule said, up to where the clock stopped;
    # every email recorded as sent reached the server; nothing waits, nothing cancelled for nothing.
    clerks = {f"cd-{n:05d}" for n in range(1, CLERKS_UNITS + 1)}
    assert {k for k in copies if k[2] not in clerks} == {k for k in scheduled if k[2] not in clerks}
    assert set(rows.values()) <= {"sent", "cancelled", "superseded"}, Counter(rows.values())
    assert [k for k, state in rows.items() if state == "sent" and k not in copies] == []
    assert [k for k in copies if k not in rows] == []
    assert [k for k, state in rows.items() if state == "cancelled" and k[:3] not in clerk.since] == []
    for report in {(p, UNITS_REPORT, u) for p in PLANS for u in clerks} - set(clerk.since):
        last = max((k for k in scheduled if k[:3] == report), key=scheduled.__getitem__)
        assert last in copies, f"{report}: its last step {last} never went out after the undo"
    # None after its report was recorded, but those whose check ran just before the commit.
    assert {key: lag for key, lag in late.items() if lag > CHECK_TO_SEND} == {}
    # Duplicates only from kills, at most one daemon's connections' worth each.
    assert NO_KILL not in per_kill, f"{per_kill[NO_KILL]} duplicates that no kill explains"
    assert all(count <= CONNECTIONS for count in per_kill.values()), per_kill


def _begun_after_a_receipt(received: list[ReceivedMail], clerk: Clerk) -> dict[Key, float]:
    """The emails begun while their report stood recorded: seconds from the receipt's commit."""
    late: dict[Key, float] = {}
    for report, recorded, undone in clerk.receipts():
        for mail in received:
            if key_of(mail)[:3] == report and recorded < mail.begun_at < undone:
                late[key_of(mail)] = max(late.get(key_of(mail), 0.0), mail.begun_at - recorded)
    return late


def _duplicates_per_kill(received: list[ReceivedMail], kills: list[float]) -> Counter[int]:
    """Each extra copy of an email, charged to the first kill after the copy began (its answer died
    with the process); one begun after the last kill is charged to NO_KILL."""
    begun: dict[Key, list[float]] = defaultdict(list)
    for mail in received:
        begun[key_of(mail)].append(mail.begun_at)
    per_kill: Counter[int] = Counter()
    for moments in begun.values():
        for moment in sorted(moments)[:-1]:
            per_kill[next((n for n, killed in enumerate(kills) if killed >= moment), NO_KILL)] += 1
    return per_kill
