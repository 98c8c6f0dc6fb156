"""What one statement of an actual says of one part of a text that deducts several things from one full marks
(``rules.deduction_sum``): "宣传培训6次，涉及6个行业（缺职业卫生）", "工作人员少2人，院长专职",
"人均经费达标,按时拨付,但有挪作他用".

- ``cut``: the actual cut into statements at ，；。 and 但/并且/而且 (what stands in brackets stays with its
  statement and is not read).
- ``owner``: the one part a statement speaks of — the part whose subject ("宣传培训", "行业", "按期结案率") the
  statement contains, when exactly one does or one name holds every other found ("巡查指导记录" holds "巡查");
  otherwise the part sharing most two-character words with it, when it
  shares at least two and no other part as many (``part_statements.assign``'s measure). A statement that names no
  part ("按时拨付", "缺2项") goes to the one part it can say is met or not, or whose step it states (``assigned``).
  Never guessed.
- ``fault_said``: whether a statement says a fault happened ("但有挪作他用") or not ("无冲抵或挪用", "院长专职"
  of "院长非专职人员"): its words, negations and fillers aside, must be the fault's, and the count of negations
  says which — the same parity as the fault's is "happened". A negated fault written with 或 is denied only when
  the statement speaks of every alternative. Numbers or qualifiers (基本, 部分) say neither.
- ``step_met``: whether a statement without a number says a step's requirement is met ("工作人员足额", "人均经费
  达标", "按时拨付", "无超生"): a word of meeting for the step's side, and no other negation or qualifier.
- ``step_value``: the one number with a unit a statement gives, as the value ("宣传培训6次") or, when the step's
  word stands before it ("工作人员少2人", "经费迟拨2个月"), as the distance itself; "1个半月" is 1.5 个月.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from typing import TYPE_CHECKING

from medaid.evaluation.note_leadins import lead_in  # numbers family (s9)
from medaid.evaluation.note_numerals import in_digits  # numbers family (s9)
from medaid.evaluation.numbers import ZERO, clamp, fmt
from medaid.evaluation.quantity import Quantity, parse_quantity
from medaid.evaluation.rules.base import Inputs, Outcome
from medaid.evaluation.rules.count_exceptions import excepted, plainly_met
from medaid.evaluation.rules.count_vocab import simplified
from medaid.evaluation.rules.deduction import Direction, PerPoint
from medaid.evaluation.rules.listed_elements import listed
from medaid.evaluation.rules.naming import canon
from medaid.evaluation.rules.stated_gaps import compared_value, foreign_lead, stated_gap  # numbers family (s9)
from medaid.evaluation.rules.steps import Distance, word_kind

if TYPE_CHECKING:
    from medaid.evaluation.rules.deduction_sum import DeductedPart

_CUT = re.compile(r"[,，;；。]|但|并且|而且")
_BRACKETS = re.compile(r"[(（][^()（）]*[)）]")
_NEGATION = re.compile(r"没有|没|未|无|不|非")
_FILLER = re.compile(r"没有|没|未|无|不|非|存在|出现|发现|有|已|均|全部|都|了|的|且|并|也|现象|情况|问题")
_QUALIFIED = re.compile(r"基本|部分|个别|大部分|多数|少数|尚|仍|较|一些")
_HAN = re.compile(r"[\u4e00-\u9fa5]")


def cut(text: str) -> list[str]:
    """The statements of an actual (module docstring)."""
    return [s.strip() for s in _CUT.split(text) if _HAN.search(_BRACKETS.sub("", s))]


def clauses(text: str) -> list[str]:
    """The statements of an explanation, what stands in brackets left out ("缺2项（实施方案未按时出台，…）" is one)."""
    return cut(_BRACKETS.sub("", text))


def pairs(text: str) -> set[str]:
    runs = re.findall(r"[\u4e00-\u9fa5]+", canon(_BRACKETS.sub("", text)))
    return {run[i : i + 2] for run in runs for i in range(len(run) - 1)}


def owner(statement: str, subjects: list[tuple[str, ...]], texts: list[str]) -> int | None:
    """The one part a statement speaks of (module docstring): ``subjects`` are each part's names, ``texts``
    each part's wording."""
    said = canon(_BRACKETS.sub("", statement))
    held = [(canon(n), i) for i, names in enumerate(subjects) for n in names if len(n) >= 2 and canon(n) in said]
    if held:
        # the most specific name wins when it holds the others: "巡查指导记录应200份" is of 巡查指导记录, not 巡查
        longest, at = max(held, key=lambda h: len(h[0]))
        if all(i == at or (n in longest and n != longest) for n, i in held):
            return at
        return None
    mine = pairs(statement)
    shared = sorted(((len(mine & pairs(t)), i) for i, t in enumerate(texts)), reverse=True)
    best, second = shared[0][0], shared[1][0] if len(shared) > 1 else 0
    if best < 2 or best == second:
        return None
    return shared[0][1]


