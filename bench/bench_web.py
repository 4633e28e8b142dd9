"""Server time of the dashboard's milestone page and board on generated units.

Run by hand (not by pytest): `.venv/bin/python bench/bench_web.py [--units 10000 100000]
[--requests 40] [--database-url postgresql+psycopg://…] [--json]` (or TRACKER_TEST_DATABASE_URL). SQLite in a
temporary folder always; PostgreSQL too when a URL is given (each size in a schema of its own, dropped
afterwards). The data are those of bench_digest.py: one plan of 3 milestones, 60% received, 1% exempt,
a reminder history of `--history` outbox rows per expected report.

Each page is requested through the Flask app in process (Flask's test client: the whole server side,
login, CSRF, the query, the template; no network), `--requests` times after two warm-up requests, as a
signed-in viewer. Each figure is printed with its ratio to a limit measured in the same run, the same
number of times: a bare SELECT through SQLAlchemy Core of the rows the page shows, by an index —
for the milestone page its 100 rows (expected reports of the milestone with their units, by unit code),
for the board the count of reports per milestone and state column (what any board must read).
Goal: p95 under 200 ms at 100,000 units.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from bench_digest import AS_OF, PLAN, history, receipt, reports_in_chunks
from rows import Row, reported
from sqlalchemy import Engine, create_engine, func, insert, select, text, update
from world import LOADED_AT, PLAN_CODE, TEMPLATES_DIR, generated_config

from tracker.config import load_config
from tracker.services.loading import load_config_into
from tracker.services.users import add_user
from tracker.settings import read_settings
from tracker.store.db import make_engine, migrate, session_factory
from tracker.store.repository import record_heartbeat
from tracker.store.tables import ExpectedReportRow, MilestoneRow, OutboxRow, UnitRow
from tracker.web.app import create_app
from tracker.web.config import WebSettings

PASSWORD = "mat-khau-do-tai"
MILESTONE = "moc-1"  # past its deadline at AS_OF: every state is there
PAGES = {
    "milestone: default view": f"/plans/{PLAN_CODE}/{MILESTONE}",
    "milestone: search 'so 4321'": f"/plans/{PLAN_CODE}/{MILESTONE}?q=so+4321",
    "milestone: overdue, by name, page 3": f"/plans/{PLAN_CODE}/{MILESTONE}?state=overdue&sort=name&page=3",
    "milestone: by last reminder": f"/plans/{PLAN_CODE}/{MILESTONE}?sort=last&dir=desc",
    "board": "/",
}


def generate(engine: Engine, folder: Path, units: int, rows_per_report: int) -> float:
    """The generated config loaded, receipts and reminder history written, a heartbeat and a viewer."""
    config = load_config(generated_config(folder / "config", units, PLAN), templates_dir=TEMPLATES_DIR)
    start = time.perf_counter()
    sessions = session_factory(engine)
    with sessions() as session, session.begin():
        load_config_into(session, config, now=LOADED_AT, actor="bench")
    for chunk in reports_in_chunks(engine):
        with sessions() as session, session.begin():
            receipts = [r for r in map(receipt, chunk) if r]
            session.execute(update(ExpectedReportRow), [r for r in receipts if "received_on" in r])
            session.execute(update(ExpectedReportRow), [r for r in receipts if "exempted_at" in r])
            session.execute(insert(OutboxRow), [row for r in chunk for row in history(r, rows_per_report)])
    with sessions() as session, session.begin():
        # What the sending pass keeps on each report as it records the answers (`record_answer`).
        latest = (
            select(func.max(OutboxRow.sent_at))
            .where(OutboxRow.expected_report_id == ExpectedReportRow.id, OutboxRow.kind == "reminder")
            .scalar_subquery()
        )
        session.execute(update(ExpectedReportRow).values(last_reminder_at=latest))
        record_heartbeat(
            session,
            name="bench:1",
            started_at=LOADED_AT,
            interval_seconds=300,
            last_sweep_at=AS_OF - timedelta(minutes=3),
            next_sweep_at=AS_OF + timedelta(minutes=2),
        )
        add_user(session, "xem", "Người xem", "viewer", PASSWORD, by="bench", now=LOADED_AT)
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))
    return time.perf_counter() - start


def timed(call: Callable[[], object], repeats: int) -> list[float]:
    call(), call()  # warm-up: caches, prepared statements, templates
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - start)
    return seconds


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def bare_selects(engine: Engine) -> dict[str, Callable[[], object]]:
    with engine.connect() as connection:
        milestone_id = connection.scalar(select(MilestoneRow.id).where(MilestoneRow.code == MILESTONE))

    def page_rows() -> object:
        with engine.connect() as connection:
            return connection.execute(
                select(
                    ExpectedReportRow.id,
                    UnitRow.code,
                    UnitRow.name,
                    ExpectedReportRow.received_on,
                    ExpectedReportRow.doc_number,
                    ExpectedReportRow.exempted_at,
                )
                .join(UnitRow, UnitRow.id == ExpectedReportRow.unit_id)
                .where(ExpectedReportRow.milestone_id == milestone_id)
                .order_by(UnitRow.code)
                .limit(100)
            ).all()

    def board_counts() -> object:
        with engine.connect() as connection:
            return connection.execute(
                select(
                    ExpectedReportRow.milestone_id,
                    ExpectedReportRow.received_on.is_(None),
                    ExpectedReportRow.exempted_at.is_(None),
                    func.count(),
                ).group_by(
                    ExpectedReportRow.milestone_id,
                    ExpectedReportRow.received_on.is_(None),
                    ExpectedReportRow.exempted_at.is_(None),
                )
            ).all()

    return {"milestone": page_rows, "board": board_counts}


GOAL_MS = 200


def run(url: str, label: str, units: int, rows_per_report: int, repeats: int, folder: Path) -> list[Row]:
    """Prints the figures of each page; their rows (p95, against the median of the bare SELECT)."""
    engine = make_engine(url)
    migrate(engine)
    seconds = generate(engine, folder, units, rows_per_report)
    settings = read_settings(folder / "config", env={"TRACKER_DATABASE_URL": url})
    web_settings = WebSettings(secret_key="bench", idle=timedelta(hours=8), threads=4, behind_proxy=False)
    app = create_app(settings, engine=engine, clock=lambda: AS_OF, web_settings=web_settings)
    client = app.test_client()
    login = client.get("/login").get_data(as_text=True)
    token = login.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
    signed = client.post("/login", data={"login": "xem", "password": PASSWORD, "csrf_token": token})
    assert signed.status_code == 302, signed.status_code
    baselines = {name: statistics.median(timed(call, repeats)) for name, call in bare_selects(engine).items()}
    print(
        f"\n{label}, {units} units x 3 milestones, {rows_per_report} reminders per report"
        f" (data {seconds:.0f} s)"
    )
    print(
        f"  bare SELECT: milestone page rows {baselines['milestone'] * 1000:.1f} ms,"
        f" board counts {baselines['board'] * 1000:.1f} ms (medians)"
    )
    header = f"  {'page':<38}{'median ms':>10}{'p95 ms':>9}{'×SELECT':>9}{'p95 ×SELECT':>12}"
    print(f"{header}  goal p95 < {GOAL_MS} ms")
    rows = []
    for name, path in PAGES.items():

        def get(path: str = path) -> object:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            return response

        values = timed(get, repeats)
        base = baselines["board" if name == "board" else "milestone"]
        median, high = statistics.median(values), p95(values)
        verdict = "ok" if high * 1000 < GOAL_MS else "over"
        print(
            f"  {name:<38}{median * 1000:10.1f}{high * 1000:9.1f}"
            f"{median / base:9.1f}{high / base:12.1f}  {verdict}"
        )
        rows.append(
            Row(
                f"web {name}, {units:,} units, {label}, p95",
                high * 1000,
                "ms",
                GOAL_MS,
                limit=base * 1000,
                on_ratio=False,
            )
        )
    engine.dispose()
    return rows


def postgres_schema(url: str) -> tuple[str, Callable[[], None]]:
    """A URL to a fresh schema of `url`'s database, and how to drop it."""
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in url else "?"

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()

    return f"{url}{separator}options=-csearch_path%3D{schema}", drop


