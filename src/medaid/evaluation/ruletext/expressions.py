"""Written formulas read as arithmetic: "得分=70×实际达标率-63", "指标得分=实际完成率/目标值×分值",
"得分为(1-(实际值-目标值)/目标值)×分值", "得分=0.57×实达标数", "按完成率×分值×0.8计算得分".

Reading conventions:
- The formula is "(…)得分=expression" ("得分为", "得分值=") or "按expression计算得分/计分". The expression is
  numbers (%, ‰, N分), × * x ÷ / + − and brackets, and variables named in Chinese: the actual (实际值,
  实际完成值, 完成值, 实际数, 实达数, 实际完成数, 实达标数…, or a named rate …率/…度 standing for it), the
  target (目标值, 指标值, 计划数, 计划值, 年度指标值, 标准值…) and the weight (分值, 权重, 满分, 该指标分值,
  标准分…). Any other word, two formulas, or two different rates make the text not understood.
- Around it, parts that only place it: "超过100%按100%计" (the rate, or the actual against the target,
  counts at most 100 %), "达到95%得满分", "达到目标值得满分", "低于60%不得分", "最高不超过分值"; and the
  formula's own condition, which must be what those leave over ("低于95%的", "未达到目标值的", "否则").
- Scoring (``rules.expressions``) keeps units: a percentage is a fraction (96% × 10分 = 9.6), a count
  stays in its unit against a target in the same unit, and the score lies in [0, weight]. A formula
  that at the target (or at its full-marks point) gives more than the weight, with no cap written, is
  refused.
- Also written (formulas family, issue 13): the whole text a formula ("0.57×实达标数"); a formula ending
  "计算得分" without 按; the requirement restated as a heading with the formula in brackets ("X率达到目标值(抽查
  的X率/85%×10计算得分)", the same rate named); "|…|" as a distance either side; "按实际完成值/目标值计分" (a
  ratio with no marks: × the weight), while "得分=实际值/目标值" (a ratio as the score) is refused; one formula
  for the target met and another for it missed (``met_formulas``).
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules.arithmetic import ACTUAL, TARGET, WEIGHT, ExpressionError, parse, variables
from medaid.evaluation.rules.exemption import exemption
from medaid.evaluation.rules.expressions import Expression
from medaid.evaluation.ruletext.conditions import Condition, read_condition
from medaid.evaluation.ruletext.direction import less_is_better
from medaid.evaluation.ruletext.met_formulas import met_or_not, unmet_zero
from medaid.evaluation.ruletext.outcomes import prepare

_OWNER = r"(?:该项|本项|此项|该指标|本指标|指标|项目|年度|全年|当年|)"
_ACTUALS = r"实际完成值|实际完成数|实际完成量|实际达标数|实达标数|实际值|完成值|实际数|实达数|完成数|完成量|实际"
_TARGETS = (
    r"年度指标值|指标值|目标值|目标数|计划数|计划值|计划完成数|标准值|任务数|目标任务数|计划任务数"
    r"|目标量|计划量|任务量|目标|计划"  # formulas family: "实际/目标×分值"
)
_WEIGHTS = r"指标分值|权重分值|权重分|权重|标准分值|分值|满分|标准分|基本分"
# The names, for the reading of named quantities (``named_quantities``)
ACTUAL_NAMES, TARGET_NAMES, WEIGHT_NAMES = _ACTUALS, _TARGETS, _WEIGHTS
_COMPLETION = re.compile(r"完成率|完成比例|完成程度|完成度|执行率|到位率|实现率|达成率|完成比率")
_RATE = re.compile(r"(?:[\u4e00-\u9fa5]|[IV]+(?=类)){0,16}(?:率|度|比例|比重)")
_FORMULA = re.compile(r"^(?P<own>.*?)(?:该项|本项|此项|该指标|本指标|指标|项目|最终|单项)?得分(?:值)?=(?P<expr>.+)$")
_BY = re.compile(
    r"^(?P<own>(?:[^,;。]+,|[^,;。按]+?(?:的|者|时)|否则,?|反之,?|其余,?|其他,?)?)按(?:照)?(?:公式)?:?(?P<expr>.*[×/+\-].*?)(?:的方(?:式|法))?(?:计算得分|计算分值|计分|得分|计算|赋分)$"
)
_PREAMBLE = re.compile(
    r"(?:按|采用|根据|依据)?(?:以下|如下|下列)?(?:计算)?公式(?:计算|计分|评分|得分)?(?:得分)?|评分(?:方法|标准)|计算方法"
)
_CAP_WORDS = re.compile(
    r"超过(?:该项|本项|此项)?(?:指标)?分值(?:的)?(?:按|以)(?:该项|本项|此项)?(?:指标)?分值计(?:算)?|最高不超过|不(?:得)?超过(?:该项|本项|此项)?(?:指标)?(?:分值|满分)|满分为止|以满分为限|封顶|超过满分|最高(?:得|为)满分|不(?:再)?加分"
)
_HUNDRED_CAP = re.compile(
    r"^[^\d]{0,16}?(?:超过|超出|大于|高于|>)100%(?:的)?,?(?:按|以|取)100%(?:计算?|计分|算)?$"
    # "注:超过计划值的按计划值计算", "超过1的按1计算": the same cap, said of the target or of the ratio
    r"|^(?:注:?)?[^\d]{0,16}?(?:超过|超出|大于|高于)(?P<of>计划值|目标值|指标值|计划数|目标数)(?:的)?(?:部分)?,?"
    r"(?:按|以|取)(?P=of)(?:计算?|计分|算)?$"
    r"|^(?:注:?)?(?:比值|比例|完成率)?(?:超过|大于|高于)1(?:的)?,?(?:按|以|取)1(?:计算?|计分|算)?$"
    # "超过100%不加分", "超过100%的部分不再加分": the same cap (formulas family, named quantities)
    r"|^[^\d]{0,16}?(?:超过|超出|大于|高于)100%(?:的)?(?:部分)?,?不(?:再)?(?:另)?加分$"
    # "(完成率最高按100%计算)": the same cap (formulas family)
    r"|^[^\d]{0,16}?最高(?:按|以|取)100%(?:计算?|计分|算)?$"
)
_FULL = re.compile(
    r"^(?P<cond>.+?)(?:的|者|时)?,?(?:得|计|给|按)?满分$|^(?P<cond2>.+?)(?:的|者|时)?,?(?:得|计)?(?:该项|本项)?分值$"
)
_ZERO = re.compile(r"^(?P<cond>.+?)(?:的|者|时)?,?(?:不得分|不计分|得0分|计0分|为0分|为零分|0分)$")
OTHER = re.compile(r"^(?:否则|其余|其他|反之)$")
# A remark on what is measured, not on the score: "粪大肠菌群不计入考核"
_REMARK = re.compile(r"^[\u4e00-\u9fa5()]{1,16}?不(?:计入|纳入|参与|列入)(?:考核|评价|计算|统计)(?:范围)?")
_MOST = re.compile(
    r"^(?:该项|本项|此项|该指标)?(?:得分)?最高(?:分)?(?:为|得|不超过)?(?P<n>\d+(?:\.\d+)?)分$"
    # "超过6分按6分计", "得分超过6分的以6分计算": the same most, said as a cap
    r"|^(?:该项|本项|此项|该指标)?(?:得分)?(?:超过|超出|高于|大于)(?P<over>\d+(?:\.\d+)?)分(?:的)?,?(?:按|以|计)"
    r"(?P=over)分(?:计算?|计分|算)?$"
)
# A text that is only arithmetic: numbers, words, operators and brackets ("0.57×实达标数")
_BARE = re.compile(r"[\u4e00-\u9fa5\d.%‰()（）|×*xX/÷+\-−\s]*[×*xX/÷][\u4e00-\u9fa5\d.%‰()（）|×*xX/÷+\-−\s]*")
_WHOLE_TEXT = re.compile(r"[,;。]?(?:扣完为止|最高不超过(?:该项|本项)?分值|满分为止|以满分为限)[。]?$")
# Where the arithmetic ends: a word right after a number or a bracket ("…-63粪大肠菌群不计入考核")
_END = re.compile(r"(?<=[\d%‰)])(?=[\u4e00-\u9fa5])(?!分)|(?<=\d分)(?=[\u4e00-\u9fa5])")


def formula_words(expr: str) -> tuple[str, str, str] | None:
    """The expression in canonical spelling, the actual's name and kind; None with an unknown word."""
    expr = expr.replace("×100%", "") if re.search(r"[值数率度)]×100%", expr) else expr
    expr = re.sub(r"\s+", "", expr).replace("x", "×").replace("X", "×").replace("*", "×").replace("÷", "/")
    expr = re.sub(r"[−—–－]", "-", expr).replace("＋", "+").replace("（", "(").replace("）", ")").replace("｜", "|")
    names: set[str] = set()
    kinds: set[str] = set()

    def word(m: re.Match[str]) -> str:
        run = m.group(0)
        if re.fullmatch(_OWNER + f"(?:{_TARGETS})", run):
            return TARGET
        if re.fullmatch(r"(?:该项|本项|此项|该指标|本指标|指标|项目|)(?:" + _WEIGHTS + ")", run):
            return WEIGHT
        if re.fullmatch(_OWNER + f"(?:{_ACTUALS})", run):
            kinds.add("count" if run.endswith(("数", "量")) else "value")
        elif _RATE.fullmatch(run) and not run.endswith("年度"):
            kinds.add("completion" if _COMPLETION.search(run) else "rate")
        else:
            kinds.add("unknown")
        names.add(run)
        return ACTUAL

    # "国控断面III类以上水质比例": a class (I-V, as normalized from Ⅰ-Ⅴ) in a name
    canonical = re.sub(r"(?:[IV]+(?=类))?[\u4e00-\u9fa5](?:[\u4e00-\u9fa5]|[IV]+(?=类))*", word, expr)
    if len(names) != 1 or len(kinds) != 1 or "unknown" in kinds:
        return None
    return canonical, names.pop(), kinds.pop()


