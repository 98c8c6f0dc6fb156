"""The shapes of Chinese scoring-rule text that medaid understands, in the order tried.

Each shape function takes a normalized text and returns a rule, or None when the text is
not of its shape; the most specific shapes come first. Reading conventions are stated
in the modules that apply them (``bands``: 以上/以下 and 含; ``deductions``: part steps;
``cases``: cut-offs such as "3例及以上不得分").
"""

from __future__ import annotations

from collections.abc import Callable

from medaid.evaluation.rules import Rule
from medaid.evaluation.ruletext.absent_exemptions import absent_exemption  # affirm family
from medaid.evaluation.ruletext.amount_kinds import amount_kinds  # numbers family (s9)
from medaid.evaluation.ruletext.answered_questions import answered_question  # affirm family
from medaid.evaluation.ruletext.band_requirements import disqualified_bands, required_bands  # bands family
from medaid.evaluation.ruletext.bands import banded, banded_after_evidence  # bands family: banded_after_evidence
from medaid.evaluation.ruletext.bare_rates import bare_rate  # counts family
from medaid.evaluation.ruletext.base_bonus_items import base_bonus_items  # bands family
from medaid.evaluation.ruletext.base_marks import base_marks_lost  # affirm family
from medaid.evaluation.ruletext.bonus import add_deduct, step_bonus
from medaid.evaluation.ruletext.bonus_reference import (
    step_bonus_threshold,  # bands family
    step_bonus_written,  # bands family
)
from medaid.evaluation.ruletext.bounds import bound_alone
from medaid.evaluation.ruletext.bracketed_deductions import bracketed_deduction  # affirm family (s9)
from medaid.evaluation.ruletext.cases import per_case
from medaid.evaluation.ruletext.completion_points import completion_points  # counts family
from medaid.evaluation.ruletext.composite import composite  # composite family
from medaid.evaluation.ruletext.count_asides import currency_aside  # counts family (s9)
from medaid.evaluation.ruletext.count_doubling import doubled_cases  # counts family (s9)
from medaid.evaluation.ruletext.count_gains import measured_gains  # counts family (s9)
from medaid.evaluation.ruletext.count_grades import grade_deductions  # counts family (s9)
from medaid.evaluation.ruletext.count_nets import net_counts  # counts family (s9)
from medaid.evaluation.ruletext.count_periods import period_count  # counts family (s9)
from medaid.evaluation.ruletext.count_scores import count_score
from medaid.evaluation.ruletext.count_totals import split_total  # counts family (s9)
from medaid.evaluation.ruletext.deduction_sums import deduction_sum  # steps family
from medaid.evaluation.ruletext.deductions import per_point
from medaid.evaluation.ruletext.direction import directional
from medaid.evaluation.ruletext.disqualifying_lists import disqualifying_list  # affirm family
from medaid.evaluation.ruletext.either_bounds import either_bounds  # lists family (s9)
from medaid.evaluation.ruletext.elements import element_shares  # lists family
from medaid.evaluation.ruletext.evidence_provisos import evidence_proviso  # affirm family
from medaid.evaluation.ruletext.exclusive_levels import exclusive_levels  # affirm family (s9)
from medaid.evaluation.ruletext.fill_in_forms import fill_in_form  # numbers family
from medaid.evaluation.ruletext.formulas import formula
from medaid.evaluation.ruletext.group_bands import group_bands  # bands family
from medaid.evaluation.ruletext.item_steps import item_step  # steps family
from medaid.evaluation.ruletext.items import each_item  # steps and bonus family
from medaid.evaluation.ruletext.kind_choices import kind_choice  # numbers family (s9)
from medaid.evaluation.ruletext.kind_levels import kind_levels  # numbers family (s8)
from medaid.evaluation.ruletext.levelled_parts import levelled_parts  # lists family
from medaid.evaluation.ruletext.levels import checklist, judgement, qualitative, single_condition
from medaid.evaluation.ruletext.listed_subjects import subjects_bound  # lists family (s9)
from medaid.evaluation.ruletext.non_scoring import read_past_non_scoring  # unread family
from medaid.evaluation.ruletext.numbered_deductions import numbered_deductions  # lists family (s8)
from medaid.evaluation.ruletext.one_missing import one_missing  # affirm family
from medaid.evaluation.ruletext.part_levels import frequency_levels  # lists family (s9 fix)
from medaid.evaluation.ruletext.parts import step_sum  # steps and bonus family
from medaid.evaluation.ruletext.per_unit_standards import per_unit_standard  # numbers family
from medaid.evaluation.ruletext.periods import period_thresholds  # faults family
from medaid.evaluation.ruletext.point_shortfalls import point_shortfall_bands  # bands family
from medaid.evaluation.ruletext.prerequisites import prerequisite  # numbers family (s9)
from medaid.evaluation.ruletext.price_formulas import price_formula  # numbers family
from medaid.evaluation.ruletext.rank_bonus import rank_bonus  # bands family
from medaid.evaluation.ruletext.rank_parts import rank_parts  # bands family
from medaid.evaluation.ruletext.ranks import ranked
from medaid.evaluation.ruletext.rate_conditions import rate_not_begun  # affirm family
from medaid.evaluation.ruletext.rate_lists import rate_list  # steps family
from medaid.evaluation.ruletext.reference_bands import reference_bands  # bands family
from medaid.evaluation.ruletext.respective_items import respective_items  # lists family
from medaid.evaluation.ruletext.shortfalls import deviation_band, shortfall_bands, unmet_deduction
from medaid.evaluation.ruletext.simple import (
    as_percentage,
    budget_execution,
    full_if_met,
    proportional,
    rate_times_weight,
)
from medaid.evaluation.ruletext.status_coefficients import status_coefficients  # formulas family
from medaid.evaluation.ruletext.thing_steps import thing_steps  # numbers family (s9)
from medaid.evaluation.ruletext.threshold_ranks import threshold_ranked  # bands family
from medaid.evaluation.ruletext.wider_sanctions import wider_sanction  # affirm family
from medaid.evaluation.ruletext.wrapped_rules import not_assessed, stated_full  # lists family (s9)
from medaid.evaluation.ruletext.written_levels import step_bonus_level  # numbers family (s8)

