"""Named levels (定性分级) and met-or-not rules (是否达到).

"合理:2分;基本合理:1分;不合理:0分"; "定性，优良中低差"; "A. 制订了工作制度和工作流程 0.5分 B. …0分";
"是的得2分，否则不得分"; "完成得基本分，未完成的不得分"; "6次以上计3分，少于6次不计分".
How an actual names a level is in ``naming``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, clamp, fmt
from medaid.evaluation.rules.absent_objects import absent_level
from medaid.evaluation.rules.affirmations import affirmed, partly_denied_levels
from medaid.evaluation.rules.answers import answer, is_number, standard_answer
from medaid.evaluation.rules.base import Inputs, Outcome, Rule
from medaid.evaluation.rules.clause_lists import items_by_words
from medaid.evaluation.rules.compared_levels import compared_level
from medaid.evaluation.rules.compared_restatements import compares
from medaid.evaluation.rules.compared_values import compared_values, tallied_level
from medaid.evaluation.rules.complete_sets import complete_outcome
from medaid.evaluation.rules.each_units import each_standard
from medaid.evaluation.rules.event_levels import denial_reading, occurrence_level, occurrences
from medaid.evaluation.rules.evidence_clauses import findings
from medaid.evaluation.rules.exemption import absent_thing, exempted, exemption_mixed
from medaid.evaluation.rules.judged_conditions import judged_alone
from medaid.evaluation.rules.kind_rows import kind_row  # affirm family (s9)
from medaid.evaluation.rules.level_names import Level, bare_heads, binary, concrete, match_level, picked
from medaid.evaluation.rules.naming import canon, denies
from medaid.evaluation.rules.reached_levels import indicator_level, reached_level, share_pair
from medaid.evaluation.rules.sanctions import beyond_row
from medaid.evaluation.rules.standard_levels import standard_level, standard_outcome
from medaid.evaluation.rules.stated_failures import failure_level
from medaid.evaluation.rules.statements import DENIED_ALL, conjunction, counted, level_said, stated_total
from medaid.evaluation.rules.target_levels import target_level
from medaid.evaluation.rules.task_values import task_met
from medaid.evaluation.rules.unsaid_words import unsaid_after, unsaid_before
from medaid.evaluation.rules.verdict_levels import rest_level, verdict_level


@dataclass(frozen=True)
class Qualitative(Rule):
    """定性分级：优良中低差；达成/部分达成/未达成；“相符的得10分，基本相符的得6分……”；
    “合理:2分;基本合理:1分;不合理:0分”；“A. …0.5分 B. …0分”。

    The actual names the level (``match_level``). When exactly one level scores, 是/有/完成 pick it and
    否/无/未完成 the level that scores 0 (or 0 when the text states none: "…(1分)").
    Fractions of the weight are configurable per file.
    """

    levels: tuple[Level, ...]

    kind = "qualitative"
    label = "定性分级"

    def params(self) -> dict[str, object]:
        return {"levels": [lv.to_dict() for lv in self.levels]}

    def full_marks(self) -> Decimal | None:
        fixed = [lv.points for lv in self.levels if lv.points is not None]
        return max(fixed) if fixed and len(fixed) == len(self.levels) else self.declared_full

    def apply(self, inputs: Inputs) -> Outcome:
        scale = "、".join(lv.describe() for lv in self.levels)
        top = max(lv.score(inputs.weight) for lv in self.levels)
        allowed = (ZERO, min(top, inputs.weight))
        note = inputs.note.strip() if inputs.note and inputs.note.strip() else None
        if (kinded := kind_row(self.levels, inputs)) is not None:  # affirm family (s9): "产区得4分,非产区得3分"
            return kinded
        if top > inputs.weight and not inputs.bonus_allowed:  # the text's scale and the row disagree: no level is sure
            why = f"评分标准的最高等级为 {fmt(top)} 分，超过本行分值 {fmt(inputs.weight)} 分（{scale}）"
            return Outcome(None, f"{why}，各等级应得几分无法确定；请核对分值或评分标准", needs_judgement=True)
        if (free := exempted(absent_thing(self.text or ""), inputs, min(top, inputs.weight))) is not None:
            return free  # (affirm s8) "无协同单位" against "符合标准,得1分(如无协同单位,此处不失分)"
        if (mixed := exemption_mixed(absent_thing(self.text or ""), inputs, min(top, inputs.weight))) is not None:
            return mixed  # (affirm fix round s8) "无附属医院，资料不全": the exemption named beside a failure
        if len(self.levels) == 1 and (judged := judged_alone(self.text, self.levels[0].name, inputs)) is not None:
            return Outcome(None, f"{judged}（{scale}）", allowed=allowed, needs_judgement=True)  # "制度健全规范,得2分"
        if inputs.holds is not None:
            return self._counted(inputs, scale)
        if inputs.actual is None and note is None:
            return Outcome(None, f"缺少实际完成情况，无法定级（{scale}）", allowed=allowed, needs_judgement=True)
        text = inputs.actual.text if inputs.actual is not None else findings(note or "")  # (s9) "经核查，…"
        said = "实际完成情况" if inputs.actual is not None else "说明"
        words = inputs.actual is None or not is_number(inputs.actual)
        names = [lv.name for lv in self.levels]
        scores = [lv.score(inputs.weight) for lv in self.levels]
        if words and (done := standard_outcome(names, scores, text, inputs, self, scale)) is not None:
            return done  # (affirm s8) "实有床位12张" against "符合标准,得1分 不达标准,不得分" and the target "≥10张"
        if words and (done := complete_outcome(names, scores, text, said, scale, inputs.weight)) is not None:
            return done  # (affirm s8) "均已设置" / "缺MRI 1项" against "满足要求,得1分;缺1项,不得分"
        if words and (
            why := unsaid_before(text, names) or partly_denied_levels(text, names, scores)
        ):  # "拟建立", "草案"…
            return Outcome(None, f"{said}“{text}”不对应任一等级（{scale}）：{why}，需人工判断", allowed=allowed,
                           needs_judgement=True)  # fmt: skip
        at, how = occurrence_level(names, scores, None, text) if words else (None, "")
        if at is None and not how and words:  # "未发现重大…" / "无台账问题" / "发现…1起" against "杜绝一切…" (round 4)
            at, why = denial_reading(text, names, scores)
            if why:
                return Outcome(None, f"{said}“{text}”不对应任一等级（{scale}）：{why}", allowed=allowed,
                               needs_judgement=True)  # fmt: skip
        if at is None and words and occurrences(names, scores) and (how or re.search(r"[\d零〇]", text)):
            why = how or "未写明是否发生、发生几次（如“0次”“发生1起”）"  # "全年零事故" is read above, never as 无/有
            return Outcome(None, f"{said}“{text}”不对应任一等级（{scale}）：{why}，需人工判断", allowed=allowed,
                           needs_judgement=True)  # fmt: skip
        if at is not None:  # "全年零事故", "发生1次不超标事故" against "无事故"/"发生一次"
            level: Level | None = self.levels[at]
        else:
            level, how = self._read(text, inputs.weight, strict=inputs.actual is not None) if words else (None, "")
        if level is None and not words and inputs.actual is not None:  # "小于或等于年度目标值,得10分;大于目标值,不得分"
            at, how = target_level(names, scores, inputs.actual, inputs.target)
            if at is None and not how:  # (affirm s8) "符合标准,得1分 不达标准,不得分" with the target "≥10张"
                at, how = standard_level(names, scores, inputs.actual, inputs.target)
            if at is None and not how:  # a bar in words that the row's target states ("达到…占用的耕地面积")
                at, how, none = reached_level(names, scores, inputs.actual, inputs.target)
                if none:
                    return Outcome(ZERO, f"{how}不得分（{scale}）")
            if at is None and not how:  # "无事故得10分平指标得5分超指标不得分"
                at, how = indicator_level(names, scores, inputs.actual, inputs.target)
            if at is None and not how:  # "分配结果合理(2分)、不合理分配比例≥5%(0分)"
                at, how = share_pair(names, scores, inputs.actual)
            if at is None and not how:  # "无事故得20分,发生一次不得分" against "0次", "1起"
                at, how = occurrence_level(names, scores, inputs.actual, text)
            if at is None and how:
                return Outcome(None, f"{how}（{scale}），需人工判断", allowed=allowed, needs_judgement=True)
            level = None if at is None else self.levels[at]
        if level is None and how:
            return Outcome(ZERO, f"{said}“{text}”{how}不得分（{scale}）")
        if level is None and words and not how:  # (affirm s9) "未建立任何财务会计制度" against "…健全…不健全"
            at, how = absent_level(text, names, scores, self.text or "")
            if at is None:  # (affirm s9) "…，各项要求均已达到" against "符合得5分,部分符合得2分,不符合不得分"
                at, how = verdict_level(text, names, scores)
            if at is None:  # (affirm s9) "有一批…未经审批即拨付，其余环节按程序办理": the partial level
                at, how = rest_level(text, names, scores)
            if at is None:  # (affirm s9) "共体检156人，结果登记148人" against "A与B是否相符"
                at, how = tallied_level(text, names, scores, self.text or "")
            level = None if at is None else self.levels[at]
        if level is None and words and len(self.levels) > 1:  # "年末结余12万元，上年结转20万元"
            at, how = compared_level([lv.name for lv in self.levels], text)
            level = None if at is None else self.levels[at]
        if level is None:
            unread = self._unread(text, inputs.weight) if words else ""
            return Outcome(
                None,
                f"{said}“{text}”不对应任一等级（{scale}）{unread}，需人工判断",
                allowed=allowed,
                needs_judgement=True,
            )
        raw = level.score(inputs.weight)
        scoring = [lv.name for lv in self.levels if lv.score(inputs.weight) > 0]
        best = raw >= max(lv.score(inputs.weight) for lv in self.levels)
        if words and (why := unsaid_after(text, level.name, raw > 0, scoring, best)):  # (fix round) "按时" unsaid…
            return Outcome(None, f"{said}“{text}”不能确定为“{level.name}”一级（{scale}）：{why}，需人工判断",
                           allowed=allowed, needs_judgement=True)  # fmt: skip
        beyond = beyond_row(self.text, level.name) if raw == ZERO else ""  # "发生一次,本表100分扣完"
        return Outcome(
            clamp(raw, ZERO, inputs.weight),
            f"{said}“{text}”{how}为“{level.name}”一级，得 {fmt(raw)} 分（{scale}）{beyond}",
        )

    def _counted(self, inputs: Inputs, scale: str) -> Outcome:
        """Levels named by how many items hold ("两条指标均符合计2分;满足一条计1分;均不符合计0分") against the
        items that hold."""
        held = len(set(inputs.holds or ()))
        total = stated_total([lv.name for lv in self.levels])
        which = [lv for lv in self.levels if total is not None and counted(lv.name, total) == held]
        if len(which) != 1:
            return Outcome(None, f"符合的分项不能对应唯一等级（{scale}）：请填写实际等级", needs_judgement=True)
        raw = which[0].score(inputs.weight)
        return Outcome(clamp(raw, ZERO, inputs.weight),
                       f"{total} 项中符合 {held} 项，为“{which[0].name}”一级，得 {fmt(raw)} 分（{scale}）")  # fmt: skip

    def _unread(self, text: str, weight: Decimal) -> str:
        """Why a description does not say whether the one scoring condition holds ("：未说明是否做到…")."""
        pair = binary(self.levels, weight)
        if pair is None or (pair[1] is None and len(self.levels) > 1):
            return ""
        met, why = affirmed(text, pair[0].name)
        return f"：{why}" if met is None and why else ""

    def _read(self, text: str, weight: Decimal, strict: bool) -> tuple[Level | None, str]:
        """The level a description names, and how it was read ("" when by name; a reason with no level:
        0 points, no level scoring 0 being stated)."""
        levels = self.levels
        # One level alone ("明确分管领导和专门负责人(1分)") is answered 是/否: the text does not say what
        # meeting part of it scores, so a description is left to the evaluator.
        if len(levels) > 1 and (level := match_level(levels, text, about=self.text or "")) is not None:
            return level, ""
        pair = binary(levels, weight)
        word = canon(text)
        if pair is not None:
            yes, no = pair
            met = answer(word, yes.name)
            if met is None and len(levels) == 1 and self.text:  # (affirm s9) "藏书量达到标准要求" for "符合标准,得1分"
                met = standard_answer(text, self.text)
            # (affirm s9, review) a comparison in words is read only as one (``compared_restatements``, ``affirmed``):
            # by its words "超出" names "不超过", "将超过" denies it
            worded = not compares(yes.name)
            if met is None and worded and len(levels) > 1 and denies(word, canon(yes.name)):
                met = False
            if met is None and worded and no is not None and len(levels) > 1:
                met = conjunction(text, yes.name)  # "均设经费但未按时拨付" against "…且按时拨付,得2分;否则不得分"
            if met is None and worded and (no is not None or len(levels) == 1):
                # each statement matched by its words; a level alone is met or not as 是/否 answer it
                held, why = items_by_words(text, [yes.name])
                met = None if why is not None else bool(held)
            if met is not None:
                how = f"即{'' if met else '未'}做到“{yes.name}”，"
                return (yes if met else no), how
            met, how = compared_values(text, yes.name)  # (affirm s9) "耕地面积120.6万亩，保有量120万亩"
            if met is None:  # (affirm s9) "任务800亩，实际完成820亩" against "完成…任务的,得1分"
                met, how = task_met(text, yes.name, no.name if no is not None else None)
            if met is None:  # (affirm s9) "有1个县…低于省定扶贫标准" against "各县…全部达到省定扶贫标准"
                met, how = each_standard(text, yes.name)
            if met is not None:
                return (yes if met else no), how
            # the condition restated or denied requirement by requirement ("已逐级签订", "年终无总结")
            if no is not None or len(levels) == 1:
                met, why = affirmed(text, yes.name, no.name if no is not None else None)
                if met is not None:
                    return (yes if met else no), why
            if not worded:
                return None, ""
            # the failures the 0 level lists, named or all denied ("按要求发展党员1名" against "未发展党员或未按要求…")
            if no is not None and len(levels) == 2:
                met, why = failure_level(text, no.name, yes.name)
                if met is not None:
                    return (yes if met else no), why
        if len(levels) < 2:
            return None, ""
        scoring = [i for i, lv in enumerate(levels) if lv.score(weight) > 0]
        zero = [lv for lv in levels if lv.score(weight) == 0]
        plain = tuple(replace(lv, name=concrete(lv.name)) for lv in levels)
        heads = bare_heads(text)  # (affirm s9) "用电用火、煤气使用安全": "用电用火" alone names nothing
        found = level_said(
            text,
            lambda st: picked(levels, plain, st, heads, self.text or ""),
            lambda st: {i for i in scoring if denies(canon(st), canon(levels[i].name))},
            [lv.name for lv in levels],
            len(scoring),
            strict,
        )
        if found == DENIED_ALL:
            how = f"即未做到任一得分等级（{'、'.join(levels[i].name for i in scoring)}），"
            return (zero[0] if len(zero) == 1 else None), how if len(zero) <= 1 else ""
        if found is not None and plain[found] != levels[found]:  # named by its concrete part
            return levels[found], f"（按该等级的具体要求“{plain[found].name}”对应）"
        return (levels[found] if found is not None else None), ""


# The structured syntax of levels lives in ``level_specs``; it is imported from here too.
from medaid.evaluation.rules.level_specs import levels_from_spec  # noqa: E402

# YesNo lives in ``yes_no``; it is imported from here too.
from medaid.evaluation.rules.yes_no import YesNo, yes_no_from_spec  # noqa: E402

__all__ = ["Level", "Qualitative", "YesNo", "levels_from_spec", "match_level", "yes_no_from_spec"]