def _split(text: str) -> list[str]:
    """Clauses, a condition joined to what it scores ("低于95%的,得分=…")."""
    pieces = [p for p in re.split(r"[;。,]", text) if p]
    out: list[str] = []
    pending = ""
    for piece in pieces:
        joined = f"{pending},{piece}" if pending else piece
        if re.search(r"得分|满分|分值|不计分|计算|计分|按|\d分|为止|为限|封顶|加分|最高", piece):
            out.append(joined)
            pending = ""
        else:
            pending = joined
    if pending:
        out.append(pending)
    return out


def _rate_condition(text: str) -> Condition | None:
    found = read_condition(text)
    if found is None or found.other or (found.relative and found.numeric) or found.unsure:
        return None  # "达到目标值" (relative, no number) is the target met
    return found if found.unit == "%" or not found.numeric else None


# "儿童系统管理率达到目标值(抽查的儿童系统管理率/85%×10计算得分)": the requirement restated, the formula in brackets
_HEADED = re.compile(
    r"^(?P<subject>[\u4e00-\u9fa5]{1,20}?(?:率|度|比例))(?:应)?(?:达到|达)(?:年度)?(?:目标值|指标值|目标|标准)"
    r"\((?P<inner>[^()]*[×/][^()]*(?:计算得分|计算分值|计分|得分))\)$"
)
_SAMPLED = re.compile(r"^(?:抽查|抽样|核查|核实|调查)(?:的)?")


