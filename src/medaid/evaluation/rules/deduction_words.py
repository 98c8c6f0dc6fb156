"""An actual in words for a step counted from zero ("每缺一项扣1分", "每滞后一年扣2分"), or for a step whose text
names the condition of full marks (counts family; docs/rules.md, "Counts and ranks"):

- the opposite of what the step counts, of the thing the text counts it of (rules/count_opposites.py): "证件齐全"
  for "缺一项扣1分", "专职安全员配备齐全" for "专职安全员每缺1名扣1分", "资金均按时拨付" for "资金每滞后一个月"; a
  thing other than the text's ("车辆齐全" for "专职安全员每缺1名") is no zero;
- the condition of full marks restated with one noun of it left out, as evaluators shorten it, and the words of its
  basis written as tables write them (根据/依据/按照/依照 are 按): "按年度投资计划分期到位" for "根据项目年度投资计划
  分期到位的,得满分"; never when what is left out says how or by what it is met ("分期到位" leaves out "按…计划").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from medaid.evaluation.rules.count_opposites import opposite
from medaid.evaluation.rules.count_vocab import COUNTER, NUMBER, simplified
from medaid.evaluation.rules.count_words import _HEDGED, QUALIFIERS
from medaid.evaluation.rules.listed_elements import all_there

if TYPE_CHECKING:
    from medaid.evaluation.rules.deduction import PerPoint

_BASIS = re.compile(r"根据|依据|按照|依照")
# what a shortened condition may not leave out: how, by what or when it is met
_HOW = re.compile(r"按|计划|规定|要求|标准|时|期|[不未没无非]|\d")


def _dropped(words: str, condition: str) -> str | None:
    """The one run of the condition the words leave out ("项目" of "按项目年度投资计划分期到位"), "" for the same
    words; None when the words are not the condition less one run."""
    said, wanted = _BASIS.sub("按", words), _BASIS.sub("按", condition)
    i = 0
    while i < min(len(said), len(wanted)) and said[i] == wanted[i]:
        i += 1
    rest = said[i:]
    end = len(wanted) - len(rest)
    if not wanted.endswith(rest) or end < i:
        return None
    return wanted[i:end]


def restates_full(words: str, condition: str) -> bool:
    """The words are the condition of full marks, or it less one noun (module docstring)."""
    if len(words) < 4 or re.search(r"[不未没无非]|\d", words) or _HEDGED.search(words):
        return False
    gap = _dropped(words, condition)
    return gap is not None and len(gap) <= 6 and not _HOW.search(gap) and not QUALIFIERS.search(gap)


def _fault(rule: PerPoint) -> str:
    """What the step counts, in the text's words without its count and score: "缺" of "缺一项扣1分", "专职安全员缺" of
    "专职安全员每缺1名扣1分"."""
    word = (rule.word or "").rstrip("的者")
    text = simplified(re.sub(r"\s+", "", rule.text or ""))
    part = next((p for p in re.split(r"[;；。]", text) if word and word in p), "")
    part = re.sub(r"扣(?:除)?\d+(?:\.\d+)?分.*$", "", part)
    part = re.sub(rf"每|{NUMBER}{COUNTER}|{NUMBER}|[,，的]", "", part)
    return part


def words_met(written: str, rule: PerPoint) -> str | None:
    """Why an actual in words scores full marks (module docstring), or None."""
    text = simplified(written)
    for condition in rule.full_when:
        if restates_full(text, condition):
            return f"实际“{written}”即评分标准“{condition}”得满分的情形（写法从简）"
    if rule.from_zero and rule.word and (fault := _fault(rule)) and opposite(text, fault):
        return f"实际“{written}”即没有“{fault}”的情形，不扣分"
    # counts family (s8): "封面项目名称、…、评价日期五项均已填写,填写规范": every element the text lists is there; any
    # other statement restates the full-marks condition
    said = [s for s in re.split(r"[,;，；。]", text) if s]
    if rule.from_zero and rule.word and rule.word.startswith(("少", "缺")) and said:
        there = [s for s in said if all_there(s, rule.text or "")]
        rest = [s for s in said if s not in there]
        if there and all(any(restates_full(s, c) for c in rule.full_when) for s in rest):
            return f"实际“{written}”写明评分标准所列各项均已具备，不缺项，不扣分"
    return None
