"""Words of the statements an actual makes about a rule's kinds of case (rules/kind_actuals.py): denials, the
rest cleared, generic words, and the words of a statement about all of several objects."""

from __future__ import annotations

import re

NONE = re.compile(
    r"^(?P<topic>[^\d无没未不]{0,12}?)(?:无|未发现|没有|未出现|未查实|未查出|不存在|未发生|未造成|未导致|未引发)(?P<rest>.*)$"
)
# "其余均已落实", "其他方面均符合要求": what is not named was not found.
REST = re.compile(
    r"(?:其余|其他|其它)(?:各项|项目|方面|内容)?(?:均|都|全部)?(?:已|能)?(?:落实|完成|符合要求|符合|到位|正常|达标)"
)
GENERIC = {"", "问题", "情况", "此类问题", "以上问题", "以上情况", "上述问题", "上述情况", "此类情况", "违规情况",
            "上述情形", "以上情形", "此类情形", "任何问题", "任何情况", "类似问题", "类似情况"}  # fmt: skip
# "协助查处、回访均到位": objects under one 均 keep their 、, each said done (faults family, s6)
ALL_OF = re.compile(r"均|都|全部|一律")