SHAPES: tuple[Callable[[str], Rule | None], ...] = (
    # lists family (s9): "没有年度任务的按缺项考核计分" taken out, the rest read again; first, so that no shape
    # reads past the clause and scores a unit the row leaves out
    not_assessed,
    # lists family (s9): "早、晚稻达到500公斤单产指标的记6分,达不到…扣6分": each thing listed must reach the bound;
    # before the bound readers, which would read one value for the whole list
    subjects_bound,
    # lists family (s9): "A控制在0.1%以下的计10分,A超过0.1%或B在2亩以上的不计分": before the bound readers, which
    # would read A alone
    either_bounds,
    directional,  # 正向/反向指标: before formula, which would not know the declared direction
    formula,  # these three read a text only when nothing is left unexplained
    status_coefficients,  # formulas family: "已完成项目、在建项目…分值系数分别为1、0.5…": a share for each status
    step_bonus,
    step_bonus_written,  # bands family: "全年运营240天不扣分,…每少10天扣1.5分,…每多10天加分1.5分"
    step_bonus_threshold,  # bands family: "达3万元的,计3分,每超额完成1万的加计1分,…;未达到3万元的,扣3分"
    step_bonus_level,  # numbers family (s8): "…增长20%的得20分,每增(减)1个百分点加(减)5分": a written level, both ways
    kind_levels,  # numbers family (s8): "私营企业3个、个体工商户30个得20分,每增(减)1个私营企业加(减)5分": kinds
    rank_bonus,  # bands family: "第一名加3分,第二名加2分,第三名加1分" (places, not 加减分 conditions)
    add_deduct,
    budget_execution,
    # faults family: "一季度…80%以上得1分;二季度…85%以上得1分": a part for each period, before the level readings
    # (checklist, banded, qualitative), which would take the periods for mutually exclusive levels of one value
    period_thresholds,
    # bands family: "达到85%得10分;低于85%的按从高到低排序,分别得8、6、4、2分": before ranked and the part readings
    threshold_ranked,
    ranked,  # before checklist and per_point, which would read "1-3名,7分" or "每下降一个位次扣0.5分" otherwise
    # bands family: "查看上一年资料。达到5%得1分;达到10%得2分": bands after a sentence naming the evidence, before
    # checklist, which would take that sentence for an item
    banded_after_evidence,
    # steps family: "建立A、B、C等工作体系。未建立的,少1项扣1分": one step for each missing thing of a list, before
    # checklist, which would take the list's sentence and the condition for items
    item_step,
    checklist,
    # lists family: "如发现A,B,C将依次扣除4分、2分、2分", "A、B、C分别计2分、1分、1分": things, then the number of
    # each in order; after checklist (which reads a list with one number for all), before the part readings
    respective_items,
    element_shares,  # lists family: "得分要素:1.…;2.…。具备要素1得20%,…业绩值为100%得满分": after checklist
    each_item,  # steps and bonus family: "(12分×2项,即A和B)…每低…扣…" before per_point
    step_sum,  # steps and bonus family: "A率…得15分,每下降…;B率…得15分,每下降…" before per_point
    per_point,
    # steps family: "A每少一次扣0.5分，B每缺一人扣1分；C的扣2分": several deductions from one full marks, after
    # per_point (one step), before the count readings, which would take the step for a kind of case; it leaves
    # "缺一次扣2分，晚报一次扣1分" (cases of each kind, written without 每) to them
    deduction_sum,
    rate_list,  # steps family: "五率(A率、B率…)达100%记7分。每项低1个百分点扣0.2分": each rate a part
    bare_rate,  # counts family: a text that is only "2分/基": which way is the actual's (a fault counted)
    per_case,
    split_total,  # counts family (s9): "每月未按时上报报表(扣12分,其中每少报1个月扣1分)": the step, capped
    doubled_cases,  # counts family (s9): "…一次扣5分,跨月未整改翻倍扣分": counts, one condition doubling a case
    period_count,  # counts family (s9): "每月X在97%以上得3分,有一个月达不到该比率的扣1分": periods short, counted
    net_counts,  # counts family (s9): "…提供一例得1分,最高8分;…发现一次扣2分": cases earned less cases taken
    measured_gains,  # counts family (s9): "每新建成A50亩加8分,新发展B50亩加6分,加分最高不超过15分"
    grade_deductions,  # counts family (s9): "一级减50分,二级减30分,三级20,四级减10": each grade what it takes
    currency_aside,  # counts family (s9): "…5万元以上加1分,在此基础上每增5万元加1分,利用外资5万美元以上加5分,…"
    frequency_levels,  # lists family (s9 fix): "每季度…得4分,每半年…得2分": by period, before count_score's kinds
    count_score,
    completion_points,  # counts family: "每完成任务一个百分点得0.1分,共10分"
    judgement,
    banded,
    group_bands,  # bands family: "…在全省平均水平以上的单位…得2分…;…以下的单位…": bands by group, before banded
    required_bands,  # bands family: "超过80%…,且运行管护效果良好,分别得6分…": bands with a requirement
    point_shortfall_bands,  # bands family: "高于或等于目标值的得5分;低于目标值20个百分点及以内的得2分;…以上的不得分"
    reference_bands,  # bands family: "不低于正常保有量的95%…得8分;低于…但不低于最低保有量的,得5分": named references
    disqualified_bands,  # bands family: "未公布…或…比例低于10%的均不得分,占比10%—20%得4分…": a leading disqualifier
    # conditions family: conditions against the target ("未完成计划数的扣3分", "比下达任务低5%以内的扣2分…",
    # "预算完成率超出正负10%不得分"), which the level and checklist readings below would take for named faults
    unmet_deduction,
    shortfall_bands,
    deviation_band,
    bound_alone,  # "按时完成率达100%,得2分": before the ratio readings, which would read "按时完成率" as "按完成率"
    rate_times_weight,
    proportional,
    as_percentage,
    full_if_met,
    # affirm family: "…是否一致 ①一致(20分) ②不一致(0分)": a question and its numbered answers, before the level
    # readings, which would take the question into the first level's name
    answered_question,
    # affirm family: "…建有率达100%以上,得1分,未建有,不得分": the rate's deed not done is below its bound
    rate_not_begun,
    # lists family (fix round): "资料全部归档,得3分,资料部分归档,得1分。按时报送,得2分": levels of one requirement
    # in one sentence, another requirement in the next, added (composite); before qualitative, which would take
    # the other requirement for a third level
    levelled_parts,
    bracketed_deduction,  # affirm family (s9): "未上报A和B(扣5分)" is "未上报A和B,扣5分"
    exclusive_levels,  # affirm family (s9): "检查合格得20分;不合格不得分;未检查的单位得20分": one scale
    qualitative,
    single_condition,
    # affirm family: "无安全隐患计10分。有以下安全隐患存在计0分:1.…;2.…": a condition, then a numbered list of what
    # scores 0 (no earlier shape reads such a text)
    disqualifying_list,
    # affirm family (s8): "满足要求,得1分;缺1项,不得分", "缺1项,不得分": a set scored all or nothing ("1项" the
    # threshold of a yes/no, not a deduction per item, which the level readings above leave unread)
    one_missing,
    base_marks_lost,  # affirm family: "单项基准2分,不符合要求,该单项基准分扣完为止": the base lost whole is 不得分
    rank_parts,  # bands family: parts each read alone, one by rank, matched to the actual's statements by words
    base_bonus_items,  # bands family: a base rule, then bonus items on other things ("接受…代建的单位,每完成1000亩…")
    # composite family: parts each with its own marks ("(1)…得1.2分,每低…扣0.1分;(2)…得0.3分"), last: only a
    # text no single shape reads is read as parts
    composite,
    # lists family (s8): "1.…每少一次扣0.5分;2.…的,扣2分;3.…": a numbered list of deductions from one full marks,
    # read as its items written as sentences (the readers of deductions do not all take item numbers); after
    # composite, which reads numbered parts with marks of their own
    numbered_deductions,
    # affirm family: a sanction beyond the row ("发生一次,本表100分扣完", "(实行一票否决)") is this row's 不得分; the
    # rest read by the shapes again (after every shape that reads such a text as written)
    wider_sanction,
    # affirm family: "…扣2分。(相关资料必须报乡禁烧办留存,否则视为责任落实不到位)": a proviso on the evidence, taken
    # out and the rest read by the shapes again
    evidence_proviso,
    # affirm family (s8): "符合标准，得1分（如无协同单位，此处不失分）": the exemption of a unit without the thing taken
    # out, the rest read by the shapes again (kept only as levels: ``Qualitative`` gives "无协同单位" the full marks)
    absent_exemption,
    stated_full,  # lists family (s9): "…没有分工文件不得分(5分)": the full marks after a 不得分 clause
    # unread family: a known shape wrapped in clauses that say nothing about the score (a row number, where the
    # evidence is, a sentence naming the task, "不记分" for 不得分): last, the rest read by the shapes again
    read_past_non_scoring,
    # numbers family: a form of blanks ("1.入户核实人数:___人…3.真实率=②/①×100%") then lines scoring the rate it
    # defines: the scoring lines read alone, last (no other shape reads the blanks)
    fill_in_form,
    price_formula,  # numbers family: "价格评估得分=(基准价/有效报价)×10", 基准价 the lowest valid quote
    # numbers family: "平均每班配备教师数不少于1.5人,按班级数计算,每少1人扣1分": the step below the number required,
    # which the actual states ("应配9人，实配7人"); last (no other shape reads the standard per unit)
    per_unit_standard,
    prerequisite,  # numbers family (s9): "未完成年度检测任务此项不得分" beside the scoring: a requirement
    thing_steps,  # numbers family (s9): "每班每超5人扣1分": the step for each thing, added up
    amount_kinds,  # numbers family (s9): "每连片抛荒5亩或零星抛荒30亩的,扣2分": kinds of a fault, each per its amount
    kind_choice,  # numbers family (s9): "产区得1.5分、非产区得1分;…产区扣0.15分、非产区扣0.1分": one rule per kind
)
