"""CSV writing, and the recipient lists, deaths.csv and institutions.csv.

Data rows are written column-wise with pyarrow, CHUNK rows at a time; bad rows are
inserted between them as text. GB18030 files end their lines with CRLF.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pcsv

from medaid.demo.bad_rows import RECIPIENT_BAD, bad_plan, corrupt, recipient_bad_each
from medaid.demo.distributions import day_strings
from medaid.demo.parameters import NEVER, Arr, Policy
from medaid.demo.population import CHUNK, institutions
from medaid.demo.year import Year
from medaid.vocab import CATEGORIES

RECIPIENT_FILES = {  # department: (file, encoding, 认定部门 as written, id header, category header)
    "民政": ("recipients_民政.csv", "utf-8-sig", "民政", "身份证号", "救助类别"),
    "乡村振兴": ("recipients_乡村振兴.csv", "gb18030", "乡村振兴局", "身份证号", "救助类别"),
    "残联": ("recipients_残联.csv", "utf-8-sig", "残疾人联合会", "证件号码", "人员类别"),
}
RECIPIENT_COLUMNS = ("身份证号", "姓名", "救助类别", "认定部门", "生效日期", "终止日期", "区划")


@dataclass(frozen=True)
class BadRow:
    file: str
    row: int  # 1-based; the header is row 1
    column: str  # the column's label in columns.py (the 残联 file's header may be an alias)
    kind: str
    value: str


def money(fen: Arr) -> pa.Array:
    """Fen as decimal(18, 2), which CSV writes as 元 with two decimals."""
    words = np.zeros((len(fen), 2), np.int64)
    words[:, 0], words[:, 1] = fen, np.where(fen < 0, -1, 0)
    return pa.Array.from_buffers(pa.decimal128(18, 2), len(fen), [None, pa.py_buffer(words.tobytes())])


def repeat(text: str, count: int) -> pa.Array:
    return pa.array([text]).take(np.zeros(count, np.int64))


Insert = tuple[int, list[str]]  # (after which row of the part, cells)
Part = tuple[list[pa.Array], list[Insert]]


def write_csv(path: Path, header: Iterable[str], parts: Iterable[Part], encoding: str = "utf-8-sig") -> list[int]:
    """Write columns part by part; each insert (after local row index, cells) becomes a row of its own.

    Returns the row numbers (the header is row 1) of the inserted rows, in order.
    """
    eol = "\r\n" if encoding == "gb18030" else "\n"
    options = pcsv.WriteOptions(include_header=False, quoting_style="none", eol=eol)
    row, inserted = 1, []
    with path.open("wb") as out:
        out.write((",".join(header) + eol).encode(encoding))

        def put(table: pa.Table) -> None:
            buffer = io.BytesIO()
            pcsv.write_csv(table, buffer, options)
            data = buffer.getvalue()
            out.write(data if encoding != "gb18030" else data.decode("utf-8").encode(encoding))

        for columns, inserts in parts:
            table = pa.Table.from_arrays(columns, names=[str(i) for i in range(len(columns))])
            at = 0
            for after, cells in inserts:
                put(table.slice(at, after + 1 - at))
                row += after + 2 - at
                at = after + 1
                out.write((",".join(cells) + eol).encode("utf-8" if encoding == "utf-8-sig" else encoding))
                inserted.append(row)
            put(table.slice(at))
            row += table.num_rows - at
    return inserted


@dataclass
class Run:
    """What the file writers share: the year's data and the labels its indexes stand for."""

    out: Path
    rng: np.random.Generator
    year: int
    policy: Policy
    y: Year
    regions: pa.Array  # 区划 by county
    codes: pa.Array  # 机构编码 by institution
    dates: pa.Array  # ISO date by day of the year
    files: dict[str, int]
    bad: list[BadRow]