def measure(units: list[int], rows_per_report: int, requests: int, database_url: str) -> list[Row]:
    print(f"Python {sys.version.split()[0]}; pages as of {AS_OF.isoformat()}; {requests} requests each")
    rows = []
    for count in sorted(set(units)):
        with tempfile.TemporaryDirectory(prefix="bench-web-") as folder:
            url = f"sqlite:///{folder}/tracker.db"
            rows += run(url, "SQLite", count, rows_per_report, requests, Path(folder))
        if database_url:
            url, drop = postgres_schema(database_url)
            try:
                with tempfile.TemporaryDirectory(prefix="bench-web-") as folder:
                    rows += run(url, "PostgreSQL", count, rows_per_report, requests, Path(folder))
            finally:
                drop()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--units", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--history", type=int, default=4, help="reminder rows per expected report")
    parser.add_argument("--requests", type=int, default=40, help="timed requests per page")
    parser.add_argument("--database-url", default=os.environ.get("TRACKER_TEST_DATABASE_URL", ""))
    parser.add_argument("--json", action="store_true", help="the rows of `make bench` on stdout")
    options = parser.parse_args()
    reported(
        options.json,
        lambda: measure(options.units, options.history, options.requests, options.database_url),
    )


if __name__ == "__main__":
    main()
