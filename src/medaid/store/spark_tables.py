"""How Spark reads a bulk table (settlements) straight from its Parquet files, only the months a call needs.

:mod:`medaid.store.spark` registers each table a call reads as a view of the call's Spark session. A
call names the rows it needs by a DuckDB query. For a bulk table the query is a filter on its date
(``SELECT * FROM settlements WHERE year(settle_date) = 2023``, ``… WHERE settle_date BETWEEN DATE
'2023-01-01' AND DATE '2023-06-30'``). :func:`span_of` finds which dates that filter keeps, without
reading any data: DuckDB evaluates the WHERE over a calendar of dates standing in for the table. When
the dates kept are one unbroken interval, the query's rows are exactly the rows dated in it, and Spark
reads them from the files themselves:

- on this machine (local mode, a standalone cluster at the loopback address), the files the store
  records as the table now (``bulk.recorded``) of the months in the interval, nothing else
  (:func:`from_workspace`);
- on the cluster's storage (``spark.tables``), the table's directory with a filter on its ``year`` and
  ``month`` partition columns, which Spark uses to skip the other months' directories (:func:`within`).

A query of any other form (another column in the filter, a join) gives None: the caller copies the
query's rows as before, which is always right, only slower.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from medaid.errors import Location
from medaid.store import bulk
from medaid.store.engine import EngineError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

CALENDAR = (dt.date(1900, 1, 1), dt.date(2199, 12, 31))  # every day of it, a day far before and after, NULL
_FAR = (dt.date(1, 1, 1), dt.date(9999, 12, 31))
_QUERY = re.compile(r"\s*SELECT\s+\*\s+FROM\s+(?P<table>\w+)(?:\s+WHERE\s+(?P<where>.+?))?\s*;?\s*", re.I | re.S)
_NOT_A_FILTER = re.compile(r"\b(UNION|INTERSECT|EXCEPT|LIMIT|OFFSET|ORDER|GROUP|HAVING|QUALIFY|SAMPLE|USING)\b", re.I)
_SPARK_TYPES = {"VARCHAR": "STRING"}  # the other stored types have the same name in Spark


@dataclass(frozen=True)
class Span:
    """The rows of a bulk table dated from ``first`` to ``last`` (None: unbounded on that side)."""

    first: dt.date | None
    last: dt.date | None

    def months(self, year: int, month: int) -> bool:
        """Whether the partition (year, month) holds dates of the span."""
        key = year * 12 + month
        return (self.first is None or key >= self.first.year * 12 + self.first.month) and (
            self.last is None or key <= self.last.year * 12 + self.last.month
        )


def span_of(con: duckdb.DuckDBPyConnection, name: str, query: str) -> Span | None:
    """The dates query ``query`` keeps of bulk table ``name``, when it is a filter on the table's date that
    keeps one unbroken interval (see the module); None otherwise."""
    spec = bulk.TABLES.get(name)
    found = _QUERY.fullmatch(query)
    if spec is None or found is None or found["table"].lower() != name:
        return None
    where, d = found["where"], spec.date
    if where is None:
        return Span(None, None)
    if _NOT_A_FILTER.search(where):
        return None
    (start, end), (before, after) = CALENDAR, _FAR
    calendar = (f"SELECT CAST(t.d AS DATE) AS {d} FROM range(DATE '{start}', DATE '{end + dt.timedelta(1)}', "
                f"INTERVAL 1 DAY) AS t(d) UNION ALL SELECT * FROM (VALUES (DATE '{before}'), (DATE '{after}'), "
                "(NULL::DATE))")  # fmt: skip
    inside = f"{d} BETWEEN DATE '{start}' AND DATE '{end}'"
    try:  # the CTE stands in for the table: a filter on any other column does not bind
        [(first, last, days, early, late, null)] = con.execute(
            f"WITH {name} AS ({calendar}) SELECT min({d}) FILTER ({inside}), max({d}) FILTER ({inside}), "
            f"count(*) FILTER ({inside}), count(*) FILTER ({d} < DATE '{start}'), "
            f"count(*) FILTER ({d} > DATE '{end}'), count(*) FILTER ({d} IS NULL) "
            f"FROM (SELECT {d} FROM {name} WHERE {where})"
        ).fetchall()
    except duckdb.Error:
        return None
    if not days or null or (last - first).days + 1 != days:  # nothing, a NULL date, or holes: not one interval
        return None
    if bool(early) != (first == start) or bool(late) != (last == end):  # a bound outside the calendar
        return None
    return Span(None if early else first, None if late else last)


def recorded_files(con: duckdb.DuckDBPyConnection, name: str) -> list[tuple[int, int, Path]] | None:
    """(year, month, absolute path) of the files that are bulk table ``name`` now; None when the store keeps
    it otherwise (an in-memory database, a store from before the Parquet layout)."""
    try:
        root = bulk.root_of(con)
    except LookupError:
        return None
    if not bulk.has_table(con, bulk.FILES) or bulk.has_table(con, name):
        return None
    return [(year, month, root / file) for year, month, file in bulk.recorded(con, name)]


def from_workspace(
    own: SparkSession, con: duckdb.DuckDBPyConnection, name: str, span: Span, files: list[tuple[int, int, Path]]
) -> DataFrame:
    """The rows of ``span`` read from the workspace's own files of the months it covers (the others are
    not even listed), with the columns of DuckDB's view of the same name."""
    spec = bulk.TABLES[name]
    chosen = [str(path) for year, month, path in files if span.months(year, month)]
    if not chosen:
        return empty(own, name)
    base = bulk.root_of(con) / bulk.TABLES_DIR / name
    frame = own.read.option("basePath", str(base)).parquet(*chosen)
    return within(frame, name, span).select(*(c for c, _ in spec.columns))


