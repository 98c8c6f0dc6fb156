"""Several kinds of case, each counted and scored on its own: "少一项扣1分，错一项扣1分";
"行政处罚文书不合格每份扣5分；发生行政诉讼败诉案件一例扣5分"; "国家级每项加2分，省级每项加1分，最高5分";
a kind may be a one-off ("未建立信访台账扣2.5分") or a part with its own full marks and limit ("按时报送补贴
面积的得4分,有一次未达要求的扣1分,最多扣4分;按时下发补贴资金得4分,…").

How an actual is read (one statement per segment, split at ，；。、):
- a count ("不合格文书1份", "迟报2次") goes to the one kind whose own words — characters no other kind has —
  the statement uses; it must keep the kind's negation or qualifier ("不", "未", "超"…), and its counter;
- "无X", "未发生X" (after a topic: "抽查记录无少项") clears the kinds X names; "无"/"未发现问题" clears all;
- a statement without a negation that restates a kind's requirement ("补贴面积均按时报送", "申请对象情况真实",
  "行政处罚文书均合格") clears that kind; a one-off kind named with its negation ("未建立信访台账") happened once;
- a kind the actual does not name is read as not found, and the reason says so;
- a statement the text says scores in full ("未发生突发公共卫生事件的不扣分") clears every kind;
- a bare total ("3项") is read only when every kind scores alike; a part of another statement ("其中1件…":
  counted twice, or once?) and anything else is refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, clamp, fmt
from medaid.evaluation.quantity import normalize_text
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.counts import (
    COUNTER,
    NUMBER,
    classifies,
    cn_int,
    plain,
    same_counter,
    spec_decimal,
    spec_words,
    statements,
)

_NONE = re.compile(
    r"^(?P<topic>[^\d无没未不]{0,12}?)(?:无|未发现|没有|未出现|未查实|未查出|不存在|未发生)(?P<rest>.*)$"
)
_GENERIC = {"", "问题", "情况", "此类问题", "以上问题", "以上情况", "上述问题", "上述情况", "此类情况", "违规情况"}
_NEG = "不未没缺无漏错非超"
# Characters that name nothing in particular.
_STOP = set("的了有在和或及与被每个次项例处份件起人名户家扣分得计加为是其中共均全部都发现出已并且等该本此对于按")


def _chars(words: str) -> set[str]:
    return {c for c in words if "\u4e00" <= c <= "\u9fff" and c not in _STOP}


@dataclass(frozen=True)
class CaseKind:
    """One kind of case: ``what`` it is called, the ``points`` for each ``per`` cases, its counter (None: any);
    ``words`` an actual may name it by; ``once``: a one-off ("未建立信访台账扣2.5分"); ``full`` and ``cap``:
    the part's own full marks and the most it moves."""

    what: str
    points: Decimal
    per: Decimal = Decimal(1)
    unit: str | None = None
    words: str = ""
    once: bool = False
    full: Decimal | None = None
    cap: Decimal | None = None

    def to_dict(self) -> dict[str, object]:
        def num(x: Decimal | None) -> float | None:
            return None if x is None else float(x)

        return {"what": self.what, "points": float(self.points), "per": float(self.per), "unit": self.unit,
                "words": self.words or None, "once": self.once, "full": num(self.full),
                "cap": num(self.cap)}  # fmt: skip

    @property
    def text(self) -> str:
        return self.words or self.what

    def each(self) -> str:
        if self.once:
            return f"出现即{fmt(self.points)}分"
        return f"每{fmt(self.per) if self.per != 1 else ''}{self.unit or '处'}{fmt(self.points)}分"


@dataclass(frozen=True)
class Tally:
    """What an actual says: counts by kind, a veto it names, or why it is not read; ``total``: a bare total."""

    counts: dict[int, Decimal]
    why: str | None = None
    veto: str | None = None
    total: Decimal | None = None


