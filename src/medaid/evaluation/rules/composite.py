"""A text made of parts, each a requirement scored its own way with its own marks, added up: "(1)完成全年参保
任务得1.2分,每低于5个百分点扣0.1分;(2)养老金按时足额发放得0.8分" (read by ``ruletext.composite``).

- The row's weight must be the parts' marks added up; another weight is refused, saying so.
- Each part is scored by its own rule from what the actual (or, without one, the explanation) says of it: the
  description is cut into statements (at ，；。, a list at 、 only when the statement as a whole names no one part),
  and each statement goes to the one part whose words it shares most (``assign``); a statement that names no part,
  or two alike, refuses the row. With ``holds`` (the parts that hold, 1 = the first), a part that is all or nothing
  gets its marks or none; a part with deductions needs a description.
- A part nothing is said of, or whose rule cannot score what is said, refuses the whole row, naming the part and
  what it lacks: a number is never given with a part unscored.
- A veto of the whole ("资金整合计划未全部落实,本项不得分") gives 0 when a statement says it; a description that
  does not mention it is read as its not having happened (the convention of listed faults), and the reason says so.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.completion import Proportional
from medaid.evaluation.rules.naming import canon, denies, names
from medaid.evaluation.rules.part_scores import score_part
from medaid.evaluation.rules.part_statements import (
    CUT,
    assign,
    said_met,
    settled_by_holds,
    statements,
)
from medaid.evaluation.rules.parts import Part
from medaid.evaluation.rules.phrasing import VERBS
from medaid.evaluation.rules.transfers import says_no_task, transfers, without_notes


def _event(statement: str) -> str:
    """A statement of whether something happened, without the verb: "未出现弄虚作假" → 未弄虚作假."""
    return re.sub(r"出现|发现|存在|发生", "", canon(statement))


@dataclass(frozen=True)
class Composite(Rule):
    """Requirements each with its own marks, scored each its own way and added up (module docstring)."""

    parts: tuple[Part, ...]
    veto: str | None = None  # "资金整合计划未全部落实": the whole scores 0 when it is said

    kind = "composite"
    label = "分项计分合计"

    def params(self) -> dict[str, object]:
        out: dict[str, object] = {"parts": [p.to_dict() for p in self.parts]}
        if self.veto:
            out["veto"] = self.veto
        return out

    def full_marks(self) -> Decimal | None:
        return self.declared_full or self.total()

    def total(self) -> Decimal:
        return sum((p.full for p in self.parts), ZERO)

    def _head(self) -> str:
        shown = "；".join(f"第{i}部分“{p.name}”（{fmt(p.full)}分）" for i, p in enumerate(self.parts, 1))
        return f"评分标准分{len(self.parts)}部分各自计分后相加：{shown}"

    def apply(self, inputs: Inputs) -> Outcome:
        total = self.total()
        if inputs.weight != total:
            return Outcome(None, f"{self._head()}；本行分值 {fmt(inputs.weight)} 分不是各部分合计 {fmt(total)} 分，"
                                 "无法确定按哪几部分计分")  # fmt: skip
        if inputs.holds is not None and inputs.actual is None and not inputs.note:
            return self._from_holds(inputs.holds)
        written, source = (inputs.actual.text, "实际") if inputs.actual is not None else (inputs.note, "说明")
        if inputs.note and not (written and re.search(r"[\u4e00-\u9fa5]", written)):
            written, source = inputs.note, "说明"  # a bare number says nothing of the parts; the explanation may
        if not written:
            return Outcome(None, f"{self._head()}；缺少各部分的实际情况，需逐部分写明")
        return self._from_text(inputs, written, source)

    def _from_holds(self, holds: tuple[int, ...]) -> Outcome:
        shown: list[str] = []
        for i, part in enumerate(self.parts, 1):
            if not settled_by_holds(part) and not (i in holds and _held_in_full(part)):
                return Outcome(None, f"{self._head()}；第{i}部分有扣分或另有不得分情形，不能只按是否符合计分，"
                                     "需写明其实际情况")  # fmt: skip
            shown.append(
                f"第{i}部分{'符合' if i in holds else '不符合'}，计 {fmt(part.full if i in holds else ZERO)} 分"
            )
        score = sum((p.full for i, p in enumerate(self.parts, 1) if i in holds), ZERO)
        veto = "（整项否决情形按未出现计）" if self.veto else ""
        return Outcome(score, f"{self._head()}；" + "；".join(shown) + f"；合计 {fmt(score)} 分{veto}")

    def _vetoed(self, written: str) -> bool | None:
        if self.veto is None:
            return False
        statements = [_event(s) for s in CUT.split(written) if s.strip()]
        cond = canon(self.veto)
        if any(names(s, cond) for s in statements):
            return True
        return False if any(denies(s, cond) for s in statements) else None

    def _from_text(self, inputs: Inputs, written: str, source: str) -> Outcome:
        from medaid.evaluation.ruletext.normalize import normalize_rule_text

        written = normalize_rule_text(written)  # the spelling the parts were read in: 缺三项 → 缺3项
        head = f"{self._head()}；各部分实际情况取自{source}“{written}”"
        vetoed = self._vetoed(written)
        if vetoed:
            return Outcome(ZERO, f"{head}：出现“{self.veto}”，整项不得分，计 0 分")
        if self.veto is not None:  # what is said of the veto is no part's
            cond = canon(self.veto)
            kept = [x for x in CUT.split(written) if not denies(_event(x), cond) and not names(_event(x), cond)]
            written = "，".join(kept)
        # "(无免耕任务的乡镇,该项分值纳入良种推广项考评)": notes moving a part's marks (``rules.transfers``)
        moved = {t.donor: t for t in transfers(self.parts)}
        gone = {d: t for d, t in moved.items() if any(says_no_task(x, t) for x in CUT.split(written))}
        if any(t.receiver in gone for t in gone.values()):
            return Outcome(None, f"{head}：接收并入分值的部分本身也无任务，如何计分未说明，需人工判断")
        written = "，".join(x for x in CUT.split(written) if not any(says_no_task(x, t) for t in gone.values()))
        said = statements(_spread(written, self.parts), without_notes(self.parts))
        if isinstance(said, str):
            return Outcome(None, f"{head}：{said}，需逐部分写明实际情况")
        scores: list[Decimal] = []
        shown: list[str] = []
        for i, part in enumerate(self.parts, 1):
            if i - 1 in gone:
                shown.append(
                    f"第{i}部分无“{gone[i - 1].task}”任务，其 {fmt(part.full)} 分纳入第{gone[i - 1].receiver + 1}部分"
                )
                continue
            extra = sum((self.parts[d].full for d, t in gone.items() if t.receiver == i - 1), ZERO)
            if extra and not isinstance(part.rule, Proportional):
                return Outcome(
                    None,
                    f"{head}：第{i}部分并入其他部分的分值后如何计分未说明（只有按比例计分的部分可按合并后的分值计），需人工判断",
                )
            part = dataclasses.replace(part, full=part.full + extra) if extra else part
            if i - 1 not in said:
                return Outcome(None, f"{head}：未写明第{i}部分“{part.name}”的实际情况，该部分无法计分")
            text = "，".join(said[i - 1])
            outcome = score_part(part, text, source)
            if outcome.score is None:
                return Outcome(None, f"{head}：第{i}部分（{fmt(part.full)}分）按“{text}”无法计分：{outcome.reason}")
            scores.append(outcome.score)
            merged = f"（并入其他部分的 {fmt(extra)} 分，按 {fmt(part.full)} 分计）" if extra else ""
            shown.append(f"第{i}部分按“{text}”{merged}：{outcome.reason}")
        score = sum(scores, ZERO)
        veto = f"；未提及“{self.veto}”，按未出现计" if self.veto and vetoed is None else ""
        veto = f"；未出现“{self.veto}”" if self.veto and vetoed is False else veto
        added = " + ".join(fmt(s) for s in scores)
        return Outcome(score, f"{head}。" + "；".join(shown) + f"{veto}。合计 {added} = {fmt(score)} 分")


# "已建立工作制度和台账": one verb (and its 已/未) for a list joined by 和/及/与/、
_LISTED = re.compile(
    rf"^(?P<lead>(?:已经|均已|已|均未|未|没有|无)?(?:{VERBS}))(?P<items>[^和及与、]{{2,}}(?:(?:和|及|与|、)[^和及与、]{{2,}})+)$"
)


def _spread(written: str, parts: tuple[Part, ...]) -> str:
    """A statement that lists the things of several parts after one verb says that verb of each: "已建立工作制度和
    台账" → 已建立工作制度，已建立台账; only when each thing goes to a part of its own (else left as written)."""
    out: list[str] = []
    for raw in (x.strip() for x in CUT.split(written)):
        found = _LISTED.match(raw)
        if found:
            pieces = [found.group("lead") + x for x in re.split(r"和|及|与|、", found.group("items"))]
            owners = [assign(x, parts) for x in pieces]
            if None not in owners and len(set(owners)) == len(owners):
                out += pieces
                continue
        out.append(raw)
    return "，".join(x for x in out if x)


