"""How long `tracker status --format json` takes, on the shipped config and on 10,000 units x 3 milestones.

Run by hand (not by pytest): `.venv/bin/python bench/bench_status.py [--units 10000] [--repeat 5] [--json]`.
Everything happens in a temporary folder on SQLite. Each figure is printed next to a limit measured in
the same run, so the ratios mean the same on a slow or a fast machine:

- a `tracker status` process against `python -c pass` (the interpreter's own start) and against
  `python -c "import tracker.cli.main"` (the start of any tracker command);
- the command run in-process against a bare SELECT of the same rows through SQLAlchemy (the floor for
  reading them), which shows what status adds on top of the database.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner
from rows import Row, reported
from sqlalchemy import create_engine, select
from world import SHIPPED_CONFIG, generated_config

from tracker.cli.main import cli
from tracker.store.tables import ExpectedReportRow, MilestoneRow, PlanRow, UnitRow

AS_OF = "2019-09-17"
GENERATED_PLAN = """\
code = "ke-hoach-do-tai"
title = "Kế hoạch đo tải: ba mốc cho mọi đơn vị"
reference = "Kế hoạch số 1/KH-LĐLĐ"
ladder = "standard"

[[figures]]
key = "doan_vien_moi"
label = "Số đoàn viên kết nạp mới"
unit = "người"

[[milestones]]
code = "moc-1"
title = "Báo cáo quý III"
due = "15/9/2019"
due_rule = "before"
audience = "units"

[[milestones]]
code = "moc-2"
title = "Báo cáo quý IV"
due = "15/12/2019"
due_rule = "before"
audience = "units"

[[milestones]]
code = "moc-3"
title = "Báo cáo năm"
due = "1/12/2019"
due_rule = "end_of_month"
audience = "units"
"""


@dataclass(frozen=True)
class Setup:
    name: str
    config_dir: Path
    database: Path

    @property
    def url(self) -> str:
        return f"sqlite:///{self.database}"

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "TRACKER_DATABASE_URL": self.url, "TRACKER_CONFIG_DIR": str(self.config_dir)}


def timed(action: Callable[[], object], repeat: int) -> float:
    """The median wall time of `action` over `repeat` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def process(args: Sequence[str], setup: Setup | None = None) -> Callable[[], object]:
    def run() -> object:
        return subprocess.run(
            [sys.executable, *args],
            env=setup.env if setup else None,
            cwd=setup.database.parent if setup else None,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    return run


def in_process_status(setup: Setup) -> Callable[[], object]:
    args = ["status", "--format", "json", "--as-of", AS_OF]

    def run() -> object:
        result = CliRunner().invoke(cli, args, env=setup.env, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result

    return run


def bare_select(setup: Setup) -> Callable[[], int]:
    """The rows status shows, read through SQLAlchemy Core and nothing else (a fresh engine each time,
    as a command has)."""
    query = (
        select(
            PlanRow.code,
            MilestoneRow.code,
            UnitRow.code,
            UnitRow.name,
            ExpectedReportRow.received_on,
            ExpectedReportRow.doc_number,
            ExpectedReportRow.exempted_at,
        )
        .join(ExpectedReportRow.milestone)
        .join(MilestoneRow.plan)
        .join(ExpectedReportRow.unit)
        .order_by(PlanRow.code, MilestoneRow.id, UnitRow.code)
    )

    def run() -> int:
        engine = create_engine(setup.url)
        with engine.connect() as connection:
            rows = connection.execute(query).all()
        engine.dispose()
        return len(rows)

    return run


def load(setup: Setup) -> tuple[float, int]:
    """`tracker load` once (timed), and the number of reports status will list."""
    start = time.perf_counter()
    process(["-m", "tracker.cli.main", "load"], setup)()
    seconds = time.perf_counter() - start
    return seconds, bare_select(setup)()


def report(setup: Setup, repeat: int, interpreter: float, imports: float) -> tuple[float, float, float]:
    """Prints the figures of one setup; the process's, the in-process command's and the floor's seconds."""
    load_seconds, reports = load(setup)
    status_process = timed(
        process(["-m", "tracker.cli.main", "status", "--format", "json", "--as-of", AS_OF], setup), repeat
    )
    status_inside = timed(in_process_status(setup), repeat)
    floor = timed(bare_select(setup), repeat)
    print(f"\n{setup.name}: {reports} expected reports")
    print(f"  tracker load (first, once)                  {load_seconds * 1000:9.0f} ms")
    print(
        f"  tracker status --format json, process       {status_process * 1000:9.0f} ms"
        f"   = {status_process / interpreter:5.1f} x python -c pass"
        f"   = {status_process / imports:5.2f} x importing the CLI"
    )
    print(
        f"    of which after start-up                   {(status_process - imports) * 1000:9.0f} ms"
        f"   ({(status_process - imports) / reports * 1e6:.1f} µs per report)"
    )
    print(
        f"  tracker status --format json, in-process    {status_inside * 1000:9.0f} ms"
        f"   = {status_inside / floor:5.1f} x the bare SELECT ({floor * 1000:.0f} ms)"
    )
    return status_process, status_inside, floor


def measure(units: int, repeat: int) -> list[Row]:
    print(f"Python {sys.version.split()[0]}, SQLite, median of {repeat} runs")
    interpreter = timed(process(["-c", "pass"]), repeat)
    imports = timed(process(["-c", "import tracker.cli.main"]), repeat)
    print(f"  python -c pass                              {interpreter * 1000:9.0f} ms")
    print(f"  python -c 'import tracker.cli.main'         {imports * 1000:9.0f} ms   (start-up of a command)")
    with tempfile.TemporaryDirectory(prefix="bench-status-") as folder:
        root = Path(folder)
        (root / "shipped").mkdir()
        (root / "generated").mkdir()
        shipped = Setup("shipped config", SHIPPED_CONFIG, root / "shipped" / "tracker.db")
        big = Setup(
            f"{units} generated units x 3 milestones",
            generated_config(root / "generated" / "config", units, GENERATED_PLAN),
            root / "generated" / "tracker.db",
        )
        shipped_process, _, _ = report(shipped, repeat, interpreter, imports)
        _, big_inside, big_floor = report(big, repeat, interpreter, imports)
    return [
        Row(
            "tracker status --format json, shipped config, process vs python -c pass",
            shipped_process * 1000,
            "ms",
            6,
            limit=interpreter * 1000,
        ),
        Row(
            f"status of {units:,} units x 3 milestones, in-process vs bare SELECT",
            big_inside * 1000,
            "ms",
            3,
            limit=big_floor * 1000,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="the rows of `make bench` on stdout")
    options = parser.parse_args()
    reported(options.json, lambda: measure(options.units, options.repeat))


if __name__ == "__main__":
    main()
