"""A loaded seed plan with extra generated units, for the tests of a milestone's pages."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tracker.config import load_config
from tracker.core.office import Office
from tracker.services.loading import load_config_into
from tracker.store.db import session_factory
from tracker.store.repository import load_office

PLAN, MILESTONE = "so-ket-de-an-2019", "bao-cao-don-vi"
LOADED = datetime(2019, 8, 1, 2, 0, tzinfo=UTC)
AFTER_DEADLINE = datetime(2019, 9, 17, 3, 0, tzinfo=UTC)  # Tuesday 17/9 10:00; the last day was Monday 16/9


def add_units(config_dir: Path, count: int, name: str = "Công đoàn cơ sở số {n}") -> None:
    """Append `count` generated units to the units list (codes cd-0001 …)."""
    lines = [f"cd-{n:04d},{name.format(n=n)},cơ sở,cd{n}@example.org,,,1" for n in range(1, count + 1)]
    path = config_dir / "units.csv"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + "\n".join(lines) + "\n", "utf-8")


def loaded_session(engine: Engine, config_dir: Path) -> Iterator[Session]:
    with session_factory(engine)() as session:
        with session.begin():
            load_config_into(session, load_config(config_dir), now=LOADED, actor="test")
        yield session


def office_of(session: Session) -> Office:
    with session.begin():
        return load_office(session)
