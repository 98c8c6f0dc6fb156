"""Whether the number of an explanation is the row's achieved value (affirm family, fix round of session 8).

An evaluator's explanation often holds a number that is not what the row achieved: a forecast, plan, aim or
requirement ("预计使用率96%", "力争…", "拟增床位至12张", "规划床位12张", "应达到96%"), a part of the row ("部分
科室使用率96%", "个别月份…", "抽查部分科室…", "最短办结时间2.5天", "其中加床3张"), a change ("由8张增至12张",
"缩短2.5天"), an overrun or a shortfall ("超时办结2.5天", "延期2.5天", "缺床位12张", "差4%达到96%"), a deduction or a
doubt recorded beside it ("已扣分", "扣2分", "数据造假"), the opposite measure ("不合格率4%") or a density ("12张/千人"
against 张). The readings that compare such a number with the row's target (``standard_levels``, ``YesNo``) ask this
first and refuse: the evaluator must give the achieved value itself.
"""

from __future__ import annotations

import re

from medaid.evaluation.quantity import Quantity

_NOT_ACHIEVED = re.compile(
    r"预计|估计|预测|预期|力争|争取|拟|计划|规划|目标|应达|应为|应当|需达|须达|要求|设计"
    r"|部分|个别|抽查|抽样|其中|最短|最长|最高|最低|单项|某|局部"
    r"|由[^,，;；。]{0,12}?(?:增|减|升|降|提高|降低|调)|增至|减至|升至|降至|提高|降低|增加|减少|缩短|延长|上升|下降"
    r"|超时|超期|超出|多出|延期|逾期|延迟|滞后|缺|少|短缺|不足|欠|差(?=\d|[一二三四五六七八九十两])"
    r"|扣|造假|虚报|不实|存疑|核减|调减|不合格|不达标|未达"
)


def doubtful_value(text: str, target: Quantity | None) -> str:
    """Why the number in the explanation ``text`` is not taken as the achieved value ("" when nothing says so)."""
    found = _NOT_ACHIEVED.search(text)
    if found is not None:
        return (
            f"说明“{text}”中的数值带有“{found.group(0)}”（预计、计划、部分、变化、缺额或已扣分等），"
            "不一定是本行实际完成值；请写明本行确切的实际完成值"
        )
    unit = target.unit if target is not None else ""
    if re.search(r"\d[^\d,，;；。]{0,3}/", text) and "/" not in unit:
        return f"说明“{text}”中的数值是按人口或其他单位折算的，与指标值单位不同；请写明本行确切的实际完成值"
    return ""
