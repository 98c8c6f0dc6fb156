"""A batch of settlements as computed by the policy engine, one row each (UTF-8 with BOM CSV)."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from medaid.celltext import spreadsheet_safe
from medaid.money import to_yuan
from medaid.reports.files import atomic

HEADERS = ("结算编号", "结算日期", "就诊类型", "救助类别")


def write_settlements(rows: Sequence[Mapping[str, Any]], path: Path, layers: Mapping[str, str]) -> Path:
    """Each row's identification and the amount of every layer in 元 (``layers``: key → Chinese heading)."""
    with atomic(path) as temp, temp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*HEADERS, *layers.values()])
        for r in rows:
            cells = [r["settlement_id"], r["settle_date"], r["visit_type"], r["category"]]
            writer.writerow([*(spreadsheet_safe(c) for c in cells), *(f"{to_yuan(int(r[k])):.2f}" for k in layers)])
    return path
