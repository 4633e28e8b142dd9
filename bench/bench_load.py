"""How long the first `tracker load` of generated units takes, against a bulk insert of the rows it wrote.

Run by hand (not by pytest): `.venv/bin/python bench/bench_load.py [--units 10000] [--json]`. Everything
happens in a temporary folder on SQLite, on the data of bench_digest.py (the shipped organisation, ladders
and holidays, `--units` generated units, one plan of 3 milestones). In one run:

a. the figure: `tracker load` as a process, the first time, on a fresh database (start-up, migrations,
   reading and checking the config, writing units, plan, milestones, deadlines, expected reports and
   the audit trail);
b. the limit: every row that load wrote, read back, then written into another fresh (migrated)
   database with one SQLAlchemy Core `insert` per table in one transaction: the floor for writing
   those rows through the same library into the same kind of database.

Goal (issue 12): at most 5 times the bulk insert (100,000 units took 82 s when the issue was filed).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_digest import PLAN
from rows import Row, reported
from sqlalchemy import Engine, delete, func, insert, select
from world import generated_config

from tracker.store.db import make_engine, migrate
from tracker.store.tables import Base

TRACKER = str(Path(sys.executable).with_name("tracker"))
GOAL = 5


def tracker_env(folder: Path, config: Path) -> dict[str, str]:
    """The environment of a tracker process of this benchmark: its own database and folders, no mail."""
    kept = {key: value for key, value in os.environ.items() if not key.startswith("TRACKER_")}
    return kept | {
        "TRACKER_DATABASE_URL": f"sqlite:///{folder / 'tracker.db'}",
        "TRACKER_CONFIG_DIR": str(config),
        "TRACKER_OUTBOX_DIR": str(folder / "outbox"),
        "TRACKER_DIGESTS_DIR": str(folder / "digests"),
        "TRACKER_FILES_DIR": str(folder / "files"),
    }


def written_rows(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, by table name, in the tables' dependency order."""
    with engine.connect() as connection:
        return {
            table.name: [dict(row._mapping) for row in connection.execute(select(table))]
            for table in Base.metadata.sorted_tables
        }


def bulk_insert_seconds(engine: Engine, rows: dict[str, list[dict[str, Any]]]) -> float:
    """The seconds to write `rows` in one transaction, one executemany `insert` per table."""
    tables = [table for table in Base.metadata.sorted_tables if rows[table.name]]
    with engine.begin() as connection:  # whatever the migrations wrote, so that the same ids fit
        for table in reversed(tables):
            connection.execute(delete(table))
    start = time.perf_counter()
    with engine.begin() as connection:
        for table in tables:
            connection.execute(insert(table), rows[table.name])
    return time.perf_counter() - start


def measure(units: int) -> list[Row]:
    print(f"Python {sys.version.split()[0]}, SQLite, {units} generated units x 3 milestones")
    with tempfile.TemporaryDirectory(prefix="bench-load-") as folder:
        root = Path(folder)
        (root / "a").mkdir()
        config = generated_config(root / "config", units, PLAN)
        start = time.perf_counter()
        subprocess.run(
            [TRACKER, "load"], env=tracker_env(root / "a", config), check=True, capture_output=True
        )
        load_seconds = time.perf_counter() - start

        loaded = make_engine(f"sqlite:///{root / 'a' / 'tracker.db'}")
        rows = written_rows(loaded)
        loaded.dispose()
        fresh = make_engine(f"sqlite:///{root / 'b.db'}")
        migrate(fresh)
        insert_seconds = bulk_insert_seconds(fresh, rows)
        with fresh.connect() as connection:
            reports = connection.scalar(
                select(func.count()).select_from(Base.metadata.tables["expected_reports"])
            )
        fresh.dispose()
    counts = ", ".join(f"{len(written)} {name}" for name, written in rows.items() if written)
    print(f"  rows written: {counts}")
    print(f"  tracker load, first time, as a process   {load_seconds * 1000:9.0f} ms")
    print(
        f"  bulk Core insert of the same rows         {insert_seconds * 1000:9.0f} ms"
        f"   load / insert = {load_seconds / insert_seconds:5.1f}   (goal ≤ {GOAL}×)"
    )
    assert reports == units * 3, reports
    return [
        Row(
            f"tracker load, {units:,} units x 3 milestones, first time, vs bulk Core insert",
            load_seconds * 1000,
            "ms",
            GOAL,
            limit=insert_seconds * 1000,
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--json", action="store_true", help="the rows of `make bench` on stdout")
    options = parser.parse_args()
    reported(options.json, lambda: measure(options.units))


if __name__ == "__main__":
    main()