def _headed(text: str) -> tuple[str, str]:
    """The text with a formula headed by its requirement ("X达到目标值(…计算得分)") or written without 按
    ("抽查的X/85%×10计算得分") made "按…计算得分", and the subject the heading names ("" when none)."""
    m = _HEADED.match(text)
    if m is not None:
        return "按" + m.group("inner"), m.group("subject")
    # formulas family (round 3): "抽查的X/80%×5计分" ends in 计分 as often as in 计算得分
    if re.match(r"^[^按,;。]*[×/][^,;。]*(?:计算得分|计算分值|计分)$", text) and not re.search(r"得分(?:值)?=", text):
        return "按" + text, ""
    return text, ""


def expression(text: str) -> Expression | None:
    """A written formula read as arithmetic, with its caps and jumps (module docstring)."""
    original = text
    text, heading = _headed(text)
    if not re.search(r"得分(?:值)?(?:=|为)|按.*计算得分|按.*计分|按.*[×*].*计算$", _WHOLE_TEXT.sub("", text)):
        core = _WHOLE_TEXT.sub("", text)  # "…,扣完为止": said of the whole text
        if not _BARE.fullmatch(core) or not re.search(r"[\u4e00-\u9fa5]", core) or re.search(r"按|计|得", core):
            return None
        text = f"得分={text}"  # the whole text a formula: "0.57×实达标数"
    capped = bool(_CAP_WORDS.search(text))
    work = re.sub(r"\s*([=×/+\-()])\s*", r"\1", prepare(text))
    work = re.sub(r"(得分(?:值)?=[^,;。\s]*?)(?:" + _END.pattern + ")", r"\1;", work, count=1)
    clauses = _split(re.sub(r"\s+", ";", work.strip()))
    formulas = [(c, m) for c in clauses if (m := _FORMULA.match(c) or _BY.match(c)) is not None]
    if len(formulas) == 2 and len(clauses) == 2:
        return met_or_not(text, formulas, capped)
    if len(formulas) == 1 and len(clauses) == 2 and (unmet := unmet_zero(clauses, formulas[0][0])) is not None:
        return met_or_not(text, [formulas[0], unmet], capped)
    if len(formulas) != 1:
        return None  # none, or two formulas competing
    clause, m = formulas[0]
    read = formula_words(m.group("expr").rstrip("。;,"))
    if read is None:
        return None
    canonical, name, kind = read
    if heading and not (_SAMPLED.sub("", name).endswith(heading) or heading.endswith(_SAMPLED.sub("", name))):
        return None  # the heading names another rate than the formula
    try:
        tree = parse(canonical)
    except ExpressionError:
        return None
    if ACTUAL not in variables(tree):
        return None
    if m.re is _BY and tree in (("×", ACTUAL, WEIGHT), ("×", WEIGHT, ACTUAL)):
        return None  # "按分值乘以满意度计算得分": rate × weight (``simple.rate_times_weight``)
    read_as = ""
    if WEIGHT not in variables(tree) and not _constants(tree):
        if m.re is not _BY or tree != ("/", ACTUAL, TARGET):
            return None  # "得分=实际值/目标值": a ratio, not a score — of what marks is not said
        canonical, tree = f"{canonical}×{WEIGHT}", ("×", tree, WEIGHT)
        read_as = "按实际值与目标值的比值计分，即比值 × 分值"
    fields: dict[str, object] = {}
    for other in clauses:
        if other == clause:
            continue
        if _PREAMBLE.fullmatch(other) or (_CAP_WORDS.search(other) and re.fullmatch(r"[^\d]*", other)):
            continue
        other = _REMARK.sub("", other).lstrip(",")
        if not other:
            continue
        if (most := _MOST.match(other)) is not None:
            fields["most"] = Decimal(most.group("n") or most.group("over"))
            continue
        if _HUNDRED_CAP.match(other):
            fields["cap_value"] = True
            continue
        if (full := _FULL.match(other)) is not None:
            condition = _rate_condition(full.group("cond") or full.group("cond2"))
            if condition is None or "full_from" in fields or "full_when_met" in fields:
                return None
            if not condition.numeric:
                if condition.low is None or condition.high is not None or kind not in ("rate", "completion", "value"):
                    return None
                fields["full_when_met"] = True
                continue
            if condition.low is None or condition.high is not None:
                return None
            fields["full_from"], fields["full_inclusive"] = condition.low, condition.low_inclusive
            continue
        if (zero := _ZERO.match(other)) is not None:
            condition = _rate_condition(zero.group("cond"))
            if condition is None or not condition.numeric or condition.high is None or condition.low is not None:
                return None
            if "zero_below" in fields:
                return None
            fields["zero_below"], fields["zero_inclusive"] = condition.high, condition.high_inclusive
            continue
        return None
    own = m.group("own").rstrip(",")
    if own and not _PREAMBLE.fullmatch(own.rstrip(":")) and not _covers(own, fields):
        return None
    return Expression(
        expression=canonical, name=name, value_kind=kind, capped=capped, text=original, exempt=exemption(original),
        lower_better=less_is_better(name), read_as=read_as,
        cap_value=bool(fields.get("cap_value", False)), most=_dec(fields.get("most")),
        full_from=_dec(fields.get("full_from")), full_inclusive=bool(fields.get("full_inclusive", True)),
        full_when_met=bool(fields.get("full_when_met", False)),
        zero_below=_dec(fields.get("zero_below")), zero_inclusive=bool(fields.get("zero_inclusive", False)),
    )  # fmt: skip


def _constants(node: object) -> list[Decimal]:
    """The numbers written in a formula's tree."""
    if isinstance(node, Decimal):
        return [node]
    if isinstance(node, tuple):
        return [c for child in node[1:] if child is not None for c in _constants(child)]
    return []


def _dec(value: object) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def _covers(own: str, fields: dict[str, object]) -> bool:
    """The formula's own condition is exactly what the jumps leave over."""
    if OTHER.fullmatch(own):
        return "full_from" in fields or "full_when_met" in fields or "zero_below" in fields
    condition = read_condition(own)
    if condition is None or condition.unsure:
        return False
    if condition.other:  # "未达到的": what the jump to full marks leaves
        return "full_from" in fields or "full_when_met" in fields
    if not condition.numeric:
        return bool(fields.get("full_when_met")) and condition.high is not None and condition.low is None
    if condition.relative or condition.unit != "%" or condition.high is None:
        return False
    full_from = fields.get("full_from")
    if full_from is None or condition.high != full_from or condition.high_inclusive == fields.get("full_inclusive"):
        return False
    zero = fields.get("zero_below")
    if zero is None:
        return condition.low is None
    return condition.low == zero and condition.low_inclusive != fields.get("zero_inclusive")
