"""The fast path that skips Alembic on an up-to-date database knows the newest migration."""

from __future__ import annotations

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from tracker.store.db import MIGRATIONS_DIR, SCHEMA_REVISION, schema_revision


def test_the_schema_revision_is_the_newest_migration() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(config).get_heads() == [SCHEMA_REVISION]


def test_a_migrated_database_is_at_that_revision(engine: Engine) -> None:
    assert schema_revision(engine) == SCHEMA_REVISION
