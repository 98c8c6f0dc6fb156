"""Ranks: "全省排名前三名得满分，每后移一名扣1分"; "前5名得满分，6-10名的扣0.5分，11名以后扣1分";
"前三名按照6、5、4分打分"; "排名倒数第1名、第2名、第3名的分别计2分、1.9分、1.8分，倒数第4名及以上的，
每进1名扣0.1分"; "按排位打分，每位次按0.25分递减".

The actual is a rank ("第5名", "5", "倒数第6名"). A rank the text does not settle is refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.quantity import normalize_text
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.counts import CN_NUMBER, cn_int, spec_decimal, spec_words

_RANK = re.compile(
    rf"(?:全国|全省|全市|全区|全县|本市|本省|综合)?(?P<word>排名|排序|名次|位次|排位|位列|列)?(?:为|是)?(?:并列)?"
    rf"(?P<bottom>倒数)?(?P<ordinal>第)?(?P<n>\d+|{CN_NUMBER})(?P<counter>名|位)?"
)


def read_rank(text: str) -> tuple[int, bool] | None:
    """The rank an actual states and whether it counts from the bottom (倒数); None for anything else."""
    norm = normalize_text(text).replace("“", "").replace("”", "")
    found = _RANK.fullmatch(norm)
    if found is None or (found.group("counter") and not found.group("ordinal") and not found.group("word")):
        return None  # "5名" may be five people
    number = cn_int(found.group("n"))
    if number is None or number < 1 or number != number.to_integral_value():
        return None
    return int(number), found.group("bottom") is not None


@dataclass(frozen=True)
class RankBand:
    """Ranks ``first``–``last`` (None: and every rank after) score ``points``, ``share`` per cent of the full marks
    ("第4-6名的得80%"), or the full marks less ``minus``."""

    first: int
    last: int | None
    points: Decimal | None = None
    minus: Decimal = ZERO
    share: Decimal | None = None  # bands family

    def score(self, full: Decimal) -> Decimal:
        if self.share is not None:
            return full * self.share / 100
        return self.points if self.points is not None else full - self.minus

    def describe(self, bottom: bool, full: Decimal) -> str:
        side = "倒数" if bottom else ""
        ranks = f"{side}第{self.first}名" + ("及以后" if self.last is None else "" if self.last == self.first
                                             else f"至第{self.last}名")  # fmt: skip
        if self.share is not None:
            how = f"满分的 {fmt(self.share)}%：{fmt(full)} × {fmt(self.share)}% = {fmt(self.score(full))} 分"
        elif self.points is not None:
            how = f"{fmt(self.points)} 分"
        elif self.minus:
            how = f"{fmt(full)} − {fmt(self.minus)} = {fmt(full - self.minus)} 分"
        else:
            how = f"满分 {fmt(full)} 分"
        return f"{ranks}得{how}"

    def to_dict(self) -> dict[str, object]:
        return {"first": self.first, "last": self.last, "points": None if self.points is None else float(self.points),
                "minus": float(self.minus), **({} if self.share is None else {"share": float(self.share)})}  # fmt: skip


@dataclass(frozen=True)
class Ranked(Rule):
    """按排名计分。``bands`` settle ranks (in order, from rank 1); ``step`` takes that many points for each
    rank after the last band, from that band's score ("每后移一名扣1分"). ``from_bottom``: ranks count from
    the last (倒数第1名). ``vetoes``: conditions that zero the score, read as not met by a bare rank;
    ``others``: conditions that score the ranks the bands do not settle ("有新培育的得3分"), for a judge;
    ``floor``: the least any rank scores ("最低得5分").
    """

    bands: tuple[RankBand, ...]
    step: Decimal | None = None
    from_bottom: bool = False
    full: Decimal | None = None
    vetoes: tuple[str, ...] = ()
    others: tuple[str, ...] = ()
    floor: Decimal | None = None  # "最低得5分": no rank scores less
    # "每月…排名…年终按照12个月的得分数取平均值": the actual gives a rank for each of ``periods`` periods
    # (``period``: 月 or 季度) and the score is the average of theirs (``periodic_ranks``)
    periods: int | None = None
    period: str = ""
    adds: bool = False  # bands family: "第一名加3分,第二名加2分": the places add points (beyond the weight if allowed)

    kind = "ranked"
    label = "按排名计分"

    def params(self) -> dict[str, object]:
        out: dict[str, object] = {
            "bands": [b.to_dict() for b in self.bands],
            "step": None if self.step is None else float(self.step),
            "from_bottom": self.from_bottom,
            "full": None if self.full is None else float(self.full),
            "vetoes": list(self.vetoes),
            "others": list(self.others),
            "floor": None if self.floor is None else float(self.floor),
        }
        if self.periods is not None:
            out["periods"], out["period"] = self.periods, self.period
        if self.adds:
            out["adds"] = True
        return out

    def full_marks(self) -> Decimal | None:
        return self.full if self.full is not None else self.declared_full

    def _settled(self, rank: int, full: Decimal) -> tuple[Decimal, str] | None:
        for band in self.bands:
            if band.first <= rank and (band.last is None or rank <= band.last):
                return band.score(full), band.describe(self.from_bottom, full)
        last = self.bands[-1] if self.bands else None
        if self.step is None or last is None or last.last is None or rank <= last.last:
            return None
        base, moved = last.score(full), rank - last.last
        side = "倒数" if self.from_bottom else ""
        raw = base - moved * self.step
        after = f"{side}第{rank}名在其后 {moved} 名，每名扣 {fmt(self.step)} 分"
        text = (
            f"{last.describe(self.from_bottom, full)}，{after}：{fmt(base)} − {moved} × {fmt(self.step)} = {fmt(raw)}"
        )
        return raw, text

    def _averaged(self, inputs: Inputs, full: Decimal) -> Outcome:
        """Each period's rank scored, then their average ("年终按照12个月的得分数取平均值")."""
        from medaid.evaluation.rules.periodic_ranks import period_ranks

        given = inputs.actual.text if inputs.actual is not None else inputs.note
        if not given:
            return Outcome(None, f"缺少各{self.period}名次，无法按排名计分")
        ranks = period_ranks(given, self.periods or 0, self.period)
        if isinstance(ranks, str):
            return Outcome(None, ranks)
        scores: list[Decimal] = []
        how: dict[int, str] = {}
        for rank in ranks:
            settled = self._settled(rank, full)
            if settled is None:
                return Outcome(None, f"评分标准未写明第{rank}名的得分，需人工评分", needs_judgement=True,
                               allowed=(ZERO, min(full, inputs.weight)))  # fmt: skip
            raw = settled[0] if self.floor is None else max(settled[0], self.floor)
            scores.append(min(max(raw, ZERO), inputs.weight))
            how[rank] = f"第{rank}名 {fmt(scores[-1])} 分（{settled[1]}）× {ranks.count(rank)} 个{self.period}"
        mean = sum(scores, ZERO) / len(scores)
        each = "；".join(how.values())
        return Outcome(mean, f"实际“{given}”：各{self.period}得分 {each}；年终取 {len(scores)} 个{self.period}的平均值 "
                             f"= {fmt(sum(scores, ZERO))} ÷ {len(scores)} = {fmt(mean)}")  # fmt: skip

    def apply(self, inputs: Inputs) -> Outcome:
        full = self.full if self.full is not None else inputs.weight
        if self.periods is not None:
            return self._averaged(inputs, full)
        given = inputs.actual.text if inputs.actual is not None else None
        source = "实际完成值"
        if given is None and inputs.note:
            found = re.findall(rf"(?:倒数)?第(?:\d+|{CN_NUMBER})名", normalize_text(inputs.note))
            given, source = (found[0], "扣分说明") if len(found) == 1 else (None, source)
        read = read_rank(given) if given is not None else None
        if read is None:
            example = "“倒数第2名”" if self.from_bottom else "“第5名”"
            return Outcome(None, f"{source}未写明名次（如{example}），无法按排名计分")
        rank, bottom = read
        if bottom != self.from_bottom:
            side = "倒数名次" if self.from_bottom else "正数名次"
            return Outcome(None, f"评分标准按{side}计分，“{given}”需换算，需参评单位总数，无法计算")
        settled = self._settled(rank, full)
        if settled is None and self.others:  # bands family: "有新培育的得3分,没有新培育的0分" (``rank_others``)
            from medaid.evaluation.rules.rank_others import any_or_none

            lowest = self.bands[-1].score(full) if self.bands else full
            said = (
                (given or "") if not inputs.note else inputs.note if source == "扣分说明" else f"{given}；{inputs.note}"
            )
            if (other := any_or_none(self.others, self.vetoes, said, lowest)) is not None:
                score = min(other[0], inputs.weight)
                return Outcome(score, f"{source} {given}，评分标准未列出第{rank}名；{other[1]}；得分 {fmt(score)}")
        if settled is None:
            others = f"，得分取决于“{'；'.join(self.others)}”" if self.others else ""
            return Outcome(None, f"评分标准未写明第{rank}名的得分{others}，需人工评分", needs_judgement=True,
                           allowed=(ZERO, min(full, inputs.weight)))  # fmt: skip
        raw, text = settled
        if self.floor is not None and raw < self.floor:
            raw, text = self.floor, f"{text}，最低 {fmt(self.floor)} 分"
        beyond = self.adds and inputs.bonus_allowed  # a 加分 list where the framework allows bonuses
        score = max(raw, ZERO) if beyond else min(max(raw, ZERO), inputs.weight)
        reason = f"{source} {given}，{text}" + ("，扣完为止按 0 分计" if raw < 0 else "")
        if self.adds:
            reason += "（按名次加分，未列出的名次不加分）"
        if raw > inputs.weight:
            reason += "，评价框架允许加分，超过分值照计" if beyond else f"，超过分值按 {fmt(inputs.weight)} 分计"
        if self.vetoes:
            reason += "；另有“" + "”“".join(self.vetoes) + f"”的不得分，{source}未写明，按未出现计"
        return Outcome(score, f"{reason}；得分 {fmt(score)}")


