"""What a text says of every item of its list, before or after the items ("list rules").

- each item's marks: "以上指标,每项1.5分", "每项各2.5分", "以上三项各1分", "符合一项得1分", "每符合1项得0.5分",
  "符合以上每项的,得2分", and before the items "以下每项1分:", "具备以下条件的各得1分:";
- a deduction for each item not met: "每缺一项扣1分", "每少1项扣1分", "每有一项不符合扣1分", "一项未达到扣0.5分",
  "每项不符合扣1分", "每项不达标减1.5分", and for items that are faults "无A、B和C的,每一项扣1分";
- the whole list all or nothing: "有一项不符合不得分", "任一项未达到的,该项不得分";
- its full marks: "全部符合得满分", "以上均符合得5分", "同时满足以上条件的得满分", "共3分".

A sentence of the text is a list rule only when it is one of these as a whole (``list_rules``); whatever
else a sentence says is the items' or nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.ruletext.clauses import FEN_WORD
from medaid.evaluation.ruletext.common import NUM

_SCOPE = (
    r"(?:(?:以上|上述|下列|以下|前述)(?:[\d一二两三四五六七八九十]+(?:项|条))?(?:各项|指标|要点|内容|条件|标准|要求)?"
    r"|[\d一二两三四五六七八九十]+(?:项|条)(?:指标|要点|内容|条件|标准|要求)?)"
)
_YES = r"(?:符合|满足|具备|达到|做到|完成|落实|有)"
_NO = (
    r"(?:不符合|不满足|不具备|未达到|达不到|未做到|未完成|不达标|未落实|不到位|缺失|缺少|缺|少|漏|无|没有"
    r"|没有做到|没做到|未能做到|没有完成|未能完成)"  # lists family (s8): "每有一项没有做到扣1分"
)
_ONE = r"(?:(?:每|任|任何|其中)(?:1|一)?|1|一)(?:项|条)(?:措施|内容|指标|要点|工作|任务|要求)?"
_VERB = r"(?:给予|获得|得|计|给|记|赋)"
# "扣1.5分", "减1.5分", "扣除1分": a deduction, however the verb is written (lists family)
_MINUS = r"(?:扣除|扣减|扣|减去|减)"
_ZERO = r"(?:即|则|均|的)?,?(?:该项|本项|此项|该指标|本指标)?(?:不得分|不计分|(?:得|计)0分)"

_EACH_ADD = (
    re.compile(
        rf"^{_SCOPE}?(?:的)?,?(?:每|各)(?:1|一)?(?:项|条)?(?:措施|内容|指标|要点|工作|任务|要求)?各?(?:{_YES}(?:的)?)?,?"
        rf"{_VERB}?{NUM}分$"
    ),
    re.compile(rf"^(?:每|凡)?{_YES}{_SCOPE}?(?:中的)?{_ONE}(?:的|者)?,?各?{_VERB}?{NUM}分$"),
    re.compile(rf"^{_SCOPE}(?:的)?,?{_VERB}?{NUM}分/(?:项|条)$"),
)
_EACH_ADD_BEFORE = re.compile(
    rf"^(?:{_YES}|具备)?(?:以下|下列)(?:条件|要点|内容|标准|要求)?(?:的)?,?(?:每(?:1|一)?(?:项|条)|各)(?:各)?{_VERB}?{NUM}分$"
)
_EACH_DEDUCT = (
    re.compile(
        rf"^{_SCOPE}?(?:的)?,?(?:每|凡|如|若)?(?:有|存在|发现)?(?:{_ONE}|每项)(?:要点|条件|内容|指标)?{_NO}(?:的)?,?各?{_MINUS}{NUM}分$"
    ),
    # lists family (s8): "缺任一项扣1分", "少其中一项扣3分" (任/任何/其中 as in "任一项不符合扣1分")
    re.compile(rf"^(?:每|凡)?{_NO}{_SCOPE}?(?:中的)?(?:其中|任|任何)?(?:1|一)?(?:项|条)(?:的)?,?{_MINUS}{NUM}分$"),
    re.compile(rf"^每(?:1|一)?(?:项|条)各?{_MINUS}{NUM}分$"),
)
_ALL_OR_NOTHING = re.compile(
    rf"^{_SCOPE}?(?:的)?,?(?:如|若|凡)?(?:有|存在)?(?:任|任何|其中)?(?:1|一)(?:项|条)(?:要点|条件|内容|指标)?{_NO}{_ZERO}$"
    # lists family (s8): "缺任一项不得分", "少其中一项的,不得分" (任/任何/其中 said: any one of the list)
    rf"|^{_SCOPE}?(?:的)?,?(?:如|若|凡)?{_NO}{_SCOPE}?(?:中的)?(?:任|任何|其中)(?:1|一)(?:项|条){_ZERO}$"
)
_FULL = re.compile(
    rf"^{_SCOPE}?(?:的)?,?(?:全部|均|都|同时)?{_YES}(?:全部|所有)?{_SCOPE}?(?:条件|要点|要求|标准|内容)?(?:的)?,?"
    rf"{_VERB}(?:满分|{NUM}分)$"
)
# "完成计满分,没有完成计0分" after "每项措施各1.5分": each item all or nothing, which is what an item is
_EACH_WHOLE = re.compile(
    rf"^{_YES}(?:的|者)?,?{_VERB}满分,?(?:如|若)?(?:没有|未|不|无){_YES}(?:的|者)?,?(?:不得分|不计分|{_VERB}0分)$"
)
# "每完成1项取得该项分数", "未完成项不得分": each item scores its own marks or nothing (words family)
_ITEM_WHOLE = (
    re.compile(
        rf"^每?{_YES}(?:1|一)?项(?:的)?,?(?:取得|获得|得|计|给)(?:该项|本项|相应|对应)(?:的)?(?:分数|分值|得分|分)$"
    ),
    re.compile(
        r"^(?:未完成|不符合|未达到|未做到|不满足|未落实)(?:的)?(?:项|项目|分项)(?:的)?,?(?:该项)?(?:不得分|不计分|得0分|计0分)$"
    ),
)
_TOTAL = re.compile(rf"^(?:本项|该项|此项|本指标|该指标)?(?:共|(?<!符)合计|总计|共计|满分|总分)(?:为)?{NUM}分$")
_FULL_SCOPED = re.compile(r"(?:以上|上述|下列|前述|全部|所有|均|都|同时|各项|要点|条件)")


@dataclass(frozen=True)
class ListRules:
    """What the text says of every item: ``each`` (marks), ``deduct`` (per item not met), ``zero`` (all or
    nothing), ``full`` (the list's full marks: a number, or 0 for 得满分 — the weight)."""

    each: Decimal | None = None
    deduct: Decimal | None = None
    zero: bool = False
    full: Decimal | None = None
    full_said: bool = False
    whole: bool = False  # said that each item scores its own marks or nothing ("每完成1项取得该项分数")

    @property
    def any(self) -> bool:
        return self.each is not None or self.deduct is not None or self.zero

    def merge(self, other: ListRules) -> ListRules | None:
        pairs = [(self.each, other.each), (self.deduct, other.deduct), (self.full, other.full)]
        if any(a is not None and b is not None for a, b in pairs) or (self.full_said and other.full_said):
            return None
        return ListRules(
            each=self.each if self.each is not None else other.each,
            deduct=self.deduct if self.deduct is not None else other.deduct,
            zero=self.zero or other.zero,
            full=self.full if self.full is not None else other.full,
            full_said=self.full_said or other.full_said,
            whole=self.whole or other.whole,
        )


def list_rule(sentence: str, before: bool = False) -> ListRules | None:
    """The list rule a whole sentence states (``before``: it opens the list, "以下每项1分:")."""
    s = sentence.strip(" ,;。:、")
    if s.endswith(")") and "(" not in s:
        s = s[:-1]
    if before:
        found = _EACH_ADD_BEFORE.match(s)
        return ListRules(each=Decimal(found.group(1))) if found else None
    for pattern in _EACH_ADD:
        if found := pattern.match(s):
            return ListRules(each=Decimal(found.group(1)))
    for pattern in _EACH_DEDUCT:
        if found := pattern.match(s):
            return ListRules(deduct=Decimal(found.group(1)))
    if _EACH_WHOLE.match(s):
        return ListRules()
    if any(p.match(s) for p in _ITEM_WHOLE):
        return ListRules(whole=True)
    if found := _TOTAL.match(s):
        return ListRules(full=Decimal(found.group(1)), full_said=True)
    if _ALL_OR_NOTHING.match(s):
        return ListRules(zero=True)
    if (found := _FULL.match(s)) and _FULL_SCOPED.search(s):
        return ListRules(full=Decimal(found.group(1)) if found.group(1) else None, full_said=True)
    return None


def split_rules(text: str) -> tuple[str, ListRules] | None:
    """The text without its list rules, and the rules; None when two of them conflict. A rule is a run of
    a sentence's comma-separated pieces (sentences end at 。 and ;): "以上指标,每项1.5分,不达标不得分"."""
    rules = ListRules()
    kept: list[str] = []
    for sentence in re.split(r"(?<=[;。])", text):
        end = sentence[-1] if sentence[-1:] in (";", "。") else ""
        # a score ends a clause even without a comma: "每项1.5分不达标不得分"
        # lists family (s8): not after an item number opening the sentence before a word of 分 ("2分工明确")
        pieces = re.split(
            rf",|(?<=\d分)(?=[^\d,;。)])(?!(?:(?<=^\d分)|(?<=^\d\d分)){FEN_WORD})",
            sentence[: len(sentence) - len(end)],
        )
        left: list[str] = []
        at = 0
        while at < len(pieces):
            for stop in range(len(pieces), at, -1):
                found = list_rule(",".join(pieces[at:stop]))
                if found is not None:
                    merged = rules.merge(found)
                    if merged is None:
                        return None
                    rules, at = merged, stop
                    break
            else:
                piece, tail = _tail(pieces[at])
                if tail is not None:
                    merged = rules.merge(tail)
                    if merged is None:
                        return None
                    rules = merged
                left.append(piece)
                at += 1
        if left:
            kept.append(",".join(left) + end)
    return "".join(kept), rules


_RULE_START = re.compile(r"以上|上述|每|各项|符合以上|满足以上")


def _tail(piece: str) -> tuple[str, ListRules | None]:
    """A list rule written onto the last item without a comma: "(4)有一支信息员队伍每项各2.5分"."""
    for found in _RULE_START.finditer(piece):
        if found.start() > 0 and (rule := list_rule(piece[found.start() :])) is not None:
            return piece[: found.start()], rule
    return piece, None
