"""How long the weekly digest takes and how much memory it needs, in every format, on generated units.

Run by hand (not by pytest): `.venv/bin/python bench/bench_digest.py [--units 10000 100000] [--history 4]
[--history-factor 5] [--json]`. Everything happens in a temporary folder on SQLite. Each database holds the
generated units, one plan of 3 milestones (the first past its deadline at T, the others not yet due),
receipts for 60% of the units of each milestone (some late, some missing a section or a figure), 1%
exempt, and a reminder history of `--history` outbox rows per expected report (the ladder's steps, then
weekly repeats; a few refused, failed or still pending), written straight into the tables in bulk.

Each measurement runs in a fresh process of its own, so that its peak memory is its own: the process's
peak resident size (VmHWM) less its resident size once every module is imported. Each figure is printed
next to a limit measured in the same run, so the ratios mean the same on a slow or a fast machine:

- time: reading the digest at T from the database (`gather_digest`) and rendering it (`render_digest`),
  against a bare SELECT of the expected-report rows through SQLAlchemy Core and a bare `json.dumps` of
  as many small records as there are expected reports; on the smallest roster, also the whole
  `tracker digest` command for JSON and HTML, start-up included (goal: under 2 s for 10,000 units);
- memory: against a process that only holds the rows of that bare SELECT;
- history: the smallest roster again with `--history-factor` times the reminder history; the last
  table puts every peak side by side (goal: memory grows with units, not with their history;
  `--history-factor 1` leaves this run out).

Goals (issue 12): each format at most 3 times the bare SELECT on 10,000 units; under 300 MB peak above
start-up on 100,000 units.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from rows import Row, reported
from sqlalchemy import Engine, func, insert, select, update
from world import LOADED_AT, PLAN_CODE, TEMPLATES_DIR, ZONE, chair_email, generated_config, unit_email

from tracker.config import load_config
from tracker.digest.wording import digest_environment
from tracker.services.digests import gather_digest, render_digest
from tracker.services.loading import load_config_into
from tracker.services.sweep import default_mail_from
from tracker.store.db import make_engine, migrate, session_factory
from tracker.store.repository import expected_report_rows, load_office, record_heartbeat
from tracker.store.tables import ExpectedReportRow, MilestoneRow, OutboxRow, UnitRow

AS_OF = datetime(2019, 9, 23, 8, 0, tzinfo=ZONE)  # a Monday digest, a week past the first deadline
FORMATS = ("json", "html", "text", "eml", "xlsx", "docx")
TIMED_COMMANDS = ("json", "html")  # the formats whose goal is on the whole command
CHUNK = 20_000  # expected reports written per statement while generating the data
MB = 1024  # /proc/self/status counts in kB
PEAK_GOAL_MB = 300
RENDERERS = [
    f"tracker.digest.{name}" for name in ("as_json", "excel", "message", "printable", "text", "word")
]

PLAN = """\
code = "ke-hoach-do-tai"
title = "Kế hoạch đo tải: sơ kết 3 năm thực hiện Đề án phát triển tổ chức công đoàn"
reference = "Kế hoạch số 1/KH-LĐLĐ"
issued = "12/8/2019"
deadline_shift = "next_working_day"
ladder = "standard"

[[sections]]
key = "ket-qua"
title = "Kết quả phát triển đoàn viên, thành lập công đoàn cơ sở"

[[sections]]
key = "kien-nghi"
title = "Những kiến nghị, đề xuất đối với công đoàn cấp trên"

[[figures]]
key = "doan_vien_moi"
label = "Số đoàn viên kết nạp mới"
unit = "người"

[[figures]]
key = "cdcs_moi"
label = "Số công đoàn cơ sở thành lập mới"
unit = "đơn vị"

[[milestones]]
code = "moc-1"
title = "Báo cáo sơ kết"
due = "15/9/2019"
due_rule = "before"
audience = "units"

[[milestones]]
code = "moc-2"
title = "Báo cáo quý III"
due = "30/9/2019"
due_rule = "before"
audience = "units"

