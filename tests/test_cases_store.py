"""The case tables (store/cases.py) as migration 0008 makes them, on SQLite: the models and the migration
agree, the vocabularies are enforced by the database too, and the migration goes down as it came up
(with the revisions after it)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from medaid.store import app
from medaid.store.cases import Case, CaseEvent
from tests.case_support import check_tables, downgrade, migrated

TABLES = {"cases", "case_members", "case_bills", "case_documents", "case_events"}


def row(**changes: object) -> Case:
    now = dt.datetime(2026, 3, 2, 9, 30)
    fields: dict[str, object] = {"workspace": "w", "state": "applied", "category": "因病致贫重病患者", "person_key": "k",
                                 "id_cipher": b"\x01", "name_cipher": b"\x02", "id_masked": "4502**********0011",
                                 "name_masked": "韦**", "applied_on": now.date(), "income_fen": 0, "assets_fen": 0,
                                 "opened_by": "王", "opened_at": now, "updated_at": now}  # fmt: skip
    return Case(**{**fields, **changes})


def test_migration_0008_makes_the_case_tables_as_the_models_say(tmp_path: Path):
    with migrated(tmp_path, "0008") as engine:
        check_tables(engine, TABLES)
        with pytest.raises(IntegrityError), Session(engine) as session, session.begin():
            session.add(row(state="待定"))  # not a state of the workflow
        with pytest.raises(IntegrityError), Session(engine) as session, session.begin():
            case = row()
            case.events = [CaseEvent(action="approve_all", to_state="applied", actor="王", role="clerk",
                                     at=case.opened_at)]  # fmt: skip
            session.add(case)
        with Session(engine) as session, session.begin():
            session.add(row())
        assert not TABLES & downgrade(engine, "0007")


def test_the_migration_for_postgresql_creates_the_case_tables():
    sql = app.offline_sql("postgresql://medaid@db.example/medaid", revision="0008")
    assert "CREATE TABLE cases" in sql and "id_cipher BYTEA NOT NULL" in sql
    assert "CONSTRAINT ck_cases_state CHECK (state IN ('applied', 'accepted'" in sql
    assert "FOREIGN KEY(warning_id) REFERENCES warnings (id) ON DELETE SET NULL" in sql