def fault_said(statement: str, fault: str) -> bool | None:
    """Whether the statement says the fault happened (True), did not (False), or neither (None)."""
    said, wanted = canon(_BRACKETS.sub("", statement)), canon(fault)
    if re.search(r"\d", said) or _QUALIFIED.search(said):
        return None
    core, whole = _FILLER.sub("", said), _FILLER.sub("", wanted)
    if len(core) < 2 or not set(core) <= set(whole):
        return None
    happened = len(_NEGATION.findall(said)) % 2 == len(_NEGATION.findall(wanted)) % 2
    # "无冲抵或挪用" denies "有冲抵或挪作他用" only because it speaks of both alternatives
    if not happened and "或" in whole and any(len(set(alt) & set(core)) < 2 for alt in whole.split("或")):
        return None
    return happened


_MET_BELOW = r"达到|达标|足额|足量|足够|齐全|满足|符合|不低于|不少于|满员|配齐|到位"
_MET_ABOVE = r"未超过|不超过|未超出|未超|没有超过|控制在"
_MET_DELAY = (
    r"按时|按期|及时|准时|如期|按规定时间|按规定时限|按规定期限|在规定时间内|在规定期限内|在规定时限内"
    r"|未滞后|无滞后|未延迟|无延迟|未逾期|无逾期"
)


def step_met(statement: str, rule: PerPoint) -> bool:
    """Whether a statement without a number says the step's requirement is met (module docstring)."""
    if excepted(statement):  # counts family (s8 fix round): "病区齐全（骨科除外）", "病区齐全，骨科病区在建"
        return False
    said = canon(_BRACKETS.sub("", statement))
    if re.search(r"\d", said) or _QUALIFIED.search(said):
        return False
    word = (rule.word or "").rstrip("的者")
    kind = word_kind(word)
    delay = rule.from_zero and kind is not None and "滞后" in kind
    words = _MET_DELAY if delay else _MET_ABOVE if rule.direction is Direction.ABOVE else _MET_BELOW
    if word:  # "无超生", "没有迟拨", "未滞留": none of what the step counts
        words += rf"|(?:无|没有|未|未有|不存在|未发生|未出现){re.escape(word)}"
    action = word[len(next((w for w in sorted(kind or (), key=len, reverse=True) if word.startswith(w)), "")) :]
    if kind is not None and "缺" in kind and len(action) >= 2:  # "与所有村签订责任书" for "每少签订一个…"
        words += rf"|(?:所有|全部|均|都|全)[^,;。]*{re.escape(action)}"
    found = re.search(words, said)
    if found is None:
        return False
    rest = said[: found.start()] + said[found.end() :]
    return not _NEGATION.search(rest)


_UNIT = (
    r"百分点|%|个工作日|工作日|个月|月|年|天|日|个小时|小时|人次|户次|人|户|家|个|项|件|篇|次|场|期|例|处|名|份|条|册|"
    r"套|所|万元|千元|亿元|元|公斤|千克|吨|亩|公里|平方米|立方米"
)
_NUMBER = re.compile(rf"(\d+(?:\.\d+)?)((?:{_UNIT}))([\u4e00-\u9fa5]{{0,4}})")


_POINT = "\ue000"  # a decimal point kept through canon()


def _related(noun: str, wording: str) -> bool:
    """ "村级兼职(计生干部)" is of "专兼职计生干部": the noun, or a two-character word of it, is in the wording."""
    return noun in wording or any(noun[i : i + 2] in wording for i in range(len(noun) - 1))


