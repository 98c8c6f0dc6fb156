"""Whole-text shapes: 预算执行率, rate × weight, proportional, full-if-met.

Ratio wordings read as the completion ratio (actual ÷ target, target ÷ actual for a "≤" target):
"按完成比例计分", "按比例计分/给分/扣分", "按实际支出占预算的比重计分", "根据实际到位资金占计划的比重计算得分",
"按实际完成值与目标值的比值计分", "低于目标的按比例扣分". "按百分比得分" is weight × the percentage, which
is the same as the completion ratio only when the text's threshold is 100% ("普查率达100%得10分，低于100%按
百分比得分"); against another
threshold ("≥40%得10分，低于40%按百分比得分") it reads two ways and is not understood. A text that also
adds or deducts points ("加10分", "每超过…") is not a ratio text, nor one that writes a product ("×": a formula);
"超过目标值不加分" only says the ratio is capped. "按…×分值计算" is rate × weight only when the product is one
rate times the weight and nothing but the rate's name stands beside it ("按完成率×分值×0.9计算" and "…,超过的按
预算成本/实际成本×分值计算" are formulas).
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from medaid.evaluation.rules import BudgetExecution, FullIfMet, Proportional, RateTimesWeight, Rule
from medaid.evaluation.ruletext.common import NUM, STEPWISE, TIMES_WEIGHT
from medaid.evaluation.ruletext.normalize import latin_times
from medaid.evaluation.ruletext.rate_floor import rate_floor, score_range
from medaid.evaluation.ruletext.ratio_floor import ratio_floor
from medaid.evaluation.ruletext.stated_rates import rate_by_its_ratio, stated_heading, total_then_formula
from medaid.evaluation.ruletext.step_parts import full_in_words
from medaid.evaluation.ruletext.task_parts import task_parts

# --- the 预算执行率 row of the self-evaluation table -----------------------------------


def budget_execution(text: str) -> Rule | None:
    if re.fullmatch(r"(?:按)?预算执行率(?:计分|得分|×分值|计算)?(?:=执行率×分值)?", text):
        return BudgetExecution()
    return None


# --- rate × weight, proportional, full-if-met --------------------------------------------


def rate_times_weight(text: str) -> Rule | None:
    """ "按实际值×分值计算", "按分值乘以满意度计算得分" as the whole rule."""
    if (headed := total_then_formula(text, rate_times_weight)) is not None or stated_heading(text):
        return headed  # formulas family: "本项满分10分,按满意度×分值计算": the heading's marks kept
    if (by_its := rate_by_its_ratio(text)) is not None:
        return by_its  # formulas family: "根据A数和B数计算X率,按其比率赋分" (``stated_rates``)
    text = latin_times(text)  # formulas family: "以满意度×分值计分", "满意度X分值"
    m = TIMES_WEIGHT.search(text)
    if m is None or re.search(r"得\d|计\d|以上|以下|低于", text):
        return None
    if m.group(0).count("×") != 1 or re.search(r"[\d/÷]", m.group(0)) or re.search(r"×|\*", text[m.end() :]):
        return None  # "按完成率×分值×0.9计算", "按预算成本/实际成本×分值计算": not a rate times the weight
    rest = re.sub(r"[,;。:\s]", "", _RATE_BENIGN.sub("", text[: m.start()] + text[m.end() :]))
    if rest and not re.fullmatch(r"[\u4e00-\u9fa5]{0,12}(?:率|度)", rest):
        return None  # a condition or another score beside it ("完成的…"): not only rate × weight
    return RateTimesWeight()


_RATE_BENIGN = re.compile(
    r"按(?:照)?(?:完成)?比例(?:得分|计分|计算),?即|(?:超额完成|超过100%)(?:的)?(?:部分)?不(?:再)?(?:另)?加分|扣完为止|最高不超过(?:该项|本项)?分值|满分为止|以满分为限|计算得分|计算|计分|得分"
)
_BY = r"(?:按|按照|根据|依据|视|以)"
_SCORE_WORD = r"(?:计分|计算得分|得分|计算|给分|赋分|折算(?:得分)?|核减|扣减|扣分|减分|扣除)"
_PROPORTIONAL = re.compile(
    rf"{_BY}[^,;。×]{{0,8}}?完成(?:的)?(?:比例|率|程度|百分比|进度(?:比例)?|情况占比|情况比例|值占目标值的比重|值占指标值的比重)"
    rf"|{_BY}(?:实际)?比例{_SCORE_WORD}"
    rf"|{_BY}[^,;。×]{{0,24}}?占[^,;。×]{{0,12}}?的?(?:比重|比例|百分比){_SCORE_WORD}"
    rf"|{_BY}[^,;。×]{{0,12}}?完成[^,;。×]{{0,4}}?占比{_SCORE_WORD}"  # formulas family: "按完成量占比计分"
    rf"|{_BY}(?:实际)?[^,;。×]{{0,12}}?与(?:目标|计划|指标|任务)[^,;。×]{{0,8}}?的?(?:比值|比例|比率|之比){_SCORE_WORD}"
)
# formulas family: a clause that scores 0 when the task was due and nothing at all was done ("该征收不去征收的,不记分",
# "应开展而未开展的,不得分", "應當上報而沒有上報的得0分"): the family is 应/该 + a verb, then 而 optional, a negation
# (不去/未/没有/沒有/不) and the verb again, with no number. 0 done is a ratio of 0, which scores 0 anyway, so the
# clause says nothing beside the ratio. "未完成的不得分" (not all done) and "低于60%的不得分" are not of it.
_NOTHING_DONE = re.compile(
    r"[,;。]?(?:应当|应该|應當|應該|应|應|该|該)(?P<verb>[\u4e00-\u9fa5]{1,6}?)而?(?:不去|未|没有|沒有|不)(?P=verb)的?,?"
    r"(?:不得分|不计分|不给分|[得计给]0分)(?=$|[,;。])"
)
# "超额完成任务的按比例加分": the ratio runs on above 100 %
_BEYOND = re.compile(r"(?:超额(?:完成)?|超过)[^,;。]{0,12}?按(?:照)?(?:完成)?比例(?:加分|计分|得分|计算)")
_NO_BONUS = re.compile(
    r"[,;]?(?:超过|超出|高于|超额完成)(?:目标|计划|任务|指标)?(?:值|数)?(?:的)?(?:部分)?,?不(?:再)?(?:加分|另加分|额外加分)"
)
_YEAR = re.compile(r"\d{4}年(?:度)?")
_CAP_100 = re.compile(rf"\(?(?:超过|高于|大于){NUM}%(?:的部分)?(?:的)?(?:按|以){NUM}%计(?:算)?\)?")
_SHORT_BY = re.compile(rf"(?:每)?(?:少|缺|差){NUM}(?:个)?[人户项个家次件名所座条例处](?=[^,;。]{{0,4}}按(?:照)?比例)")
_QUANTITY = re.compile(
    rf"{NUM}(%|‰|[万亿]?元|万?人次|万?人|万?户|[万]?亩|公顷|公里|吨|个|项|家|次|件|天|名|所|座|场|期|条|篇|例|处)"
)


def _reference(text: str) -> tuple[bool, str | None]:
    """The one number (with its unit) the text measures against, other than 100 %; (False, None) when it
    writes more than one."""
    text = _CAP_100.sub("", _YEAR.sub("", text))
    text = _SHORT_BY.sub("", text)  # formulas family: "少1人按比例扣分": the unit of the shortfall, not a standard
    found = {f"{Decimal(n).normalize():f}{u}" for n, u in _QUANTITY.findall(text)} - {"100%"}
    if len(found) > 1:
        return False, None
    return True, found.pop() if found else None


# numbers family (s8): the letters of the 财政部 self-evaluation form, "按B/A或A/B×该指标分值记分" — A the 年度指标值,
# B the 实际完成值; B/A for a 正向 indicator, A/B for a 反向 one — are the completion ratio, its way chosen by the
# target's comparator (``Proportional.letters``: a target with neither ≥ nor ≤ is refused). Read only when the text
# defines neither letter itself ("A为…", "A=…", "(A)").
_LETTERS = re.compile(
    r"按(?:照)?(?:B/A或A/B|A/B或B/A|B/A\(?:或\)A/B)[×*]?(?:该|本)?(?:指标|项)?(?:分值|权重)?(?:的比例)?"
    r"(?P<verb>记分|计分|得分|计算得分|计算|给分|赋分)"
)
_LETTER_DEFINED = re.compile(r"[AB](?:为|是|=|:|指|代表)|\([AB]\)")


def proportional(text: str) -> Rule | None:
    """ "定量指标达到指标值得满分，未达到按完成比例计分"; "没有完成的，按实际完成值占目标值的比重计算得分";
    "按实际支出占预算的比重计分"; "低于目标的按比例扣分"; "满意度达到90%得满分，未达到的按比例得分" (90% is the
    reference); "超额完成的按比例加分" (the ratio runs on, where a bonus is allowed)."""
    if (headed := total_then_formula(text, proportional)) is not None or stated_heading(text):
        return headed  # formulas family: "本项满分10分,按完成比例计分": the heading's marks kept
    if len(_LETTERS.findall(text)) == 1 and not _LETTER_DEFINED.search(text):
        read = proportional(_LETTERS.sub(r"按完成比例\g<verb>", text))  # numbers family (s8): "按B/A或A/B×分值记分"
        return dataclasses.replace(read, letters=True) if isinstance(read, Proportional) else None
    text = full_in_words(text)  # "得100%分" is full marks
    text = re.sub(r"(?<=[按不])记(?=分)|(?<=比例)记(?=分)|记(?=\d+(?:\.\d+)?分|满分)", "计", text)  # 记分 is 计分
    if (rated := rate_floor(text)) is not None:
        return rated  # "覆盖率达到90%及以上的得满分,覆盖率≥50%的按比例得分,低于50%的不得分"
    text = score_range(text)  # "按比例在0-100分之间评分" with "得100分": the ratio itself
    if (tasks := task_parts(text)) is not None:
        return tasks  # "完成A任务的得2分,完成B任务的得13分,没有完成任务按比例得分"
    if (floored := ratio_floor(text, proportional)) is not None:
        return floored  # formulas family: "按完成比例计分，完成率低于60%的不得分"
    text = _NO_BONUS.sub("", text)  # "超过目标值不加分": the ratio is capped anyway
    beyond = _BEYOND.search(text)
    rest = _BEYOND.sub("", text).replace("按比例加(减)分", "").replace("按比例加减分", "")
    if re.search(r"加\d|加分|奖励|扣\d|扣完(?!为止|即止)", rest) or STEPWISE.search(text):
        return None  # a bonus or a deduction beside the ratio: not only a ratio
    text = _NOTHING_DONE.sub("", text)  # formulas family: "该征收不去征收的,不记分": 0 done scores 0 by the ratio too
    if re.search(r"不得分|不计分|不给分|[得计给]0分", text):
        return None  # a floor beside the ratio ("低于60%不得分"): not only a ratio
    if len(re.findall(r"(?:得|计|给|赋)\d+(?:\.\d+)?分", text)) > 1:
        return None  # parts with their own marks ("…得3分…；…得4分，未完成的按实际比例计分")
    if not _PROPORTIONAL.search(text):
        return None
    if "×" in text:
        return None  # a written product ("按完成率×分值×0.9计算"): a formula, not only a ratio
    single, reference = _reference(text)
    if not single:
        return None  # two numbers: which is the ratio's base is not said
    return Proportional(reference=reference, beyond=beyond is not None)


def as_percentage(text: str) -> Rule | None:
    """ "普查率达100%，得10分，低于100%按百分比得分": weight × the percentage, when every threshold is 100%."""
    if (headed := total_then_formula(text, as_percentage)) is not None or stated_heading(text):
        return headed  # formulas family: the heading's marks kept
    if not re.search(r"按(?:照)?百分比(?:得分|计分|计算|给分)", text) or STEPWISE.search(text):
        return None
    thresholds = re.findall(rf"{NUM}%|(?:达到|达|≥|低于|不足|小于){NUM}", text)
    values = {Decimal(a or b) for a, b in thresholds}
    if values == {Decimal(100)}:
        return RateTimesWeight()
    return None


def full_if_met(text: str) -> Rule | None:
    """ "达到目标值得满分" (and "完成或超额完成目标值得基本分" alone)."""
    text = full_in_words(text)  # "得100%分" is full marks
    if re.fullmatch(
        r"(?:达到|完成|完成或超额完成)(?:目标值|指标值|目标|年度目标)(?:的)?,?得(?:满分|基本分)"
        r"(?:[,;]?(?:未达到|未完成|没有完成)(?:的)?,?(?:不得分|得0分))?",
        text,
    ):
        return FullIfMet()
    return None