[[milestones]]
code = "moc-3"
title = "Báo cáo tháng 10"
due = "1/10/2019"
due_rule = "end_of_month"
audience = "units"
"""
# The shipped standard ladder, in order; past its last step the last one repeats weekly.
STEPS = ("thong-bao", "nhac-lan-1", "nhac-lan-2", "qua-han", "don-doc", "bao-cao-thuong-truc")

# What the bare SELECT reads: the very query the digest reads its expected reports with.
REPORT_ROWS = expected_report_rows()


# -- the data ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    id: int
    milestone: str
    unit: str
    n: int  # the unit's number, which decides what happened to its report


def reports_in_chunks(engine: Engine) -> Iterator[list[Report]]:
    query = (
        select(ExpectedReportRow.id, MilestoneRow.code, UnitRow.code)
        .join(ExpectedReportRow.milestone)
        .join(ExpectedReportRow.unit)
        .order_by(ExpectedReportRow.id)
    )
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    reports = [Report(id, milestone, unit, int(unit.rpartition("-")[2])) for id, milestone, unit in rows]
    for start in range(0, len(reports), CHUNK):
        yield reports[start : start + CHUNK]


def receipt(report: Report) -> dict[str, Any] | None:
    """60% received between 2/9 and 22/9 (after the first deadline is late), 1% exempt, the rest not."""
    n = report.n
    if n % 100 == 99:
        return {"id": report.id, "exempted_at": LOADED_AT + timedelta(days=20), "exempted_by": "bench"}
    if n % 10 >= 6:
        return None
    received_on = date(2019, 9, 2) + timedelta(days=n % 21)
    return {
        "id": report.id,
        "received_on": received_on,
        "doc_number": f"{n}/BC-CĐCS",
        "channel": "email",
        "sections": ["ket-qua"] if n % 7 == 0 else ["ket-qua", "kien-nghi"],
        "figures": {"doan_vien_moi": n % 50} if n % 11 == 0 else {"doan_vien_moi": n % 50, "cdcs_moi": n % 3},
        "recorded_by": "bench",
        "recorded_at": datetime.combine(received_on, datetime.min.time(), tzinfo=ZONE) + timedelta(hours=9),
    }


def history(report: Report, rows: int) -> list[dict[str, Any]]:
    """`rows` reminders sent to the report's unit between the load and T, the ladder's steps then weekly
    repeats, the last one two days before T (in the digest's week); that one refused by the chair's
    server (1 unit in 50), failed (1 in 200) or still waiting (1 in 100)."""
    span = AS_OF - timedelta(days=2) - LOADED_AT
    out = []
    for j in range(rows):
        step, repeat = STEPS[min(j, len(STEPS) - 1)], max(0, j - len(STEPS) + 1)
        due_at = LOADED_AT + span * (j + 1) / rows
        state, sent_at, refused = "sent", due_at + timedelta(minutes=5), {}
        if j == rows - 1:
            if report.n % 50 == 7:
                refused = {chair_email(report.n): "550 5.1.1 mailbox unavailable"}
            elif report.n % 200 == 13:
                state, sent_at = "failed", None
                refused = {unit_email(report.n): "550 5.1.1 mailbox unavailable"}
            elif report.n % 100 == 21:
                state, sent_at = "pending", None
        out.append(
            {
                "key": f"reminder:{PLAN_CODE}/{report.milestone}/{report.unit}/{step}/{repeat}/v1",
                "kind": "reminder",
                "expected_report_id": report.id,
                "plan_code": PLAN_CODE,
                "milestone_code": report.milestone,
                "unit_code": report.unit,
                "step_key": step,
                "repeat": repeat,
                "deadline_version": 1,
                "state": state,
                "due_at": due_at,
                "created_at": due_at,
                "sent_at": sent_at,
                "to_addrs": [unit_email(report.n)],
                "cc_addrs": [],
                "remaining": [] if sent_at else [unit_email(report.n)],
                "refused": refused,
                "attempts": 1,
            }
        )
    return out


@dataclass(frozen=True)
class Setup:
    units: int
    history: int  # reminder rows per expected report
    folder: Path
    reports: int
    reminders: int
    load_seconds: float
    data_seconds: float

    @property
    def url(self) -> str:
        return f"sqlite:///{self.folder / 'tracker.db'}"

    @property
    def name(self) -> str:
        return f"{self.units} units x 3 milestones, {self.history} reminders per report"


def generated(folder: Path, units: int, rows_per_report: int) -> Setup:
    """A fresh SQLite database: the generated config loaded, receipts, the reminder history, a heartbeat."""
    config = load_config(generated_config(folder / "config", units, PLAN), templates_dir=TEMPLATES_DIR)
    engine = make_engine(f"sqlite:///{folder / 'tracker.db'}")
    migrate(engine)
    start = time.perf_counter()
    with session_factory(engine)() as session, session.begin():
        load_config_into(session, config, now=LOADED_AT, actor="bench")
    load_seconds = time.perf_counter() - start
    start = time.perf_counter()
    for chunk in reports_in_chunks(engine):
        with session_factory(engine)() as session, session.begin():
            receipts = [r for r in map(receipt, chunk) if r]
            session.execute(update(ExpectedReportRow), [r for r in receipts if "received_on" in r])
            session.execute(update(ExpectedReportRow), [r for r in receipts if "exempted_at" in r])
            session.execute(insert(OutboxRow), [row for r in chunk for row in history(r, rows_per_report)])
    with session_factory(engine)() as session, session.begin():
        record_heartbeat(
            session,
            name="bench:1",
            started_at=LOADED_AT,
            interval_seconds=300,
            last_sweep_at=AS_OF - timedelta(minutes=3),
            next_sweep_at=AS_OF + timedelta(minutes=2),
        )
        reports = session.scalar(select(func.count()).select_from(ExpectedReportRow)) or 0
        reminders = session.scalar(select(func.count()).select_from(OutboxRow)) or 0
    engine.dispose()
    return Setup(
        units, rows_per_report, folder, reports, reminders, load_seconds, time.perf_counter() - start
    )


# -- one measurement, in a process of its own ----------------------------------------------------


def memory_kb(field: str) -> int:
    """VmRSS (resident now) or VmHWM (peak resident) of this process, in kB.

    Not ru_maxrss: Linux carries it over an exec from the forked parent, so a child would start at
    the size of the process that launched it.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def measure_floor(url: str) -> dict[str, float]:
    """The limits: the bare SELECT (held), and json.dumps of as many records as it gave rows."""
    base = memory_kb("VmRSS")
    engine = make_engine(url)
    start = time.perf_counter()
    with engine.connect() as connection:
        rows = connection.execute(REPORT_ROWS).all()
    select_seconds = time.perf_counter() - start
    held = memory_kb("VmHWM") - base
    records = [
        {
            "unit": row[2],
            "unit_name": row[3],
            "received_on": row.received_on.isoformat() if row.received_on else None,
            "doc_number": row.doc_number,
            "days_overdue": None,
            "last_step": None,
        }
        for row in rows
    ]
    start = time.perf_counter()
    json.dumps(records, ensure_ascii=False, indent=2)
    return {"select_s": select_seconds, "dumps_s": time.perf_counter() - start, "rows": len(rows), "kb": held}


def measure_digest(url: str, fmt: str | None) -> dict[str, float]:
    """`gather_digest` at AS_OF, then `render_digest` in `fmt` unless None: seconds and peak memory."""
    # render_digest imports a format's renderer when it is asked for: imported first, as every module
    # is, so that neither the time nor the peak counts importing matplotlib, openpyxl or python-docx.
    for renderer in RENDERERS:
        importlib.import_module(renderer)
    base = memory_kb("VmRSS")
    engine = make_engine(url)
    start = time.perf_counter()
    with session_factory(engine)() as session:
        gathered = gather_digest(session, load_office(session), AS_OF)
    result: dict[str, float] = {"gather_s": time.perf_counter() - start, "render_s": 0.0, "bytes": 0}
    if fmt is not None:
        env = digest_environment()
        start = time.perf_counter()
        data = render_digest(gathered, fmt, env, default_mail_from(gathered.office.organization))
        result |= {"render_s": time.perf_counter() - start, "bytes": len(data)}
    # What the generated data came to in the first milestone, to show the digest is the one described.
    first = gathered.digest.milestones[0]
    result |= {
        "received_on_time": first.received_on_time,
        "received_late": first.received_late,
        "exempt": first.exempt,
        "outstanding": len(first.outstanding),
        "arrivals": len(first.arrivals),
        "with_step": sum(r.last_step is not None for r in first.reports),
        "reminders_sent": gathered.digest.activity.sent,
    }
    return result | {"kb": memory_kb("VmHWM") - base}


def in_child(setup: Setup, what: str) -> dict[str, float]:
    """Runs this file with `--measure what` in a fresh interpreter; what it printed, as numbers."""
    done = subprocess.run(
        [sys.executable, __file__, "--measure", what, "--database", setup.url],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(done.stdout.splitlines()[-1]))


def command_seconds(setup: Setup, fmt: str) -> float:
    """The whole `tracker digest` command, as a clerk runs it, start-up included."""
    env = {
        **os.environ,
        "TRACKER_DATABASE_URL": setup.url,
        "TRACKER_CONFIG_DIR": str(setup.folder / "config"),
        "TRACKER_OUTBOX_DIR": str(setup.folder / "outbox"),
        "TRACKER_DIGESTS_DIR": str(setup.folder / "digests"),
    }
    out = setup.folder / f"digest.{fmt}"
    command = ["-m", "tracker.cli.main", "digest", "--as-of", AS_OF.isoformat(), "--format", fmt]
    start = time.perf_counter()
    subprocess.run([sys.executable, *command, "--out", str(out)], env=env, check=True, capture_output=True)
    return time.perf_counter() - start


# -- the run -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    select_s: float  # the bare SELECT's seconds
    seconds: dict[str, float]  # gather + render, by format
    peaks: dict[str, float]  # MB above start-up, by line ("rows held", "gather", each format)


def report(setup: Setup, commands: bool) -> Figures:
    """Prints the table of one database; its figures."""
    floor = in_child(setup, "floor")
    assert floor["rows"] == setup.reports, (floor["rows"], setup.reports)
    select_s, dumps_s, held_mb = floor["select_s"], floor["dumps_s"], floor["kb"] / MB
    print(f"\n{setup.name}: {setup.reports} expected reports, {setup.reminders} reminder rows")
    print(
        f"  generated: load {setup.load_seconds:.1f} s, receipts and reminder history"
        f" {setup.data_seconds:.1f} s"
    )
    print(
        f"  limits: bare SELECT of the {setup.reports} rows {select_s * 1000:.0f} ms, json.dumps of as many"
        f" records {dumps_s * 1000:.0f} ms; holding the rows {held_mb:.0f} MB"
    )
    print(
        "  what                      gather s  render s   total s  ×SELECT  ×dumps   peak MB  ×rows held"
        "      output"
    )
    peaks = {"rows held": held_mb}

    def line(what: str, m: dict[str, float]) -> float:
        total, mb = m["gather_s"] + m["render_s"], m["kb"] / MB
        size = f"{m['bytes'] / 1e6:9.2f} MB" if m["bytes"] else ""
        to_held = f"{mb / held_mb:11.1f}" if held_mb >= 1 else f"{'—':>11}"
        print(
            f"  {what:<24}{m['gather_s']:9.2f}{m['render_s']:10.2f}{total:10.2f}"
            f"{total / select_s:9.1f}{total / dumps_s:8.1f}{mb:10.0f}{to_held}{size}"
        )
        return mb

    seconds: dict[str, float] = {}
    gathered = in_child(setup, "gather")
    peaks["gather"] = line("gather (DB → digest)", gathered)
    for fmt in FORMATS:
        measured = in_child(setup, fmt)
        peaks[fmt] = line(f"{fmt} (gather + render)", measured)
        seconds[fmt] = measured["gather_s"] + measured["render_s"]
    counts = {key: int(value) for key, value in gathered.items()}
    print(
        f"  first milestone: {counts['received_on_time']} on time, {counts['received_late']} late,"
        f" {counts['exempt']} exempt, {counts['outstanding']} outstanding ({counts['arrivals']} arrived"
        f" this week, {counts['with_step']} with a last step); {counts['reminders_sent']} reminders sent"
        " this week"
    )
    if commands:
        for fmt in TIMED_COMMANDS:
            whole = command_seconds(setup, fmt)
            goal = "   (goal < 2 s)" if setup.units == 10_000 else ""
            print(f"  tracker digest --format {fmt}, the whole command: {whole:6.2f} s{goal}")
    return Figures(select_s, seconds, peaks)


def measure(units: list[int], history: int, history_factor: int) -> list[Row]:
    print(f"Python {sys.version.split()[0]}, SQLite, digest as of {AS_OF.isoformat()}")
    print("Each line is a fresh process: peak MB is its peak resident size (VmHWM) less its resident size")
    print("once its modules are imported. Times are single runs, against limits measured in the same run.")
    smallest = min(units)
    runs = [(count, history) for count in sorted(set(units))]
    if history_factor > 1:
        runs.insert(1, (smallest, history * history_factor))
    figures: dict[tuple[int, int], Figures] = {}
    with tempfile.TemporaryDirectory(prefix="bench-digest-") as folder:
        for run in runs:
            target = Path(folder) / "x".join(map(str, run))
            target.mkdir()
            figures[run] = report(generated(target, *run), commands=run == runs[0])
            shutil.rmtree(target)  # 100,000 units take half a gigabyte of disk

    if len(runs) > 1:
        peak_table(runs, {run: figures[run].peaks for run in runs})
    print(f"\nfinished {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    base, largest = figures[runs[0]], figures[runs[-1]]
    rows = [
        Row(
            f"digest {fmt}, {smallest:,} units x 3 milestones, gather + render vs bare SELECT",
            base.seconds[fmt] * 1000,
            "ms",
            3,
            limit=base.select_s * 1000,
        )
        for fmt in FORMATS
    ]
    peak = max(largest.peaks[fmt] for fmt in FORMATS)
    rows.append(
        Row(f"digest peak above start-up, {runs[-1][0]:,} units", peak, "MB", PEAK_GOAL_MB, on_ratio=False)
    )
    return rows


def peak_table(runs: list[tuple[int, int]], peaks: dict[tuple[int, int], dict[str, float]]) -> None:
    print("\npeak MB by units x reminders per report (goal: growing with units, not with history)")
    base, longer, largest = runs[0], runs[1], runs[-1]
    compared = [longer] if largest == longer else [longer, largest]
    headers = ["history ×", "units ×"][: len(compared)] if longer[0] == base[0] else ["units ×"]
    print(
        f"  {'':24}" + "".join(f"{f'{u} x {h}':>16}" for u, h in runs) + "".join(f"{h:>12}" for h in headers)
    )
    for what in peaks[base]:
        row = "".join(f"{peaks[run][what]:16.0f}" for run in runs)
        ratios = "".join(
            f"{peaks[run][what] / peaks[base][what]:12.2f}" if peaks[base][what] >= 1 else f"{'—':>12}"
            for run in compared
        )
        print(f"  {what:<24}{row}{ratios}")
    if longer[0] == base[0]:
        print(f"  (history ×: {longer[1]} against {base[1]} reminders per report)")
    if largest[0] != base[0]:
        print(f"  (units ×: {largest[0]} against {base[0]} units)")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--units", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--history", type=int, default=4, help="reminder rows per expected report")
    parser.add_argument("--history-factor", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="the rows of `make bench` on stdout")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # in a child: floor, gather or a format
    parser.add_argument("--database", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure == "floor":
        print(json.dumps(measure_floor(options.database)))
        return
    if options.measure:
        print(
            json.dumps(
                measure_digest(options.database, None if options.measure == "gather" else options.measure)
            )
        )
        return
    reported(options.json, lambda: measure(options.units, options.history, options.history_factor))


if __name__ == "__main__":
    main()