def step_value(statement: str, rule: PerPoint, wording: str) -> tuple[Quantity, bool] | str | None:
    """The statement's value for a step (a Quantity, and whether it is the distance itself), None when it
    gives no number, or why it cannot be read. ``wording`` is the part's text (a noun after the number, "6个
    行业", must be the part's)."""
    # counts family (s8 fix round): canon() drops punctuation, the decimal point with it ("少1.5次" read as 15)
    statement = in_digits(statement)  # numbers family (s9): "超生三个小孩" → "超生3个小孩"
    said = canon(re.sub(r"(?<=\d)\.(?=\d)", _POINT, _BRACKETS.sub("", statement))).replace(_POINT, ".")
    said = re.sub(r"(\d+)个半(?=月|小时)", lambda m: f"{m.group(1)}.5个", said)  # 1个半月 = 1.5个月
    found = list(_NUMBER.finditer(said))
    if not found:
        return "没有带单位的数值" if re.search(r"\d", said) else None
    if len(found) > 1:
        return "有不止一个数值"
    m = found[0]
    if rule.unit in (None, "%") and (gap := stated_gap(statement)) is not None:  # numbers family (s9): 低于标准20%
        return foreign_lead(gap, None) or (Quantity(text=gap.words), True)
    if rule.unit in (None, "%") and compared_value(statement):  # numbers family (s9): "低于90%" is no value
        return f"“{statement}”写的是与某值的比较（高于、低于、不足…），不是实际值"
    number, unit, noun = m.group(1), m.group(2), m.group(3)
    if noun and not re.match(r"^(?:的|以上|以下|左右)", noun) and not _related(noun, canon(wording)):
        return f"数值“{m.group(0)}”所计的“{noun}”不是该项评分标准所说的"
    word = (rule.word or "").rstrip("的者")
    kind = word_kind(word) or (frozenset({word}) if word else frozenset())
    lead = said[: m.start()]
    stated = next(
        (w for w in sorted(kind, key=len, reverse=True) if re.search(rf"{re.escape(w)}[^\d]{{0,6}}$", lead)), None
    )
    quantity = parse_quantity(f"{stated or ''}{number}{unit}")
    if quantity is None:
        return f"无法读出“{m.group(0)}”"
    return quantity, stated is not None


PLANNED = re.compile(r"(?:应|计划|要求|规定)[\u4e00-\u9fa5]{0,6}\d")
DONE = re.compile(r"^(?:实际?|实有|完成|已)[\u4e00-\u9fa5]{0,6}\d")
# "其余四率均为100%", "五率均为100%", "各项均达100%": every step not spoken of otherwise
_REST = re.compile(
    r"^(?:(?:其余|其他|其它|另外)(?P<count>[一二两三四五六七八九十\d])?"
    r"|(?P<all>[二两三四五六七八九十\d])(?:率|项)(?=均|都|全)|(?:各项|各率|所有)(?=均|都|全))"
)
_COUNT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _by_meaning(statement: str, parts: tuple[DeductedPart, ...]) -> int | None:
    """The one part a statement naming no part can speak of: "按时拨付" says a delay step is met, and no other
    part could be met or denied by it."""
    fits = [
        i
        for i, p in enumerate(parts)
        if (p.rule is not None and (step_met(statement, p.rule) or _states_gap(statement, p.rule, p.wording)))
        or (p.fault is not None and fault_said(statement, p.fault) is not None)
    ]
    return fits[0] if len(fits) == 1 else None


def _states_gap(statement: str, rule: PerPoint, wording: str) -> bool:
    """ "缺2项" for "每缺一项": the statement is the step's word and a distance in the step's unit, nothing else."""
    read = step_value(statement, rule, wording)
    if not isinstance(read, tuple) or not read[1] or rule.unit is None:
        return False
    said = re.sub(r"[\d.]+", "", canon(statement))
    return len(said) <= 4 and (read[0].text.endswith(rule.unit) or rule.unit in read[0].text)


