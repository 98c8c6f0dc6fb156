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
from medaid.evaluation.rules.absences import happened, stated_absences
from medaid.evaluation.rules.case_kinds import CaseKind, Tally
from medaid.evaluation.rules.clause_lists import denied_kinds
from medaid.evaluation.rules.clause_synonyms import hedged, in_text_words, once_counted
from medaid.evaluation.rules.count_vocab import (
    COUNTER,
    NUMBER,
    classifies,
    cn_int,
    plain,
    same_counter,
    simplified,
)
from medaid.evaluation.rules.count_words import (
    NEGATIONS,
)
from medaid.evaluation.rules.kind_asides import SPAN, aside_disagrees, only_counted
from medaid.evaluation.rules.kind_clauses import by_clauses, settled
from medaid.evaluation.rules.kind_grades import (
    graded_events,
    planned_done,
    sanction_statement,
    shortfall_said_twice,
    total_of_all,
)
from medaid.evaluation.rules.kind_periods import period_met, period_shortfall
from medaid.evaluation.rules.kind_reader import KindReader
from medaid.evaluation.rules.kind_statements import (
    GENERIC,
    NONE,
    OPEN_COUNT,
    PER_PERIOD,
    PLANNED,
    REST,
    after_scope,
    checked_scope,
    outside_words,
    qualifier_left_out,
    same_event_counter,
    short_rate,
    undated,
)
from medaid.evaluation.rules.kind_vetoes import veto_said, veto_unqualified
from medaid.evaluation.rules.naming import canon
from medaid.evaluation.rules.occurrences import OCCURRENCES

_NEG = NEGATIONS
# faults (s7, fix round): a kind that counts a shortfall ("少开展活动", "缺少要素"): a count of what was done, or
# "没有" + the requirement, is not a count of it
_SHORTFALL = re.compile(r"^(?:每)?(?:少|缺)")
_NO_SHORTFALL = re.compile(r"^(?:无|没有|未|不存在)(?:缺少|缺失|缺|少|漏)")
# faults (s9): nouns that begin with 缺 and lack nothing ("质量有缺陷的每处扣1分": a defect found, counted)
_NOT_LACK = re.compile(r"缺陷|缺点")


