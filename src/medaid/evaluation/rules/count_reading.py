"""Reading the count an actual (or a 扣分说明) states for a count rule (rules/counts.py, rules/cases.py): how many
cases, items or places, in the rule's counter ("3个", "2个部门", "缺2项", "2项未完成"), a bare whole number ("3"), or
a statement that none was found ("无", "未发现", "无超标准执行", "4项全部完成" when the rule counts 未完成, or the
opposite of what is counted: "证件齐全" for "缺一项", rules/count_opposites.py). Words beside the count must be the
rule's own words for what it counts; a count in another counter ("3所" for "一个学校"), a fraction of a case or any
other text is refused (docs/rules.md, "Counts and ranks")."""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.quantity import normalize_text
from medaid.evaluation.rules.count_beside import Counting, counted_beside
from medaid.evaluation.rules.count_denials import EXAMPLES, SECOND_COUNT, denies_broader, looked_at
from medaid.evaluation.rules.count_details import (
    PART_OF_WHOLE_LEFT,
    named_side,
    numbered_what,
    part_of_whole,
    split_counts,
    summed_alternatives,
    without_own_counter,
)
from medaid.evaluation.rules.count_exceptions import plainly_met, restates_plainly
from medaid.evaluation.rules.count_hedges import veto_measured
from medaid.evaluation.rules.count_opposites import opposite
from medaid.evaluation.rules.count_phrasings import (
    joined,
    named_items,
    occurrence,
    read_occurrence,
)
from medaid.evaluation.rules.count_rests import faults_then_rest, headed_cases, named_lacking
from medaid.evaluation.rules.count_results import Count as Count  # re-exported
from medaid.evaluation.rules.count_statements import (
    NONE,
    PERIOD,
    PLAIN_GENERIC,
    names_a_count,
    none_of,
    not_done,
    veto_counted,
    veto_denied,
    veto_in,
)
from medaid.evaluation.rules.count_summaries import (
    all_present,
    denies_head,
    named_missing,
    opposed_veto,
    present_alone,
    summarized,
    summary,
)
from medaid.evaluation.rules.count_vocab import (
    COUNTER,
    MISSING,
    NUMBER,
    PART,
    plain,
    simplified,
    statements,
)


