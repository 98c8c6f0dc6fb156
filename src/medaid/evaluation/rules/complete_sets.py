"""A set that must be complete, scored all or nothing (affirm family, session 8).

How tables write it (科室设置, 设备配置, 证照, 条件 rows of hospital, school and civil-affairs tables): a level of
completeness and a 0 level for ONE thing missing or failing — "满足要求，得1分；缺1项，不得分", "科室齐全，得满分
缺1个科室，不得分", "均有，得2分 缺1个科室，不得分", "完全符合要求，得1分 1项不符合要求，不得分", or the 0 level alone
("缺1项，不得分", "缺一项的,该项不得分": the rest, nothing missing, is the full marks). The things are listed elsewhere
(in the standard the table cites), so the rule is a yes/no: nothing missing, or something missing.

How evaluators write the actual (statements split at ，；。):
- **nothing missing**: the things listed with 均/都/全部 and a verb of having or meeting ("急诊科、内科…均已设置",
  "X射线机、CT…均具备", "全科和预防保健科均有", "所列10类设备均具备", "2项均符合"), a word of completeness ("科室
  齐全", "7个轮转科室齐全", "无缺项", "不缺", "缺0项"), or the level's own words ("满足要求", "完全符合要求");
- **something missing**: 缺/缺少/缺失/未设置/未配备/没有/无 and the thing or a count ≥ 1 ("缺MRI 1项", "未设置病理科",
  "缺预防保健科"), the thing then its lack ("康复科未设置"), or "N项不符合(要求)" / "X不符合要求".

Reading: the top level must itself say nothing is missing (so "资料齐全且规范" against "缺1项" is not read here: 规范
is not a thing counted). When the 0 level names its noun ("缺1个科室"), what is missing is counted by
``missing_counts`` (faults family: the thing must be of that noun, "…科" for 科室); a 0 level of 项 counts anything.
Every statement must say one of the two; refused: a hedge (基本齐全, 大部分, 部分), "除…外", a plan (拟/将/正在…),
statements that say both (均已设置 beside 缺X), a statement that says neither ("协同单位2家").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, clamp, fmt
from medaid.evaluation.rules.base import Outcome
from medaid.evaluation.rules.clause_match import HEDGES
from medaid.evaluation.rules.count_vocab import NUMBER, cn_int, simplified
from medaid.evaluation.rules.missing_counts import missing_counts
from medaid.evaluation.rules.unsaid_words import pending

# The 0 level: one thing missing ("缺1项", "缺1个科室", "少任一项") or one item failing ("1项不符合要求")
ONE_MISSING = re.compile(
    r"^(?:缺|缺少|少)(?:1|一|任一|任何一)(?P<c>项|个|种|类|台|件|名|套)?(?P<noun>[\u4e00-\u9fa5]{0,6})$"
)
ONE_FAILED = re.compile(
    r"^(?:有|存在)?(?:1|一|任一|任何一)(?:项|条)(?:不符合|不满足|未达到|达不到)(?:要求|标准|条件|规定)?$"
)
# Words of lack: "无缺项", "没有缺失", "无遗漏", "无不符合项" say nothing is missing; and what "无X" never names as
# a missing thing ("无问题", "没有发现…", "无异常")
_LACK = r"缺项|缺少|缺失|缺|欠缺|遗漏|漏项|空缺|短缺|不符合|不合格|不足"
_NOT_A_THING = r"发现|问题|异常|差错|违|错|误|漏|不|欠"
_HAVE = r"(?:设置|设立|开设|配备|配置|具备|建立|有|符合|满足|达标|达到|落实|到位)"
_STANDARD = r"(?:要求|标准|条件|规定)?"
_COUNTER = r"(?:项|个|台|件|种|类|套|名|家|间|处)"
_COMPLETE = (
    re.compile(rf"^(?P<list>.*?)(?:均|都|全部|完全|全)(?:已经|已)?{_HAVE}{_STANDARD}$"),
    re.compile(r"^(?P<list>.*?)(?:配备|设置)?(?:均|都|全部)?(?:已经|已)?(?:齐全|齐备|配齐)$"),
    re.compile(
        rf"^(?P<list>.*?)(?:均|都|全部)?(?:无|没有|不|未)(?:一|任何一?|一)?{_COUNTER}?(?:{_LACK}){_COUNTER}?(?:情况)?"
        rf"{_STANDARD}$|^(?P<zero>)(?:缺|缺少)(?:0|零){_COUNTER}$"
    ),
    re.compile(rf"^(?P<list>)(?:完全|全面)?(?:符合|满足|达到){_STANDARD}$"),
)
# (affirm fix round s8) a negation in the words before the completeness: "设备不齐全", "未全部配齐", "不完全符合要求",
# "各项不均具备", "非全部具备" say something is missing (a negation directly before it: read as missing); one further
# back ("并非各项均具备", "无菌室…") is not read either way
_NEGATION_TAIL = re.compile(
    r"(?:并非|不是|没有|未能|不能|还未|尚未|仍未|还没有|不太|不够|不很|不甚|不尽|不|未|没|非|欠)(?:能|曾)?$"
)
_NEGATION_ANY = re.compile(r"[不未没非欠无难否缺少]")
_MISSING = (
    re.compile(r"^(?:缺少|缺失|缺)(?P<what>.+)$"),
    re.compile(rf"^(?:未设置|未设立|未开设|未配备|未配置|不具备|没有|无)(?!{_LACK}|{_NOT_A_THING})(?P<what>.+)$"),
    re.compile(r"^(?P<what>.+?)(?:未设置|未设立|未开设|未配备|未配置|不具备|缺失|缺如)$"),
    re.compile(rf"^(?:有)?(?P<n>{NUMBER})(?:项|个|条)(?P<what>)(?:不符合|不满足|未达到|达不到){_STANDARD}$"),
    re.compile(rf"^(?P<what>.+?)(?:不符合|不满足|未达到|达不到){_STANDARD}$"),
)
_BARE = re.compile(
    rf"(?:无|没有|不|未)(?:一|任何一?)?{_COUNTER}?(?:{_LACK}){_COUNTER}?(?:情况)?|(?:缺|缺少)(?:0|零){_COUNTER}"
)
_FAILED = re.compile(r"(?:不|未)(?:符合|满足|达到)(?:要求|标准|条件|规定)?|达不到(?:要求|标准)?")
# a lack made good since ("缺CT，已补齐", "整改后配齐"): what the evaluator scores, the lack or the repair, is not said
_LATER = re.compile(r"补齐|补充|补设|补配|整改|已补|后续|随后|目前已")
_EXCEPT = re.compile(r"除.+?(?:外|以外)")
_LEAD = re.compile(r"^(?:经查|经核查|经检查|经核实|其中|另外)")


def _completeness(said: str) -> str:
    """ "complete", "negated" (a negation directly before the completeness: something is missing), "unsure" (a
    negation further back) or "" (no word of completeness)."""
    for pattern in _COMPLETE:
        found = pattern.fullmatch(said)
        if found is None:
            continue
        head = found.groupdict().get("list") or ""
        if _NEGATION_TAIL.search(head):
            return "negated"
        return "unsure" if _NEGATION_ANY.search(head) else "complete"
    return ""


def _complete(said: str) -> bool:
    return _completeness(said) == "complete"


# a count that is no thing missing: zero in any spelling ("缺0台", "缺项数为0", "缺项率0%") or less than one ("缺0.5项",
# "缺半项")
_NO_COUNT = re.compile(r"(?<![0-9.])0(?:\.0+)?(?![0-9.])|零|半|(?<![0-9])0?\.\d|\d+\.\d*[1-9]|率|数为")


def _missing(said: str) -> bool:
    if _FAILED.fullmatch(said):  # "不符合要求": the set as a whole fails
        return True
    for pattern in _MISSING:
        found = pattern.fullmatch(said)
        if found is None:
            continue
        count = found.groupdict().get("n")
        if count is not None:
            value = cn_int(count)
            return value is not None and value >= 1
        what = found.group("what")
        return bool(what) and not _NO_COUNT.search(what) and not re.search(_LACK, what)
    return False


def _statements(text: str) -> list[str]:
    out = []
    for piece in re.split(r"[,;。，；：:]+", re.sub(r"\s", "", simplified(text))):
        said = _LEAD.sub("", re.sub(r"\([^()]*\)|（[^（）]*）", "", piece.strip()))
        if said:
            out.append(said)
    return out


# (affirm fix round s8) what may stand before the noun in a statement that the whole set is complete: a count or a
# word of all or of the required set ("9个必选科室齐全", "所有科室均已设置"); any other word names a part
# ("临床科室齐全",
# "医技科室齐全": the other departments are unsaid)
_WHOLE = re.compile(
    rf"^(?:(?:所有|全部|各|所列|规定|要求|必选|必设|应设|轮转|上述|以上|本院|医院|已?(?:设置|设立|开设|配备))的?|{NUMBER}个)*$"
)
_ITEMS = re.compile(r"[、，,和及与]")


def _listed(top: str) -> list[str]:
    """The things the top level lists ("急诊科、内科、外科齐全" → 急诊科, 内科, 外科)."""
    word = re.sub(r"[\s的]", "", simplified(top))
    return [
        x for x in _ITEMS.split(re.sub(r"(?:均|都|全部|已经|已)?(?:齐全|齐备|配齐|设置|配备|具备)$", "", word)) if x
    ]


def _narrower(top: str, noun: str, text: str) -> str:
    """Why the statements cover less than the set the text names ("" when they do not): a part of the noun's set
    ("临床科室齐全" for 科室), or fewer of the things the top level lists ("急诊科、内科均已设置" for "急诊科、内科、
    外科齐全")."""
    said = _statements(text)
    if len(noun) >= 2:
        for statement in said:
            head = statement.split(noun, 1)[0] if noun in statement else None
            if head is not None and _completeness(statement) and not _WHOLE.fullmatch(head):
                return f"“{statement}”只说了部分{noun}，其余未说明；请写明全部{noun}是否齐全或缺哪一个"
    listed = _listed(top)
    if len(listed) < 2:
        return ""
    for statement in said:
        if _completeness(statement) and not all(item in statement for item in listed):
            left = [item for item in listed if not any(item in other for other in said)]
            if not left:  # "急诊科、内科均已设置，外科未设置": the rest is said elsewhere
                continue
            return f"评分标准列出{'、'.join(listed)}，“{statement}”未说明{'、'.join(left)}；请逐项写明是否具备"
    return ""


def one_missing_zero(name: str) -> re.Match[str] | None:
    """The 0 level's name read as one thing missing or failing ("缺1项", "缺1个科室", "1项不符合要求")."""
    word = re.sub(r"[\s,，的]", "", simplified(name))
    return ONE_MISSING.fullmatch(word) or ONE_FAILED.fullmatch(word)


def complete_level(names: Sequence[str], scores: Sequence[Decimal], text: str) -> tuple[int | None, str]:
    """(the level a description picks, how) for a set that must be complete; (None, "") when the levels are not of
    this family, (None, reason) when they are but the description does not say whether anything is missing."""
    if len(names) != 2 or sorted(s > ZERO for s in scores) != [False, True]:
        return None, ""
    top, zero = (0, 1) if scores[0] > ZERO else (1, 0)
    rule = one_missing_zero(names[zero])
    if rule is None or not _complete(re.sub(r"[\s,，的]", "", simplified(names[top]))):
        return None, ""
    if HEDGES.search(text) or _EXCEPT.search(text) or _LATER.search(text) or pending(text, list(names)):
        return None, "说明中有程度、例外或计划的词，不能确定是否缺项；请写明“均已具备”或“缺X”"
    noun = rule.groupdict().get("noun") or ""
    if why := _narrower(names[top], noun, text):
        return None, why
    if len(noun) >= 2:  # "缺1个科室": what is missing must be a 科室 (faults family's reading of the count)
        found = missing_counts(text, (names[zero],), (1,), (ZERO,))
        if found is not None:
            return (zero if found.found else top), f"（{found.how}）"
    said = _statements(text)
    complete = [s for s in said if _complete(s)]
    negated = [s for s in said if _completeness(s) == "negated"]
    missing = [s for s in said if not _completeness(s) and _missing(s)] + negated
    if noun:  # "7个轮转科室齐全" for "缺1个科室"; "设备齐全" is not of 科室 (a bare "无缺项" is of anything)
        listed = _listed(names[top])  # (fix round) "急诊科、内科、外科均已设置": every thing the level lists
        covers = len(listed) >= 2
        complete = [s for s in complete if noun in s or _BARE.fullmatch(s) or (covers and all(x in s for x in listed))]
    unread = [s for s in said if s not in complete and s not in missing]
    if noun and missing:  # a 0 level of a named noun: a bare "缺X" is counted only by ``missing_counts``
        unread += [s for s in missing if s not in negated or noun not in s]  # "科室不齐全" is of 科室
        missing = [s for s in missing if s in negated and noun in s]
    if unread or not said:
        return None, f"“{'、'.join(unread) or text}”未说明是否缺项；请写明“均已具备”或“缺X”"
    if complete and missing:
        return None, f"“{'、'.join(complete)}”与“{'、'.join(missing)}”相互矛盾，不能确定是否缺项"
    if missing:
        return zero, f"（“{'、'.join(missing)}”即有缺项，属“{names[zero]}”）"
    return top, f"（“{'、'.join(complete)}”即无缺项）"


def complete_outcome(
    names: Sequence[str], scores: Sequence[Decimal], text: str, said: str, scale: str, weight: Decimal
) -> Outcome | None:
    """The outcome of ``complete_level`` for ``Qualitative.apply`` (None: not of this family)."""
    at, how = complete_level(names, scores, text)
    allowed = (ZERO, min(max(scores), weight))
    if at is None and not how:
        return None
    if at is None:
        return Outcome(None, f"{said}“{text}”不对应任一等级（{scale}）：{how}，需人工判断", allowed=allowed,
                       needs_judgement=True)  # fmt: skip
    raw = scores[at]
    return Outcome(clamp(raw, ZERO, weight), f"{said}“{text}”{how}为“{names[at]}”一级，得 {fmt(raw)} 分（{scale}）")
