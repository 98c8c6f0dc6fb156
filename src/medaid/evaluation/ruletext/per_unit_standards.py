"""A staffing or equipment standard per unit, counted over the units (numbers family, session 7): "平均每班配备教师数
不少于1.5人,按班级数计算,每少1人扣1分类推计算", "每所学校配备校医不少于1名,按学校数计算,每缺1名扣0.5分".

How such texts are written: a standard per unit ("(平均)每班/每所/每村/每千人… 配备/配置/设 X(数) 不少于/不低于/
至少/达到 N 人/名/台…"), a clause saying it is counted over the units ("按班级数计算", "按学校数核定"), and a step for
each one short in the standard's own unit ("每少1人扣1分", "每缺1名扣0.5分"), with optional tails that add nothing
("类推计算", "以此类推", "扣完为止").

Reading conventions (fix round of session 7):
- The number required is the standard × the number of units, which the text does not give: the rule
  (``rules.per_unit_scores``) reads the number of units and the number there from the actual ("6个班，实配7人"),
  checks a stated number required against standard × units ("10个班，应配9人" refused), and refuses other staff,
  人次, bounds, approximations, ranges and a third number in the unit.
- The step's unit must be the standard's unit (人 with 人, 名 with 名); a step in another unit, a step up (每多),
  or a second step leaves the text not understood.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.per_unit_scores import PerUnitStandard

_NUM = r"\d+(?:\.\d+)?"
_STANDARD = re.compile(
    rf"^(?:平均)?每(?P<per>[\u4e00-\u9fa5]{{1,4}}?)(?P<verb>配备|配置|配齐|设置|设|有|拥有)(?P<thing>[\u4e00-\u9fa5]{{1,10}}?)(?:数|数量)?"
    rf"(?:不少于|不低于|至少|达到|≥)(?P<n>{_NUM})(?P<unit>人|名|台|套|张|个|间)(?:以上)?[,;。]"
    r"按(?P<over>[\u4e00-\u9fa5]{1,6}?)数(?:计算|核定|核算|折算)[,;。]"
    rf"每(?:少|缺|不足)(?P<m>{_NUM})(?P<unit2>人|名|台|套|张|个|间)扣(?P<k>{_NUM})分"
    r"[,;。]?(?:(?:以此|依此|依次)?类推(?:计算)?|扣完为止)?[,;。]?(?:扣完为止)?[。]?$"
)


def per_unit_standard(text: str) -> Rule | None:
    """A standard per unit counted over the units, then a step for each one short: the number required is the
    standard × the units, both of which the actual must let us check (``rules.per_unit_scores``)."""
    found = _STANDARD.match(text)
    if found is None or found.group("unit") != found.group("unit2"):
        return None
    per, step, points = (Decimal(found.group(k)) for k in ("n", "m", "k"))
    if per <= 0 or step <= 0 or points <= 0:
        return None
    return PerUnitStandard(
        per=per, unit=found.group("unit"), units=found.group("per"), thing=found.group("thing"), step=step,
        points=points,
    )  # fmt: skip