def assigned(written: str, parts: tuple[DeductedPart, ...]) -> dict[int, list[str]] | str:
    """Each part's statements (``owner``; the done half of an 应…/实… pair with its plan; a statement naming no
    part with the one part it can speak of; "其余四率均为100%" with every step not yet spoken of, as many as it
    counts), or which statement could not be placed."""
    said: dict[int, list[str]] = {}
    names = [p.names for p in parts]
    previous: tuple[str, int] | None = None
    rest: list[str] = []
    for statement in cut(written):
        if lead_in(statement):  # numbers family (s9): "经查，…": how the facts were found
            continue
        if _REST.match(statement):
            rest.append(statement)
            continue
        at = owner(statement, names, [p.wording for p in parts])
        if at is None and previous is not None and DONE.match(statement) and PLANNED.search(previous[0]):
            at = previous[1]  # "巡查指导记录应200份，实190份": the done half of a pair
        if at is None:
            at = _by_meaning(statement, parts)  # "按时拨付": the one delay step it can speak of
        if at is None:
            return f"“{statement}”对应不到唯一一项"
        said.setdefault(at, []).append(statement)
        previous = (statement, at)
    for statement in rest:
        left = [i for i, p in enumerate(parts) if p.rule is not None and i not in said]
        count = _REST.match(statement)
        written_count = (count.group("count") or count.group("all")) if count else None
        wanted = (int(written_count) if written_count.isdigit() else _COUNT[written_count]) if written_count else None
        if len(rest) > 1 or not left or (wanted is not None and wanted != len(left)):
            return f"“{statement}”说的“其余”与未写明的项数对不上"
        for i in left:
            said[i] = [statement]
    return said


def gap_of_plan(rule: PerPoint, inputs: Inputs, note: str) -> Outcome | None:
    """ "与计划每相差4%" with "超计划时间占计划完成时间的12%": the explanation states the gap itself, as a share
    of the plan (over it: 超/超出/滞后 计划; either side for a step on either side: 相差/偏差 计划); any other
    clause must deny something ("无政策性或特殊原因"), else it is not read."""
    if rule.direction is Direction.BELOW or rule.unit != "%" or not rule.on_completion or rule.vetoes:
        return None
    first, *others = [c for c in re.split(r"[,，;；。]", note) if c]
    if any(not re.match(r"^(?:无|没有|不存在|未发现|非)", c) for c in others):
        return None
    words = r"超|超出|超过|滞后|延迟" + (r"|相差|偏差|偏离" if rule.direction is Direction.BOTH else "")
    gap = re.fullmatch(rf"(?:{words})(?:计划|目标)[^\d]{{0,16}}?(\d+(?:\.\d+)?)%", first)
    if gap is None:
        return None
    distance = Decimal(gap.group(1))
    how = f"说明“{first}”即与计划相差 {fmt(distance)}%（占计划的比例）"
    full = rule.full if rule.full is not None else inputs.weight
    return rule._scored(Distance(distance, None, "%", how), full, inputs.weight)


def from_note(rule: PerPoint, inputs: Inputs) -> Outcome | None:
    """``PerPoint._from_note``: the step read from an explanation in words (counts family; s8 fix round: the names of
    listed elements checked whole — "首页缺少护士签名1项" names none the text lists; one clause read, any other plainly
    saying a thing is met — "各项要求均已落实，无缺项" — never a fault ("培训少1次，记录不全") or an exception
    ("病区齐全，骨科病区在建", "病区齐全（骨科除外）"))."""
    note = inputs.note or ""
    if rule.from_zero and listed(rule.text or ""):
        outcome = rule.apply(dataclasses.replace(inputs, actual=Quantity(text=note, qualitative=note)))
        return dataclasses.replace(outcome, reason=f"实际情况取自说明“{note}”；{outcome.reason}")
    said = clauses(simplified(note))
    read_in = [c for c in said if not plainly_met(c)] if len(said) > 1 else said
    if len(read_in) != 1:
        return gap_of_plan(rule, inputs, note)
    read = step_value(read_in[0], rule, rule.wording())
    if read is None and step_met(read_in[0], rule) and not excepted(simplified(note)):
        full = rule.full if rule.full is not None else inputs.weight
        return Outcome(clamp(full, ZERO, inputs.weight), f"说明“{note}”即达到要求，不扣分，得满分 {fmt(full)} 分")
    if isinstance(read, tuple) and read[1] and rule.from_zero:
        outcome = rule.apply(dataclasses.replace(inputs, actual=read[0]))
        return dataclasses.replace(outcome, reason=f"实际情况取自说明“{note}”；{outcome.reason}")
    return gap_of_plan(rule, inputs, note)
