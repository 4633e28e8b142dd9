"""Alembic environment: runs on the connection the application hands over (see store.db.migrate)."""

from __future__ import annotations

from alembic import context

from tracker.store.tables import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite can only alter tables by copying them
)
with context.begin_transaction():
    context.run_migrations()
