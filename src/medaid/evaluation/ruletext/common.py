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


# counts family (session 6): a score below zero. Tables allow one in a few wordings, always after the deductions:
# "扣完得负分", "扣完可得负分", "该项可负分", "可为负分", "得分可以为负(数)", "允许出现负分", "可倒扣", "扣完后倒扣",
# "实行倒扣"; and deny it in others ("不得为负", "不倒扣", "不计负分", "不出现负分", "扣完为止", "最低0分",
# "不低于0分"). Traditional characters (負, 為, 後) are read as well, the text need not be normalized first.
# "倒扣10分" of one named case ("发生事故的,倒扣10分") is a deduction of its own, not a permission for every other.
_NEGATIVE_PERMITS = re.compile(
    r"(?:扣完|扣光|扣满|不足(?:部分)?)?(?:[后後]|以[后後])?(?:可以|可|允许|则|即|将)?(?:得|计|记|为|為|出现|出現)?[负負]分"
    r"|得分(?:可以|可|允许|允許)?(?:为|為|出现|出現)?[负負]"
    r"|(?<![不未])(?:可以|可|允许|允許|实行|實行|予以|扣完(?:[后後])?|扣光(?:[后後])?)倒扣(?!\d)"
)
_NEGATIVE_DENIES = re.compile(
    r"不(?:得|能|可|应|應|会|會|予)?(?:为|為|计|計|出现|出現|得)?[负負]|不(?:得|能|可|予)?倒扣|无[负負]分"
    r"|扣(?:完|光|至(?:零|0)分|到(?:零|0)分)(?:本项|该项|此项)?(?:分值|分数|分)?(?:为止|即止)|扣完(?:\d+(?:\.\d+)?分)?为止"
    r"|最低(?:为|得|计)?(?:零|0)分|不低于(?:零|0)分?|[负負](?:分|数|數|值)?[^,;。]{0,6}(?:按|计|记|为|得)(?:零|0)分"
)


def negative_allowed(text: str) -> bool:
    """The text lets the score go below zero ("扣完得负分", "该项可负分", "可倒扣") and says nothing that floors it
    at zero ("扣完为止", "不得为负", "不倒扣"): the deductions are then taken in full, past zero."""
    plain = re.sub(r"\s", "", text)
    return bool(_NEGATIVE_PERMITS.search(plain)) and not _NEGATIVE_DENIES.search(plain)