_ZEROED = re.compile(r"([^,;]{2,30}?)[的,]*(?:不得分|不计分|不记分|不给分|(?:得|计|记)0分)")


def _held_in_full(part: Part) -> bool:
    """A part with deductions of its own that holds in full scores its marks ("采用不少于4篇4分,每少一篇扣1分",
    held: 4篇 or more); not one that another event may zero ("受举报被查处的不计分") or that may add marks."""
    return "加" not in part.name and all(said_met(m.group(1), part) is False for m in _ZEROED.finditer(part.name))


def as_parts(text: str | None, inputs: Inputs) -> Outcome | None:
    """A checklist whose items have rules of their own ("(3)…不少于4篇4分,每少一篇扣1分"), scored as parts from
    what is said of each; None when its text is not read as parts or the parts give no score."""
    from medaid.evaluation.ruletext.composite import composite
    from medaid.evaluation.ruletext.normalize import normalize_rule_text

    rule = composite(normalize_rule_text(text)) if text else None
    if rule is None:
        return None
    outcome = rule.apply(inputs)
    if outcome.score is None:
        return None
    return Outcome(outcome.score, f"分项各有计分规则，按各部分分别计分：{outcome.reason}")


def composite_from_mapping(spec: Mapping[str, object], text: str | None) -> Composite:
    """{type: composite, parts: [{name: …, full: 1.2, rule: {…}}, …], veto: …}."""
    from medaid.evaluation.rules.parts import step_sum_from_mapping
    from medaid.evaluation.rules.structured import RuleSpecError

    steps = step_sum_from_mapping(spec, None)  # the same parts list, read and checked alike
    veto = spec.get("veto")
    if veto is not None and not isinstance(veto, str):
        raise RuleSpecError("veto 应为整项不得分的情形（文字）")
    return Composite(parts=steps.parts, veto=veto or None, text=text)