def ranked_from_mapping(spec: Mapping[str, object], text: str | None) -> Ranked:
    """{type: ranked, bands: [{first: 1, last: 3}, {first: 4, last: 10, minus: 0.5}], step: 1, full: 5}."""
    from medaid.evaluation.rules.structured import RuleSpecError

    raw = spec.get("bands") or []
    if not isinstance(raw, list):
        raise RuleSpecError("ranked 规则的 bands 应为列表，如 [{first: 1, last: 3}]")
    bands: list[RankBand] = []
    for item in raw:
        if not isinstance(item, Mapping) or not isinstance(item.get("first"), int):
            raise RuleSpecError("ranked 的每一档应写明 first（起始名次），如 {first: 1, last: 3, points: 5}")
        last = item.get("last")
        if last is not None and not isinstance(last, int):
            raise RuleSpecError("ranked 的 last（截止名次）应为整数，或不写（及以后）")
        bands.append(
            RankBand(
                int(item["first"]),
                last,
                spec_decimal(item, "points"),
                spec_decimal(item, "minus") or ZERO,
                spec_decimal(item, "share"),
            )
        )
    step = spec_decimal(spec, "step", positive=True)
    if not bands and step is None:
        raise RuleSpecError("ranked 规则需要 bands（各名次得分）或 step（每后移一名扣分）")
    return Ranked(bands=tuple(bands) or (RankBand(1, 1),), step=step, from_bottom=bool(spec.get("from_bottom", False)),
                  full=spec_decimal(spec, "full"), vetoes=spec_words(spec, "vetoes"), others=spec_words(spec, "others"),
                  floor=spec_decimal(spec, "floor"), periods=_periods(spec), period=str(spec.get("period") or ""),
                  adds=bool(spec.get("adds", False)), text=text)  # fmt: skip


def _periods(spec: Mapping[str, object]) -> int | None:
    """ "periods: 12, period: 月" (the ranks of 12 months averaged), or None."""
    from medaid.evaluation.rules.structured import RuleSpecError

    periods = spec.get("periods")
    if periods is None:
        return None
    if not isinstance(periods, int) or periods < 2 or spec.get("period") not in ("月", "季度"):
        raise RuleSpecError("ranked 的 periods 应为不小于 2 的整数，并写明 period: 月 或 季度")
    return periods
