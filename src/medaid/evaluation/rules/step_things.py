"""The thing a step counts after its counter, against the thing an actual counts (counts family, s7 fix round).

A step that names the thing after its counter ("缺1名专职人员扣1分", "每缺一名专兼职计生干部的扣0.5分") counts
that thing only: "缺2名兼职人员", "缺2名人员", "缺2名专职人员证书" are other things, refused; a narrower one with a
head ("缺1名村级兼职计生干部" of "专兼职计生干部", 专兼职 being either) is one of them.
A count in "人次" is not one in "人".
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.count_details import named_with_head
from medaid.evaluation.rules.count_vocab import simplified
from medaid.evaluation.rules.deduction import PerPoint


def other_thing(statement: str, rule: PerPoint, wording: str) -> str | None:
    """Why the thing the statement counts after its number ("缺2名兼职人员", "缺2名人员", "超编2人次") is not the
    one the step names after its counter ("每缺1名专职人员"): it must be that thing, or a narrower one with a head
    ("村级兼职计生干部" of "专兼职计生干部"). A step that names nothing after its counter ("每缺1项") is not checked
    (s7 fix)."""
    unit = rule.unit or ""
    if unit and re.search(rf"\d{re.escape(unit)}次", simplified(statement)):
        return f"“{statement}”按{unit}次计，评分标准按{unit}计"  # "超编2人次" for "超编1人扣0.5分"
    named = re.search(rf"(?:一|1){re.escape(unit)}([\u4e00-\u9fff]+?)的?[,，]?扣", wording) if unit else None
    if named is None or unit == "%":
        return None
    said = re.sub(r"[（(][^）)]*[）)]", "", simplified(statement))
    found = re.search(rf"\d+(?:\.\d+)?{re.escape(unit)}([^\d,;，；。]*)$", said)
    if found is None or not (thing := found.group(1).strip()):
        return None
    wanted = named.group(1)
    forms = {wanted} | (
        {wanted.replace("专兼职", "专职"), wanted.replace("专兼职", "兼职")} if "专兼职" in wanted else set()
    )
    if any(thing == form or named_with_head(thing, form) for form in forms):
        return None
    return f"“{statement}”所计的“{thing}”不是评分标准所计的“{wanted}”，需写明"
