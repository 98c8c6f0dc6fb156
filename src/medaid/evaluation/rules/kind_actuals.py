"""Reading the actual of a rule with several kinds of case (rules/kinds.py): which count an actual (or a
扣分说明) gives each kind. One statement per segment, split at ，；。、:
- a count ("不合格文书1份", "迟报2次") goes to the one kind whose own words — characters no other kind has —
  the statement uses; it must keep the kind's negation or qualifier ("不", "未", "超"…), and its counter;
- "无X", "未发生X" (after a topic: "抽查记录无少项") clears the kinds X names; "无"/"未发现问题" clears all;
- a statement without a negation that restates a kind's requirement ("补贴面积均按时报送", "申请对象情况真实",
  "行政处罚文书均合格") clears that kind; a one-off kind named with its negation ("未建立信访台账") happened once;
- a kind the actual does not name is read as not found, and the reason says so;
- a statement the text says scores in full ("未发生突发公共卫生事件的不扣分") clears every kind;
- a bare total ("3项") is read only when every kind scores alike; a part of another statement ("其中1件…":
  counted twice, or once?) and anything else is refused.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.quantity import normalize_text
from medaid.evaluation.rules.absences import happened, masked, stated_absences
from medaid.evaluation.rules.case_kinds import CaseKind, Tally
from medaid.evaluation.rules.clause_lists import denied_kinds
from medaid.evaluation.rules.count_vocab import (
    COUNTER,
    NUMBER,
    POSITIVE,
    classifies,
    cn_int,
    plain,
    same_counter,
    simplified,
    statements,
)
from medaid.evaluation.rules.count_words import (
    NEGATIONS,
    QUALIFIERS,
    content_chars,
    none_missing,
    plan_done,
    plan_pairs,
    restates,
)
from medaid.evaluation.rules.kind_asides import SPAN, aside_disagrees, only_counted, shared_negation
from medaid.evaluation.rules.kind_clauses import by_clauses, settled
from medaid.evaluation.rules.kind_statements import ALL_OF, GENERIC, NONE, REST
from medaid.evaluation.rules.kind_vetoes import veto_said
from medaid.evaluation.rules.naming import canon
from medaid.evaluation.rules.occurrences import OCCURRENCES

_ANY = "[^,;。、不未没无]"
_NEG = NEGATIONS
_chars = content_chars


class _Reader:
    def __init__(self, kinds: tuple[CaseKind, ...]) -> None:
        self.kinds = kinds
        chars = [_chars(k.text) for k in kinds]
        self.own = [c - set().union(*(o for j, o in enumerate(chars) if j != i)) for i, c in enumerate(chars)]
        self.notes: list[str] = []

    def named(self, words: str, *, says_it: bool = False) -> list[int]:
        """The kinds whose own characters the words use; ``says_it``: and that name what the kind counts
        ("实巡访22次" names no "缺")."""
        used = _chars(words)
        said = [not says_it or not _chars(k.what) or bool(used & _chars(k.what)) for k in self.kinds]
        found = [i for i, own in enumerate(self.own) if used & own and said[i]]
        whole = [i for i in found if self.whole(words, i)]
        return whole if len(found) > 1 and len(whole) == 1 else found  # "缺报" names 缺 whole, 迟报 by 报 only

    def whole(self, words: str, i: int) -> bool:
        """The words hold the kind's name entire ("缺报2次" holds "缺"; of "迟报" only 报)."""
        what = plain(self.kinds[i].what)
        return bool(what) and what in words

    def negated_kind(self, words: str) -> bool:
        """ "无明显改善" when a one-off kind is "…环境无明显改善": the kind happened, not its absence."""
        return any(k.once and len(plain(words)) > 2 and plain(words) in k.text for k in self.kinds)

    def segments(self, text: str) -> list[str]:
        """The statements of an actual, split at ，；。 and 、; a bare topic before 、 ("全年报表、数据无缺报":
        no number, negation or predicate, naming no kind entire) is the subject of the statement after it."""
        found: list[str] = []
        for statement in statements(text):
            pieces = shared_negation(statement.split("、"), [k.text for k in self.kinds])
            for i, piece in enumerate(pieces):
                topic = not re.search(rf"\d|[{_NEG}]", piece) and not POSITIVE.search(piece)
                if i + 1 < len(pieces) and topic and not any(self.whole(piece, k) for k in range(len(self.kinds))):
                    # "协助查处、回访均到位": objects under one 均 keep their 、 (each is said done)
                    joint = "、" if ALL_OF.search("".join(pieces[i + 1 :])) else ""
                    pieces[i + 1] = piece + joint + pieces[i + 1]
                elif piece:
                    found.append(piece)
        return self._shortfalls(plan_pairs(found))

    def _shortfalls(self, found: list[str]) -> list[str]:
        """ "应巡访24次,实巡访22次": a plan and what was done, in one verb and counter, say 2 were not done; the
        pair becomes that shortfall worded as the one kind that counts it ("缺巡访2次" for "每缺1次", "未回访1户次"
        for "未…进行回访的,每一户次") — left as written when no kind, or several, would count it, unless nothing
        is short ("应报12次,实报12次": set aside). A "其中…" right after the pair ("其中迟报2次") is of what was
        done, not a part of a kind: read as a statement of its own."""
        out: list[str] = []
        i = 0
        while i < len(found):
            pair = plan_done(found[i], found[i + 1]) if i + 1 < len(found) else None
            if pair is not None:
                verb, gap, counter = pair
                forms = {f"{neg}{verb}{gap}{counter}": self._counted_by(neg, verb) for neg in ("缺", "未", "少", "漏")}
                kinds = {k for named in forms.values() for k in named}
                if len(kinds) == 1 or (not kinds and gap == 0):
                    said = next((form for form, named in forms.items() if named), "")
                    out += [said] if said else []
                    self.notes.append(f"“{found[i]},{found[i + 1]}”读作“{said or '无缺少'}”")
                    i += 2
                    if i < len(found) and found[i].startswith("其中"):
                        found[i] = found[i][2:]
                    continue
            out.append(found[i])
            i += 1
        return out

    def _counted_by(self, negation: str, verb: str) -> list[int]:
        """The kinds that would count "未回访": they speak of 回访, and the words name them."""
        words = negation + verb
        return [i for i in self.named(words, says_it=True) if self.keeps_sense(words, i) and verb in self.kinds[i].text]

    def keeps_sense(self, words: str, i: int) -> bool:
        """The statement adds no negation the kind does not have, and keeps each one before the words it
        uses ("合格文书" drops the 不 of "文书不合格", "标准执行" the 超 of "超标准执行")."""
        text = masked(self.kinds[i].text)  # "无故推诿": no negation, in the kind as in the words
        said = {c for c in masked(words) if c in _NEG}
        if not said <= {c for c in text if c in _NEG}:
            return False
        for found in re.finditer(rf"([{_NEG}]+)(?:有|能|得)?(.)", text):
            char = found.group(2)
            bare = re.search(rf"(?<![{_NEG}有能得]){re.escape(char)}", text)  # "危房户" beside "无房户"
            if char in words and not set(found.group(1)) & said and bare is None:
                return False
        return True

    def restates(self, words: str, i: int) -> bool:
        """ "申请对象情况真实" restates "申请对象情况不真实" without its negation: none of that kind."""
        text = self.kinds[i].text
        if not any(c in _NEG for c in text):
            return False  # a kind that counts no failure ("被卫星监测到的火点") is never restated
        done = re.fullmatch(r"([^\d不未没无缺,]{0,8}?)(?:均|都)?已(?:经)?([^\d不未没无缺,]{2,8})", words)
        if done and done.group(1) in text:  # "已部署" for "未作出禁烧工作部署的", "已实行包片" for "未实行包片责任制"
            did = re.escape(done.group(2))
            said = rf"(?:未|没有)(?:({_ANY}*){did}(?:的|者)?$|(){did})"
            for part in re.split(r"[,;。]", text):
                found = re.search(said, part)
                gap = found and (found.group(1) or "")
                if found and not any(q not in words for q in QUALIFIERS.findall(gap or "")):
                    return True  # what was not done, done — "均已拨付" keeps no 按时 of "未按时拨付"
        if none_missing(words, text):
            return True
        goods = [m.group(1) for m in re.finditer(r"(?:不|未|没有|没|无)([^,;。、不未没无]{1,12})", text)]
        goods += [p for p in re.split(r"[,;。、?]", text) if p and not any(c in _NEG for c in p)]
        return any(restates(words, g) for g in goods)


