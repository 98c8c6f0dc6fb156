"""Ranks taken each month or quarter and averaged at the year's end: "每月…进行排名,第一名得基本分30分,名次每减1位
减基本分5%。年终按照12个月的得分数取平均值".

The actual states the rank of every period: "12个月均第1名", "四个季度均第6名", "四个季度分别第1、2、2、3名",
"6个月第1名、6个月第3名". The periods must add up to the number the text averages over, in its period (月 or
季度); a single rank ("第3名": of which period?) is refused.
"""

from __future__ import annotations

import re

from medaid.evaluation.quantity import normalize_text
from medaid.evaluation.rules.counts import CN_NUMBER, cn_int

_NUM = rf"(?:\d+|{CN_NUMBER})"
_PERIOD = r"(?P<unit>个月|月|个季度|季度)"
_ALL = re.compile(
    rf"(?:全年)?(?P<n>{_NUM}){_PERIOD}(?:排名)?(?:均|都|各|每(?:月|季度)?)(?:为|是|排|排名)?第(?P<r>{_NUM})名"
)
_EACH = re.compile(
    rf"(?:全年)?(?P<n>{_NUM}){_PERIOD}(?:排名)?分别(?:为|是|排|排名)?(?P<list>第?{_NUM}名?(?:[、,]第?{_NUM}名?)+)"
)
_PART = re.compile(rf"(?P<n>{_NUM}){_PERIOD}(?:排名)?(?:为|是|排|排名)?第(?P<r>{_NUM})名")


def _int(text: str) -> int | None:
    value = cn_int(text)
    return int(value) if value is not None and value == value.to_integral_value() and value >= 1 else None


def _unit(raw: str) -> str:
    return "季度" if "季" in raw else "月"


def period_ranks(text: str, periods: int, period: str) -> list[int] | str:
    """The rank of each period an actual states, or why it cannot be read."""
    norm = normalize_text(text).replace("“", "").replace("”", "").rstrip("。")
    whole = f"{periods}个{period}"
    found: list[tuple[int, list[int], str]] = []
    if m := _ALL.fullmatch(norm):
        n, r = _int(m.group("n")), _int(m.group("r"))
        if n is not None and r is not None:
            found.append((n, [r] * n, m.group("unit")))
    elif m := _EACH.fullmatch(norm):
        n = _int(m.group("n"))
        listed = [_int(x) for x in re.findall(_NUM, m.group("list"))]
        each = [r for r in listed if r is not None]
        if n is not None and len(each) == len(listed):
            found.append((n, each, m.group("unit")))
    else:
        parts = re.split(r"[、,;]", norm)
        for part in parts:
            p = _PART.fullmatch(part)
            n, r = (_int(p.group("n")), _int(p.group("r"))) if p else (None, None)
            if p is None or n is None or r is None:
                return f"实际“{text}”未逐{period}写明名次（如“{whole}均第1名”“{whole}分别第1、2…名”）"
            found.append((n, [r] * n, p.group("unit")))
    if not found:
        return f"实际“{text}”未逐{period}写明名次（如“{whole}均第1名”“{whole}分别第1、2…名”）"
    if any(_unit(u) != period for _, _, u in found):
        return f"评分标准按{period}排名，实际“{text}”所写的期间不同"
    ranks: list[int] = [r for _, rs, _ in found for r in rs]
    if any(n != len(rs) for n, rs, _ in found) or len(ranks) != periods:
        return f"评分标准按{whole}的得分取平均，实际“{text}”写明的名次共 {len(ranks)} 个{period}，与之不符"
    return ranks
