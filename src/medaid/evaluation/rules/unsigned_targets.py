"""A target in a unit of time written with neither ≥ nor ≤ (numbers family, session 8 fix round).

"3天", "5个工作日", "2小时": a number of days may be a time limit (办结时限, 响应时间: less is better, 2天 meets
"3天") or a number of days to reach (运营天数, 开展天数: more is better, 2天 falls short). The row does not say
which, so no rule that compares the actual with the target in a direction (达到目标值得满分, 按完成比例计分,
分档 on the completion) reads it silently as "≥3天": it refuses and asks for the sign.
"""

from __future__ import annotations

from medaid.evaluation.quantity import Comparator, Quantity

# units of a span of time (of one quantity.py spelling each); 年 is left out (ages, periods of service)
TIME_UNITS = frozenset(
    {"天", "日", "个工作日", "工作日", "小时", "个小时", "分钟", "秒", "周", "个周", "星期", "个星期", "月", "个月"}
)
_SIGNED = (Comparator.GE, Comparator.GT, Comparator.LE, Comparator.LT)


def unsigned_time(target: Quantity | None) -> str | None:
    """The refusal for a target in a unit of time with no ≥/≤ (module docstring); None for any other target."""
    if target is None or target.value is None or target.unit not in TIME_UNITS or target.comparator in _SIGNED:
        return None
    return (
        f"指标值“{target.text}”是时间，未写明“≥”或“≤”：可能是时限（越短越好），也可能是应达到的时长（越长越好），"
        "达到与否的方向不明，需人工判断；请在指标值前写明“≤”或“≥”"
    )