def read_count(
    text: str,
    *,
    unit: str | None,
    what: str = "",
    subject: str = "",
    vetoes: tuple[str, ...] = (),
    clears: tuple[str, ...] = (),
    condition: str = "",
    limits: tuple[str, ...] = (),
    fault: str = "",
    topic: str = "",
    faults: bool = False,
    items: Decimal | None = None,
) -> Count:
    """The count an actual (or a 扣分说明) states, in the rule's counter ``unit`` (None: any counter).
    ``clears``: requirements whose restatement says none was found ("达到任务书要求"). A statement that only
    says the item failed ("未达到要求") or a percentage ("水质比例100%") counts nothing and is set aside.
    ``fault``: the words that say which of the things counted are cases ("不完整" of "不完整的每个项目"), which
    an actual may write on either side of its count (rules/count_phrasings.py); ``topic``: the rule's text, whose
    words an occurrence written with its condition in brackets ("火灾事故1次(死亡1人)") must use; ``faults``: what
    is counted are faults (a deduction per case), whose opposite ("证件齐全" of "缺") says none was found — never
    for things done (``CountScore``: "有毒村" says nothing of how many "无毒村" were made)."""
    from medaid.evaluation.rules.count_words import (
        all_done,
        heading,
        limit_denied,
        limit_reached,
        sample,
        shortfalls,
        written,
    )

    norm = normalize_text(simplified(text)).replace("“", "").replace("”", "").replace('"', "")
    norm = EXAMPLES.sub("", norm)  # counts family (s9): "漂浮物3处(塑料瓶、泡沫板等)": kinds named, not counted
    what = without_own_counter(what)  # counts family (s7): "缺失内容或重复一个部分"
    shown = unit or "处"
    counts: list[Decimal] = []
    veto: str | None = None
    cleared: list[str] = []
    restated = partial = False
    told = statements(norm)  # counts family (s8): a full-marks condition restated whole keeps its 且 ("齐全且符合要求")
    kept = {s for s in told if not re.search(r"\d", s) and any(restates_plainly(s, c.rstrip(PART)) for c in clears)}
    segments, notes = shortfalls([p for s in told for p in ([s] if s in kept else joined([s]))], what)
    segments = [piece for segment in segments for piece in split_counts(segment)]  # counts family (s7)
    segments = [part_of_whole(segment) for segment in segments]  # counts family (s9): "三项中有一项未达标"
    if (headed := headed_cases(segments)) is not None:  # counts family (s9): "发现三处不符合：两项…，一次…"
        if isinstance(headed, str):
            return Count(None, headed)
        segments, notes = headed[0], [*notes, headed[1]]
    denied: set[int] = set()  # counts family (s7 fix): the alternatives of what is counted denied one by one
    worded: list[str] = []  # the words beside each count read in the main path, for ``summed_alternatives``
    present: tuple[str, ...] | None = None  # counts family (s8): a statement that the things named are there
    described: list[str] = []  # counts family (s9): descriptions of a thing as required, beside the count
    if not vetoes and not limits and (rested := faults_then_rest(segments, what, items)) is not None:
        return Count(rested[0], f"{fmt(rested[0])}{shown}（“{text.strip()}”；{rested[1]}）")  # counts family (s9)
    if not vetoes and not limits and (summed := summarized(segments, what, unit, items)) is not None:
        # counts family (s8): descriptions of what was seen, then their summary ("…不能出入，1项不符合")
        return Count(summed[0], f"{fmt(summed[0])}{shown}（“{text.strip()}”；{summed[1]}）")
    for segment in segments:
        segment = PERIOD.sub("", segment) or segment  # "全年举办培训3次": the period the actual covers
        if (hit := veto_in(segment, vetoes)) is not None:
            veto = hit
            continue
        if (measured := veto_measured(segment, vetoes)) is not None:  # counts family (s7 fix)
            return Count(None, f"“{segment}”写的是“{measured}”（该项不得分）所比较的量，是否达到需人工判断")
        opposed = None if not faults or opposite(segment, what, subject) else opposed_veto(segment, vetoes)
        if (hit := veto_denied(segment, vetoes) or opposed) is not None:
            cleared.append(hit)  # counts family: "填写完整" for the veto "填写不全"
            continue
        if (side := occurrence(segment)) is not None:  # counts family: "死亡事故1次(死亡1人)"
            read = read_occurrence(side, segment, what, limits)
            if read is not None and not read[0]:
                return Count(None, read[1])
            if read == (True, ""):  # "死亡1人" is below "一次死亡2人及以上"
                cleared += [v for v in limits if limit_reached(side[2], (v,)) is not None]
                read = None
            if read is not None:
                veto = read[1]
                continue
            segment, by_aside = side[0], True
        else:
            by_aside = False
        if (reached := limit_reached(segment, limits)) is not None:
            if reached[1] is None:
                return Count(None, f"“{segment}”恰在“{written(reached[0])}”的界限上，评分标准未写明是否含本数")
            veto = reached[0] if reached[1] else veto
            cleared += [] if reached[1] else [reached[0]]
            notes += [] if reached[1] else [f"“{segment}”未达到“{written(reached[0])}”该项不得分的界限"]
            continue
        if not re.search(r"\d", segment) and (met := [c for c in clears if restates_plainly(segment, c.rstrip(PART))]):
            # a count beside it ("评定合格,投诉0次") is the count; alone it says none was found, unless it is only
            # one of the requirements ("评定合格" of "评定合格,且未发生投诉和通报")
            restated = restated or any(not c.endswith(PART) for c in met)
            partial = partial or all(c.endswith(PART) for c in met)
            notes.append(f"“{segment}”即评分标准得满分的条件，按未发现计")
            continue
        if (said := veto_counted(segment, vetoes)) is not None:
            veto, cleared = (said[0], cleared) if said[1] else (veto, [*cleared, said[0]])
            continue
        if (
            heading(segment)
            or sample(segment)
            or (re.search(r"\d%", segment) and not re.search(rf"\d{COUNTER}", segment))
        ):
            notes.append(f"“{segment}”不是{shown}数，未计")
            continue
        if re.fullmatch(r"\d+(?:\.\d+)?", segment):  # a bare number: the count, if whole
            value = Decimal(segment)
            if value != value.to_integral_value():
                return Count(None, f"“{segment}”不是整{shown}数")
            counts.append(value.to_integral_value())
            continue
        if (none := NONE.match(segment)) and not names_a_count(segment, what, subject):
            rest = none.group(1)
            if (hit := veto_in(rest, vetoes) or limit_denied(rest, limits)) is not None:
                cleared.append(hit)
            elif (
                plain(rest) in PLAIN_GENERIC
                or plain(rest) == plain(what)
                or none_of(rest, what)
                or denies_head(rest, what)
                or denies_broader(rest, what)  # counts family (s9): "无缺席" for "无故缺席会议"
            ):
                counts.append(ZERO)
            elif (one := named_side(rest, what)) is not None:  # counts family (s7 fix): "无缺失内容" denies one
                denied.add(one)
                notes.append(f"“{segment}”只否定了“{what}”的一类情形")
            else:
                return Count(None, f"“{segment}”未说明发现的{shown}数")
            continue
        if not re.search(r"\d", segment) and not_done(segment, what):
            counts.append(ZERO)
            continue
        if (
            summed_up := summary(segment, what, unit, items)
        ) is not None:  # counts family (s8): "2项均符合", "两项均不符合"
            counts.append(summed_up)
            worded.append(what)
            continue
        if faults and (
            (named := named_missing(segment, what, subject, unit)) is not None  # s8: "缺康复科1个科室"
            or (named := named_lacking(segment, what, subject)) is not None  # s9: "未设置康复医学科和医学影像科"
        ):
            counts.append(named[0])
            worded.append(what)
            notes.append(f"“{segment}”列出缺{named[1]}")
            continue
        if faults and (there := all_present(segment, what, subject)) is not None:  # s8: "A、B均已设置"
            notes.append(there[0])  # none of those named is missing: a count beside it is of the others
            present = there[1]
            continue
        if PART_OF_WHOLE_LEFT.search(segment) is not None:  # counts family (s9): "三户中有一项…" not read
            return Count(None, f"“{segment}”写有所查的总数和其中的数，未能确定按哪一个计")
        found = re.fullmatch(rf"(\D*?)({NUMBER})({COUNTER})(\D*)", segment)
        if found is not None and SECOND_COUNT.search(found.group(4)) is not None:  # counts family (s9)
            return Count(
                None, f"“{segment}”写有两个数（如所查的数和其中的数），无法判断按哪一个计"
            )  # "五次检查两次不合格"
        found = found or numbered_what(segment, what)
        if found is None:
            if all_done(segment, what, alone=segment == norm):
                counts.append(ZERO)
                continue
            if faults and (opposite(segment, what, subject) or (fault and opposite(segment, subject + fault, subject))):
                counts.append(ZERO)  # counts family: "证件齐全" for "缺一项", "项目经理均持证"
                notes.append(f"“{segment}”与“{subject + fault if fault else what}”相反，即未发现")
                continue
            if faults and (listed := named_items(segment, joined_too=False)) is not None and plain(what)[:1] in MISSING:
                counts.append(Decimal(listed))  # counts family: "缺卫生许可证、组织机构代码证"
                notes.append(f"“{segment}”列出缺 {listed}{shown}")
                continue
            if faults and plainly_met(segment):  # counts family (s9): "河面清洁，未发现漂浮物" — a success told
                described.append(segment)
                continue
            if faults and looked_at(segment):  # counts family (s9): "实地查看…，未见…" — the scope of the check
                notes.append(f"“{segment}”是检查的范围，未计")
                continue
            return Count(None, f"“{segment}”不是{shown}数")
        counting = Counting(unit, what, subject, condition, fault, topic, clears, vetoes, limits, items)
        beside = counted_beside(found, segment, segments, by_aside, counting)  # the words beside the count
        if isinstance(beside, Count):
            return beside
        counts.append(beside[0])
        if beside[1] is not None:
            worded.append(beside[1])
    if denied == {0, 1} and not any(counts):  # counts family (s7 fix): "无缺失内容、无重复部分" deny both
        counts.append(ZERO)
    elif denied and not counts and veto is None:
        return Count(None, f"“{text}”只否定了“{what}”的一类情形，另一类未写明")
    if present is not None and not counts:
        if not present_alone(present, items, topic, subject):
            return Count(None, f"“{text}”只写明所列{len(present)}{shown}已具备，未说明其余是否缺少")
        counts.append(ZERO)
    if restated and any(counts):  # "达到目标要求,2个断面未达标": the full marks' condition met, and cases found
        return Count(None, f"“{text}”既写明达到得满分的条件，又写明发现的{shown}数，无法判断按哪一个计")
    if not counts and restated:
        counts.append(ZERO)
    if not counts and veto is None and partial:
        return Count(None, f"“{text}”只写明得满分条件的一部分，未写明{shown}数")
    if not counts and veto is None:
        return Count(None, f"“{text}”未写明{shown}数")
    notes += [f"“{d}”是所查情况合乎要求的描述，未计" for d in described]
    if len(counts) > 1 and any(counts):
        # counts family (s7): "未出勤2次、未佩戴袖标1次" for "未出勤或未佩戴袖标的,一次扣5分": one count per alternative
        if len(worded) != len(counts) or (total_of := summed_alternatives(counts, worded, what)) is None:
            return Count(None, f"“{text}”写有多个数，无法判断按哪一个计")
        notes.append("评分标准所计的两类情形各写一个数，相加")
        counts = [total_of]
    total = counts[0] if counts else None
    how = f"{fmt(total)}{shown}" if total is not None else ""
    if how and norm != how:
        how += f"（“{text.strip()}”{'；' + '；'.join(notes) if notes else ''}）"
    return Count(total, how, veto=veto, cleared=tuple(cleared))
