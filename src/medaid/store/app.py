"""App state that people edit, in SQL through SQLAlchemy: SQLite by default, PostgreSQL shared.

Where it lives: ``MEDAID_APP_URL`` in the environment when set (e.g.
``postgresql+psycopg://medaid@db/medaid`` for a shared server), else ``DIR/app.sqlite``
beside the workspace's analytics store. No engine is made at import time; the tables are
made and brought up to date by the Alembic migrations in ``medaid/store/migrations``,
run from code by :func:`upgrade` (no ``alembic.ini`` needed).

Tables: in ``warnings_store.py`` (re-exported here), ``warnings`` (high-cost warnings and their follow-up
state, identities masked, each of one workspace) and ``warning_events`` (the audit log of every state
change), and, in ``accounts.py``, ``accounts`` (roles) and ``access_log`` (every unmasked look at
identities), and, in ``audit_trail.py``, ``audit_log`` (the hash-chained audit trail), and, in
``cases.py``, the cases of 依申请救助 (``cases``, ``case_members``, ``case_bills``, ``case_documents``,
``case_events``), and, in ``visits.py``, the follow-up visits (``visit_plans``, ``visit_targets``,
``visit_records``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session

from medaid.store.app_base import NAMING as NAMING
from medaid.store.app_base import Base as Base
from medaid.store.warnings_store import AppWarning as AppWarning
from medaid.store.warnings_store import EventRecord as EventRecord
from medaid.store.warnings_store import WarningEvent as WarningEvent
from medaid.store.warnings_store import WarningRecord as WarningRecord
from medaid.vocab import WARNING_STATES

ENV_URL = "MEDAID_APP_URL"
APP_FILE = "app.sqlite"

STATES: tuple[str, ...] = tuple(WARNING_STATES)
STATE_LABELS = WARNING_STATES


def url_for(root: Path) -> str:
    """The app database of a workspace: the one a server of it started with, else ``MEDAID_APP_URL`` when
    set, else ``sqlite:///DIR/app.sqlite``."""
    from medaid.environment import environment

    served = _served_roots.get(root.resolve())
    if served is not None:
        return served
    configured = environment(only=(ENV_URL,)).app_url  # read now, through the one settings model
    if configured:
        return configured.strip()
    return default_url(root)


def default_url(root: Path) -> str:
    """The workspace's own SQLite app database, when no server is named."""
    return f"sqlite:///{(root / APP_FILE).resolve().as_posix()}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # readers do not wait for a writer (a server's pages while someone signs in or follows a finding up)
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


SQLITE_BUSY_SECONDS = 30  # how long a write waits for another to finish before "database is locked"


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite enforces foreign keys, writes ahead and waits for a busy database."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url)


@contextmanager
def _script_location() -> Iterator[Path]:
    with resources.as_file(resources.files("medaid.store") / "migrations") as path:
        yield path


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the app database at ``url`` up to ``revision`` with the packaged Alembic migrations. SQLite
    migrates with foreign keys off: a table rebuilt in batch mode is dropped and made again, and dropping it
    with them on would delete or unlink the rows that refer to it (``ON DELETE CASCADE`` / ``SET NULL``)."""
    from alembic import command
    from alembic.config import Config

    engine = make_engine(url)
    try:
        with _script_location() as location, engine.connect() as connection:
            if connection.dialect.name == "sqlite":  # a pragma outside a transaction, else it does nothing
                connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
                connection.commit()
            with connection.begin():
                config = Config()
                config.set_main_option("script_location", str(location))
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
    finally:
        engine.dispose()


def offline_sql(url: str, revision: str = "head") -> str:
    """The migration as SQL text for ``url``'s dialect, without connecting (for a DBA to review)."""
    import io

    from alembic import command
    from alembic.config import Config

    buffer = io.StringIO()
    with _script_location() as location:
        config = Config(output_buffer=buffer)
        config.set_main_option("script_location", str(location))
        config.attributes["url"] = url
        command.upgrade(config, revision, sql=True)
    return buffer.getvalue()


def current_revision(url: str) -> str | None:
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


_migrating = threading.Lock()  # one migration at a time in a process (a server's first requests arrive together)
_head: list[str] = []  # the packaged migrations' head revision, read once


def head_revision() -> str:
    if not _head:
        from alembic.config import Config
        from alembic.script import ScriptDirectory

        with _script_location() as location:
            config = Config()
            config.set_main_option("script_location", str(location))
            head = ScriptDirectory.from_config(config).get_current_head()
        _head.append(str(head))
    return _head[0]


_served: set[str] = set()  # databases a server brought up to date when it started: not checked per request
_served_roots: dict[Path, str] = {}  # a served workspace keeps the app database it started with
_served_engines: dict[str, Engine] = {}  # and one engine (a connection pool) for all its requests


def keep_current(root: Path) -> str:
    """For a server of the workspace at ``root`` (``medaid serve``, at start): its app database, migrated
    now, kept for the life of the process and trusted to stay at head (not checked per request)."""
    url = url_for(root)
    upgrade(url)
    _served.add(url)
    _served_roots[root.resolve()] = url
    _served_engines.setdefault(url, make_engine(url))  # one pool for the server's requests, kept open
    return url


def _up_to_date(engine: Engine) -> bool:
    from alembic.runtime.migration import MigrationContext

    if engine.url.render_as_string(hide_password=False) in _served:
        return True
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision() == head_revision()


@contextmanager
def session_for(root: Path, *, migrate: bool = True) -> Iterator[Session]:
    """A session on a workspace's app database, migrated first when behind; committed on success, else
    rolled back. Checking the revision is one query; the migration itself runs only when it is needed."""
    url = url_for(root)
    kept = _served_engines.get(url) if url in _served else None
    engine = kept or make_engine(url)
    try:
        if migrate and not _up_to_date(engine):
            with _migrating:
                upgrade(url)
        with Session(engine, expire_on_commit=False) as session, session.begin():
            yield session
    finally:
        if kept is None:
            engine.dispose()


# Accounts, the access log and judged scores live in their own modules; importing them here registers
# their tables on Base.metadata wherever the app database is used (migrations compare against it).
from medaid.store import accounts as _accounts  # noqa: E402, F401
from medaid.store import audit_trail as _audit_trail  # noqa: E402, F401
from medaid.store import cases as _cases  # noqa: E402, F401
from medaid.store import follow_ups as _follow_ups  # noqa: E402, F401
from medaid.store import judgments as _judgments  # noqa: E402, F401
from medaid.store import visits as _visits  # noqa: E402, F401
