"""Every requirement said met, against levels named by the verdict alone (affirm family, session 9 round 2).

Tables grade by the verdict word only ("符合得5分,部分符合得2分,不符合不得分"; "达到要求:3分;基本达到:1分"), the
requirements standing in the indicator's column. The evaluator lists what was found and closes with the verdict for
all of them: "具备必要的办公条件和办公设施，数据已接入服务平台，各项要求均已达到". A closing "各项要求均已达到 /
均符合要求 / 全部达到" is the top level's verdict, when no other statement says less (a negation, a lack, a part, a
degree, a plan, 但). Not read: the verdict without "均/全部/都" ("要求已达到": of which?), a top level that names
anything besides the verdict ("资料齐全且符合要求").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from medaid.evaluation.rules.naming import canon, parts

_BARE = re.compile(r"(?:完全|全部|均)?(?:符合|达到|满足)(?:要求|标准|规定)?")
_ALL_MET = re.compile(
    r"(?:各项|所有|全部|各|以上)?(?:要求|指标|标准|条件|内容|规定)?(?:均|全部|都)(?:符合|达到|满足|做到)(?:要求|标准|规定)?"
)
_LESS = re.compile(r"[不无未没缺非欠]|部分|基本|大体|个别|仅|只|但|拟|计划|将|尚|正在|少数|多数|大部|较")


def verdict_level(text: str, names: Sequence[str], scores: Sequence[Decimal]) -> tuple[int | None, str]:
    """(the top level, how) when the description closes with every requirement met and says nothing less."""
    if len(names) < 2:
        return None, ""
    top = max(range(len(names)), key=lambda i: scores[i])
    if not _BARE.fullmatch(canon(names[top])) or sum(s == scores[top] for s in scores) != 1:
        return None, ""
    statements = parts(text)
    closing = [st for st in statements if _ALL_MET.fullmatch(st)]
    if len(closing) != 1 or any(_LESS.search(st) for st in statements if st not in closing):
        return None, ""
    return top, f"（说明写明“{closing[0]}”，即各项要求均“{names[top]}”）"


# (affirm s9) "有一批资金未经审批即拨付，其余环节按程序办理" against "严格按程序办理:4分;部分环节没有按程序办理:2分;
# 不按程序办理:0分": one part failed, the rest said to hold — the level of a part not holding
_REST = re.compile(r"^(?:其余|其他|其它|剩余)")
_PART = re.compile(r"部分|个别|少数|有的")
_STRICT = re.compile(r"^(?:严格|完全|全部|均|都)")
_FAILED = re.compile(r"[未不无没缺]|迟|超期|逾期")


def rest_level(text: str, names: Sequence[str], scores: Sequence[Decimal]) -> tuple[int | None, str]:
    """(the partial level, how) when one statement says the rest holds the levels' quality ("其余环节按程序办理") and
    another states a failure; the partial level names a part (部分/个别) not holding that quality."""
    if len(names) < 3:
        return None, ""
    top = max(range(len(names)), key=lambda i: scores[i])
    quality = _STRICT.sub("", canon(names[top]))
    partial = [i for i, n in enumerate(names) if _PART.search(n) and _FAILED.search(n) and canon(n).endswith(quality)]
    if len(quality) < 3 or len(partial) != 1 or partial[0] == top:
        return None, ""
    statements = parts(text)
    rest = [st for st in statements if _REST.match(st) and st.endswith(quality) and not _FAILED.search(st)]
    failed = [st for st in statements if st not in rest and _FAILED.search(st)]
    if len(rest) != 1 or not failed or len(rest) + len(failed) != len(statements) or _LESS_REST.search(text):
        return None, ""
    at = partial[0]
    return at, f"（说明写明“{failed[0]}”，“{rest[0]}”：部分未做到，其余做到，按“{names[at]}”对应）"


_LESS_REST = re.compile(r"基本|大体|拟|计划|将|正在|尚")
