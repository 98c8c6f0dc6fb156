"""Rows the importer rejects, each with one problem.

They are a fixed share of the rows: per kind in settlements.csv
max(1, settlements // 10000); per kind in each recipients file max(1, recipients // 3000).
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np

from medaid.ingest.idnumber import CHECK_CHARS

SETTLEMENT_BAD = (
    ("id_check_digit", "身份证号"),
    ("id_length", "身份证号"),
    ("impossible_date", "结算日期"),
    ("negative_amount", "医疗救助支付"),
    ("text_in_number", "总费用"),
    ("formula", "医疗救助支付"),
    ("in_scope_above_total", "政策范围内费用"),
    ("repeated_id", "结算编号"),
)
RECIPIENT_BAD = {
    "民政": (("unknown_category", "救助类别"), ("id_check_digit", "身份证号"), ("impossible_date", "生效日期")),
    "乡村振兴": (("unknown_category", "救助类别"), ("id_length", "身份证号")),
    "残联": (("unknown_category", "救助类别"), ("id_check_digit", "身份证号")),
}
UNKNOWN_CATEGORIES = ("低保对像", "监测对像", "特因人员")


def recipient_bad_each(recipients: int) -> int:
    return max(1, recipients // 3000)


def bad_plan(
    rng: np.random.Generator, rows: int, kinds: tuple[tuple[str, str], ...], per_kind: int
) -> list[tuple[int, str, str]]:
    """(insert after data row index, kind, column label) for each bad row, sorted by position.

    -1 puts a row first; a repeated 结算编号 always follows the row it repeats."""
    plan = [
        (int(rng.integers(0 if kind == "repeated_id" else -1, rows)), kind, label)
        for kind, label in kinds
        for _ in range(per_kind)
    ]
    return sorted(plan, key=lambda item: item[0])


def corrupt(kind: str, cells: dict[str, str], year: int, rng: np.random.Generator, earlier_id: str = "") -> str:
    """Break one cell of a row (label → text) the way ``kind`` says; returns the new value."""
    label = dict(SETTLEMENT_BAD).get(kind) or dict(RECIPIENT_BAD["民政"]).get(kind, "")
    if kind in ("id_check_digit", "id_length"):
        number = cells["身份证号"]
        wrong = CHECK_CHARS[(CHECK_CHARS.index(number[17]) + 1 + int(rng.integers(0, 10))) % 11]
        cells["身份证号"] = number[:17] + wrong if kind == "id_check_digit" else number[:17]
        return cells["身份证号"]
    if kind == "impossible_date":
        label = "结算日期" if "结算日期" in cells else "生效日期"
        cells[label] = f"{year}-02-30"
    elif kind == "unknown_category":
        cells[label] = UNKNOWN_CATEGORIES[int(rng.integers(0, len(UNKNOWN_CATEGORIES)))]
    elif kind == "text_in_number":
        cells[label] = "八百"
    elif kind == "formula":
        cells[label] = "=SUM(A1:A3)"
    elif kind == "repeated_id":
        cells[label] = earlier_id
    elif kind == "in_scope_above_total":
        cells[label] = f"{Decimal(cells['总费用']) + Decimal('100.00'):.2f}"
    elif kind == "negative_amount":
        paid = max(Decimal(cells[label]), Decimal("35.00"))
        cells["个人自付"] = f"{Decimal(cells['个人自付']) + Decimal(cells[label]) + paid:.2f}"
        cells[label] = f"{-paid:.2f}"
    return cells[label]
