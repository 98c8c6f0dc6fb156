"""What makes the amounts of one settlement possible — one definition for the import (which
checks every row in SQL, ``ingest.validate``) and the calculator's claim file (``policy.claim_file``).

- every amount is ≥ 0, except a refund (冲红), whose total is < 0 and every amount ≤ 0;
- |政策范围内费用| ≤ |总费用|;
- |基本医保 + 大病保险 + 医疗救助 + 倾斜救助 paid| ≤ |政策范围内费用|.
"""

from __future__ import annotations

from collections.abc import Sequence

NEGATIVE = "金额不能为负数（冲红记录应各项金额均为负数）"
IN_SCOPE_ABOVE_TOTAL = "政策范围内费用大于总费用"
PAID_ABOVE_IN_SCOPE = "基本医保、大病保险、医疗救助、倾斜救助支付之和大于政策范围内费用"


def problem(total: int, in_scope: int, paid: Sequence[int | None]) -> str | None:
    """Why a settlement's amounts (fen) are impossible, in Chinese; None when they are possible."""
    given = [p for p in paid if p is not None]
    amounts = [total, in_scope, *given]
    refund = total < 0 and all(a <= 0 for a in amounts)
    if not refund and any(a < 0 for a in amounts):
        return NEGATIVE
    if abs(in_scope) > abs(total):
        return IN_SCOPE_ABOVE_TOTAL
    if abs(sum(given)) > abs(in_scope):
        return PAID_ABOVE_IN_SCOPE
    return None
