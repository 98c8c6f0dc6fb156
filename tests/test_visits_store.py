"""The follow-up visit tables (store/visits.py) as migration 0009 makes them, on SQLite: the models and the
migration agree, the vocabularies are enforced by the database too, and the migration goes down as it came up."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from medaid.store import app
from medaid.store.visits import VisitPlan, VisitRecord, VisitTarget
from tests.case_support import check_tables, downgrade, migrated

TABLES = {"visit_plans", "visit_targets", "visit_records"}
NOW = dt.datetime(2026, 4, 1, 9, 30)


def plan(**changes: object) -> VisitPlan:
    fields: dict[str, object] = {"workspace": "w", "name": "二季度回访", "period_from": NOW.date(),
                                 "period_until": NOW.date(), "population": "recipients", "frame": "{}",
                                 "frame_text": "救助对象名册", "frame_size": 1, "method": "all", "planned": 1,
                                 "planned_by": "王", "role": "clerk", "planned_at": NOW}  # fmt: skip
    return VisitPlan(**{**fields, **changes})


def visit(outcome: str = "visited", mode: str = "home") -> VisitRecord:
    return VisitRecord(outcome=outcome, visited_on=NOW.date(), visitor="黄", mode=mode, recorded_by="王",
                       role="clerk", recorded_at=NOW)  # fmt: skip


def test_migration_0009_makes_the_visit_tables_as_the_models_say(tmp_path: Path):
    with migrated(tmp_path, "0009") as engine:
        check_tables(engine, TABLES)
        for bad in (plan(population="全体"), plan(method="random")):
            with pytest.raises(IntegrityError), Session(engine) as session, session.begin():
                session.add(bad)
        for record in (visit(outcome="maybe"), visit(mode="letter")):
            with pytest.raises(IntegrityError), Session(engine) as session, session.begin():
                target = VisitTarget(position=1, person_key="k", id_cipher=b"\x01", id_masked="4502**********0011")
                target.records = [record]
                session.add(plan(targets=[target]))
        with Session(engine) as session, session.begin():
            target = VisitTarget(position=1, person_key="k", id_cipher=b"\x01", id_masked="4502**********0011")
            target.records = [visit()]
            session.add(plan(targets=[target]))
        names = downgrade(engine, "0008")
        assert not TABLES & names and "cases" in names


def test_the_migration_for_postgresql_creates_the_visit_tables():
    sql = app.offline_sql("postgresql://medaid@db.example/medaid", revision="0009")
    assert "CREATE TABLE visit_targets" in sql and "id_cipher BYTEA NOT NULL" in sql
    assert "CONSTRAINT ck_visit_records_outcome CHECK (outcome IN ('visited', 'unreached', 'refused'))" in sql
    assert "FOREIGN KEY(case_id) REFERENCES cases (id) ON DELETE SET NULL" in sql
