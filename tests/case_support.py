"""What the tests of 依申请救助 and 回访 share: checking a migration's tables against the models and taking the
migration down again (test_cases_store, test_visits_store), and the county of recipients that the visit tests
plan on (test_cases_visits, test_cli_visits)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from medaid.demo.people import make_people
from medaid.services.imports import import_file
from medaid.store import app
from medaid.workspace import Workspace

P = make_people(80, seed=15)


def table_of(difference: Any) -> str:
    """The table an Alembic difference is about."""
    if isinstance(difference, list):  # changes of one column come as a list
        return table_of(difference[0])
    kind, subject = difference[0], difference[1]
    if kind in ("add_table", "remove_table"):
        return str(subject.name)
    if kind in ("add_column", "remove_column") or kind.startswith("modify_"):
        return str(difference[2])
    return str(subject.table.name)  # indexes and constraints


def check_tables(engine: Engine, tables: set[str]) -> None:
    """The database has the tables, and they are as the models say (later revisions' tables are theirs)."""
    with engine.connect() as con:
        assert set(inspect(con).get_table_names()) >= tables
        differences = compare_metadata(MigrationContext.configure(con), app.Base.metadata)
        assert [d for d in differences if table_of(d) in tables] == []


def downgrade(engine: Engine, revision: str) -> set[str]:
    """Takes the database down to the revision; returns the tables left."""
    with engine.begin() as connection, app._script_location() as location:
        config = Config()
        config.set_main_option("script_location", str(location))
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    with engine.connect() as con:
        return set(inspect(con).get_table_names())


@contextmanager
def migrated(tmp_path: Path, revision: str) -> Iterator[Engine]:
    """A SQLite application database in tmp_path, upgraded to the head (at or after the revision); its engine.
    Afterwards (the test may have taken it down) it goes up to the head again."""
    url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    app.upgrade(url)
    assert app.current_revision(url) == app.head_revision() >= revision
    engine = app.make_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()
    app.upgrade(url)
    assert app.current_revision(url) == app.head_revision()


def recipients_csv(path: Path) -> Path:
    """P0–P5 民政 低保 (P0–P2 in township 101, P3–P5 in 102); P6, P7 残联 (102); P8 民政, ended 2025-12-31;
    P9 民政, died 2026-02-01; P10–P69 民政 特困 in 103 (the large frame of the sample)."""
    rows = [f"{P[i].id_number},{P[i].name},低保对象,民政局,2024-01-01,,45022210{1 if i < 3 else 2}" for i in range(6)]
    rows += [f"{P[i].id_number},{P[i].name},特困人员,残联,2024-01-01,,450222102" for i in (6, 7)]
    rows += [f"{P[8].id_number},{P[8].name},低保对象,民政,2024-01-01,2025-12-31,450222101",
             f"{P[9].id_number},{P[9].name},低保对象,民政,2024-01-01,,450222101"]  # fmt: skip
    rows += [f"{P[i].id_number},{P[i].name},特困人员,民政,2025-01-01,,450222103" for i in range(10, 70)]
    path.write_text("身份证号,姓名,救助类别,认定部门,生效日期,终止日期,区划\n" + "\n".join(rows) + "\n",
                    encoding="utf-8")  # fmt: skip
    return path


def visits_county(tmp: Path) -> Path:
    """A 2026 workspace in tmp with the recipients of recipients_csv and P9's death imported."""
    root = Workspace.init(tmp / "ws", year=2026).root
    import_file(root, "recipients", recipients_csv(tmp / "名单.csv"))
    deaths = tmp / "死亡.csv"
    deaths.write_text(f"身份证号,死亡日期\n{P[9].id_number},2026-02-01\n", encoding="utf-8")
    import_file(root, "deaths", deaths)
    return root


def generated_county(root: Path, seed: int) -> Path:
    """A county of 1,000 people generated with the seed into root/data, imported into the 2023 workspace root/ws;
    root."""
    from medaid.demo.generate import generate
    from medaid.services.demo import IMPORT_ORDER

    generate(root / "data", 1000, seed=seed)
    workspace = Workspace.init(root / "ws", year=2023)
    for kind, name in IMPORT_ORDER:
        if (root / "data" / name).exists():
            import_file(workspace.root, kind, root / "data" / name)
    return root
