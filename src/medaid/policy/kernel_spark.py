"""The settlement kernel on PySpark: the claims partitioned by person, sorted within each
partition by person, date and settlement id, and each partition's Arrow batches through the
same ``stream.settle_stream`` as on DuckDB (``mapInArrow``). A person's claims never span two
partitions, so every partition holds whole person-years. The result stays a Spark table.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import ibis.expr.types as ir
import pyarrow as pa

from medaid.policy.rules import Rules
from medaid.policy.stream import LAYERS, SORT_KEY, settle_stream


def settle_on_spark(backend: Any, claims: ir.Table, rules: Rules) -> ir.Table:
    """``claims`` of a PySpark backend → a temporary view of the same rows with the layers."""
    from pyspark.sql.types import LongType, StructField, StructType

    backend._run_pre_execute_hooks(claims)  # in-memory tables the query reads
    frame = backend._session.sql(backend.compile(claims))
    schema = StructType([*frame.schema.fields, *(StructField(name, LongType()) for name in LAYERS)])
    ordered = frame.repartition("person_key").sortWithinPartitions(*SORT_KEY)

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        yield from settle_stream(batches, rules)

    name = f"medaid_settled_{uuid.uuid4().hex}"
    ordered.mapInArrow(run, schema).createOrReplaceTempView(name)
    return backend.table(name)
