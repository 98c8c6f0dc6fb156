"""Three readings of an actual against several kinds of case (faults family, session 9), called from
``kind_actuals.read_kinds``.

- **Graded events.** A table that deducts per event by its severity ("发生伤残事故:重伤1人扣15分/次;重伤2人及以上扣
  30分/次;轻伤1人扣10分/次;…") is answered with the events and each one's severity in brackets: "伤残事故1次（重伤1
  人）", "伤残事故2次（1次重伤2人，1次轻伤1人）". Each severity goes to the one kind of the same word and counter
  whose number it meets ("重伤1人": exactly 1; "重伤2人及以上": 2 or more); the events in brackets must add up to the
  count before them, and an event word before the count must be the text's. Refused: a severity no kind or two
  kinds meet ("重伤3人" when only "重伤1人" is graded), two severities in one event ("1次重伤1人、轻伤2人": one
  deduction or two?), several events with one severity ("2次（重伤1人）": each, or in all?).
- **Sanctions of something else.** A sentence of the text that scores nothing but sanctions something else
  ("卫生费…未收取完成,按比例扣减工作补贴", "…不能及时到位并参与扑救…的予以解聘") is no kind of this row: a statement
  of the actual that speaks of it ("卫生费100%收取上缴", "及时到位参与扑救") — two thirds of its character pairs in
  that sentence, more than in any kind's words — is passed over, and the reason says so.
- **A plan in the target.** A target that states how many are asked ("制度应公示10项") and an actual that states how
  many were done in the same verb, thing and counter ("公示制度10项", "制度已公示8项") make the pair "应公示制度10项,
  实公示制度8项", read as any such pair (``kind_reader._shortfalls``: 2 short, counted by the one kind of 未公示).
  Another verb, thing or counter is left as written.
- **A shortfall said twice.** "少1个县(区)未建立" against "每少一个县(区)扣0.05分" beside the requirement "县(区)级
  疾控中心建立…实验室": the 未<verb> after a 少/缺 count repeats what is short, with the verb of the text's
  requirement; it is read as "少1个县(区)". Another verb ("少1个县未上报": another fault?) is left as written.
- **A total of all kinds.** "各类环境问题共12处", "各类问题共7起" is a bare total ("12处"): read, as a bare total is,
  only when every kind scores alike in that counter.
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.numbers import ZERO
from medaid.evaluation.rules.case_kinds import CaseKind, Tally
from medaid.evaluation.rules.count_vocab import COUNTER, NUMBER, cn_int

_GRADE = re.compile(r"(?P<word>[\u4e00-\u9fa5]{1,6}?)(?P<n>\d+)(?P<c>人|名|例|处|头|只)(?P<up>及以上|或以上|以上)?")
_EVENTS = re.compile(rf"^(?P<event>[\u4e00-\u9fa5]{{0,10}}?)(?P<n>{NUMBER})次\((?P<inner>[^()]+)\)$")
_ONE = re.compile(rf"^(?P<m>{NUMBER})次(?P<grade>.+)$")


def _grades(kinds: tuple[CaseKind, ...]) -> list[tuple[str, Decimal, str, bool]] | None:
    """Each kind as (word, number, counter, and more): all kinds must be graded so, counted per event."""
    out: list[tuple[str, Decimal, str, bool]] = []
    for kind in kinds:
        found = _GRADE.fullmatch(kind.what)
        if found is None or kind.once or (kind.unit or "次") != "次" or kind.per != 1:
            return None
        out.append((found.group("word"), Decimal(found.group("n")), found.group("c"), bool(found.group("up"))))
    return out


def _graded(severity: str, grades: list[tuple[str, Decimal, str, bool]]) -> int | str:
    """The one kind a severity ("重伤1人") meets, or why none or several."""
    found = re.fullmatch(r"(?P<word>[\u4e00-\u9fa5]{1,6}?)(?P<n>\d+)(?P<c>人|名|例|处|头|只)", severity)
    if found is None:
        return f"“{severity}”不是一种伤亡等级（如“重伤1人”）"
    n = Decimal(found.group("n"))
    met = [
        i
        for i, (word, bound, counter, up) in enumerate(grades)
        if word == found.group("word") and counter == found.group("c") and (n >= bound if up else n == bound)
    ]
    if len(met) != 1:
        return f"“{severity}”{'对应多个' if met else '不对应任何'}扣分等级"
    return met[0]


_EVENT_NOUN = re.compile(r"(?:事故|事件|火灾|案件)$")


def _same_event(event: str, words: str) -> bool:
    """s9 fix round: the statement's event is the text's whole event noun ("安全事故" of "发生安全事故:…"), a noun
    of an event (not "安全", "医疗"), and carries the text's qualifier (重大, 较大…: "安全事故" is not
    "重大安全事故")."""
    # faults fixer (s9): the whole noun, not its first event word ("火灾" of "火灾事故": "火灾1次" is not the text's)
    found = re.search(r"(?:发生)?(?P<noun>[\u4e00-\u9fa5]{0,8}?(?:事故|事件|火灾|案件)(?:事故|事件|案件)?)", words)
    return (
        bool(_EVENT_NOUN.search(event))
        and found is not None
        and found.group("noun").endswith(event)
        and (not re.match(r"重大|特大|较大|一般|严重", found.group("noun")) or event == found.group("noun"))
    )


def graded_events(text: str, kinds: tuple[CaseKind, ...]) -> Tally | None:
    """ "伤残事故2次(1次重伤2人,1次轻伤1人)" against kinds graded by severity (see the module); None when the
    kinds or the actual are not of this shape."""
    grades = _grades(kinds)
    found = _EVENTS.fullmatch(re.sub(r"[，,；;、]", ",", text.strip(" 。")))
    if grades is None or found is None:
        return None
    event = re.sub(r"^(?:共)?(?:发生了?|出现了?)", "", found.group("event"))
    if event and not any(_same_event(event, kind.words) for kind in kinds):
        return Tally({}, f"“{found.group('event')}”不是评分标准所写的事件")
    total = cn_int(found.group("n"))
    pieces = [p for p in found.group("inner").split(",") if p]
    counts: dict[int, Decimal] = {}
    notes: list[str] = []
    for piece in pieces:
        each = _ONE.fullmatch(piece)
        if each is None and len(pieces) > 1:
            return Tally({}, f"“{piece}”未写明几次")
        times = cn_int(each.group("m")) if each else total
        severity = each.group("grade") if each else piece
        if each is None and total != 1:
            return Tally({}, f"“{text}”未写明每次各为何种等级（每次各如此，还是合计？）")
        if times is None or times <= 0 or times != times.to_integral_value():
            return Tally({}, f"“{piece}”不是整数次")
        kind = _graded(severity, grades)
        if isinstance(kind, str):
            return Tally({}, kind)
        counts[kind] = counts.get(kind, ZERO) + times
        notes.append(f"{times}次{severity}属“{kinds[kind].what}”")
    if total is None or sum(counts.values(), ZERO) != total:
        return Tally({}, f"“{text}”括号内各次之和与总次数不符")
    counts.update({i: ZERO for i in range(len(kinds)) if i not in counts})
    return Tally(counts, notes=(f"“{text}”读作{'，'.join(notes)}",))


_SANCTION = re.compile(
    r"解聘|辞退|清退|追究[^。;]{0,8}责任|问责|约谈|扣(?:减|发|除)[^。;\d]{0,6}(?:补贴|补助|工资|奖金|绩效|报酬|经费)"
)


def _pairs(text: str) -> set[str]:
    text = re.sub(r"[\d.%‰]+|[^\u4e00-\u9fa5]", "|", text)
    return {text[i : i + 2] for i in range(len(text) - 1) if "|" not in text[i : i + 2]}


def _share(said: str, where: str) -> float:
    mine = _pairs(said)
    return len(mine & _pairs(where)) / len(mine) if mine else 0.0


def sanction_statement(segment: str, rule_text: str, kinds: tuple[CaseKind, ...]) -> str | None:
    """The note for a statement that speaks of a sentence of the text sanctioning something else and scoring
    nothing (see the module); None otherwise."""
    sentences = [s for s in re.split(r"[。;；]", rule_text) if _SANCTION.search(s) and "分" not in s]
    if not sentences or len(_pairs(segment)) < 2:
        return None
    if any(len(k.what) >= 2 and k.what in segment for k in kinds):
        return None  # s9 fix round: "护林员脱岗1次" names the kind "脱岗" whole, whatever a sanction sentence says
    best = max(sentences, key=lambda s: _share(segment, s))
    share = _share(segment, best)
    if share < 2 / 3 or share <= max((_share(segment, k.text) for k in kinds), default=0.0):
        return None
    return f"“{segment}”说的是“{best.strip(' ,，')}”，该句不计本项得分，不影响得分"


_ALL_KINDS = re.compile(
    rf"^(?:各类|各种|各项|所有|全部)(?P<what>[\u4e00-\u9fa5]{{0,8}}?)共(?:计|有)?(?P<n>{NUMBER}{COUNTER})$"
)
# s9 fix round: what is totalled must be the row's faults: 问题/情形 alone, or qualified as the text qualifies them
# ("环境问题" where the text says "环境卫生问题"), never another thing ("消防隐患", "安全问题", "检查", "村")
_ALL_OF_WHAT = re.compile(r"^(?P<qualifier>[\u4e00-\u9fa5]{0,4}?)(?:问题|情形|扣分情形)$")


def total_of_all(segment: str, rule_text: str = "") -> str | None:
    """ "各类环境问题共12处" → "12处", the bare total it states; None otherwise."""
    found = _ALL_KINDS.fullmatch(segment)
    if found is None:
        return None
    what = _ALL_OF_WHAT.fullmatch(found.group("what"))
    if what is None or (what.group("qualifier") and what.group("qualifier") not in rule_text):
        return None
    return found.group("n")


_PLAN = re.compile(
    rf"^(?P<thing>[\u4e00-\u9fa5]{{1,10}}?)(?:应|需|须|要)(?P<verb>[\u4e00-\u9fa5]{{1,4}}?)(?P<n>\d+)(?P<c>{COUNTER})$"
)


def planned_done(text: str, target: str) -> str:
    """The actual with a count done written as a plan and what was done, the plan taken from the target (see the
    module); as it was when the target states no such plan."""
    plan = _PLAN.fullmatch(re.sub(r"\s", "", target))
    if plan is None:
        return text
    verb, thing, n, counter = plan.group("verb"), plan.group("thing"), plan.group("n"), plan.group("c")
    verb_, thing_ = re.escape(verb), re.escape(thing)
    done = re.compile(rf"(?:已|已经)?(?:{verb_}{thing_}|{thing_}(?:已|已经)?{verb_})(?P<m>\d+){counter}")

    def pair(found: re.Match[str]) -> str:
        return f"应{verb}{thing}{n}{counter},实{verb}{thing}{found.group('m')}{counter}"

    return re.sub(rf"(?:^|(?<=[,;，；。]))\s*{done.pattern}(?=$|[,;，；。])", pair, text)


_SHORT_SAID_TWICE = re.compile(
    rf"^(?P<short>(?:少|缺|缺少)(?:{NUMBER}){COUNTER}[^未没,，;；]{{1,8}}?)(?:未|没有)(?P<verb>[\u4e00-\u9fa5]{{2}})$"
)


def shortfall_said_twice(segment: str, kinds: tuple[CaseKind, ...], rule_text: str) -> str | None:
    """ "少1个县(区)未建立" → "少1个县(区)" when a kind counts a shortfall and the text asks the verb (see the
    module); None otherwise."""
    found = _SHORT_SAID_TWICE.fullmatch(segment)
    if found is None or not any(re.match(r"^(?:每)?(?:少|缺)", k.what) for k in kinds):
        return None
    verb = found.group("verb")
    asked = [  # s9 fix round: the requirement's verb (a sentence that deducts nothing), not any sentence's
        s
        for s in re.split(r"[。;；]", rule_text)
        if verb in s and "扣" not in s and not re.search(r"[少缺未没无不]" + verb, s)
    ]
    return found.group("short") if asked else None
