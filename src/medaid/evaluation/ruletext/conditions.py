"""The numeric condition of a scored clause: "≥95%", "95%(含)以上", "90%(含)-95%", "90%≤满意度<95%",
"大于等于80%且小于90%", "满意度在80%至90%之间", "达到目标值的80%以上", "1000人以上", "低于80%的", "否则".

A condition is read as a whole or not at all: a subject ("满意度", "项目完成率"), one bound or two, each a
number with its unit, and words that only say where a bound lies. Reading conventions: 以上/以下/以内/不低于/
不超过/达到 include the number, 超过/高于/低于/不足/未达到 do not; "(含)" includes the bound it follows,
"(不含)" excludes it; in a range with no mark the lower end is included and the upper end is not ("80%-90%"
is [80, 90)); a bare number ("100%得2分") is "at least". A number after the target ("目标值的80%",
"年度任务的90%(含)-100%", "目标值80%以上") is a share of the target; "达到目标值95%" may name the target
itself and is read as a share only beside bands that are plainly shares (``Condition.unsure``). Anything
else in the condition (且 with another requirement, 或, a second subject) makes it not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.quantity import parse_quantity
from medaid.evaluation.rules.count_vocab import COUNTERS
from medaid.evaluation.rules.lower_rates import lower_is_better  # affirm family (s9)
from medaid.evaluation.ruletext.condition_spans import PRE, PRE_WORDS, one_bound, two_bounds

_N = r"\d+(?:\.\d+)?"
# Things counted one by one take their counter (``count_vocab.COUNTERS``: 例, 处, 人次, 座, 辆…); livestock,
# trees, lamps, boats take measure words of their own (头, 只, 棵, 盏, 艘…), often in 万 ("5万头"). A leading
# number followed by one of these is a bound, not an item number (``outcomes.prepare``).
MEASURES = "头只匹羽尾棵株丛盏艘架栋幢眼口块枚根部"
_COUNTED = "".join(sorted({c for c in COUNTERS if len(c) == 1} | set(MEASURES) - {"个"}))
_COUNTED_TWO = "|".join(c for c in COUNTERS if len(c) > 1)
UNIT = (
    r"%|‰|百分点|[万亿]?元|万?人次|万?人|万?户|个工作日|工作日|个月|[万]?亩|公顷|公斤|千克|吨|(?:平方|立方)?(?:公里|米)|"
    r"千米|min|分钟|个小时|小时|学时|课时|秒|周岁|个?星期|个季度|季度|"
    rf"{_COUNTED_TWO}|万?[{_COUNTED}]|"
    r"[家个项次天日月年例处名岁件篇场期所座套台辆份条笔批株床张间周]"
)
# Where the subject ends and the bound begins: the words of a bound.
_MARK = r"\((?:不)?含[^()]{0,8}\)"
_SHARE = r"(?:年度|全年)?(?:目标值|目标任务|目标|指标值|计划数|计划值|计划任务|计划|任务数|任务量|任务)"
_ELSE = re.compile(
    r"(?:否则|其他|其它|其余|反之|除此之外|以外|其他情况|其它情况|其余情况|未达到|没有达到|达不到|不达标|未达标"
    r"|未达到(?:以上|上述)?(?:标准|要求)|低于(?:此|该|以上|上述)?(?:标准|要求))(?:的|者|情况)?"
)
_TASK = r"(?:[\u4e00-\u9fa5]{0,12}?(?:目标|任务|计划|指标)(?:值|数|量)?(?:任务)?)?"
_MET = re.compile(rf"(?:全部|足额|按时|如期|全面)?(?:完成|达到|实现|达到或超过|完成或超额完成){_TASK}(?:的|者)?")
# A subject that is itself the completion ratio: "实际服务人数与计划数的比值", "完成数占目标任务的比例"
_RATIO_SUBJECT = re.compile(rf"(?:与|占){_SHARE}[\u4e00-\u9fa5]{{0,4}}?(?:的)?(?:比值|比例|比率|之比|比重|比)$")
_UNMET = re.compile(rf"(?:未(?:全部|能)?|没有|不能)(?:完成|达到|实现){_TASK}(?:的|者)?|完不成{_TASK}(?:的|者)?")
_OVER = re.compile(rf"(?:超额完成{_TASK}|(?:超过|超出|高于|大于){_SHARE}(?:值)?)(?:的|者|部分)?")
# What may stand in a subject: a noun phrase, not a second requirement.
_NOT_SUBJECT = re.compile(r"且|或|同时|但|每|扣分|加分|得分|计分|否则|[,;。]")
# "比下达任务低5%以内", "低5%-10%", "较上年增长10%以上": the number is a difference from something (a shortfall
# below the task, a rise over last year), not the level of the value; such a band is not read as one.
_DIFFERENCE = re.compile(r"^(?:比|较|与|同比|环比)|(?:低|少|差|高|多|超|增|减|降|升|下降|增长|减少|提高)$")
_LEAD = re.compile(r"^(?:如|若|凡|当|对于|对|其中|另外|另|如果|若是)")
_TAIL = re.compile(r"(?:的|者|时|的话|情况下?|以上的|以下的)$")


@dataclass(frozen=True)
class Condition:
    """Where a clause applies: a range of the value in ``unit`` ("%", "‰", "" for a bare number, or a
    counted unit without 万: 元, 人), a share of the target (``relative``), or the rest (``other``)."""

    low: Decimal | None = None
    high: Decimal | None = None
    low_inclusive: bool = True
    high_inclusive: bool = False
    unit: str = "%"
    relative: bool = False
    subject: str = ""
    other: bool = False
    numeric: bool = True  # False for "完成目标任务", "未完成": no number written
    unsure: bool = False  # "低于目标值70%": a share of the target only if the text says so elsewhere
    soft: bool = False  # "15-30分钟": a range with no mark, whose ends go where no other part claims them
    marked: bool = False  # "5%以内(含5%)": a bound marked 含/不含, which settles a shared end
    nothing: bool = False  # "未召开", "没有开展": none at all, beside bands of a count (``other`` too)

    def contains(self, value: Decimal) -> bool:
        if self.low is not None and (value < self.low or (value == self.low and not self.low_inclusive)):
            return False
        return not (self.high is not None and (value > self.high or (value == self.high and not self.high_inclusive)))


def _number(number: str, unit: str | None) -> tuple[Decimal, str] | None:
    """A bound in its unit: 10万元 as 100000 元; None for a unit that is no unit of a value."""
    if not unit or unit in ("%", "‰"):
        return Decimal(number), unit or ""
    if unit == "百分点":
        return Decimal(number), "%"
    if unit == "min":  # "分钟", kept apart from scores while the bands are read (``bands``)
        unit = "分钟"
    quantity = parse_quantity(f"{number}{unit}")
    if quantity is None or quantity.value is None:
        return None
    return quantity.value, quantity.unit


def _bound(i: int) -> str:
    return rf"(?P<n{i}>{_N})(?P<u{i}>{UNIT})?(?P<m{i}>{_MARK})?"


_SUBJ = r"(?P<s>[^\d<>=≤≥]{0,30}?)"
_SHARE_AT = rf"(?P<share>{_SHARE}(?P<of>的)?)?"
_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "80%(含)-90%", "在80%至90%之间", "年度任务的90%(含)-100%"
    ("range", re.compile(
        rf"{_SUBJ}(?:在|为|是|处于|介于|达到|达)?{_SHARE_AT}{_bound(1)}(?:-|至|到|和|与|~)"
        rf"(?:{_SHARE}(?:的)?)?{_bound(2)}(?:之间|区间|范围内|以内)?(?:的|者|时)?")),
    # "80%99%": two percentages whose dash was lost in extraction
    ("range", re.compile(rf"{_SUBJ}(?P<n1>{_N})(?P<u1>%)(?P<m1>)(?P<n2>{_N})(?P<u2>%)(?P<m2>)(?:的|者|时)?")),
    # "90%≤满意度<95%", "95%>X≥90%"
    ("sandwich", re.compile(
        rf"{_bound(1)}(?P<c1>≤|<=|<|≥|>=|>)(?P<s>[^\d<>=≤≥]{{0,30}}?)(?P<c2>≤|<=|<|≥|>=|>)"
        rf"{_bound(2)}(?:的|者|时)?")),
    # "90%(含)以上不足100%", "80%以上、90%以下"
    ("over_under", re.compile(
        rf"{_SUBJ}(?:在|为|达到|达)?{_SHARE_AT}{_bound(1)}(?:及|或)?以上(?P<m8>{_MARK})?(?:,|、|且|并且)?"
        rf"(?P<p2>不足|低于|小于|未达到|不到|不满|未满){_bound(2)}(?:的|者|时)?")),
    ("over_under", re.compile(
        rf"{_SUBJ}(?:在|为|达到|达)?{_SHARE_AT}{_bound(1)}(?P<and1>及|或)?以上(?P<m8>{_MARK})?(?:,|、|且|并且)?"
        rf"{_bound(2)}(?P<p2>(?:及|或)?以下|以内)(?P<m9>{_MARK})?(?:的|者|时)?")),
    # "大于等于80%且小于90%", "≥80%,<90%"
    ("both", re.compile(
        rf"{_SUBJ}(?P<p1>{PRE_WORDS}){_bound(1)}(?:且|并且|,|、)?(?:[^\d<>=≤≥]{{0,12}}?)"
        rf"(?P<p2>{PRE_WORDS}){_bound(2)}(?:的|者|时)?")),
    # "不低于95%", "达到目标值的80%以上", "低于80%的"
    ("pre", re.compile(
        rf"{_SUBJ}(?:在|为)?(?P<p1>{PRE_WORDS}){_SHARE_AT}{_bound(1)}"
        rf"(?P<post>(?:及|或)?以上|(?:及|或)?以下|以内|之内)?(?P<m9>{_MARK})?(?:的|者|时)?")),
    # "95%(含)以上", "1000人以上", "90%以下(不含)", "5个工作日以内"
    ("post", re.compile(
        rf"{_SUBJ}(?:在|为|是|达|达到)?{_SHARE_AT}{_bound(1)}"
        rf"(?P<post>(?:及|或)?以上|(?:及|或)?以下|以内|之内|内)(?P<m9>{_MARK})?(?:的|者|时)?")),
    # "=100%", "等于0"
    ("equal", re.compile(rf"{_SUBJ}(?:=|等于|为){_bound(1)}(?:的|者|时)?")),
    # "100%得2分", "完成率达100%的"
    ("bare", re.compile(rf"{_SUBJ}(?:为|是|达|达到)?{_SHARE_AT}{_bound(1)}(?:完成)?(?:的|者|时)?")),
)  # fmt: skip


def _clean(text: str) -> str:
    text = text.strip(" ,;。:、")
    # an item number, never the start of a decimal ("90.4%-92%"; a list "1.95%…;2.90%…" is spelled "1、" by
    # ``normalize.numbered_items``)
    text = re.sub(r"^(?:\d{1,2}、|\d{1,2}\.(?!\d)|\(\d{1,2}\)|[①②③④⑤⑥⑦⑧⑨⑩])", "", text)
    # a level named with its range: "A.≥95%", "优:≥90%", "优秀(≥90%)", "≥90%为优秀"
    text = re.sub(r"^(?:[A-Ea-e][.、]|[\u4e00-\u9fa5]{1,2}:)(?=[^\d]{0,12}\d)", "", text)
    text = re.sub(r"^[\u4e00-\u9fa5]{1,4}\(([^()]*\d[^()]*)\)$", r"\1", text)
    text = re.sub(
        r"(?<=[%‰\d)上下内间])(?:的)?,?(?:为|属于?|评为)(?:优秀|优|良好|良|较好|好|合格|中等|中|一般|较差|差|不合格)$",
        "",
        text,
    )
    return _LEAD.sub("", text)


def _subject(raw: str | None) -> str | None:
    """The subject without the words around it; None when it says more than a name."""
    subject = (raw or "").strip(" ,:、")
    if ":" in subject:  # "满意度调查:≥95%"
        subject = subject.split(":")[-1]
    subject = re.sub(r"(?:在|为|是|达|处于|介于)$", "", subject)
    if _NOT_SUBJECT.search(subject) or _DIFFERENCE.search(subject):
        return None
    return subject


# "实际完成率≥目标值", "完成值<目标值": the value against the target, in words
_AGAINST = re.compile(
    rf"[^\d<>=≤≥]{{0,16}}?(?P<op>{PRE_WORDS})(?:年度|全年)?(?:目标值|目标|指标值|计划数|计划值|计划)(?:的|者|时)?"
)


def _words(text: str) -> Condition | None:
    """A condition without a number: the rest, or the target met or not."""
    against = _AGAINST.fullmatch(text)
    if against and _subject(text[: against.start("op")]) is not None:
        op = PRE[against.group("op")]
        subject = _subject(text[: against.start("op")]) or ""
        if op in ("ge", "gt"):
            return Condition(low=Decimal(100), low_inclusive=op == "ge", relative=True, numeric=False, subject=subject)
        return Condition(high=Decimal(100), high_inclusive=op == "le", relative=True, numeric=False, subject=subject)
    if _ELSE.fullmatch(text):
        return Condition(other=True, numeric=False)
    if _OVER.fullmatch(text):
        return Condition(low=Decimal(100), low_inclusive=False, relative=True, numeric=False)
    if _UNMET.fullmatch(text):
        return Condition(high=Decimal(100), relative=True, numeric=False)
    if _MET.fullmatch(text):
        return Condition(low=Decimal(100), relative=True, numeric=False)
    return None


# "未召开", "没有开展", "无": nothing done at all — beside bands of a count, the count 0
_NOTHING = re.compile(
    r"(?:未|没有|无|从未)(?:召开|开展|组织|举办|举行|开设|建立|设立|培训|检查|报送|发放|参加|完成)?(?:的|者)?"
)


def read_condition(text: str, *, nothing: bool = False) -> Condition | None:
    """The condition a clause states (module docstring); None when it says anything else. With ``nothing``,
    "未召开"/"没有开展" is read too, as nothing done at all (``Condition.nothing``): only bands of a count, which
    check that it is the count 0, ask for it."""
    found = _read_condition(text)
    if found is None and nothing and _NOTHING.fullmatch(_clean(text)):
        return Condition(other=True, numeric=False, nothing=True)
    return found


def _read_condition(text: str) -> Condition | None:
    text = _clean(text)
    if re.search(r"±|正负|\+/?-", text):
        return None  # "±10%以内": a deviation either side of a reference (``shortfalls.deviation_band``)
    if not re.search(r"\d", text):
        return _words(_TAIL.sub("", text) if text.endswith("的") else text) or _words(text)
    for kind, pattern in _FORMS:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        found = _read(kind, m)
        if found is not None:
            return found
    return None


def _units(m: re.Match[str], count: int) -> list[tuple[Decimal, str]] | None:
    """The bounds with one unit between them ("800-1000人": both in 人)."""
    raw = [(m.group(f"n{i}"), m.group(f"u{i}")) for i in range(1, count + 1)]
    given = {u for _, u in raw if u}
    if len(given) > 1:
        return None
    unit = given.pop() if given else None
    read = [_number(n, unit) for n, _ in raw]
    if any(r is None for r in read):
        return None
    return [r for r in read if r is not None]


def _read(kind: str, m: re.Match[str]) -> Condition | None:
    groups = m.groupdict()
    subject = _subject(groups.get("s"))
    if subject is None:
        return None
    if kind == "bare" and lower_is_better(subject):  # affirm family (s9): "事故率1%得10分": at most 1 %? unsaid
        return None
    share = groups.get("share")
    two = kind in ("range", "sandwich", "both", "over_under")
    bounds = _units(m, 2 if two else 1)
    if bounds is None:
        return None
    unit = bounds[0][1]
    # "达到目标值95%": the target itself (95%) or 95% of it; a share only beside plain shares of the target
    unsure = bool(share) and not groups.get("of") and kind in ("bare", "pre") and not groups.get("post")
    relative = (bool(share) and not unsure) or bool(_RATIO_SUBJECT.search(subject))
    if (share or relative) and unit != "%":
        return None
    span = two_bounds(kind, groups, bounds[0][0], bounds[1][0]) if two else one_bound(kind, groups, bounds[0][0])
    if span is None:
        return None
    low, high, low_inclusive, high_inclusive = span
    marked = any(groups.get(k) for k in ("m1", "m2", "m8", "m9"))
    soft = kind == "range" and not marked
    return Condition(low=low, high=high, low_inclusive=low_inclusive, high_inclusive=high_inclusive, unit=unit,
                     relative=relative, subject=subject, unsure=unsure, soft=soft, marked=marked)  # fmt: skip


def same_subject(conditions: list[Condition]) -> bool:
    """Every condition speaks of one value: subjects equal, one the end of the other ("满意度", "群众满意度"),
    or left out."""
    names = {
        re.sub(rf"^(?:实际|年度|全年|项目|本项|该项|本指标|该指标)|的|{_SHARE}$", "", c.subject) for c in conditions
    }
    names.discard("")
    return all(a.endswith(b) or b.endswith(a) or a.startswith(b) or b.startswith(a) for a in names for b in names)