def within(frame: DataFrame, name: str, span: Span) -> DataFrame:
    """``frame`` (a bulk table as Spark reads its directory) kept to ``span``: by its ``year`` and ``month``
    partition columns where it has them (Spark then skips the other months' files), and by date."""
    from pyspark.sql import functions as F

    date = F.col(bulk.TABLES[name].date)
    month = F.col("year") * 12 + F.col("month")
    partitioned = {"year", "month"} <= set(frame.columns)
    kept = F.lit(True)
    if span.first is not None:
        kept = kept & (date >= F.lit(span.first))
        if partitioned:
            kept = kept & (month >= span.first.year * 12 + span.first.month)
    if span.last is not None:
        kept = kept & (date <= F.lit(span.last))
        if partitioned:
            kept = kept & (month <= span.last.year * 12 + span.last.month)
    return frame.where(kept)


def empty(own: SparkSession, name: str) -> DataFrame:
    """Bulk table ``name`` without rows, with its columns and types."""
    columns = bulk.TABLES[name].columns
    return own.createDataFrame([], ", ".join(f"{c} {_SPARK_TYPES.get(t, t)}" for c, t in columns))


UPKEEP = "medaid 工作区的 bulk_files 表列出的文件，按月整体替换（见 docs/scale.md「集群上的表」）"


def checked(con: duckdb.DuckDBPyConnection, frame: DataFrame, name: str, span: Span, where: Location) -> DataFrame:
    """``frame`` (bulk table ``name`` on the cluster's storage, kept to ``span``) once its rows per month are
    the rows the store records for that month; else an error: a copy that lags, holds superseded files or
    another region's rows would give wrong numbers without one. A directory of ``region=`` folders is refused:
    a workspace is one region, and the cluster's copy of it is one directory of its own."""
    if "region" in frame.columns:
        raise EngineError(
            f"spark.tables 下的 {name} 目录按 region= 分了地区，medaid 不从多个地区的目录中挑选本工作区的数据",
            where=where,
            fix=f"请让 spark.tables 指向只含本工作区数据的目录（每个工作区一个），其中的 {name}/ 只放 {UPKEEP}",
        )
    from pyspark.sql import functions as F

    date = F.col(bulk.TABLES[name].date)
    months = within(frame, name, whole_months(span))  # every row of the span's months, not just the span's days
    found = {(int(y), int(m)): int(n) for y, m, n in months.groupBy(F.year(date), F.month(date)).count().collect()}
    ours = store_counts(con, name, span)
    for year, month in sorted(ours.keys() | found.keys()):
        if ours.get((year, month), 0) != found.get((year, month), 0):
            raise EngineError(
                f"集群上的结算明细与工作区记录不一致：{name} {year} 年 {month} 月，集群上 "
                f"{found.get((year, month), 0)} 行，工作区记录 {ours.get((year, month), 0)} 行",
                where=where,
                fix=f"请把该月目录换成 {UPKEEP}：先复制到新目录，再整体替换旧的月目录；或删除 spark.tables 设置，"
                "由 medaid 把数据随作业发给集群",
            )
    return frame


def whole_months(span: Span) -> Span:
    """``span`` widened to the first day of its first month and the last day of its last month."""
    last = span.last
    if last is not None:
        last = (last.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return Span(span.first.replace(day=1) if span.first is not None else None, last)


def store_counts(con: duckdb.DuckDBPyConnection, name: str, span: Span) -> dict[tuple[int, int], int]:
    """The rows the store holds of bulk table ``name`` per (year, month) of ``span``: from ``bulk_files`` (the
    rows each recorded file holds), or counted when the store keeps the table otherwise (an older layout)."""
    if recorded_files(con, name) is not None:
        rows = con.execute(f"SELECT year, month, sum(rows) FROM {bulk.FILES} WHERE table_name = ? "
                           "GROUP BY year, month", [name]).fetchall()  # fmt: skip
    else:
        d = bulk.TABLES[name].date
        rows = con.execute(f"SELECT year({d}), month({d}), count(*) FROM {name} GROUP BY 1, 2").fetchall()
    return {(int(y), int(m)): int(n) for y, m, n in rows if n and span.months(int(y), int(m))}
