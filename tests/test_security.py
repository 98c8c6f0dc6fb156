"""Personal data that cannot leak: what the store keeps in clear, with any masked output, never
narrows a person's 身份证号 to fewer than 100 candidates (docs/security.md), and nothing in a
workspace is readable by anyone but its owner."""

from __future__ import annotations

import datetime as dt
import re
import stat
import zipfile
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from medaid.demo.generate import generate
from medaid.ingest.idnumber import CHECK_CHARS, WEIGHTS, is_valid
from medaid.services.demo import IMPORT_ORDER
from medaid.services.imports import import_file
from medaid.store.schema import SCHEMA_VERSION
from medaid.workspace import Workspace

EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date.today()  # every birth date an import accepts
ID_LIKE = re.compile(rb"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> Workspace:
    root = tmp_path_factory.mktemp("attack")
    generate(root / "data", 3000, seed=9)
    workspace = Workspace.init(root / "ws", region="示例县", year=2023)
    for kind, name in IMPORT_ORDER:
        if (root / "data" / name).exists():
            import_file(workspace.root, kind, root / "data" / name)
    return workspace


def _date_residues() -> Counter[int]:
    """How many accepted birth dates give each weighted-sum residue (digits 7–14 of the ID)."""
    out: Counter[int] = Counter()
    day = EARLIEST
    while day <= LATEST:
        out[sum(int(d) * w for d, w in zip(day.strftime("%Y%m%d"), WEIGHTS[6:14], strict=True)) % 11] += 1
        day += dt.timedelta(days=1)
    return out


def candidates(mask: str, region: str | None, residues: Counter[int], birth: dt.date | None = None) -> int:
    """Valid 身份证号 agreeing with the mask (first 4 and last 4 characters shown), a 6-digit 区划 if
    kept, and any birth date an import accepts (or the one kept in clear) — the attack of issue 10,
    counted exactly."""
    if birth is not None:
        day = birth.strftime("%Y%m%d")
        residues = Counter({sum(int(d) * w for d, w in zip(day, WEIGHTS[6:14], strict=True)) % 11: 1})
    head, tail = mask[:4], mask[-4:]  # digits 1–4; digits 15–17 and the check character
    prefixes = (
        [region]
        if region and region.isdigit() and len(region) == 6 and region[:4] == head
        else [f"{head}{i:02d}" for i in range(100)]
    )
    total = 0
    for prefix in prefixes:
        known = sum(int(d) * w for d, w in zip(prefix + tail[:3], WEIGHTS[:6] + WEIGHTS[14:17], strict=True))
        for residue, count in residues.items():
            if CHECK_CHARS[(known + residue) % 11] == tail[3]:
                total += count
    return total


def ids_in_tables(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(table, column) of every text column holding a valid 身份证号. A byte scan of a DuckDB file
    cannot see its compressed strings: the tables are read through SQL."""
    texts = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE data_type = 'VARCHAR'"
    ).fetchall()
    found = []
    for table, column in texts:
        runs = con.execute(
            f'SELECT unnest(regexp_extract_all("{column}", \'[0-9]{{17}}[0-9Xx]\')) FROM "{table}"'
        ).fetchall()
        # a hash in hex may hold 18 digits in a row by chance; a valid 身份证号 is what must not be there
        if [r for (r,) in runs if is_valid(r, dt.date.today())]:
            found.append((table, column))
    return found


def test_the_store_keeps_no_birth_date_gender_or_id_in_clear(county: Workspace):
    with county.connect(read_only=True) as con:
        columns = {r[0] for r in con.execute("DESCRIBE persons").fetchall()}
        assert columns == {"person_key", "id_cipher", "name_cipher", "id_masked", "name_masked"}
        assert ids_in_tables(con) == []


def test_no_person_is_narrowed_to_fewer_than_100_candidates(county: Workspace):
    """Was: birth_date in clear beside the mask and the 区划 rebuilt 13,333 of 15,737 IDs exactly."""
    residues = _date_residues()
    with county.connect(read_only=True) as con:
        kept = {r[0] for r in con.execute("DESCRIBE persons").fetchall()}
        birth = "p.birth_date" if "birth_date" in kept else "NULL"  # every clear column goes into the attack
        rows = con.execute(
            f"SELECT p.id_masked, min(r.region), any_value({birth}) FROM persons p "
            "LEFT JOIN recipients r USING (person_key) GROUP BY p.person_key, p.id_masked"
        ).fetchall()
    counts = [candidates(mask, region, residues, born) for mask, region, born in rows]
    assert rows and min(counts) >= 100, min(counts)
    assert any(region for _, region, _ in rows)  # the 区划 was kept and used by the attack


def _contents(path: Path) -> list[bytes]:
    """A file's bytes; a workbook's (a zip archive's) parts inflated, where the cells are."""
    data = path.read_bytes()
    if data[:2] == b"PK" and zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                return [data, *(archive.read(member) for member in archive.namelist())]
        except (zipfile.BadZipFile, OSError):
            return [data]
    return [data]


def clear_ids(*folders: Path) -> list[tuple[Path, str]]:
    """Valid 身份证号 in clear in any file under the folders (key files excepted: random bytes), workbooks
    inflated. A DuckDB file's compressed strings are invisible to this scan: see :func:`ids_in_tables`."""
    found: list[tuple[Path, str]] = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and ".key" not in path.name:
                for match in (m for part in _contents(path) for m in ID_LIKE.findall(part)):
                    text = match.decode("ascii").upper()
                    if is_valid(text, dt.date.today()):
                        found.append((path, text[:4] + "…"))
    return found


def test_no_valid_id_in_clear_anywhere_in_the_workspace(county: Workspace):
    assert clear_ids(county.root) == []


def test_the_workspace_and_every_file_in_it_are_owner_only(county: Workspace):
    assert stat.S_IMODE(county.root.stat().st_mode) == 0o700
    for path in county.root.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, (path, oct(mode))


def test_a_workspace_made_by_an_older_medaid_is_made_owner_only_when_opened(tmp_path: Path):
    import os

    old = os.umask(0o022)
    try:
        workspace = Workspace.init(tmp_path / "old", year=2023)
        (workspace.root / "rejects").mkdir()
        leftover = workspace.root / "rejects" / "1-recipients-x.csv"
        leftover.write_text("文件,行号\n", encoding="utf-8")
        leftover.chmod(0o644)
        workspace.root.chmod(0o755)
        Workspace.open(workspace.root)
        assert stat.S_IMODE(workspace.root.stat().st_mode) == 0o700
        assert stat.S_IMODE(leftover.stat().st_mode) == 0o600
    finally:
        os.umask(old)


def test_an_older_store_loses_its_clear_birth_dates_from_the_file_itself(tmp_path: Path):
    """Schema 1 kept birth_date and gender beside the mask. Dropping the columns frees their blocks
    without clearing them: the store is copied afresh, so that the values are gone from the file."""
    import duckdb

    from medaid.demo.people import make_people

    people = make_people(30, seed=4)
    workspace = Workspace.init(tmp_path / "old", year=2023)
    names = tmp_path / "r.csv"
    names.write_text("身份证号,姓名,救助类别,认定部门,生效日期\n" + "".join(
        f"{p.id_number},{p.name},低保对象,民政,2023-01-01\n" for p in people), encoding="utf-8")  # fmt: skip
    import_file(workspace.root, "recipients", names)
    with duckdb.connect(str(workspace.store_path)) as con:  # the store as an older medaid left it
        con.execute("SET force_compression = 'uncompressed'")  # so that a byte scan can see the values
        con.execute("ALTER TABLE persons ADD COLUMN birth_date VARCHAR")
        con.execute("ALTER TABLE persons ADD COLUMN gender VARCHAR")
        con.execute("UPDATE persons SET birth_date = 'BORN-' || md5(person_key), gender = 'SEX-' || md5(person_key)")
        con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
        con.execute("FORCE CHECKPOINT")
    assert workspace.store_path.read_bytes().count(b"BORN-") >= len(people)  # the scan sees them

    reopened = Workspace.open(workspace.root)

    assert b"BORN-" not in reopened.store_path.read_bytes() and b"SEX-" not in reopened.store_path.read_bytes()
    ring = reopened.key()
    with reopened.connect(read_only=True) as con:
        columns = {r[0] for r in con.execute("DESCRIBE persons").fetchall()}
        stored = {ring.decrypt(r[0]) for r in con.execute("SELECT id_cipher FROM persons").fetchall()}
        version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    assert "birth_date" not in columns and "gender" not in columns and version == [(str(SCHEMA_VERSION),)]
    assert stored == {p.id_number for p in people}
    assert not [p for p in (reopened.root / ".medaid-tmp").rglob("*") if p.is_file()]
