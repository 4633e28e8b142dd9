"""Shared fixtures: a real database per test (SQLite always; PostgreSQL too when
TRACKER_TEST_DATABASE_URL is set, each test in a schema of its own), a copy of the shipped config, and
a real SMTP server."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from tests.builders import SHIPPED_CONFIG
from tests.smtp_server import SmtpSink
from tracker.store.db import make_engine, migrate

POSTGRES_URL = os.environ.get("TRACKER_TEST_DATABASE_URL", "")

DATABASES = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=[
            pytest.mark.postgresql,
            pytest.mark.skipif(not POSTGRES_URL, reason="TRACKER_TEST_DATABASE_URL is not set"),
        ],
    ),
]


@pytest.fixture(params=DATABASES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a PostgreSQL schema dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tracker.db'}"
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    """A copy of the shipped config that a test may edit."""
    target = tmp_path / "config"
    shutil.copytree(SHIPPED_CONFIG, target)
    return target


@pytest.fixture
def smtp_sink() -> Iterator[SmtpSink]:
    """A running `SmtpSink` on a free loopback port, stopped after the test."""
    with SmtpSink() as sink:
        yield sink
