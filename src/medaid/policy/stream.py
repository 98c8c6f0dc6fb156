"""Arrow claims → the kernel's coded arrays → the layers, in two arrangements.

- ``settle_sorted`` (DuckDB, ``batch``, a bucket of whole persons): a table sorted by person,
  date and settlement id, settled in chunks of whole person-years on two threads;
  ``settle_in_date_order``: a table sorted by date and settlement id (DuckDB, one bucket, when
  the result is wanted in that order), grouped by person in numpy and put back in its order.
- ``settle_stream`` (Spark, ``kernel_spark``, on each partition): batches sorted by person,
  date and settlement id. A batch may end in the middle of a person's year: that person's
  claims are carried over to the next batch, so the kernel always sees whole person-years
  (memory stays bounded by the batch size).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TypeAlias

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from medaid.policy import kernel
from medaid.policy.rules import I64, Bools, Rules

LAYERS = ("basic", "critical", "assistance", "tilted", "supplementary", "out_of_pocket_in_scope",
          "out_of_pocket_total")  # fmt: skip
SORT_KEY = ("person_key", "settle_date", "settlement_id")  # person-years are then contiguous
GIVEN = ("basic_paid", "critical_paid")  # a layer the insurance system settled, taken as given where not null
Batch: TypeAlias = pa.RecordBatch | pa.Table


def _numbers(column: pa.Array | pa.ChunkedArray) -> I64:
    values: I64 = pc.fill_null(column, 0).cast(pa.int64()).to_numpy()
    return values


def _codes(column: pa.Array | pa.ChunkedArray, vocabulary: tuple[str, ...]) -> I64:
    """Index in ``vocabulary``; len(vocabulary) where absent (or null)."""
    found = pc.index_in(column.cast(pa.string()), value_set=pa.array(vocabulary, pa.string()))
    codes: I64 = pc.fill_null(found, len(vocabulary)).cast(pa.int64()).to_numpy()
    return codes


def _days(column: pa.Array | pa.ChunkedArray) -> I64:
    if column.type != pa.date32():
        column = column.cast(pa.date32())
    days: I64 = column.cast(pa.int32()).to_numpy().astype(np.int64)
    return days


def _changes(column: pa.Array | pa.ChunkedArray) -> Bools:
    """Where a value differs from the one before it (nulls equal to each other); the first row is a change."""
    if len(column) == 0:
        return np.zeros(0, np.bool_)
    after, before = column.slice(1), column.slice(0, len(column) - 1)
    differs = pc.coalesce(pc.not_equal(after, before), pc.xor(pc.is_null(after), pc.is_null(before)))
    out: Bools = np.r_[True, differs.to_numpy(zero_copy_only=False)]
    return out


def _fields(batch: Batch, rules: Rules, days: I64) -> dict[str, I64 | Bools | None]:
    """The kernel's coded arrays of a batch, in the batch's order (all but ``first``)."""
    category = batch.column("category")
    found = _codes(category, rules.categories) + 1
    fields: dict[str, I64 | Bools | None] = {
        "period": np.searchsorted(rules.starts, days, side="right").astype(np.int64),
        "visit": _codes(batch.column("visit_type"), rules.visits),
        "level": _codes(pc.fill_null(batch.column("hospital_level").cast(pa.string()), ""), rules.levels),
        "category": np.where(category.is_null().to_numpy(zero_copy_only=False), 0, found),
        "total": _numbers(batch.column("total")),
        "in_scope": _numbers(batch.column("in_scope")),
        "referred": pc.fill_null(batch.column("referred"), True).to_numpy(zero_copy_only=False),
    }
    for name in GIVEN:
        present = name in batch.column_names
        fields[name] = _numbers(batch.column(name)) if present else None
        valid = batch.column(name).is_valid().to_numpy(zero_copy_only=False) if present else None
        fields[name.replace("_paid", "_given")] = valid
    return fields


def _years(days: I64) -> I64:
    """Which year each day falls in, counted from the earliest year here (only compared with each other)."""
    if len(days) == 0:
        return days
    first, last = (np.datetime64(int(d), "D").astype("datetime64[Y]") for d in (days.min(), days.max()))
    if first == last:  # a year's claims: one year (no conversion of every day)
        return np.zeros(len(days), np.int64)
    starts = np.arange(first + 1, last + 1).astype("datetime64[D]").astype(np.int64)  # 1 January of each later year
    years: I64 = np.searchsorted(starts, days, side="right").astype(np.int64)
    return years


def code(batch: Batch, rules: Rules) -> kernel.Claims:
    """A batch sorted by person, date and settlement id as the kernel's coded arrays."""
    days = _days(batch.column("settle_date"))
    years = _years(days)
    first = _changes(batch.column("person_key"))
    first[1:] |= years[1:] != years[:-1]
    return kernel.Claims(first=first, **_fields(batch, rules, days))  # type: ignore[arg-type]