def read_kinds(
    text: str,
    kinds: tuple[CaseKind, ...],
    vetoes: tuple[str, ...],
    clears: tuple[str, ...] = (),
    rule_text: str = "",
    plan: str = "",
) -> Tally:
    """The count of each kind an actual (or a 扣分说明) states; see the module's conventions."""
    reader = KindReader(kinds, vetoes)
    norm = normalize_text(simplified(text)).replace("“", "").replace("”", "")
    norm = in_text_words(norm, [k.text for k in kinds])  # faults (s7): "报送" for the table's "上报"
    norm = planned_done(norm, simplified(plan))  # faults (s9): "公示制度10项" against the target "制度应公示10项"
    if (graded := graded_events(norm, kinds)) is not None:  # faults (s9): "伤残事故1次(重伤1人)" (``kind_grades``)
        return graded
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
    statements = reader.segments(norm)
    for at, segment in enumerate(statements):
        previous = statements[at - 1] if at else ""  # the statement before (s9, round 2: "仍未整治" is of its object)
        segment = after_scope(undated(segment, [k.unit or "" for k in kinds]))  # faults (s9, round 2): dates
        if PLANNED.search(segment):  # s9 fix round: "工程预计达到进度要求" is no statement of what was done
            return Tally({}, f"“{segment}”是计划或预计，不是已发生的情况")
        if (other := outside_words(segment, simplified(rule_text) or "".join(k.text for k in kinds))) is not None:
            return Tally({}, f"“{segment}”中“{other}”：说的是疑似、其他单位或隐患，不是本单位已发生的情形")
        if checked_scope(segment) and not reader.named(segment, says_it=True):  # faults (s9, round 2): "经核查"
            reader.notes.append(f"“{segment}”是检查的范围，不是发现的情形")
            continue
        # a veto's words, 未/没有/无 alike (faults, s7): "未按要求开展宣传工作" for "没有按要求开展宣传工作的,不得分"
        hit = next((v for v in vetoes if canon(plain(segment)) == canon(plain(v))), None)
        # "未开展宣传活动" for "未按要求开展宣传活动…不得分"; "仍未整治" after the thing counted (s9, round 2)
        if hit := hit or veto_unqualified(segment, vetoes, previous):
            return Tally({}, veto=hit)
        if (vetoed := veto_said(segment, reader.texts, vetoes)) is not None:  # kinds without their vetoes (s7)
            if vetoed[1]:  # "但发生安全责任事故1起"; "未及时整治" for "…未及时整治的扣完基本分"
                return Tally({}, veto=vetoed[0])
            continue  # "发生安全责任事故0起", "已及时整治": it did not happen
        if (note := sanction_statement(segment, simplified(rule_text), kinds)) is not None:
            reader.notes.append(note)  # faults (s9): "卫生费100%收取上缴" for "…按比例扣减工作补贴" (``kind_grades``)
            continue
        # s9 fix round: "建档率90%" against "没有建立健康档案…每次": how many were not done?
        if short_rate(segment) and not any("率" in k.text for k in kinds):
            return Tally({}, f"“{segment}”是比例，评分标准按个数计，未写明个数")
        # faults (s9): "各类环境问题共12处" is the bare total "12处"
        segment = total_of_all(segment, simplified(rule_text)) or segment
        if short := shortfall_said_twice(segment, kinds, simplified(rule_text)):  # faults (s9): "少1个县未建立"
            reader.notes.append(f"“{segment}”读作“{short}”")
            segment = short
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
        denial = _NO_SHORTFALL.match(segment)  # s7 fix round: "无缺少要素" denies the absence, never states it
        denial = denial or _NOT_LACK.search(segment)  # faults (s9): "质量无缺陷" is no absence of "陷"
        said = None if plain(segment) in GENERIC or denial else stated_absences(segment, [k.text for k in kinds])
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
            if hedged(segment, "".join(k.text for k in kinds)):  # s9 fix round: "基本无进京非访", "部分乡镇未发生…"
                return Tally({}, f"“{segment}”含程度词或只说部分对象，未说明是否全部未出现")
            rest = none.group("rest")
            generic = plain(rest) in GENERIC or rest in GENERIC  # "上述问题": plain would keep "上述"
            named = list(range(len(kinds))) if generic else reader.named(rest)
            if not generic and any(_SHORTFALL.match(kinds[i].what) and not _SHORTFALL.search(rest) for i in named):
                return Tally({}, f"“{segment}”说的是未做，不是“{kinds[named[0]].what}”未出现")  # s7 fix round
            if not named:  # "无非访", "无越级访、集体访": things several kinds state (``clause_cover``)
                covered = by_clauses(segment, kinds, put, spoken)
                if covered is None or not covered[0]:
                    return Tally({}, covered[1] if covered else f"“{segment}”未对应评分标准所列的任何一类情形")
                reader.notes.append(covered[1])
                continue
            for i in named:
                counts.setdefault(i, ZERO)
            continue
        if (met := period_met(segment, kinds, simplified(rule_text))) is not None:  # faults (s9): "每季度更新1期"
            if why := put(met[0], ZERO):
                return Tally({}, why)
            reader.notes.append(met[1])
            continue
        if (period := period_shortfall(segment, kinds)) is not None:  # faults (s7): "本季度已召开议事会议"
            if why := put(*period):
                return Tally({}, why)
            reader.notes.append(
                f"“{segment}”即“{kinds[period[0]].what}”{fmt(period[1])}{kinds[period[0]].unit or '次'}"
            )
            continue
        if REST.fullmatch(segment):  # "其余均已落实": the kinds not named were not found, as a kind not named
            continue
        if OPEN_COUNT.search(segment):  # s9 fix round: "质量缺陷2处以上", "资料至少缺2项": not an exact count
            return Tally({}, f"“{segment}”的数量只写了下限，未写明确切数量")
        if PER_PERIOD.search(segment):  # s9 fix round: "每月少2期": how many months is not said
            return Tally({}, f"“{segment}”是每期的数量，未写明共几期")
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
        others = [plain(k.what) for j, k in enumerate(kinds) if j != i]
        if (left := qualifier_left_out(segment, plain(kind.what), others)) is not None:  # faults fixer (s9)
            return Tally({}, f"“{segment}”未写明“{left}”，不能确定是否为“{kind.what}”")
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
            thing = found.group(4).strip()  # s9 fix round: "少2个村" against "每少一个乡镇": another thing short
            if _SHORTFALL.match(kind.what) and thing and not set(thing) & set(simplified(rule_text or kind.text)):
                return Tally({}, f"“{segment}”缺少的是“{thing}”，不是“{kind.what}”所计的对象")  # s9 fix round
            if _SHORTFALL.match(kind.what) and not re.search(r"[少缺未没无不差漏]", words):  # s7 fix round
                return Tally({}, f"“{segment}”是做到的次数，不是“{kind.what}”的次数")  # "召开议事会议2次"
            if kind.once and once_counted(value, counter):  # faults (s7): "漏报1次" for "漏报扣0.5分": it happened
                why = put(i, value or ZERO)
                if why:
                    return Tally({}, why)
                continue
            if kind.once and value is not None and value > 1 and value == value.to_integral_value():  # faults (s7)
                return Tally({}, f"“{segment}”：评分标准对“{kind.what}”只写出现即扣 {fmt(kind.points)} 分，"
                             f"未写明是否按次扣分")  # fmt: skip
            if kind.once or value is None or value != value.to_integral_value():
                return Tally({}, f"“{segment}”不是“{kind.what}”的整数个数")
            if (
                kind.unit
                and not same_counter(counter, kind.unit)
                and not classifies(counter, kind.unit, kind.what)
                and not same_event_counter(
                    counter, kind.unit, kind.text, simplified(rule_text)
                )  # faults (s9, round 2): 起 for 次
            ):
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
