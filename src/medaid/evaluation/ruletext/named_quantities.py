"""Formulas whose operands are named quantities: "得分=实际救助人次/计划救助人次×分值", "已拨付资金/应拨付资金
×权重", "按完成户数/任务户数计分", "(常规案件按时结案数/常规案件应结案数)×100%×60", "考核得分=抽查合格村、组数量/
抽查村、组总数量×标准分值", "得分=预算成本/实际成本×分值" (a cost: less is better).

Reading conventions (formulas family, issue 13):
- Each Chinese name next to an operator is placed from a vocabulary, never from one text: a name with a word
  of the plan (计划, 应, 任务, 目标, 预算, 下达, 总, 全部, 年初, 批复, 核定…) is the plan; else a name with a
  word of what was done (实际, 实, 已, 完成, 到位, 支出, 执行, 发放, 参保, 合格, 达标, 按时, 验收, 拨付…) is the
  actual; a name that is the plan's name without its plan word ("培训人次" beside "计划培训人次") is the
  actual too. The weight (分值, 权重, 本项分值, 标准分值…) and numbers are constants.
- Exactly one actual and one plan, each named one way; the text then reads as the existing arithmetic with
  the actual and the target (``expressions``). "actual/plan" (counts, not rates) is the completion ratio:
  the row's actual over its 指标值 when both are numbers in one unit, or a percentage actual taken as that
  ratio, or both read from an explanation that labels them ("计划1500人次，实际救助1350人次").
- "plan/actual" is read only when the text says less is better (成本, 时长, 结余率… ``direction``), or the
  target is "≤" (checked when scoring).
- Not read (left unrecognised): a name that cannot be placed, two names for the actual or for the plan, a
  third named quantity (its value would be needed), a definition of a rate ("X率=A/B").
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.named_formula import UnplacedFormula
from medaid.evaluation.ruletext.direction import less_is_better
from medaid.evaluation.ruletext.expressions import ACTUAL_NAMES, TARGET_NAMES, WEIGHT_NAMES, expression

# The vocabulary of the plan and of what was done (a name with a plan word is the plan, whatever else it says)
PLAN_WORDS = re.compile(
    r"计划|(?<![响供相适对反效])应(?!急|用|对|当|收)|任务|目标|预算|下达|(?<!汇)总(?!结|体|书|部)|全部|所有|年初|批复|核定|指标|要求"
)
# (not after 不/未: "不合格户数", "未完成数" are no actual)
DONE_WORDS = re.compile(
    r"实际|(?<![核落证])实(?!施|行|现)|已|(?<![不未])(?:完成|到位|合格|达标|按时|及时|办结|结案|落实|兑现)"
    r"|支出|执行|发放|参保|验收"
    r"|拨付|支付|使用|累计|培训"
    # numbers family (s8): what a year brought in or built ("新引进项目个数", "新增就业人数", "建成公里数")
    r"|(?<![不未没])(?:引进|新增|新建|建成|签约|开工|投产|到账|招引)"
)
_NAME = re.compile(r"[\u4e00-\u9fa5](?:[\u4e00-\u9fa5、]*[\u4e00-\u9fa5])?")
_OPERATOR = "/×*xX÷+\\-−()（）|="
# What leads into the formula within a run of words: "未达到的按完成户数" is 完成户数
_LEAD = re.compile(r"^(?:.*(?:按照|按(?!时|期))|以|即|用|依据|根据)")
_TAIL = re.compile(r"(?:计算得分|计算分值|计分|计算|得分|赋分)$")
_RATE_NAME = re.compile(r"(?:率|度|比例|比重)$")
_CONSTANT = re.compile(rf"(?:该项|本项|此项|该指标|本指标|指标|项目|标准|)(?:{WEIGHT_NAMES})")
_OCR_HUNDRED = re.compile(r"(?<=[×xX*])[lI]00%")  # "xl00%": a 1 read as l
_TOPIC = re.compile(r"(?:考核|评价|评分|综合|最终)得分(?=值?=)")
# "足额落实村级办公经费(1分)。考核得分=…": a heading with the item's marks before the formula
# "…×分值(超过100%的按100%计算)": a remark in brackets on where the formula stops, a clause of its own
_REMARK = re.compile(r"\((?=[^()]*(?:超过|超出|高于|大于|最高|不得|不加分|为止))([^()×/*]*)\)")
# The ratio in words: "A占B的比例(比重)", "A与B之比(的比值)"
_SHARE = re.compile(
    r"(?P<a>[\u4e00-\u9fa5、]{2,20}?)(?:占|与)(?P<b>[\u4e00-\u9fa5、]{2,20}?)(?:的)?(?:比例|比重|百分比|之比|比值|比率)"
    r"(?=[×*])"  # without a product it is a ratio to score by (``simple.proportional``)
)
_LESS_WORDS = re.compile(r"成本|费用|时长|用时|耗时|天数|时间|工期|周期|结余|超支|差错|投诉")
_HEADING = re.compile(r"^[^,;。=×/]{2,40}?\((?P<n>\d+(?:\.\d+)?)分\)[。;,]")


# formulas family, session 6: the amount of a change made to a plan ("预算调剂金额", "预算调整数", "追加预算额") is
# measured, whatever plan it changes: the actual
_CHANGE = re.compile(r"(?:调剂|调整|追加|调减|调增|变更|变动)(?:预算)?(?:金额|资金|数额|额|数)$")


def _placed(name: str, plan_names: set[str]) -> str:
    """ "plan", "actual", "weight", "known" (a name the arithmetic reading knows) or "" (cannot be placed)."""
    if _CONSTANT.fullmatch(name):
        return "weight"
    if re.fullmatch(rf"(?:{ACTUAL_NAMES}|{TARGET_NAMES})", name):
        return "known"
    if _CHANGE.search(name):
        return "actual"
    if PLAN_WORDS.search(name):
        return "plan"
    if DONE_WORDS.search(name):
        return "actual"
    if any(PLAN_WORDS.sub("", plan) == name for plan in plan_names):
        return "actual"  # "培训人次" beside "计划培训人次"
    return ""


def _operands(text: str) -> list[tuple[int, int, str]]:
    """The names next to an operator, as (start, end, name) without a leading 按 or a trailing 计分."""
    found: list[tuple[int, int, str]] = []
    for m in _NAME.finditer(text):
        clause = re.split(r"[,;。]", text[: m.start()])[-1] + re.split(r"[,;。]", text[m.start() :])[0]
        if not re.search(r"[/×*÷=]", clause):
            continue  # "超过计划的不加分": a clause without the formula
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        run, start = m.group(0), m.start()
        lead = _LEAD.match(run)
        if lead:
            run, start = run[lead.end() :], start + lead.end()
        tail = _TAIL.search(run)
        if tail and tail.start() > 0:
            run = run[: tail.start()]
        if run and ((before and before in _OPERATOR) or (after and after in "/×*xX÷+-−)）|")):
            found.append((start, start + len(run), run))
    return found


def named_formula(text: str) -> Rule | None:
    """A formula on named quantities read as the arithmetic on the actual and the target (module docstring)."""
    work = _OCR_HUNDRED.sub("100%", text).replace("÷", "/")
    work = _TOPIC.sub("得分", work)
    work = re.sub(r"^(?:该项|本项|指标)?得分(?=按)", "", work)  # "得分按…计算"
    work = _SHARE.sub(r"\g<a>/\g<b>", work)  # "已拨付资金占应拨付资金的比例": the ratio in words
    most: Decimal | None = None
    if (heading := _HEADING.match(work)) is not None:
        most, work = Decimal(heading.group("n")), work[heading.end() :]
    work = _REMARK.sub(r";\g<1>", work)
    work = _opened(work)  # formulas family: "得分=1-10×A/B))*分值": brackets whose openings were lost
    if (zeroed := _zero_where_formula_is(work)) is None:
        return None  # formulas family: a 0 from another point than where "(1-k×A/B)×分值" reaches 0
    work = zeroed
    if re.search(r"[率度例]=", work):
        return None  # a definition of a rate ("资金到位率=实际到位资金/预算资金"): ``formulas``
    operands = _operands(work)
    plans = {name for _, _, name in operands if PLAN_WORDS.search(name) and not _CONSTANT.fullmatch(name)}
    placed = [(s, e, name, _placed(name, plans)) for s, e, name in operands]
    if any(kind == "known" for *_, kind in placed):
        return None  # a text the arithmetic reading already reads
    actual = {name for *_, name, kind in placed if kind == "actual"}
    plan = {name for *_, name, kind in placed if kind == "plan"}
    unplaced = tuple(dict.fromkeys(name for *_, name, kind in placed if not kind))
    if unplaced:
        return _refused(work, unplaced, actual, plan)
    if len(actual) != 1 or len(plan) != 1:
        return None  # none, or two names for one side
    a, p = actual.pop(), plan.pop()
    rates = bool(_RATE_NAME.search(a)) or bool(_RATE_NAME.search(p))
    ratio = f"{re.escape(a)}/{re.escape(p)}"
    direct = re.search(rf"\({ratio}\)", work) or re.search(ratio, work)
    inverse = re.search(rf"{re.escape(p)}/{re.escape(a)}", work)
    # formulas family: "(1-10×A/B)×分值": the text itself takes the ratio off the marks — less is better
    falling = re.search(rf"\(1-(?:\d+(?:\.\d+)?[×*])?\(?{ratio}\)?\)[×*]", work)
    once = sum(1 for *_, kind in placed if kind in ("actual", "plan")) == 2
    if falling is None and direct is not None and says_less(a + p):
        return None  # "实际成本/预算成本×分值": a cost written as if more were better — which is meant is unclear
    if direct is not None and not rates and once:
        rewritten = work[: direct.start()] + "(完成率)" + work[direct.end() :]
        rewritten = rewritten.replace("(完成率)×100%", "(完成率)")  # only makes the ratio a percentage
        # "完成户数达到任务户数的得满分": the target met
        rewritten = re.sub(rf"{re.escape(a)}(?:已)?(?:达到|完成|达)(?:了)?{re.escape(p)}", "达到目标值", rewritten)
        # "按完成户数/任务户数计分": the ratio to score by, with no marks written — the ratio × the weight; "按完成户数/
        # 任务户数×分值计分": the formula (not a rate × the weight, which ``simple`` reads for a named rate)
        by = r"按(?:照)?\(完成率\)(?P<rest>[×*][^,;。]*?)?(?:计算得分|计算分值|计分|计算|得分|赋分)(?=$|[,;。])"
        rewritten = re.sub(by, lambda m: "得分=(完成率)" + (m.group("rest") or "×分值"), rewritten)
        how = (
            f"“{a}”为实际值、“{p}”为计划值，{a}/{p} 即完成率"
            "（实际完成值与指标值同一单位时为两者之比，或百分比形式的实际完成值）"
        )
        if falling is not None:  # formulas family: not a completion: the ratio taken off the marks
            how = (
                f"“{a}”为实际值、“{p}”为计划值，{a}/{p} 为两者之比（同一单位），公式从满分中按该比值扣减，"
                "比值越低越好；公式算得低于 0 时计 0 分"
            )
    else:
        actual_word = "实际值" if rates else "实际数"
        rewritten = work
        for start, end, _, kind in sorted(placed, reverse=True):
            if kind in ("actual", "plan"):
                rewritten = rewritten[:start] + (actual_word if kind == "actual" else "目标值") + rewritten[end:]
        how = f"“{a}”为实际值（取自实际完成值）、“{p}”为计划值（取自指标值）"
    read = expression(rewritten)
    if read is None:
        return None
    # plan/actual falls as the actual grows: read only when the text says less is better, or (when scoring) the
    # target is "≤"
    lower = read.lower_better or (inverse is not None and direct is None and says_less(work)) or falling is not None
    return dataclasses.replace(
        read, text=text, name=f"{a}/{p}" if direct is not None and "完成率" in rewritten else a,
        read_as=how, actual_named=a, plan_named=p, lower_better=lower,
        most=most if most is not None else read.most,
    )  # fmt: skip


_LOST_OPEN = re.compile(r"^(?P<lead>.*?得分(?:值)?=)(?P<expr>[^()]*?)(?P<close>\)+)(?P<rest>[×*].*)$")


def _opened(work: str) -> str:
    """ "指标得分=1-10×A/B))*指标分值": closing brackets with none opened before a product with the marks — the whole
    expression before them is the factor of the marks (the openings lost in copying); else the text unchanged."""
    found = _LOST_OPEN.match(work)
    if found is None or "(" in found.group("rest").split("。")[0]:
        return work
    return f"{found.group('lead')}({found.group('expr')}){found.group('rest')}"


_ZERO_BEYOND = re.compile(
    r"[,;。]?(?:其中:?)?(?:若|如|当)?(?P<ratio>[\u4e00-\u9fa5]{2,20}/[\u4e00-\u9fa5]{2,20})(?:>|大于|超过|高于)"
    r"(?P<t>\d+(?:\.\d+)?)(?P<pct>%)?[,]?(?:则)?(?:此项|该项|本项|本指标)?(?:得0分|不得分|计0分|为0分)[。]?"
)


def _zero_where_formula_is(work: str) -> str | None:
    """ "其中:若A/B>0.1,此项得0分" beside "(1-10×A/B)×分值": 0 from where the formula reaches 0 (1 − 10 × 0.1 = 0),
    which the floor of 0 says already — the clause is dropped. A 0 from another point is None (not read); the text
    unchanged when there is no such clause."""
    zero = _ZERO_BEYOND.search(work)
    if zero is None:
        return work
    ratio = re.escape(re.sub(r"^(?:若|如|当)", "", zero.group("ratio")))
    falling = re.search(rf"\(1-(?:(?P<k>\d+(?:\.\d+)?)[×*])?\(?{ratio}\)?\)[×*]", work)
    point = Decimal(zero.group("t")) / (100 if zero.group("pct") else 1)
    if falling is None or Decimal(falling.group("k") or 1) * point != 1:
        return None
    return work[: zero.start()] + work[zero.end() :]


def says_less(text: str) -> bool:
    """The text names a quantity better the lower it is (a cost, a time, 结余率…)."""
    return less_is_better(text) or _LESS_WORDS.search(text) is not None  # also ``formulas._written``


# The whole text one formula: "得分=…×分值" (nothing else that another reading could take)
_WHOLE_FORMULA = re.compile(
    r"^(?:得分=)?[^,;。=≠<>≥≤]*[/÷][^,;。=≠<>≥≤]*[×*](?:该项|本项|标准)?(?:分值|权重|\d+(?:\.\d+)?分?)\)?[。]?$"
)


def _refused(work: str, unplaced: tuple[str, ...], actual: set[str], plan: set[str]) -> Rule | None:
    """A formula with names that are neither the actual nor the plan: refused saying which (a third quantity
    beside one actual and one plan needs its value); None when the text is more than the formula."""
    if not _WHOLE_FORMULA.match(work) or len(actual) > 1 or len(plan) > 1:
        return None
    return UnplacedFormula(
        unplaced=unplaced, actual_named=next(iter(actual), ""), plan_named=next(iter(plan), ""), text=work
    )