class _Reader:
    def __init__(self, kinds: tuple[CaseKind, ...]) -> None:
        self.kinds = kinds
        chars = [_chars(k.text) for k in kinds]
        self.own = [c - set().union(*(o for j, o in enumerate(chars) if j != i)) for i, c in enumerate(chars)]

    def named(self, words: str, *, says_it: bool = False) -> list[int]:
        """The kinds whose own characters the words use; ``says_it``: and that name what the kind counts
        ("实巡访22次" names no "缺")."""
        used = _chars(words)
        said = [not says_it or not _chars(k.what) or bool(used & _chars(k.what)) for k in self.kinds]
        return [i for i, own in enumerate(self.own) if used & own and said[i]]

    def keeps_sense(self, words: str, i: int) -> bool:
        """The statement adds no negation the kind does not have, and keeps each one before the words it
        uses ("合格文书" drops the 不 of "文书不合格", "标准执行" the 超 of "超标准执行")."""
        text = self.kinds[i].text
        said = {c for c in words if c in _NEG}
        if not said <= {c for c in text if c in _NEG}:
            return False
        for found in re.finditer(rf"([{_NEG}]+)(?:有|能|得)?(.)", text):
            if found.group(2) in words and not set(found.group(1)) & said:
                return False
        return True

    def restates(self, words: str, i: int) -> bool:
        """ "申请对象情况真实" restates "申请对象情况不真实" without its negation: none of that kind."""
        text = self.kinds[i].text
        if any(c in _NEG for c in words) or not any(c in _NEG for c in text):
            return False  # a kind that counts no failure ("被卫星监测到的火点") is never restated
        have = _chars(words)
        goods = [m.group(1) for m in re.finditer(r"(?:不|未|没有|没|无)([^,;。、不未没无]{1,12})", text)]
        goods += [p for p in re.split(r"[,;。、]", text) if p and not any(c in _NEG for c in p)]
        return any(_chars(g) and _chars(g) <= have for g in goods)


def read_kinds(text: str, kinds: tuple[CaseKind, ...], vetoes: tuple[str, ...], clears: tuple[str, ...] = ()) -> Tally:
    """The count of each kind an actual (or a 扣分说明) states; see the module's conventions."""
    reader = _Reader(kinds)
    norm = normalize_text(text).replace("“", "").replace("”", "")
    counts: dict[int, Decimal] = {}
    total: Decimal | None = None
    alike = len({(k.points, k.per, k.unit, k.once) for k in kinds}) == 1 and not kinds[0].once

    def put(i: int, value: Decimal) -> str | None:
        if counts.get(i, value) != value:
            return f"“{kinds[i].what}”写有两个数"
        counts[i] = value
        return None

    for segment in statements(norm, ",;。、"):
        if hit := next((v for v in vetoes if plain(segment) == plain(v)), None):
            return Tally({}, veto=hit)
        if segment.startswith("其中"):  # "其中1件催办后仍未完成": counted in two kinds, or in one?
            return Tally({}, f"“{segment}”是另一类情形的一部分，各类是否重复计算未写明")
        if bare := re.fullmatch(rf"({NUMBER})({COUNTER})?", segment):  # "3", "3项": a total
            value, unit = cn_int(bare.group(1)), kinds[0].unit
            if not alike or total is not None:
                return Tally({}, f"“{segment}”未写明是哪一类情形，各类计分不同")
            if value is None or value != value.to_integral_value():
                return Tally({}, f"“{segment}”不是整数")
            if bare.group(2) and unit and not same_counter(bare.group(2), unit):
                return Tally({}, f"“{segment}”的单位是{bare.group(2)}，规则按{unit}计")
            total = value
            continue
        if none := _NONE.match(segment):
            rest = none.group("rest")
            named = list(range(len(kinds))) if plain(rest) in _GENERIC else reader.named(rest)
            if not named:
                return Tally({}, f"“{segment}”未对应评分标准所列的任何一类情形")
            for i in named:
                counts.setdefault(i, ZERO)
            continue
        if any(plain(segment) == plain(c) for c in clears):
            counts.update({i: ZERO for i in range(len(kinds)) if i not in counts})
            continue
        whole = not re.search(rf"{NUMBER}{COUNTER}", segment) or re.search(r"均|全部|都|全|皆", segment)
        cleared = [i for i in reader.named(segment) if whole and reader.restates(segment, i)]
        if len(cleared) == 1:
            counts.setdefault(cleared[0], ZERO)
            continue
        found = re.fullmatch(rf"(\D*?)({NUMBER})({COUNTER})(\D*)", segment)
        words = found.group(1) + found.group(4) if found else segment
        named = reader.named(words, says_it=True)
        if len(named) != 1 or not reader.keeps_sense(words, named[0]):
            which = "对应多类情形" if len(named) > 1 else "未对应评分标准所列的任何一类情形"
            return Tally({}, f"“{segment}”{which}")
        i, kind = named[0], kinds[named[0]]
        if found is None:
            if not kind.once:
                return Tally({}, f"“{segment}”未写明数量")
            why = put(i, Decimal(1))
        else:
            value, counter = cn_int(found.group(2)), found.group(3)
            if kind.once or value is None or value != value.to_integral_value():
                return Tally({}, f"“{segment}”不是“{kind.what}”的整数个数")
            if kind.unit and not same_counter(counter, kind.unit) and not classifies(counter, kind.unit, kind.what):
                return Tally({}, f"“{segment}”的单位是{counter}，规则按{kind.unit}计")
            why = put(i, value)
        if why:
            return Tally({}, why)
    if total is not None and counts:
        return Tally({}, "既写有总数又写有分类数，无法判断按哪一个计")
    if total is None and not counts:
        return Tally({}, f"“{text}”未写明各类情形的数量")
    return Tally(counts, total=total)


