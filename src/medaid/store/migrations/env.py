"""Alembic environment for the app database, configured from code (``medaid.store.app``).

Online: ``config.attributes["connection"]`` is an open connection. Offline (``--sql``):
``config.attributes["url"]`` names the dialect and the SQL is written out.
"""

from __future__ import annotations

from alembic import context

from medaid.store.app import Base

config = context.config
target_metadata = Base.metadata


def run_offline() -> None:
    context.configure(
        url=config.attributes["url"],
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes["connection"]
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
