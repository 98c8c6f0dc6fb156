"""A requirement beside the scoring that, unmet, takes all the marks (numbers family, s9): "…比例达到100%。未完成年度
检测任务此项不得分;每降低5%扣0.02分".

The requirement ("完成年度检测任务") is another thing than the value the rule scores, so the actual must speak of both:
"90%，已完成年度检测任务" is scored by the rule on 90%; "100%，未完成年度检测任务" scores 0. The clause about the
requirement must affirm it in its own words ("已完成年度检测任务", "年度检测任务已完成") or deny it
("未完成年度检测任务", "年度检测任务未完成"); a hedge ("基本完成", "完成部分") or no word of it is refused,
saying what to write. What is left of the actual, once that clause is taken out, is the rule's actual.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from medaid.evaluation.numbers import ZERO
from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.count_vocab import simplified

_AFFIRM = r"(?:已|已经|均已|已全部|全部)?"
_DENY = r"(?:未|没有|未能|没能|尚未|不)(?:全部)?"
# who: "教师均参加国培", "全体教师参加国培"; a hedge ("部分教师", "个别教师") says it of some only
_WHO = r"(?P<who>(?:全体|所有)[\u4e00-\u9fa5]{1,6}?(?:均|都)?|[\u4e00-\u9fa5]{1,6}?(?:均|都|全部))?"
_HEDGE = re.compile(r"部分|个别|少数|多数|大部分|基本|大多|有的|一半|半数")
# s9 fix: a time other than now, a plan or an aim said of the requirement
_NOT_NOW = re.compile(r"计划|预计|拟|将|曾|争取|力争|确保|要求|明年|下月|下年|年底|月底|年内|以前|之前|前|后|去年|上年")


@dataclass(frozen=True)
class Prerequisite(Rule):
    """未完成年度检测任务此项不得分 beside a rule (module docstring)."""

    verb: str = ""
    thing: str = ""
    scored: Rule | None = None
    unstated: bool = False  # "(不参加国培扣分)": a deduction with no number; unmet, the score is not known

    kind = "prerequisite"
    label = "前提条件加计分规则"
    reads_note: ClassVar[bool] = True  # the 扣分说明 is split here (``actual_text.apply_rule``)

    def full_marks(self) -> Decimal | None:
        return self.scored.full_marks() if self.scored is not None else None

    def params(self) -> dict[str, object]:
        inner = {} if self.scored is None else self.scored.to_dict()
        inner = {k: v for k, v in inner.items() if k not in ("label", "full_marks")}
        return {"verb": self.verb, "thing": self.thing, "rule": inner, "unstated": self.unstated}

    def wording(self) -> str:
        need = f"{self.verb}{self.thing}"
        return f"不{need}扣分" if self.unstated else f"未{need}此项不得分"

    def _said(self, clause: str) -> bool | None:
        """True when the clause affirms the requirement, False when it denies it, None when it is not about it."""
        verb, thing = re.escape(self.verb), re.escape(self.thing)
        for pattern, held in ((_DENY, False), (_AFFIRM, True)):
            found = re.fullmatch(rf"{_WHO}{pattern}{verb}(?:了)?{thing}|{thing}{pattern}{verb}", clause)
            if found:
                return held if self._whole_subject(found.group("who")) else None
        return None

    def _whole_subject(self, who: str | None) -> bool:
        """s9 fix: who must be every one the requirement is of: no subject, 全部, or a subject the rule text
        itself names ("教师均", "全体教师"); a part ("青年教师", "重点乡镇", "一半教师"), a hedge, a time or a plan
        ("教师明年都", "计划全部", "拟全部", "曾全部") is not."""
        if not who:
            return True
        subject = re.sub(r"^(?:全体|所有)|(?:已经|已)?(?:均|都|全部)$", "", who)  # "已全部完成": no subject
        if _HEDGE.search(who) or _NOT_NOW.search(who):
            return False
        return not subject or subject in simplified(self.text or "")

    def _foreign_rate(self, rest: str) -> str | None:
        """s9 fix: a labelled rate in the rest of the 扣分说明 that the rule text does not name ("检测率90%" beside
        "随访比例达到100%"): it is another measure, not the rule's actual."""
        text = simplified(self.text or "")
        # s9 fix: a 比例/占比/比重 is labelled like a 率 ("检测比例80%" beside "随访比例达到100%": another measure)
        for found in re.finditer(r"([\u4e00-\u9fa5]{1,10}?(?:率|比例|占比|比重))(?:为|是|达到|达)?\d", rest):
            label = found.group(1)
            if not any(label[i:] in text for i in range(len(label) - 2)) or re.search(
                r"(?:不|未|非)" + label[-2:], text
            ):
                return label
        return None

    def apply(self, inputs: Inputs) -> Outcome:
        from medaid.evaluation.actual_text import apply_rule  # actual_text imports rules
        from medaid.evaluation.ruletext.normalize import normalize_rule_text  # ruletext imports rules

        assert self.scored is not None
        from_note = inputs.actual is None
        raw = (inputs.note or "") if from_note else (inputs.actual.text if inputs.actual else "")
        said = normalize_rule_text(re.sub(r"\s+", "", raw)).rstrip("。") if raw else ""
        need = f"{self.verb}{self.thing}"
        ask = f"请写明是否{need}，如“90%，已{need}”"
        clauses = [c for c in re.split(r"[,;，；。]+", said) if c]
        about = [(c, self._said(c)) for c in clauses if self.thing in c]
        if len(about) != 1:
            many = "多处提到" if about else "未写明"
            return Outcome(None, f"评分标准写明“{self.wording()}”，实际情况“{said}”{many}是否{need}，无法计分；{ask}")
        clause, held = about[0]
        if held is None:
            return Outcome(None, f"评分标准写明“{self.wording()}”，实际情况中“{clause}”不是明确的已{self.verb}或未"
                                 f"{self.verb}，需人工判断；{ask}")  # fmt: skip
        if not held and self.unstated:
            return Outcome(None, f"实际写明“{clause}”，评分标准“{self.wording()}”未写明扣多少分，需人工判断")
        if not held:
            return Outcome(ZERO, f"实际写明“{clause}”，按评分标准“{self.wording()}”，得 0 分")
        rest = ",".join(c for c in clauses if c != clause)
        if not rest:
            return Outcome(None, f"实际情况“{said}”只写明{need}，缺少实际完成值；{ask}")
        if from_note and (foreign := self._foreign_rate(rest)) is not None:  # s9 fix
            return Outcome(None, f"实际写明“{clause}”，前提条件满足；说明中的“{foreign}”不是评分标准所计的比率，"
                                 "未从说明读取实际值；请写明评分标准所计的实际完成值")  # fmt: skip
        inner = (dataclasses.replace(inputs, note=rest) if from_note
                 else dataclasses.replace(inputs, actual=parse_quantity(rest)))  # fmt: skip
        outcome = apply_rule(self.scored, inner)
        return dataclasses.replace(outcome, reason=f"实际写明“{clause}”，前提条件满足；{outcome.reason}")


def prerequisite_from_mapping(spec: Mapping[str, object], text: str | None) -> Prerequisite:
    """{type: prerequisite, verb: 完成, thing: 年度检测任务, rule: {…}}."""
    from medaid.evaluation.rules.structured import RuleSpecError, rule_from_mapping

    inner = spec.get("rule")
    if not spec.get("verb") or not spec.get("thing") or not isinstance(inner, Mapping):
        raise RuleSpecError("prerequisite 需要 verb（如 完成）、thing（如 年度检测任务）和 rule（计分规则）")
    return Prerequisite(verb=str(spec["verb"]), thing=str(spec["thing"]), scored=rule_from_mapping(inner),
                        unstated=bool(spec.get("unstated", False)), text=text)  # fmt: skip
