"""A step counted for each of several things (numbers family, s9): "班额超过标准的每班每超5人扣1分".

The deduction is the step's, for each thing (class, household, school) its own excess or shortfall, added up. A part
of a step counts in proportion (the reading of ``deductions``), so the sum over the things is the step applied to
their total: 1 class 10 over and 2 classes 5 over each both deduct 2 × 1 = 2 per 5人 twice. The inner rule is the
step read with "每<thing>" left out (``PerPoint``), applied to the total written as "超<total><unit>".

What the actual may say: "1个大班超标准10人" (one thing), "3个班各超标准10人" (each the same: 3 × 10),
"一班超6人、二班超12人" (each its own, added), "各班均未超过标准" / "均未超标" (none over: 0). Refused, saying what to
write: several things
with one number and no 各 ("2个班超标准10人": the total, or each?), several things or a kind with no count
("各班超10人", "部分班超10人", "两班超10人", "大班超10人", "3班超10人": class three or three classes?), a denial
of a part, hedged, planned or of another time ("部分班未超", "基本未超标准", "确保不超标准", "去年未超标准"), an
actual and a 扣分说明 that differ (one fact or two?), a bare number (the class size itself, not the excess), a bound
or approximation, other words. Whole steps for each thing is not given as an alternative (it differs thing by
thing); the reason says the part steps count in proportion.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from medaid.evaluation.numbers import fmt
from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules.base import Inputs, Outcome, Rule

_COUNT = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@dataclass(frozen=True)
class ThingSteps(Rule):
    """每班每超5人扣1分 (module docstring)."""

    thing: str = ""
    word: str = "超"  # the step's word: 超 (over) or 少 (short)
    unit: str = ""
    step: Rule | None = None

    kind = "thing_steps"
    label = "逐个按步长扣分"
    reads_note: ClassVar[bool] = True  # the 扣分说明 is read here (``actual_text.apply_rule``)

    def full_marks(self) -> Decimal | None:
        return self.step.full_marks() if self.step is not None else None

    def params(self) -> dict[str, object]:
        inner = (
            {}
            if self.step is None
            else {k: v for k, v in self.step.to_dict().items() if k not in ("label", "full_marks")}
        )
        return {"thing": self.thing, "word": self.word, "unit": self.unit, "rule": inner}

    def _total(self, said: str) -> Decimal | str:
        thing, word, unit = re.escape(self.thing), self.word, re.escape(self.unit)
        words = "超过|超出|超" if word == "超" else "少于|缺少|少|缺"
        # A whole denial: no subject, or every thing (各/所有/全部 + the thing, or the thing with 均/都); 不 (which
        # also words a requirement or aim: 要求不超) only after 均/都. A part (部分/多数/大班/一班), a hedge (基本),
        # another time (去年/将) or an aim (确保/力争) is no denial of every thing (s9 fix).
        noun = rf"{thing}级?"
        if re.fullmatch(
            rf"(?:(?:(?:各|所有|全部)(?:{noun})?|{noun})?(?:均|都)(?:未|没有|不)|(?:各|所有|全部)(?:{noun})?(?:未|没有)"
            rf"|(?:未|没有))(?:{words})(?:过)?(?:标准|规定)?",
            said,
        ):
            return Decimal(0)
        total = Decimal(0)
        for clause in (c for c in re.split(r"[,，;；。、]+", said) if c):
            # a word between the count and the thing (1个大班), not a bound or approximation (1个以上班: s9 fix)
            many = re.fullmatch(
                rf"(?P<k>\d+|[一两二三四五六七八九十])个(?:(?![以上下多余来左右几])[\u4e00-\u9fa5]){{0,2}}?{thing}"
                rf"(?P<each>各|均|分别)?"
                rf"(?:{words})(?:过)?(?:标准|规定)?(?:班额)?(?P<n>\d+(?:\.\d+)?){unit}",
                clause,
            )
            # One thing named without a count: only an ordinal that names one thing (一班, 二班, 第3班, 3号班).
            # 各/每/所有/部分/个别/两/大… name several things or a kind, and 3班/三班 may be three classes (s9 fix).
            one = re.fullmatch(
                rf"(?:[一二]|第(?:\d+|[一二三四五六七八九十]+)|(?:\d+|[一二三四五六七八九十]+)号){thing}"
                rf"(?:{words})(?:过)?(?:标准|规定)?(?P<n>\d+(?:\.\d+)?){unit}",
                clause,
            )
            if many:
                k = int(many.group("k")) if many.group("k").isdigit() else _COUNT[many.group("k")]
                if k != 1 and not many.group("each"):
                    return f"“{clause}”未写明是每{self.thing}{word}的数量还是合计"
                total += k * Decimal(many.group("n"))
            elif one:
                total += Decimal(one.group("n"))
            else:
                return f"“{clause}”不是各{self.thing}{word}出的确切数量"
        return total

    def apply(self, inputs: Inputs) -> Outcome:
        from medaid.evaluation.actual_text import apply_rule  # actual_text imports rules

        assert self.step is not None
        thing, word, unit = self.thing, self.word, self.unit
        ask = f"请写明各{thing}{word}出的数量，如“1个{thing}{word}标准10{unit}”或“各{thing}均未{word}标准”"
        # The actual and the 扣分说明 are not added: both often state the same fact, and adding would count it twice.
        # When both are given they must say the same; otherwise whether they are one fact or two is unclear (s9 fix).
        both = [_plain(x) for x in ((inputs.actual.text if inputs.actual else None), inputs.note) if x and _plain(x)]
        if len(set(both)) > 1:
            return Outcome(None, f"实际情况与扣分说明写法不同，无法确定是同一事实还是各{thing}分别计；{ask}")
        said = both[0] if both else ""
        if not said:
            return Outcome(None, f"缺少实际情况；{ask}")
        total = self._total(said)
        if isinstance(total, str):
            return Outcome(None, f"评分标准按每{self.thing}分别扣分，实际情况{total}，无法计算扣分；{ask}")
        written = f"{self.word}{fmt(total)}{self.unit}"
        outcome = apply_rule(self.step, dataclasses.replace(inputs, actual=parse_quantity(written), note=None))
        head = (f"评分标准按每{self.thing}分别扣分（不足一档按比例计，各{self.thing}相加即按合计计）：实际“{said}”，"
                f"各{self.thing}合计{written}")  # fmt: skip
        return dataclasses.replace(outcome, reason=f"{head}；{outcome.reason}", alternatives={})


def _plain(said: str) -> str:
    from medaid.evaluation.ruletext.normalize import normalize_rule_text  # ruletext imports rules

    return normalize_rule_text(re.sub(r"\s+", "", said)).rstrip("。，,；;")


def thing_steps_from_mapping(spec: Mapping[str, object], text: str | None) -> ThingSteps:
    """{type: thing_steps, thing: 班, word: 超, unit: 人, rule: {type: per_point, …}}."""
    from medaid.evaluation.rules.structured import RuleSpecError, rule_from_mapping

    inner = spec.get("rule")
    if (
        not spec.get("thing")
        or not spec.get("unit")
        or spec.get("word") not in ("超", "少")
        or not isinstance(inner, Mapping)
    ):
        raise RuleSpecError(
            "thing_steps 需要 thing（逐个计的事物，如 班）、word（超 或 少）、unit（单位）和 rule（步长规则）"
        )
    return ThingSteps(thing=str(spec["thing"]), word=str(spec["word"]), unit=str(spec["unit"]),
                      step=rule_from_mapping(inner), text=text)  # fmt: skip
