"""Opening the database: engine settings per backend, and migrating it to the current schema.

SQLite (the default, under var/) runs in WAL mode with a busy timeout, and every writing transaction
starts with BEGIN IMMEDIATE so writers queue up instead of failing half-way (SQLite ignores
SELECT … FOR UPDATE); a reading one (`reading_sessions`) takes no lock, WAL giving it a snapshot.
PostgreSQL is used as it is, through `postgresql+psycopg://` URLs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from tracker.core.text import shortened
from tracker.errors import BadInput, TrackerError, Unavailable
from tracker.files import create_private, file_problem, private_folder

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 30_000
_READING = "tracker_reading"  # the execution option of reading_sessions
SCHEMA_REVISION = "0014"  # the newest migration in migrations/versions (a test keeps them in step)


def make_engine(url: str) -> Engine:
    """An engine for `url`; for SQLite, creates the file and its folder, private to this user, and sets
    the pragmas."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
        database = Path(parsed.database)
        private_folder(database.parent)
        create_private(database)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin (SQLAlchemy's SQLite recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # In WAL mode NORMAL cannot corrupt the file; a power cut may lose the last commits, which
        # for the outbox means a possible duplicate email, never a lost one.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A reading transaction (`reading_sessions`) takes no write lock: a report being read never
        # keeps a clerk's receive waiting.
        reading = connection.get_execution_options().get(_READING, False)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


def schema_revision(engine: Engine) -> str | None:
    """The migration the database is at (None for an empty database)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (a no-op when it is there already)."""
    if schema_revision(engine) == SCHEMA_REVISION:
        return  # every command opens the database: the common case must not load Alembic
    from alembic import command  # imported here: it is heavy, and only this needs it
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def conflict_insert(session: Session, table: Any) -> Any:
    """An INSERT into `table` in the session's backend's own dialect, which alone can say ON CONFLICT
    DO NOTHING. The dialect is imported here: PostgreSQL's took a tenth of a command's start-up."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)


def refresh_statistics(session: Session) -> None:
    """After a load changed the roster: SQLite's planner needs table statistics to walk a milestone's
    units by the name index (a page of 100 in milliseconds) rather than sort them all. PostgreSQL's
    autovacuum keeps its own."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("ANALYZE"))


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def reading_sessions(engine: Engine) -> sessionmaker[Session]:
    """Sessions for transactions that only read: on SQLite they begin DEFERRED, taking no write lock
    (PostgreSQL's reads never block writers anyway)."""
    return sessionmaker(engine.execution_options(**{_READING: True}), expire_on_commit=False)


def database_problem(error: Exception, url: str) -> TrackerError | None:
    """What a database error means for the operator, naming TRACKER_DATABASE_URL (its password
    hidden); None for an error that is not about reaching or writing the database."""
    try:
        shown = make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        shown = shortened(url)
    if isinstance(error, ArgumentError | NoSuchModuleError | ModuleNotFoundError):
        return BadInput(
            f"TRACKER_DATABASE_URL '{shown}' không dùng được ({shortened(str(error), 100)}); hãy viết "
            "sqlite:///var/tracker.db hoặc postgresql+psycopg://người_dùng@máy_chủ:5432/tên_cơ_sở_dữ_liệu."
        )
    if isinstance(error, OSError):
        problem = file_problem(error)
        return Unavailable(f"{problem} (cơ sở dữ liệu TRACKER_DATABASE_URL={shown})") if problem else None
    if not isinstance(error, DBAPIError):
        return None
    reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
    for fragment, advice in _ADVICE:
        if fragment in reason:
            return Unavailable(f"Cơ sở dữ liệu {shown} (TRACKER_DATABASE_URL): {advice}.")
    if isinstance(error, OperationalError):
        return Unavailable(f"Không làm việc được với cơ sở dữ liệu {shown} (TRACKER_DATABASE_URL): {reason}.")
    return None


# What a driver's message means, and what to do about it.
_ADVICE = (
    (
        "does not exist",
        "cơ sở dữ liệu này chưa có trên máy chủ; hãy tạo nó (createdb) hoặc sửa tên",
    ),
    ("password authentication failed", "máy chủ từ chối tên người dùng hoặc mật khẩu; hãy sửa trong địa chỉ"),
    ("Connection refused", "máy chủ không nhận kết nối; hãy kiểm tra PostgreSQL đang chạy, máy chủ và cổng"),
    ("could not translate host name", "không tìm thấy máy chủ có tên này; hãy sửa tên máy chủ trong địa chỉ"),
    ("timeout", "máy chủ không trả lời kịp; hãy kiểm tra mạng, máy chủ và cổng"),
    (
        "file is not a database",
        "tệp này không phải cơ sở dữ liệu SQLite; hãy chỉ tới đúng tệp",
    ),
    (
        "readonly database",
        "tệp chỉ cho đọc; hãy cấp quyền ghi tệp và thư mục cho người dùng chạy tracker",
    ),
    ("unable to open database file", "không mở được tệp; hãy kiểm tra đường dẫn và quyền của thư mục"),
    ("database is locked", "cơ sở dữ liệu đang bận quá lâu vì một tiến trình khác; hãy thử lại sau ít phút"),
)
