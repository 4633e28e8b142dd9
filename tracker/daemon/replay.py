"""The replay: the real daemon's jobs on a virtual clock, with submissions arriving as dates pass.

`tracker run --replay-from DATE` uses it to show a whole campaign in a minute. Jobs, triggers,
database, outbox and templates are the production ones; only the clock differs.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, func, select

from tracker.core.deadlines import parse_date
from tracker.daemon.jobs import Job, last_fire_time
from tracker.daemon.runner import StopFlag, VirtualClock, fire_times
from tracker.errors import BadInput
from tracker.services.submissions import Receipt, exempt, receive
from tracker.services.sweep import SweepResult
from tracker.store.db import session_factory
from tracker.store.repository import load_office
from tracker.store.tables import ExpectedReportRow, OutboxRow

ARRIVAL_TIME = time(9, 0)  # a report dated D is recorded when the clerk opens the mail that morning
ARRIVAL_COLUMNS = ("date", "plan", "milestone", "unit", "action", "doc_number", "sections")
ACTIONS = ("receive", "exempt")
CLERK = "Văn thư (mô phỏng)"


@dataclass(frozen=True)
class Arrival:
    at: datetime
    plan: str
    milestone: str
    unit: str
    action: str
    doc_number: str
    sections: tuple[str, ...]
    figures: dict[str, str]  # figure key → the text in its column


def read_arrivals(path: Path, zone: ZoneInfo) -> list[Arrival]:
    """Read the arrivals CSV; BadInput naming the row and column for anything wrong."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise BadInput(f'{path}: tệp không phải UTF-8; hãy lưu lại với định dạng "CSV UTF-8".') from None
    except OSError as error:
        raise BadInput(f"{path}: không đọc được tệp ({error.strerror}).") from None
    reader = csv.DictReader(line for line in text.splitlines() if line.strip())
    missing = [c for c in ARRIVAL_COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise BadInput(f"{path}: thiếu cột {', '.join(missing)} (cần: {', '.join(ARRIVAL_COLUMNS)}).")
    figure_columns = [c for c in reader.fieldnames or () if c not in ARRIVAL_COLUMNS]
    arrivals = []
    for number, row in enumerate(reader, start=2):
        try:
            day = parse_date(row["date"])
        except ValueError as error:
            raise BadInput(f'{path}, dòng {number}, cột "date": {error}') from None
        if row["action"] not in ACTIONS:
            raise BadInput(
                f"{path}, dòng {number}, cột \"action\": '{row['action']}' phải là receive hoặc exempt."
            )
        arrivals.append(
            Arrival(
                at=datetime.combine(day, ARRIVAL_TIME, tzinfo=zone),
                plan=row["plan"],
                milestone=row["milestone"],
                unit=row["unit"],
                action=row["action"],
                doc_number=row["doc_number"],
                sections=tuple(s for s in row["sections"].split(";") if s.strip()),
                figures={c: row[c] for c in figure_columns if (row[c] or "").strip()},
            )
        )
    return sorted(arrivals, key=lambda a: a.at)


def record_arrival(engine: Engine, arrival: Arrival) -> None:
    """Record one arrival as the clerk would at its moment: received (or exempted), audited."""
    with session_factory(engine)() as session, session.begin():
        office = load_office(session)
        where = (arrival.plan, arrival.milestone, arrival.unit)
        if arrival.action == "exempt":
            exempt(session, office, *where, by=CLERK, note="", now=arrival.at)
            return
        receipt = Receipt(
            received_on=arrival.at.date(),
            doc_number=arrival.doc_number,
            by=CLERK,
            channel="email",
            sections=arrival.sections,
            figures=arrival.figures,
        )
        receive(session, office, *where, receipt, replace=False, now=arrival.at)


@dataclass
class ReplayProgress:
    """What the live progress line and the final summary show."""

    now: datetime | None = None
    job: str = ""  # the job that ran last
    sent_by_step: Counter[str] = field(default_factory=Counter)
    arrivals: int = 0
    digests: int = 0


@dataclass
class Replay:
    engine: Engine
    jobs: list[Job]
    arrivals: Sequence[Arrival]
    stop: StopFlag
    beat: Callable[[datetime], object]  # the heartbeat a sweep leaves, without the sweep
    on_progress: Callable[[ReplayProgress], None] = lambda _progress: None
    progress: ReplayProgress = field(default_factory=ReplayProgress)

    def run(self, start: datetime, until: datetime, speed: float | None) -> ReplayProgress:
        clock = VirtualClock(start, speed)
        waiting = list(self.arrivals)
        skip = self._next_due if speed is None else None
        sweep = next(job for job in self.jobs if job.name == "sweep")
        last_sweep: datetime | None = None
        for when, job in fire_times(self.jobs, start, until, skip):
            if self.stop():
                break
            clock.wait_until(when, self.stop)
            while waiting and waiting[0].at <= when:
                self._record(waiting.pop(0))
            skipped = last_fire_time(sweep.trigger, when - timedelta(microseconds=1))
            if skip is not None and skipped is not None and (last_sweep is None or skipped > last_sweep):
                # The sweeps skipped at full speed would have found nothing, but they would have left
                # their heartbeat: without it every digest would call the daemon dead.
                self._run(skipped, "beat", self.beat)
            if job.name == "sweep":
                last_sweep = when
            self._run(when, job.name, job.run)
        return self.progress

    def _run(self, when: datetime, name: str, action: Callable[[datetime], object]) -> None:
        self.progress.now, self.progress.job = when, name
        result = action(when)
        if isinstance(result, SweepResult):
            self.progress.sent_by_step.update(line.step for line in result.lines if line.state == "sent")
        elif result is True:
            self.progress.digests += 1
        self.on_progress(self.progress)

    def _record(self, arrival: Arrival) -> None:
        record_arrival(self.engine, arrival)
        self.progress.arrivals += 1

    def _next_due(self, job: Job, following: datetime) -> datetime | None:
        """At full speed a sweep is only run when something can happen: a reminder's time, a retry,
        or a report arriving. Other jobs keep their own times."""
        if job.name != "sweep":
            return following
        with session_factory(self.engine)() as session:
            next_reminder = session.scalar(
                select(func.min(ExpectedReportRow.next_reminder_at)).where(
                    ExpectedReportRow.next_reminder_at.is_not(None)
                )
            )
            next_retry = session.scalar(
                select(func.min(OutboxRow.next_attempt_at)).where(OutboxRow.state.in_(("pending", "sending")))
            )
        arrival = next((a.at for a in self.arrivals if a.at > (self.progress.now or following)), None)
        candidates = [moment for moment in (next_reminder, next_retry, arrival) if moment is not None]
        return max(following, min(candidates)) if candidates else None