def read_kinds(text: str, kinds: tuple[CaseKind, ...], vetoes: tuple[str, ...], clears: tuple[str, ...] = ()) -> Tally:
    """The count of each kind an actual (or a 扣分说明) states; see the module's conventions."""
    reader = _Reader(kinds)
    norm = normalize_text(simplified(text)).replace("“", "").replace("”", "")
    counts: dict[int, Decimal] = {}
    total: Decimal | None = None
    alike = len({(k.points, k.per, k.unit, k.once) for k in kinds}) == 1 and not kinds[0].once

    def put(i: int, value: Decimal) -> str | None:
        if counts.get(i, value) != value:
            return f"“{kinds[i].what}”写有两个数"
        counts[i] = value
        return None

    absent: dict[int, set[str]] = {}  # faults written as an absence, stated: the elements named of each kind
    spoken: set[int] = set()  # kinds one alternative of which a statement cleared (``kind_clauses``)
    for segment in reader.segments(norm):
        if hit := next((v for v in vetoes if plain(segment) == plain(v)), None):
            return Tally({}, veto=hit)
        if (vetoed := veto_said(segment, [k.text for k in kinds], vetoes)) is not None:
            if vetoed[1]:  # "但发生安全责任事故1起"; "未及时整治" for "…未及时整治的扣完基本分"
                return Tally({}, veto=vetoed[0])
            continue  # "发生安全责任事故0起", "已及时整治": it did not happen
        if segment.startswith("其中"):  # "其中1件催办后仍未完成": counted in two kinds, or in one?
            if not any(k.within is not None for k in kinds):
                return Tally({}, f"“{segment}”是另一类情形的一部分，各类是否重复计算未写明")
            segment = segment[2:]  # the text itself counts it within another kind (``CaseKind.within``)
        if (event := re.fullmatch(rf"(?:发生|出现|共发生|共出现)({NUMBER})({COUNTER})", segment)) and (
            (only := only_counted(kinds, event.group(2))) is not None
        ):  # "发生2起" when one kind alone is counted, in 起, beside one-offs: that kind's count
            value = cn_int(event.group(1))
            if value is None or value != value.to_integral_value() or (why := put(only, value)):
                return Tally({}, why or f"“{segment}”不是整数")
            continue
        if bare := re.fullmatch(rf"({NUMBER})({COUNTER})?", segment):  # "3", "3项": a total
            value, unit = cn_int(bare.group(1)), kinds[0].unit
            if value == ZERO and total is None:  # "0起": no case of any kind, whatever each scores
                counts.update({i: ZERO for i in range(len(kinds)) if i not in counts})
                continue
            if not alike or total is not None:
                return Tally({}, f"“{segment}”未写明是哪一类情形，各类计分不同")
            if value is None or value != value.to_integral_value():
                return Tally({}, f"“{segment}”不是整数")
            if bare.group(2) and unit and not same_counter(bare.group(2), unit):
                return Tally({}, f"“{segment}”的单位是{bare.group(2)}，规则按{unit}计")
            total = value
            continue
        if any(canon(plain(segment)) == canon(plain(c)) for c in clears):  # "没有事故" for "无事故得8分"
            counts.update({i: ZERO for i in range(len(kinds)) if i not in counts})
            continue
        said = None if plain(segment) in GENERIC else stated_absences(segment, [k.text for k in kinds])
        if isinstance(said, str):
            return Tally({}, said)
        if said:  # "无垃圾填埋场" beside "无垃圾池、垃圾填埋场各扣6分": the fault stated
            for i, things in said.items():
                absent.setdefault(i, set()).update(things)
            continue
        if (none := NONE.match(segment)) and not (
            reader.negated_kind(after := segment[len(none.group("topic")) :])
            or happened(after, [k.text for k in kinds])
        ):
            rest = none.group("rest")
            generic = plain(rest) in GENERIC or rest in GENERIC  # "上述问题": plain would keep "上述"
            named = list(range(len(kinds))) if generic else reader.named(rest)
            if not named:  # "无非访", "无越级访、集体访": things several kinds state (``clause_cover``)
                covered = by_clauses(segment, kinds, put, spoken)
                if covered is None or not covered[0]:
                    return Tally({}, covered[1] if covered else f"“{segment}”未对应评分标准所列的任何一类情形")
                reader.notes.append(covered[1])
                continue
            for i in named:
                counts.setdefault(i, ZERO)
            continue
        if REST.fullmatch(segment):  # "其余均已落实": the kinds not named were not found, as a kind not named
            continue
        whole = not re.search(rf"{NUMBER}{COUNTER}", segment) or re.search(r"均|全部|都|全|皆", segment)
        named = reader.named(segment)
        cleared = [i for i in named if whole and reader.restates(segment, i)]
        cleared = [i for i in cleared if kinds[i].within not in cleared]  # none of a kind: none within it either
        cleared += [j for j, k in enumerate(kinds) if k.within in cleared and len(cleared) == 1]
        alone = len({i if kinds[i].within is None else kinds[i].within for i in cleared}) == 1
        if alone or (cleared and cleared == named and re.search(r"和|及|与|、", segment)):
            for i in cleared:  # "量化分级和卫生员制度均落实": each requirement restated
                counts.setdefault(i, ZERO)
            continue
        aside = re.fullmatch(rf"(?P<main>\D*?{NUMBER}{COUNTER}\D*?)\((?P<n>{NUMBER})(?P<c>{SPAN})\)", segment)
        segment = aside.group("main") if aside else segment  # "无故拖延1次(1天)": the case measured again
        found = re.fullmatch(rf"(\D*?){OCCURRENCES}(\D*)", segment)  # faults (s6, round 3): "2天" counted too
        words = found.group(1) + found.group(4) if found else segment
        named = reader.named(words, says_it=True)
        if len(named) != 1 or not reader.keeps_sense(words, named[0]):
            # "火葬区调整已及时上报": a kind denied by the words it shares with it
            if (by_words := denied_kinds(segment, [k.text for k in kinds])) is not None:
                for i in by_words:
                    counts.setdefault(i, ZERO)
                continue
            if (covered := by_clauses(segment, kinds, put, spoken)) is not None:  # "缺1份责任状": ``clause_cover``
                if not covered[0]:
                    return Tally({}, covered[1])
                reader.notes.append(covered[1])
                continue
            which = "对应多类情形" if len(named) > 1 else "未对应评分标准所列的任何一类情形"
            return Tally({}, f"“{segment}”{which}")
        i, kind = named[0], kinds[named[0]]
        if found is None:
            if not any(c in _NEG for c in words) and (note := settled(segment, kinds, i, put, spoken)):
                reader.notes.append(note)  # "项目经理均持证", "排查机制落实到位": what the kind negates, done
                continue
            if not kind.once:
                return Tally({}, f"“{segment}”未写明数量")
            if not any(c in _NEG for c in words):  # "住房情况一般" for "住房条件无明显改善": not said
                return Tally({}, f"“{segment}”未写明是否出现“{kind.what}”")
            if re.search(r"\d|[两二三四五六七八九十]", words):  # faults family (s6, round 3): "…2小时"
                return Tally({}, f"“{segment}”写有数量，而“{kind.what}”按出现计，不按一次计")
            why = put(i, Decimal(1))
        else:
            value, counter = cn_int(found.group(2)), found.group(3)
            if kind.once or value is None or value != value.to_integral_value():
                return Tally({}, f"“{segment}”不是“{kind.what}”的整数个数")
            if kind.unit and not same_counter(counter, kind.unit) and not classifies(counter, kind.unit, kind.what):
                return Tally({}, f"“{segment}”的单位是{counter}，规则按{kind.unit}计")
            why = aside_disagrees(aside, kind, value) if aside else None
            why = why or put(i, value)
        if why:
            return Tally({}, why)
    for i, things in absent.items():
        value = Decimal(1) if kinds[i].once else Decimal(len(things))
        if counts.get(i, ZERO) not in (ZERO, value):
            return Tally({}, f"“{kinds[i].what}”写有两个数")
        counts[i] = value
        reader.notes.append(f"“{kinds[i].what}”以缺失写出，说明写明缺{'、'.join(sorted(things))}，计{fmt(value)}项")
    for i in spoken:
        counts.setdefault(i, ZERO)
    if total is not None and counts:
        return Tally({}, "既写有总数又写有分类数，无法判断按哪一个计")
    if total is None and not counts:
        return Tally({}, f"“{text}”未写明各类情形的数量")
    return Tally(counts, total=total, notes=tuple(reader.notes))
