"""Pieces the shape readers share: numbers, scores, full marks and what is left unexplained."""

from __future__ import annotations

import re
from decimal import Decimal

NUM = r"(-?\d+(?:\.\d+)?)"
POINTS = re.compile(rf"(?:得|计){NUM}分")
TIMES_WEIGHT = re.compile(rf"按(?:照)?\(?(?:分值×[^,;。()\-]*|[^,;。()\-]*×分值)(?:-{NUM})?\)?(?:计算)?(?:得分)?")
# "每低于…", "每超过…": a per-step deduction (or bonus)
STEPWISE = re.compile(
    r"每(?:低于|少于|减少|下降|降低|不足|高于|超过|超出|增加|上升|多于|提高|延迟|推迟|少|差|缺|超|多)"
)
# Phrases that say nothing a score depends on.
BENIGN = re.compile(r"扣完为止|扣完即止|最低为零分|最低为0分|以\d+(?:\.\d+)?%为标准|没有[^,;。]*按满分计算")


def header_full(text: str) -> tuple[Decimal | None, str]:
    """ "预算完成率(5分):…" and "三公经费变动率8分:…" state full marks in front."""
    match = re.match(rf"^[^:;。]{{0,30}}?\(?{NUM}分\)?:", text)
    # "以下每项1分:", "具备以下条件的各得1分:" give each item's marks, and "建立机制但无文件得1分:" a level's:
    # not the full marks
    if match and not re.search(r"每|各|[得计扣记给]\(?\d", match.group(0)):
        return Decimal(match.group(1)), text[match.end() :]
    return None, text


def deduction_caps(
    text: str, full: Decimal | None, spans: list[tuple[int, int]]
) -> tuple[Decimal | None, Decimal | None]:
    """ "扣完3分为止" ("扣满3分为止") and "最多扣3分": the most a deduction may take, the rule's full marks
    unchanged (the weight's when the text states none): "扣满10分为止" under a weight of 15 leaves 5 at the least;
    under a weight of 10 it is the same as 扣完为止. The spans read are added to ``spans``."""
    max_deduction: Decimal | None = None
    for limit in re.finditer(rf"扣完{NUM}分为止", text):
        cap = Decimal(limit.group(1))
        if full is None or cap < full:
            max_deduction = cap
        spans.append(limit.span())
    for limit in re.finditer(rf"最多(?:只)?扣{NUM}分", text):
        max_deduction = Decimal(limit.group(1))
        spans.append(limit.span())
    return full, max_deduction


def first_points(text: str) -> Decimal | None:
    match = POINTS.search(text)
    return Decimal(match.group(1)) if match else None


def residual(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the understood parts taken out."""
    keep = [True] * len(text)
    for a, b in spans:
        for i in range(a, b):
            keep[i] = False
    return BENIGN.sub("", "".join(ch for ch, k in zip(text, keep, strict=True) if k))


def unexplained(rest: str) -> bool:
    """A score or bonus left over means the text says something the rule would ignore."""
    return bool(re.search(r"\d分|加\d|每|奖励|加分", rest))