@dataclass(frozen=True)
class PerKind(Rule):
    """几类情形分别计数计分。``gain`` False: each case found takes its points from ``full`` (the weight when
    absent; the sum of the parts' own full marks when they have them), each kind at most its ``cap``, all at
    most ``cap``, down to 0; True: each one done adds its points, at most ``cap`` and the weight (above the
    weight only when the text writes its cap and a bonus is allowed). ``vetoes``: conditions that zero it."""

    kinds: tuple[CaseKind, ...]
    gain: bool = False
    full: Decimal | None = None
    cap: Decimal | None = None
    vetoes: tuple[str, ...] = ()
    clears: tuple[str, ...] = ()  # "未发生突发公共卫生事件的不扣分": an actual stating it clears every kind

    kind = "per_kind"
    label = "按各类情形计数计分"

    def params(self) -> dict[str, object]:
        return {"kinds": [k.to_dict() for k in self.kinds], "gain": self.gain,
                "full": None if self.full is None else float(self.full),
                "cap": None if self.cap is None else float(self.cap), "vetoes": list(self.vetoes),
                "clears": list(self.clears)}  # fmt: skip

    def full_marks(self) -> Decimal | None:
        if self.gain:
            return self.cap if self.cap is not None else self.declared_full
        return self.full if self.full is not None else self.declared_full

    def _moved(self, i: int, count: Decimal) -> tuple[Decimal, str] | str:
        kind = self.kinds[i]
        if count / kind.per != (count / kind.per).to_integral_value():
            return f"“{kind.what}”{fmt(count)}{kind.unit or ''}，不足每{fmt(kind.per)}的部分如何计分未写明"
        points = count / kind.per * kind.points
        limit = min(x for x in (kind.cap, kind.full, points) if x is not None)
        capped = f"（该类最多 {fmt(limit)} 分）" if limit < points else ""
        return limit, f"{kind.each()}，计 {fmt(limit)} 分{capped}"

    def apply(self, inputs: Inputs) -> Outcome:
        full = self.full if self.full is not None else inputs.weight
        source, given = ("实际完成值", inputs.actual.text) if inputs.actual is not None else ("扣分说明", inputs.note)
        allowed = (ZERO, min(full, inputs.weight))
        if not given:
            return Outcome(None, "未填写实际完成值，无法按各类情形计数", allowed, needs_judgement=True)
        tally = read_kinds(given, self.kinds, self.vetoes, self.clears)
        if tally.veto is not None:
            return Outcome(ZERO, f"{source}写明出现“{tally.veto}”，按评分标准该项不得分，得 0 分")
        if tally.why is not None:
            return Outcome(None, f"{source}：{tally.why}，需人工判断", allowed, needs_judgement=True)
        parts: list[str] = []
        moved = ZERO
        for i, kind in enumerate(self.kinds):
            count = tally.total if tally.total is not None else tally.counts.get(i, ZERO)
            step = self._moved(i, count)
            if isinstance(step, str):
                return Outcome(None, step, allowed, needs_judgement=True)
            moved += step[0]
            if tally.total is not None:
                parts.append(f"共 {fmt(count)}{kind.unit or '处'}，各类{step[1]}")
                break
            shown = "" if i in tally.counts else "（未写明，按未出现计）"
            name = kind.what if [k.what for k in self.kinds].count(kind.what) == 1 else plain(kind.text)
            parts.append(f"“{name}”{fmt(count)}{'次' if kind.once else kind.unit or '处'}{shown}，{step[1]}")
        capped = ""
        if self.cap is not None and moved > self.cap:
            moved, capped = self.cap, f"，合计最多 {fmt(self.cap)} 分"
        how = "；".join(parts) + capped
        if self.gain:
            score = moved if inputs.bonus_allowed and self.cap is not None else min(moved, inputs.weight)
            over = "" if score == moved else f"，超过分值按 {fmt(inputs.weight)} 分计"
            return Outcome(score, f"{source}：{how}；得分 {fmt(moved)}{over}")
        raw = full - moved
        score = clamp(raw, ZERO, inputs.weight)
        floor = "，扣完为止按 0 分计" if raw < 0 else ""
        veto = ""
        if self.vetoes:
            veto = "；另有“" + "”“".join(self.vetoes) + f"”的该项不得分，{source}未写明，按未出现计"
        return Outcome(score, f"{source}：{how}；得分 = {fmt(full)} − {fmt(moved)} = {fmt(raw)}{floor}{veto}")


