"""Ranks: "前三名得满分，每后移一名扣1分"; "前5名得满分,6-10名的扣0.5分,11名以后扣1分";
"前三名按照6、5、4分打分"; "排名1-5名的依次赋予20分、19分…"; "倒数第1名、第2名…分别计2分、1.9分…，
倒数第4名及以上的，每进1名扣0.1分"; "按排位打分，每位次按0.25分递减".

Reading conventions (docs/rules.md):
- Each rank range ("前N名", "第N名", "N-M名", "N名以后", "其他") pairs with the score in its clause
  (得满分, 得/计N分, 扣N分 from the full marks, 不得分, or a list "6、5、4分" with one score per rank).
- The ranges must follow each other from the first rank without a gap or overlap, and the scores must not
  rise as the rank falls; "N名以后" starts right after the range before it.
- A step ("每后移一名扣1分", "每位次递减0.25分"; from the bottom "每进1名扣0.1分") continues from the
  last settled rank; with no range at all, the first rank has full marks ("按排位打分，每位次…递减").
- "最低得N分" (保底N分, 不低于N分) is a floor under a step; no rank scores less.
- A clause with a score and no rank is a veto when it gives 0 ("占比为0的不得分": read as not met by a bare
  rank, as for counts) and otherwise decides the ranks the ranges leave open ("有新培育的得3分"): those
  ranks are refused.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.counts import CN_NUMBER, cn_int, plain
from medaid.evaluation.rules.ranks import RankBand, Ranked
from medaid.evaluation.ruletext.count_spelling import canon_ranks
from medaid.evaluation.ruletext.counts import leftover, unbracket

_N = rf"(\d+|{CN_NUMBER})"
_P = r"(\d+(?:\.\d+)?)"
_ONE_PLACE = r"(?:1|一)?(?:名|位|个名次|个位次)"
_RANGES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("list", re.compile(rf"(倒数)?第{_N}名(?:、(?:倒数)?第?{_N}名?)+")),
    ("span", re.compile(rf"(倒数)?第?{_N}名?(?:-|至|到)第?{_N}名")),
    ("front", re.compile(rf"()前{_N}名")),
    ("after", re.compile(rf"(倒数)?第?{_N}名(及以后|以后|之后|及以下|以下|及以上|以上|后)")),
    ("one", re.compile(rf"(倒数)?第{_N}名")),
    ("rest", re.compile(r"()(?:其他|其余)(?:名次)?")),
)
_DOWN = r"(?:后移|下降|后退|退后|降低|下移|落后|下滑|后延|减少|减|降|退)"
_OF_BASE = r"(?:基本分|基础分|分值|满分|总分)(?:的)?"
_STEPS: tuple[tuple[bool | None, re.Pattern[str]], ...] = (
    (False, re.compile(rf"每{_DOWN}{_ONE_PLACE}(?:的)?,?(?:扣|减)(?:{_P}分|{_OF_BASE}{_P}%)")),
    (True, re.compile(rf"每(?:进|前进|上升|提高|上移){_ONE_PLACE}(?:的)?,?(?:扣|减)(?:{_P}分|{_OF_BASE}{_P}%)")),
    (None, re.compile(rf"每(?:个)?(?:位次|名次)(?:按)?(?:递减|减少|扣减|扣)?{_P}分(?:递减)?")),
    (None, re.compile(rf"(?:依次|逐名|逐位)递减{_P}分")),
)
_OUTCOMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("list", re.compile(rf"(?:按照|按|依次|分别)*(?:赋予|计|得)?{_P}分?(?:、{_P}分?)+分?(?:打分|计分)?")),
    ("full", re.compile(r"(?:得|计|为)满分(?!\d)")),
    ("zero", re.compile(r"不得分|得0分|计0分|(?<![\d.])0分")),
    ("points", re.compile(rf"(?:得|计|赋|为)(?:基本分|基础分)?{_P}分|(?<=名){_P}分")),
    ("minus", re.compile(rf"扣(?:除|减)?{_P}分")),
    ("share", re.compile(rf"(?:得|计|为)(?:该项)?(?:分值|满分|总分|基本分)?(?:的)?{_P}%")),  # bands family: "得80%"
)
_ONE_CLAUSE = re.compile(
    r"(名(?:及以后|以后|之后|及以下|以下)?)(?:的)?[,:](?=(?:得|计|赋|为)?\d+(?:\.\d+)?分|(?:得|计|为)满分|不得分"
    r"|(?:得|计|为)(?:该项)?(?:分值|满分)?(?:的)?\d+(?:\.\d+)?%)"  # bands family: "11-20名的,得80%"
)
_BASE = re.compile(rf"(?:基本分|基础分)(?:为)?{_P}分")
_FLOOR = re.compile(rf"(?:最低|保底)(?:得|为|计)?{_P}分|(?:得分)?不低于{_P}分")
_FULL = re.compile(rf"满分(?:为)?{_P}分")
_LIMIT = re.compile(r"最低|最高|最多|至少|不低于|不超过|不少于|保底|封顶")


def _numbers(text: str) -> list[int] | None:
    found = [cn_int(x) for x in re.findall(rf"\d+|{CN_NUMBER}", text)]
    return None if any(x is None or x < 1 for x in found) else [int(x) for x in found if x is not None]


def _tokens(part: str) -> list[tuple[int, int, str, str, re.Match[str]]]:
    """Steps, outcomes and ranges in one clause, in order, none overlapping."""
    found: list[tuple[int, int, str, str, re.Match[str]]] = []
    for group, patterns in (("step", _STEPS), ("outcome", _OUTCOMES), ("range", _RANGES)):
        for kind, pattern in patterns:
            for m in pattern.finditer(part):
                if not any(a < m.end() and m.start() < b for a, b, *_ in found):
                    found.append((m.start(), m.end(), group, str(kind), m))
    return sorted(found, key=lambda t: t[0])


def _bands(kind: str, m: re.Match[str], after: int) -> tuple[list[tuple[int, int | None]], bool] | None:
    """The ranks a range names (one entry per rank for a list) and whether it counts from the bottom."""
    bottom = bool(m.group(1))
    numbers = _numbers(m.group(0).replace("倒数", ""))
    if kind == "rest":
        return ([(after + 1, None)], False) if after else None  # "其他" after no rank at all is no rank
    if not numbers:
        return None
    if kind == "list":
        return [(n, n) for n in numbers], bottom
    if kind == "span":
        return ([(numbers[0], numbers[1])], bottom) if numbers[0] <= numbers[1] else None
    if kind == "front":
        return [(1, numbers[0])], False
    if kind == "after":
        first = numbers[0] if numbers[0] == after + 1 or "及" in m.group(0) else numbers[0] + 1
        return ([(first, None)], bottom) if first == after + 1 else None
    return [(numbers[0], numbers[0])], bottom


def _scores(kind: str, m: re.Match[str], size: int) -> list[dict[str, Decimal | None]] | None:
    if kind == "list":
        points = [Decimal(x) for x in re.findall(_P, m.group(0))]
        return [{"points": p} for p in points] if len(points) == size else None
    if size != 1:
        return None
    if kind == "full":
        return [{}]
    if kind == "zero":
        return [{"points": Decimal(0)}]
    value = Decimal(next(g for g in m.groups() if g is not None))
    if kind == "share":
        return [{"share": value}] if 0 <= value <= 100 else None
    return [{"points": value}] if kind == "points" else [{"minus": value}]


# "每月…排名", "每个季度一排名" with "年终按照12个月的得分数取平均值": ranks of each period, averaged
_CADENCE = re.compile(r"(?:每(?:个)?|按)(月|季度|季)(?=[^度])")
_AVERAGE = re.compile(
    rf"(?:年终|年底|全年|最终)?(?:按照?|以|取)?(?:全年)?(?:{_N}个|各|每个?)(月|季度)(?:的)?(?:得分数|得分|分数)(?:的)?"
    r"(?:取|求|计算)?(?:平均值|平均分|平均数)(?:计分|计算|为准)?"
)


def ranked(text: str) -> Rule | None:
    """Score by rank; None when the ranges, scores or steps do not add up (see the module's conventions).
    Ranks taken each month or quarter and averaged ("每月…排名…年终按照12个月的得分数取平均值") read the same,
    with the number of periods the text averages over; the cadence must be that period."""
    average = _AVERAGE.search(text)
    if average is None:
        return _ranked(text)
    period = average.group(2)
    periods = cn_int(average.group(1)) if average.group(1) else Decimal(12 if period == "月" else 4)  # "各季度"
    cadences = {("季度" if "季" in c else "月") for c in _CADENCE.findall(text)}
    if (
        periods is None
        or cadences != {period}
        or (period == "月" and periods != 12)
        or (period == "季度" and periods != 4)
    ):
        return None
    rest = _CADENCE.sub("", text[: average.start()] + text[average.end() :])
    rule = _ranked(rest)
    if not isinstance(rule, Ranked):
        return None
    return dataclasses.replace(rule, periods=int(periods), period=period)


# "按万人比从高到低排序,分别得10、8、6、4分": the places in that order, one score each from the first
_ORDERED = re.compile(
    r"(?:从|由)(?:高到低|低到高|多到少|少到多|大到小|小到大|优到劣|好到差)(?:的顺序)?(?:依次)?(?:排序|排名|排列|排位)"
    rf"(?:后)?(?:的)?,?(?P<list>(?:分别|依次)(?:赋予|计|得|给)?{_P}分?(?:、{_P}分?)+分)"
)


def _ordered(text: str) -> str:
    """Scores listed for an order with no place written, spelled out as places: "从高到低排序,分别得10、8、6分" →
    "排名第1名、第2名、第3名分别得10、8、6分"."""
    match = _ORDERED.search(text)
    if match is None or len(_ORDERED.findall(text)) != 1:
        return text
    rest = re.sub(
        r"(?:其余|其他)(?:名次)?(?:的)?,?(?:不得分|不计分|得0分)", "", text[: match.start()] + text[match.end() :]
    )
    if re.search(r"\d分|满分|不得分|不计分|扣|加", rest):
        return text  # another scored clause ("达到85%得10分;低于85%的…排序"): places among whom is not plain
    count = len(re.findall(_P, match.group("list")))
    places = "、".join(f"第{i}名" for i in range(1, count + 1))
    return text[: match.start()] + f"排名{places}{match.group('list')}" + text[match.end() :]


def _ranked(text: str) -> Rule | None:
    body = canon_ranks(_ordered(unbracket(text)))
    # "1-3名,7分", "6-10名的,得3分", "10名以后的,不得分": a range and its score in two parts are one clause
    body = _ONE_CLAUSE.sub(r"\1", body)
    if not re.search(rf"排名|名次|排位|位次|前{_N}名|第{_N}名", body):
        return None
    spans: list[tuple[int, int]] = []
    fulls = {Decimal(m.group(1)) for m in _FULL.finditer(body)}
    spans += [m.span() for m in _FULL.finditer(body)]
    floors = {Decimal(next(g for g in m.groups() if g)) for m in _FLOOR.finditer(body)}
    spans += [m.span() for m in _FLOOR.finditer(body)]
    bands: list[RankBand] = []
    sides: set[bool] = set()
    step: Decimal | None = None
    vetoes: list[str] = []
    others: list[str] = []
    offset = 0
    step_from: int | None = None
    open_from: int | None = None  # a range that ends its clause: the next clause's step starts there
    for part in re.split(r"[,;。]", body):
        tokens = [t for t in _tokens(part) if not any(a <= offset + t[0] < b for a, b in spans)]
        pending: list[tuple[int, int | None]] | None = None
        for start, end, group, kind, m in tokens:
            last = bands[-1].last if bands else 0
            spans.append((offset + start, offset + end))
            if group == "range":
                read = _bands(kind, m, last) if pending is None and open_from is None and last is not None else None
                if read is None:
                    return None
                pending, bottom = read
                if kind != "rest":
                    sides.add(bottom)
            elif group == "outcome":
                if pending is None:
                    cond = plain(part[:start].rstrip(",的"))
                    if not cond or _LIMIT.search(part):
                        return None  # "最低得2分": a limit this reading does not apply
                    if kind == "zero":
                        vetoes.append(cond or part)
                    else:
                        others.append(part)
                    continue
                if kind == "list" and len(pending) == 1 and pending[0][1] is not None:
                    pending = [(r, r) for r in range(pending[0][0], pending[0][1] + 1)]  # "前三名按照6、5、4分"
                scores = _scores(kind, m, len(pending))
                if scores is None:
                    return None
                bands += [RankBand(a, b, s.get("points"), s.get("minus") or Decimal(0), s.get("share"))
                          for (a, b), s in zip(pending, scores, strict=True)]  # fmt: skip
                pending = None
            else:
                if step is not None or last is None:
                    return None
                if kind in ("True", "False"):
                    sides.add(kind == "True")
                if m.group(1) is not None:
                    step = Decimal(m.group(1))
                else:  # "减基本分5%": a share of the base the text writes ("第一名得基本分20分")
                    bases = {Decimal(b.group(1)) for b in _BASE.finditer(body)} | fulls
                    if len(bases) != 1:
                        return None
                    step = next(iter(bases)) * Decimal(m.group(2)) / 100
                step_from = pending[0][0] if pending else open_from  # None: after the last range
                pending, open_from = None, None
        if pending is not None:
            if open_from is not None or len(pending) != 1 or pending[0][1] is not None:
                return None
            open_from = pending[0][0]
        offset += len(part) + 1
    if open_from is not None:
        return None
    if len(sides) > 1 or len(fulls) > 1 or (not bands and step is None):
        return None
    if not bands:  # "按排位打分，每位次…递减": the first rank has full marks
        bands = [RankBand(1, 1)]
    expected = 1
    for band in bands:
        if band.first != expected or (band.last is not None and band.last < band.first):
            return None
        expected = band.last + 1 if band.last is not None else 0
    if step is not None and (bands[-1].last is None or step_from not in (None, bands[-1].last + 1)):
        return None
    if others and (bands[-1].last is None or step is not None):
        return None  # "有新培育的得3分" beside ranks that are all settled: which one holds?
    full = fulls.pop() if fulls else None
    top = full if full is not None else Decimal(10**9)
    values = [b.score(top) for b in bands]
    if any(b > a for a, b in itertools.pairwise(values)) or leftover(body, spans) or len(floors) > 1:
        return None
    floor = floors.pop() if floors else None
    if floor is not None and (step is None or any(v < floor for v in values)):
        return None  # a floor with nothing below it to lift, or under a score the text gives
    return Ranked(bands=tuple(bands), step=step, from_bottom=bool(sides and sides.pop()), full=full,
                  vetoes=tuple(vetoes), others=tuple(others), floor=floor)  # fmt: skip
