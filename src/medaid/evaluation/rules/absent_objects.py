"""Nothing of the thing judged exists at all: the level that denies its quality (affirm family, session 9 round 2).

A scale judges the quality of a thing ("财务会计制度健全的得10分,基本健全的得6分,不健全的扣10分"; "引导资金设立目标
是否明确,明确:3分;基本明确:1.5分;不明确:0分"); the evaluator reports that there is none of it: "单位未建立任何财务
会计制度", "资金设立时未提出任何目标". What does not exist is not 健全/明确 in any degree: the level that denies the
quality (不健全, 不明确) is the one named.

Read only when: the description is one statement "(subject) 未/没有/无 + a verb of setting up (建立, 制定, 提出,
设立…) + 任何 + the thing", the thing named in the rule text; exactly one level denies, with 不, the top level's
quality word and scores least; no level speaks of the thing's absence itself (未建立, 无, 没有: that level is the
one meant). Not read: a part ("部分单位未建立任何制度"), a finding ("未发现任何问题": no verb of setting up),
another thing ("未建立任何台账" against 财务会计制度).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from medaid.evaluation.rules.naming import canon, stem

_NONE_SET_UP = re.compile(
    r"(?P<subject>[^,，;；]{0,12}?)(?:尚未|从未|均未|未|没有|无)(?:曾)?"
    r"(?:建立|制定|制订|提出|设立|设定|编制|出台|形成|订立|确定|明确)(?:过)?任何(?:一项|一个|一份|一套)?"
    r"(?P<thing>[\u4e00-\u9fa5]{2,12})"
)
_PART = re.compile(r"部分|个别|有的|有些|少数|一些|其中|\d|[一二两三四五六七八九十]+(?:个|家|户|所|项|处|村|县)")


def absent_level(text: str, names: Sequence[str], scores: Sequence[Decimal], rule_text: str) -> tuple[int | None, str]:
    """(the level denying the quality, how) for a description saying nothing of the thing exists; (None, "")."""
    said = re.sub(r"\s", "", text).strip("。；;，,")
    found = _NONE_SET_UP.fullmatch(said)
    if found is None or _PART.search(found.group("subject")) or found.group("thing") not in canon(rule_text):
        return None, ""
    if len(names) < 2 or any(re.search(r"无|未|没有|建立|制定|制订|提出|设立", n) for n in names):
        return None, ""
    denying = [i for i, n in enumerate(names) if "不" in n]
    top = max(range(len(names)), key=lambda i: scores[i])
    if len(denying) != 1 or scores[denying[0]] != min(scores) or denying[0] == top:
        return None, ""
    quality = stem(canon(names[denying[0]]))
    if len(quality) < 2 or not stem(canon(names[top])).endswith(quality):
        return None, ""
    at = denying[0]
    return at, f"（说明写明没有任何“{found.group('thing')}”，谈不上“{quality}”，按“{names[at]}”对应）"
