"""A condition with a number in it: "开放日活动次数1次以上计3分,未开展不计分", "编外人数小于或等于155名
计3分,超过不计分", "…(5分)至少2种宣传方式,否则不得分".

The number is a bound with its unit and comparator (以上/及以上/不少于/至少/达到 include it; 超过/低于/
少于/不足 do not — the reading of ``bands``). What else the text scores must cover every value the
bound leaves out: 否则/反之/未达到, the opposite comparison with the same number ("少于6次", a bare
"超过"), or — when the bound is "at least one" — that it was not done at all ("未开展"). A gap
("增幅达10%得0.5分;出现负增长不得分": between 0 and 10 % nothing is said) makes the text not understood.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.quantity import Comparator, Quantity, parse_quantity
from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.naming import canon
from medaid.evaluation.rules.yes_no import YesNo
from medaid.evaluation.ruletext.clauses import Clause, complement
from medaid.evaluation.ruletext.common import NUM

_PRE: tuple[tuple[str, Comparator], ...] = (
    ("未达到", Comparator.LT), ("未达", Comparator.LT), ("达不到", Comparator.LT), ("不得少于", Comparator.GE),
    ("不得低于", Comparator.GE), ("不得超过", Comparator.LE), ("不得高于", Comparator.LE),
    ("小于或等于", Comparator.LE), ("小于等于", Comparator.LE), ("大于或等于", Comparator.GE),
    ("大于等于", Comparator.GE), ("不低于", Comparator.GE), ("不少于", Comparator.GE),
    ("不小于", Comparator.GE), ("不高于", Comparator.LE), ("不超过", Comparator.LE),
    ("不大于", Comparator.LE), ("不多于", Comparator.LE), ("至少", Comparator.GE),
    ("达到", Comparator.GE), ("达", Comparator.GE), ("超过", Comparator.GT), ("高于", Comparator.GT),
    ("大于", Comparator.GT), ("多于", Comparator.GT), ("低于", Comparator.LT), ("少于", Comparator.LT),
    ("小于", Comparator.LT), ("不足", Comparator.LT), ("不到", Comparator.LT), ("≥", Comparator.GE),
    ("≤", Comparator.LE), (">", Comparator.GT), ("<", Comparator.LT), ("=", Comparator.EQ),
)  # fmt: skip
_POST: tuple[tuple[str, Comparator], ...] = (
    ("(含)以上", Comparator.GE), ("以上(含)", Comparator.GE), ("及以上", Comparator.GE),
    ("以上", Comparator.GE), ("(含)以下", Comparator.LE), ("及以下", Comparator.LE),
    ("以下", Comparator.LE), ("以内", Comparator.LE),
)  # fmt: skip
_UNIT = (
    r"(%|万元|元|人次|户次|场次|批次|例次|台次|车次|个月|个工作日|工作日|个小时|小时|学时|课时|分钟|公斤|千克|公里|平方米"
    r"|[人户家项天次名种个件篇座所场期年月日亩例处笔条份批台辆套本])"
)
_BOUND = re.compile(
    "(" + "|".join(re.escape(w) for w, _ in _PRE) + ")?" + NUM + _UNIT
    + "(" + "|".join(re.escape(w) for w, _ in _POST) + ")?"
)  # fmt: skip
_OPPOSITE = {Comparator.GE: Comparator.LT, Comparator.GT: Comparator.LE,
             Comparator.LE: Comparator.GT, Comparator.LT: Comparator.GE}  # fmt: skip
_BARE = {"超过": Comparator.GT, "高于": Comparator.GT, "大于": Comparator.GT, "多于": Comparator.GT,
         "低于": Comparator.LT, "少于": Comparator.LT, "不足": Comparator.LT, "不到": Comparator.LT}  # fmt: skip


def read_bound(text: str) -> tuple[Quantity, Comparator | None] | None:
    """The one number with a unit in a condition, and its comparator if written; None for none or several."""
    return _bound(text)


def _bound(text: str) -> tuple[Quantity, Comparator | None] | None:
    """The one number with a unit in a condition, and its comparator if written."""
    found = list(_BOUND.finditer(text))
    if len(found) != 1 or re.search(r"±|正负|\+/?-", text):  # "±10%以内": a deviation, not a bound
        return None
    m = found[0]
    if text[m.end() : m.end() + 1] in ("/", "每") or text[m.start(3) + len(m.group(3)) :][:1] == "/":
        return None  # "500公斤/亩": a rate per something, not a value in 公斤
    pre, post = dict(_PRE).get(m.group(1) or ""), dict(_POST).get(m.group(4) or "")
    if pre and post and pre is not post:
        return None  # "不超过5天以上": the two say different things
    quantity = parse_quantity(f"{m.group(2)}{m.group(3)}")
    if quantity is None or quantity.value is None:
        return None
    return quantity, pre or post


# Units that count whole things: "3项以上…2项以下不得分" leaves no value between 2 and 3.
_WHOLE = frozenset("人户家项个次件篇名所场座例处笔条份批台辆套本种起") | {"人次", "户次"}


def _whole_gap(quantity: Quantity, cmp: Comparator | None, bound: Quantity, comparator: Comparator) -> bool:
    """ "3项以上" with "2项以下": in a unit of whole things the two meet."""
    if quantity.unit != bound.unit or quantity.unit not in _WHOLE or quantity.value is None or bound.value is None:
        return False
    if bound.value != bound.value.to_integral_value() or quantity.value != quantity.value.to_integral_value():
        return False
    if comparator is Comparator.GE and cmp is Comparator.LE:
        return quantity.value == bound.value - 1
    if comparator is Comparator.LE and cmp is Comparator.GE:
        return quantity.value == bound.value + 1
    return False


_SHARE = re.compile(r"(?:目标|任务|计划|指标)(?:值|数|量|任务)?(?:的)?(?:\d|百分之)")
_CHANGE = re.compile(r"比|较|同比|环比|增加|增长|提高|减少|下降|降低|上升|增幅|降幅")
# "未达要求的", "达不到要求": the requirement not met, whatever it was
_UNMET_REQUIREMENT = re.compile(r"(?:无|不|达不到|无达到|无达)(?:达到|达|符合|满足)?(?:上述|以上)?(?:要求|标准|规定)")


def _covers(clause: Clause, bound: Quantity, comparator: Comparator) -> bool:
    """The clause scores every value the bound leaves out."""
    if complement(clause.name) or _UNMET_REQUIREMENT.fullmatch(canon(clause.name)):
        return True
    word = canon(clause.name)
    if _BARE.get(word) == _OPPOSITE[comparator]:
        return True
    other = _bound(clause.name)
    if other is not None:
        quantity, cmp = other
        if _whole_gap(quantity, cmp, bound, comparator):
            return True
        return cmp == _OPPOSITE[comparator] and quantity.value == bound.value and quantity.unit == bound.unit
    at_least_one = (comparator is Comparator.GE and bound.value == 1) or (
        comparator is Comparator.GT and bound.value == 0
    )
    return at_least_one and bound.unit != "%" and word.startswith("无")


def threshold(p: Clause, rest: list[Clause]) -> tuple[bool, Rule | None]:
    """Whether a condition holds a number with a comparator, and the met-or-not rule on it (None when
    the text leaves a gap or says more than the number)."""
    requirements = [(c, ",".join(c.name.split(",")[:-1])) for c in rest if complement(c.name) and "," in c.name]
    places = [(_own_name(p), True)] + [(req, False) for _, req in requirements if req]
    found = [(text, own, b) for text, own in places if (b := _bound(text)) is not None]
    if not found:
        return False, None
    if len(found) > 1:
        return True, None
    _, own, (quantity, comparator) = found[0]
    if comparator is None:
        opposite = [c for c in rest if (b := _bound(c.name)) is not None and b[0].value == quantity.value]
        if len(opposite) != 1 or (cmp := _bound(opposite[0].name)) is None or cmp[1] is None:
            return False, None
        comparator = _OPPOSITE[cmp[1]]
    also: tuple[str, ...] = ()
    if own and re.search(r"且|并且|同时|,", _own_name(p)):
        also = _beside(_own_name(p))  # the number is one of several requirements
        if not also:
            return True, None
    bound = parse_quantity(f"{comparator.value}{quantity.describe()}")
    points = None if p.effect == "full" else p.value
    if _SHARE.search(_own_name(p)):
        return True, None  # "完成目标任务的90%以上": a share of the target, not a level (``bands`` reads it)
    if (not rest or also) and _CHANGE.search(_own_name(p)):
        return True, None  # "比上年增加1000人以上": a change, which the actual may or may not state
    if not rest and not p.bracket:
        # "防疫队伍三人以上得2分" alone: not meeting it scores nothing, when its marks are the whole item
        # (``YesNo.rest_implied`` refuses it otherwise)
        return True, YesNo(points=points, bound=bound, rest_implied=True, also=also) if own else None
    if not all(c.is_zero and _covers(c, quantity, comparator) for c in rest):
        return True, None
    return True, YesNo(points=points, bound=bound, also=also)


def _beside(name: str) -> tuple[str, ...]:
    """The requirements beside the one with the number ("累计不少于40小时,并计入培训档案" → 计入培训档案); () when
    the condition is not such a list (another number, an alternative with 或, a score)."""
    pieces = [re.sub(r"^(?:并且|而且|并|且|同时)", "", x).strip(" 、") for x in re.split(r",|并且|而且|且|同时", name)]
    pieces = [x for x in pieces if x]
    numbered = [x for x in pieces if _bound(x) is not None]
    others = tuple(x for x in pieces if x not in numbered)
    if len(numbered) != 1 or not others or any(re.search(r"\d|或|分|每|是否", x) or len(x) < 2 for x in others):
        return ()
    return others


# A way of checking named before the condition: "看防疫档案,", "查阅资料,", "根据台账,"
_METHOD = re.compile(r"^(?:(?:看|查看|查阅|核查|抽查|检查|查|根据|依据|对照|通过|结合)[^,;。:\d]{0,12}[,:])+")


def condition_name(p: Clause) -> str:
    """The condition of a clause as ``threshold`` reads it (``_own_name``)."""
    return _own_name(p)


def _own_name(p: Clause) -> str:
    """The condition of a clause without a way of checking before it; when the score stands as a sentence of
    its own ("技术明白纸到户率80%以上。1分"), the sentence before it."""
    name = p.name
    if not name and p.effect == "points" and not p.bracket:
        sentences = [x for x in re.split(r"[;。]", p.raw) if x.strip(" ,、")]
        name = sentences[-1].strip(" ,、") if len(sentences) == 1 else ""
    name = re.sub(r",?(?:该项|本项|此项|该指标|本指标)$", "", name)  # "…达100%,该项得2分"
    return _METHOD.sub("", name)


def fault_threshold(fault: str, full: Decimal | None) -> Rule | None:
    """ "低于90%不得分", "实际到位资金/预算投入资金≠100%则不得分": met-or-not on the opposite of the fault's bound
    (≠ is met by =); None when the fault holds no single number with a comparator, or says a score itself
    ("2000元以上得分否则": two clauses run together)."""
    if re.search(r"得分|计分|给分|赋分|\d分|否", fault):
        return None
    if "≠" in fault:
        found = re.fullmatch(rf"[^\d≠]*≠{NUM}{_UNIT}?", fault)
        bound = parse_quantity(f"={found.group(1)}{found.group(2) or ''}") if found else None
        return YesNo(points=full, bound=bound) if bound is not None and bound.value is not None else None
    read = _bound(fault)
    if read is None:
        return None
    quantity, comparator = read
    if comparator is None or comparator is Comparator.EQ:
        return None
    bound = parse_quantity(f"{_OPPOSITE[comparator].value}{quantity.describe()}")
    return YesNo(points=full, bound=bound) if bound is not None else None