def _each(bounds: list[tuple[int, int]], chunk: Callable[[int, int], None], threads: int) -> None:
    if threads > 1 and len(bounds) > 1:
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(lambda b: chunk(*b), bounds))
    else:
        for begin, end in bounds:
            chunk(begin, end)


def _bounds(first: Bools, chunk_rows: int) -> list[tuple[int, int]]:
    """Chunks of about ``chunk_rows`` rows, each cut at a start of a person-year (``first``)."""
    n = len(first)
    starts = np.flatnonzero(first)
    cuts = np.unique(starts[np.searchsorted(starts, np.arange(0, n, max(1, chunk_rows)), side="right") - 1])
    return list(zip(cuts.tolist(), [*cuts[1:].tolist(), n], strict=True))


def _settled(coded: kernel.Claims, rules: Rules, chunk_rows: int, threads: int) -> dict[str, I64]:
    """The layers of coded claims sorted by person-year, in chunks of whole person-years of about
    ``chunk_rows`` claims (views of the coded arrays, on ``threads`` threads: numpy lets go of the
    interpreter lock while it computes), which bounds the kernel's working memory."""
    n = len(coded.first)
    out = {name: np.zeros(n, np.int64) for name in LAYERS}

    def chunk(begin: int, end: int) -> None:  # views of whole person-years; each writes its own rows
        part = {f.name: getattr(coded, f.name) for f in dataclasses.fields(kernel.Claims)}
        part = {k: None if v is None else v[begin:end] for k, v in part.items()}
        result = kernel.settle(rules, kernel.Claims(**part))
        for name in LAYERS:
            out[name][begin:end] = getattr(result, name)

    if n:
        _each(_bounds(coded.first, chunk_rows), chunk, threads)
    return out


def _with_layers(table: pa.Table, layers: dict[str, I64]) -> pa.Table:
    for name in LAYERS:
        table = table.append_column(name, pa.array(layers[name], pa.int64()))
    return table


def settle_sorted(table: pa.Table, rules: Rules, chunk_rows: int, threads: int = 1) -> pa.Table:
    """Claims sorted by person, date and settlement id → the same with the seven layer columns."""
    if not table.num_rows:
        return _with_layers(table, {name: np.zeros(0, np.int64) for name in LAYERS})
    return _with_layers(table, _settled(code(table, rules), rules, chunk_rows, threads))


def settle_in_date_order(table: pa.Table, rules: Rules, chunk_rows: int, threads: int = 1) -> pa.Table:
    """Claims sorted by date and settlement id (whole persons) → the same, in the same order, with the
    seven layer columns. The kernel sees them by person-year: a stable sort of the persons' codes
    (Arrow's dictionary; no key, a null, is one person as in ``settle_sorted``) keeps each person's
    claims in date order; the layers are put back in the table's order."""
    if not table.num_rows:
        return settle_sorted(table, rules, chunk_rows, threads)
    persons = pc.dictionary_encode(table.column("person_key").combine_chunks()).indices
    person: I64 = pc.fill_null(persons, -1).cast(pa.int64()).to_numpy()
    order = np.argsort(person, kind="stable")
    days = _days(table.column("settle_date"))
    years, person = _years(days)[order], person[order]
    first = np.r_[True, (person[1:] != person[:-1]) | (years[1:] != years[:-1])]
    fields = {k: None if v is None else v[order] for k, v in _fields(table, rules, days).items()}
    by_person = _settled(kernel.Claims(first=first, **fields), rules, chunk_rows, threads)  # type: ignore[arg-type]
    layers = {}
    for name, values in by_person.items():
        layers[name] = np.empty_like(values)
        layers[name][order] = values
    return _with_layers(table, layers)


def _last_person_start(batch: Batch) -> int:
    """Where the last person's claims begin in a sorted batch."""
    people = _changes(batch.column("person_key"))
    return int(np.flatnonzero(people)[-1]) if len(people) else 0


def settle_stream(batches: Iterable[pa.RecordBatch], rules: Rules) -> Iterator[pa.RecordBatch]:
    """Sorted batches in, settled batches out; a person cut by a batch's end waits for the next."""
    carry: pa.Table | None = None
    for batch in batches:
        if batch.num_rows == 0:
            continue
        table = pa.Table.from_batches([batch])
        if carry is not None:
            table = pa.concat_tables([carry, table.cast(carry.schema)])
        cut = _last_person_start(table)
        carry = table.slice(cut)
        if cut:
            yield from settle_sorted(table.slice(0, cut).combine_chunks(), rules, cut).to_batches()
    if carry is not None and carry.num_rows:
        yield from settle_sorted(carry.combine_chunks(), rules, carry.num_rows).to_batches()
