"""Points earned for cases of one kind and taken for cases of another (counts family, s9): "严格执行…采购政策的,提供一
例得1分,最高8分;明显违背政策的,发现一次扣2分".

``gain`` (a ``CountScore``: points for each case, up to its cap) and ``loss`` (a ``PerCase``: points taken for each
case) are each read from the one statement of the actual (or, without one, the explanation) that the one reads and
the other does not ("提供严格执行采购政策案例4例", "发现明显违背政策1次"). Both must be stated (a count of 0 included):
an actual silent on the deductions may hide some. The score is what the gain earns less what the loss takes, never
below 0 (a deduction stops at 0), never above the weight. Cases earned past the gain's cap beside a deduction are
refused: whether the cap bounds the points earned (8 − 2) or the score after the deduction (min(8, 11 − 2)) is not
said.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import fmt
from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules.base import Inputs, Outcome, Rule, floored
from medaid.evaluation.rules.counts import CountScore

_LARGE = Decimal(1_000_000)  # the loss read from a start no deduction reaches: what it takes, unfloored


@dataclass(frozen=True)
class NetCounts(Rule):
    """按件数加分，另按件数扣分（模块说明）。"""

    gain: Rule
    loss: Rule

    kind = "net_counts"
    label = "按件数加分并扣分"

    def params(self) -> dict[str, object]:
        return {"gain": self.gain.to_dict(), "loss": self.loss.to_dict()}

    def full_marks(self) -> Decimal | None:
        return self.gain.full_marks()

    def _alone(self, rule: Rule, inputs: Inputs, statement: str, weight: Decimal) -> Outcome:
        if inputs.actual is not None:
            return rule.apply(dataclasses.replace(inputs, actual=parse_quantity(statement), weight=weight))
        given = dataclasses.replace(inputs, note=statement, weight=weight)
        return rule.apply(given)

    def apply(self, inputs: Inputs) -> Outcome:
        written = inputs.actual.text if inputs.actual is not None else inputs.note
        source = "实际完成值" if inputs.actual is not None else "扣分说明"
        if not written:
            return Outcome(None, "未填写实际情况（加分的件数和扣分的件数）")
        gains: list[tuple[str, Outcome]] = []
        losses: list[tuple[str, Outcome]] = []
        for statement in (s for s in re.split(r"[,;。，；]", written) if s.strip()):
            gained = self._alone(self.gain, inputs, statement, inputs.weight)
            lost = self._alone(self.loss, inputs, statement, _LARGE)
            if (gained.score is None) == (lost.score is None):
                which = "加分和扣分两类都可对应" if gained.score is not None else "对应不到加分或扣分的任何一类"
                return Outcome(None, f"{source}“{statement}”{which}，需人工判断")
            (gains if gained.score is not None else losses).append((statement, gained if gained.score is not None
                                                                   else lost))  # fmt: skip
        if len(gains) != 1 or len(losses) != 1:
            missing = "加分" if len(gains) != 1 else "扣分"
            return Outcome(None, f"{source}“{written}”须各用一句写明加分和扣分的件数（0件也写明），"
                                 f"{missing}一类写了{len(gains) if missing == '加分' else len(losses)}句")  # fmt: skip
        earned, taken = gains[0][1].score, _LARGE - (losses[0][1].score or _LARGE)
        assert earned is not None
        open_gain = dataclasses.replace(self.gain, cap=None) if isinstance(self.gain, CountScore) else self.gain
        uncapped = self._alone(open_gain, dataclasses.replace(inputs, bonus_allowed=True), gains[0][0], _LARGE)
        if taken and (uncapped.score is None or uncapped.score > earned):
            return Outcome(None, f"加分“{gains[0][0]}”超过加分上限（未封顶为 {fmt(uncapped.score or earned)} 分），"
                                 f"又有扣分 {fmt(taken)} 分：上限是限加分还是限扣分后的得分，评分标准未写明，"
                                 "需人工判断")  # fmt: skip
        raw = earned - taken
        score, note = floored(raw, inputs.weight, False)
        return Outcome(score, f"加分：{gains[0][1].reason}；扣分：“{losses[0][0]}”扣 {fmt(taken)} 分；"
                              f"得分 = {fmt(earned)} − {fmt(taken)} = {fmt(raw)}{note}")  # fmt: skip


def net_counts_from_mapping(spec: Mapping[str, object], text: str | None) -> NetCounts:
    """``{type: net_counts, gain: {type: count_score, …}, loss: {type: per_case, …}}``."""
    from medaid.evaluation.rules.structured import RuleSpecError, rule_from_mapping

    gain, loss = spec.get("gain"), spec.get("loss")
    if not isinstance(gain, Mapping) or not isinstance(loss, Mapping):
        raise RuleSpecError("net_counts 规则需要 gain（加分的写法）和 loss（扣分的写法）")
    return NetCounts(gain=rule_from_mapping(gain), loss=rule_from_mapping(loss), text=text)
