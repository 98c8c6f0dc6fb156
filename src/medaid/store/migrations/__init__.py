"""Alembic migrations of the app database, run from code by ``medaid.store.app.upgrade``."""