def per_kind_from_mapping(spec: Mapping[str, object], text: str | None) -> PerKind:
    """{type: per_kind, kinds: [{what: 少, points: 1, unit: 项}, {what: 错, points: 1, unit: 项}], full: 10}."""
    from medaid.evaluation.rules.structured import RuleSpecError

    raw = spec.get("kinds")
    if not isinstance(raw, list) or len(raw) < 2:
        raise RuleSpecError("per_kind 规则需要 kinds（至少两类情形），如 [{what: 少, points: 1, unit: 项}, …]")
    kinds: list[CaseKind] = []
    for item in raw:
        points = spec_decimal(item, "points", positive=True) if isinstance(item, Mapping) else None
        if not isinstance(item, Mapping) or not item.get("what") or points is None:
            raise RuleSpecError("per_kind 的每一类应写明 what（情形）和 points（每个的分数）")
        unit, words = item.get("unit"), item.get("words")
        kinds.append(CaseKind(str(item["what"]), points, spec_decimal(item, "per", positive=True) or Decimal(1),
                              str(unit) if unit else None, str(words) if words else "", bool(item.get("once", False)),
                              spec_decimal(item, "full"), spec_decimal(item, "cap")))  # fmt: skip
    return PerKind(kinds=tuple(kinds), gain=bool(spec.get("gain", False)), full=spec_decimal(spec, "full"),
                   cap=spec_decimal(spec, "cap"), vetoes=spec_words(spec, "vetoes"), clears=spec_words(spec, "clears"),
                   text=text)  # fmt: skip