def chunks(make: Callable[[int, int], list[pa.Array]], rows: int, inserts: list[Insert]) -> Iterator[Part]:
    """Columns CHUNK rows at a time, each with the inserts that follow its rows."""
    for s in range(0, max(rows, 1), CHUNK):
        e = min(s + CHUNK, rows)
        yield make(s, e), [(at - s, r) for at, r in inserts if s <= at < e or (s == 0 and at < 0)]


def record(
    run: Run,
    file: str,
    header: tuple[str, ...],
    plan: list[tuple[int, str, str]],
    inserts: list[Insert],
    numbers: list[int],
) -> None:
    """Note the inserted bad rows of ``file``; ``header`` holds the column labels of ``plan``."""
    for (_, kind, label), (_, cells), number in zip(plan, inserts, numbers, strict=True):
        run.bad.append(BadRow(file, number, label, kind, cells[header.index(label)]))


def write_recipients(run: Run, days: int) -> dict[str, dict[str, int]]:
    """The three departments' lists, each with bad rows made of people kept for them."""
    y, rng = run.y, run.rng
    reg, reserved = y.reg, y.reserved
    lowest = int(reg.valid_from.min())
    dates = pa.array(day_strings(run.year, lowest, days))
    out: dict[str, dict[str, int]] = {}
    for d, (dept, (file, encoding, written, id_header, cat_header)) in enumerate(RECIPIENT_FILES.items()):
        first, second = np.flatnonzero(reg.department == d), np.flatnonzero(reg.second_department == d)
        who = np.concatenate((first, second))
        cats = np.concatenate((reg.category[first], reg.second_category[second]))
        order = np.argsort(who, kind="stable")
        who, cats = who[order], cats[order]
        open_end = reg.valid_to[who] == NEVER
        columns = [
            y.ids.take(who), y.names.take(who), pa.array(CATEGORIES).take(cats), repeat(written, len(who)),
            dates.take(reg.valid_from[who] - lowest),
            dates.take(pa.array(np.where(open_end, 0, reg.valid_to[who] - lowest), mask=open_end)),
            run.regions.take(y.county[who]),
        ]  # fmt: skip
        plan = bad_plan(rng, len(who), RECIPIENT_BAD[dept], recipient_bad_each(reg.count))
        inserts: list[Insert] = []
        for at, kind, _ in plan:
            start = dates[int(rng.integers(0, len(dates)))].as_py()
            person = [y.ids[reserved].as_py(), y.names[reserved].as_py(), CATEGORIES[int(cats[0])], written, start]
            row = dict(zip(RECIPIENT_COLUMNS, [*person, "", run.regions[int(y.county[reserved])].as_py()], strict=True))
            reserved += 1
            corrupt(kind, row, run.year, rng)
            inserts.append((at, list(row.values())))
        header = [id_header, "姓名", cat_header, "认定部门", "生效日期", "终止日期", "区划"]
        parts = chunks(lambda s, e: [col.slice(s, e - s) for col in columns], len(who), inserts)  # noqa: B023
        record(run, file, RECIPIENT_COLUMNS, plan, inserts, write_csv(run.out / file, header, parts, encoding))
        run.files[file] = len(who) + len(plan)
        counts = np.bincount(cats, minlength=len(CATEGORIES))
        out[dept] = {c: int(k) for c, k in zip(CATEGORIES, counts, strict=True) if k}
    return out


def write_small_files(run: Run) -> None:
    """deaths.csv and institutions.csv."""
    death = run.y.death
    dead = np.flatnonzero(death < NEVER)
    write_csv(
        run.out / "deaths.csv", ["身份证号", "死亡日期"], [([run.y.ids.take(dead), run.dates.take(death[dead])], [])]
    )
    rows = institutions(run.y.counties)
    columns = [pa.array([r[i] for r in rows]) for i in range(4)]
    write_csv(run.out / "institutions.csv", ["机构编码", "机构名称", "医院等级", "区划"], [(columns, [])])
    run.files |= {"deaths.csv": len(dead), "institutions.csv": len(rows)}
