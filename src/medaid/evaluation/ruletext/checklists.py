"""Checklists: numbered items ("1. …得3分。2. …得2分", "(1)…;(2)…每项各2.5分", "①…,1分;②…,1分", "一是…二是…")
and lists that a list rule speaks of ("有制度、有台账、有记录,每项1分"; "无A、B和C的,每一项扣1分").

Each item is worth the score it states, or what a list rule (``listrules``) gives every item, never both.
A list rule may give each item's marks ("以上指标,每项1.5分"), a deduction for each item not met ("每缺一项扣
1分": the full marks less N for each), all or nothing ("全部符合得满分,有一项不符合不得分"), and the full marks
("全部符合得满分", "共3分"). Said of the whole list and read as the items' all-or-nothing: "没有不得分",
"以上指标,不达标不得分", "否则不得分". An item is all or nothing when what else it says is its own failure
("…的得1分,超出时间报送的扣1分"; "…1分。没有不得分"); an item with rules of its own inside ("每发现一处扣1分")
is scored by the evaluator unless it holds in full. A 不得分 inside an item about anything else ("受举报被查处的
不计分") makes the text not understood. Items without numbers are read only with a list rule: the sentences
(cut at ; and 。) are the items, or, in one sentence, the requirements it lists with 、 (a leading 无/未/没有/
不 is every requirement's: "无工作计划、半年度总结和年度总结").
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules import Checklist, Rule
from medaid.evaluation.rules.naming import canon, denies
from medaid.evaluation.rules.phrasing import VERBS
from medaid.evaluation.rules.wording import DISCRETION
from medaid.evaluation.ruletext.clauses import FEN_WORD, Clause, complement, read_clauses, strip_benign
from medaid.evaluation.ruletext.common import NUM
from medaid.evaluation.ruletext.count_context import procedure_parts
from medaid.evaluation.ruletext.count_spelling import without_item_numbers
from medaid.evaluation.ruletext.each_listed import each_listed
from medaid.evaluation.ruletext.fault_names import OWN_DENIAL
from medaid.evaluation.ruletext.gates import split_gate, with_gate
from medaid.evaluation.ruletext.head_denials import spread_head
from medaid.evaluation.ruletext.joined_things import split_things
from medaid.evaluation.ruletext.listrules import ListRules, list_rule, split_rules
from medaid.evaluation.ruletext.sub_items import fault_items, paired_items, sub_items

_MARKS = (
    re.compile(r"(?:^|(?<=[;。,:)])|(?<=\d分))(\d{1,2})[.、](?!\d)"),
    re.compile(r"\((\d{1,2})\)"),
    re.compile(r"([①②③④⑤⑥⑦⑧⑨⑩])"),
    re.compile(r"(?:^|(?<=[;。,:]))([一二三四五六七八九十])(?:是|、)"),
    re.compile(r"\(([一二三四五六七八九十])\)"),
    re.compile(r"(?:^|(?<=[;。,:]))(\d{1,2})\)"),
    # ① comes out of normalization as a bare 1: a digit opening a sentence, not a count ("1次"), unless it
    # goes on a run ("…;2按月对账;3年终决算")
    re.compile(r"(?:^|(?<=[;。:])|(?<=\d分)|(?<=\d分,))(\d)(?=[\u4e00-\u9fa5])"),
)
_COUNTER = re.compile(r"[次个人项天月年日名家户件篇种座元万亿分期场例处笔条份批台辆套本周]")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
_CHINESE = "一二三四五六七八九十"
# Before the first item: a topic or question, never a score or a way of scoring.
_PREAMBLE_RULE = re.compile(r"\d分|按[^,;。]*(?:计分|计算|得分)|扣|酌情")


def _number(mark: str) -> int:
    if mark in _CIRCLED:
        return _CIRCLED.index(mark) + 1
    return _CHINESE.index(mark) + 1 if mark in _CHINESE else int(mark)


def _items(text: str) -> tuple[str, list[str]] | None:
    """The preamble and the items' texts, for the first marking whose numbers run 1, 2, 3…"""
    for marks in _MARKS:
        found = list(marks.finditer(text))
        run: list[re.Match[str]] = []
        for m in found:
            counted = marks is _MARKS[-1] and _COUNTER.match(text, m.end()) is not None
            # lists family (s8): "2分工明确", "2分管领导…": 分 opening a word is no counter
            counted = counted and not re.match(rf"分{FEN_WORD}", text[m.end() :])
            if _number(m.group(1)) == len(run) + 1 and not (counted and len(run) < 2):
                run.append(m)
        if len(run) >= 2:
            ends = [m.start() for m in run[1:]] + [len(text)]
            return text[: run[0].start()], [text[m.end() : end] for m, end in zip(run, ends, strict=True)]
    return None


def listed_items(text: str) -> tuple[str, list[str]] | None:
    """The text before the numbered items, and the items' texts; None when it numbers fewer than two."""
    return _items(text)


def numbered(text: str) -> bool:
    """The text numbers two or more items (1. 2. / (1)(2) / ①②)."""
    return _items(text) is not None


def item_marks(name: str, clauses: list[Clause] | None, each: Decimal | None) -> tuple[Decimal, bool] | None:
    """An item's marks and whether it is all or nothing; None when it says something the list cannot hold."""
    clauses = clauses or []
    positive = [c for c in clauses if c.positive]
    if len(positive) > 1 or (positive and each is not None) or (not positive and each is None):
        return None
    if any(c.effect in ("full", "fraction") for c in positive):
        return None
    marks = positive[0].value if positive else each
    assert marks is not None
    head = canon(positive[0].name if positive else name)
    whole = True
    for c in clauses:
        if c.positive:
            continue
        if c.is_zero:
            if not (complement(c.name) or denies(canon(c.name), head)):
                return None  # a 不得分 about something else than this item
        elif c.effect == "minus" and c.value is not None and c.value < marks:
            whole = False  # a rule of its own inside the item
        elif c.effect != "minus":
            return None
    return marks, whole


_ALL_OF_THEM = re.compile(rf"(?:的)?,?(?:得|计|记|给)(?:基础分|基本分|基准分)?(?<![\d.]){NUM}分$")
# "根据示范区创建要求,…", "依据年度工作方案,…": what the list rests on, opening it, is no item (lists family)
_BASIS = re.compile(r"^(?:根据|依据|按照)[^,;。\d]{2,20}?(?:要求|规定|标准|文件|方案|办法|精神),")
_OTHERWISE = re.compile(
    r",?(?:否则|反之|其他|其余|不达标|未达到|没有|不符合|不满足|未完成|未做到)(?:的)?,?(?:不得分|不计分|不给分|[得计]0分)[;。]?$"
)
_NEGATED = re.compile(r"^(?:没有|无|未|不)")
_HAS_NEGATION = re.compile(
    r"^[\u4e00-\u9fa5]{1,6}?(?:没有|无(?!论|需|须)|未(?!成年))"
)  # after its subject: "工作无计划"


def _unnumbered(body: str) -> tuple[str, list[str], Decimal | None] | None:
    """Items a list rule speaks of without numbers: the sentences; or in one sentence the requirements it
    lists (at commas, else at 、), with the marks all of them score ("成立了领导小组,召开了会议,制定了方案的,
    记10分,每少一项扣2分": full marks 10)."""
    # "1、完成的,得5分,…": a lone item number is no item; "实地查看,…": how the check is made is no item either
    body = procedure_parts(without_item_numbers(body.strip(" ,;。")))
    body = _OTHERWISE.sub("", body.strip(" ,;。"))
    body = _BASIS.sub("", body)
    preamble, _, rest = body.rpartition(":") if ":" in body else ("", "", body)
    full: Decimal | None = None
    if found := _ALL_OF_THEM.search(rest):
        full, rest = Decimal(found.group(1)), rest[: found.start()]
    pieces = [p.strip(" ,、") for p in re.split(r"[;。]", rest) if p.strip(" ,、")]
    if len(pieces) == 1:
        one = re.sub(r"的$", "", pieces[0])
        if re.search(r"发现|出现|发生|存在", one):
            return None  # "纸质档案、电子档案出现缺项或逻辑错误,每项扣0.1分": each case found, not each item
        if "," in one and "、" in one:
            return None  # "现场检查,A、B、C": commas and 、 both; which of them part the items is not said
        # lists family (s8 fix round): cut at 、 and the last thing's one conjunction only (``joined_things``)
        things = one.split(",") if "," in one else split_things(one)
        if things is None:
            return None
        pieces = things
        lead = re.match(rf"^(?:没有|无|未|不)?(?:{VERBS})?", pieces[0])  # "未建立制度、台账": 未建立 is every one's
        # lists family: not when a later one has its own denial ("未建立制度、台账不规范": not 未台账不规范)
        # fix round: a thing opening with 有 has its verb ("配备专职人员、有办公场所": never 配备有办公场所)
        own = any(re.match(rf"^(?:没有|无|未|不|有|{VERBS})", p) or OWN_DENIAL.search(p) for p in pieces[1:])
        if lead and re.match(r"^(?:没有|无|未|不)", lead.group(0)) and len(pieces) > 1:
            # lists family (fix round): a head denial is spread by ``head_denials`` (adverbs and verb, onto objects
            # and verbs, never onto faults of their own: 迟报, 混乱, 滞后…); a list mixing both is not read
            spread = spread_head(pieces)
            if spread is None:
                return None
            pieces = spread
        elif lead and lead.group(0) and not own:
            pieces = pieces[:1] + [lead.group(0) + p for p in pieces[1:]]
    if len(pieces) < 2 or any(re.search(r"\d分|扣|[得计给]分", p) for p in pieces):
        return None
    return preamble, pieces, full


def checklist(text: str) -> Rule | None:
    """ "1. …的，得3分。…2. …的，得2分。" — items each worth their marks; ``Inputs.holds`` says which hold. A
    prerequisite among them ("未编制…的本指标(2)-(4)项不得分", ``gates``) is read only of such a list."""
    body, gate = split_gate(text)
    if gate is None and (listed := each_listed(text)) is not None:
        return listed  # lists family (s8): "A、B、与C和D配合、E各占1分": cut at 、 alone
    return _checklist(text) if gate is None else with_gate(_checklist(body), gate)


def _checklist(text: str) -> Rule | None:
    if "×" in text or re.search(r"最多(?:只)?扣|加\d|加分|\d-\d+(?:\.\d+)?分|扣完\d", text) or DISCRETION.search(text):
        return None
    split = split_rules(strip_benign(text))
    if split is None:
        return None
    body, rules = split
    numbered_items = _items(body)
    loose = _unnumbered(body) if numbered_items is None and rules.any else None
    if loose is not None:
        preamble, bodies, full = loose
        if full is not None:
            merged = rules.merge(ListRules(full=full, full_said=True))
            if merged is None:
                return None
            rules = merged
    elif numbered_items is not None:
        preamble, bodies = numbered_items
    elif rules.whole and (marked := _marked(body)) is not None:
        preamble, bodies = marked
        preamble = _BY_DEGREE.sub("", preamble)  # "按实现程度计分" is what "每完成1项取得该项分数" says
    else:
        return paired_items(body) if not rules.any and not rules.full_said else None
    lead = re.split(r"[:;。]", preamble.rstrip(" :,"))[-1]
    if (before := list_rule(lead, before=True)) is not None:
        merged, preamble = rules.merge(before), preamble.rstrip(" :,")[: -len(lead)]
        if merged is None:
            return None
        rules = merged
    if _PREAMBLE_RULE.search(preamble):
        return None
    if rules.deduct is not None or (rules.zero and rules.each is None):
        return _deductions(bodies, rules)
    if numbered_items is not None and not rules.any and not rules.full_said and (found := fault_items(bodies)):
        return found  # "1.无实施方案扣0.5分;2.未明确专人负责扣0.5分": a numbered list of deductions
    marks: list[Decimal] = []
    names: list[str] = []
    open_items: list[int] = []
    for body in bodies:
        clauses = read_clauses(body)
        if clauses is None:
            return None
        name = _name(body, clauses)
        read = item_marks(name, clauses, rules.each)
        if read is None and rules.each is None and (subs := sub_items(clauses)) is not None:
            marks += [m for _, m in subs]  # "1.有领导小组(2分),并职责明确(1分)": an item per requirement
            names += [n for n, _ in subs]
            continue
        if read is None:
            return None
        marks.append(read[0])
        names.append(name)
        if not read[1]:
            open_items.append(len(marks))
    if rules.full is not None and sum(marks) != rules.full:
        return None  # "每项1分,共5分" with four items: which is meant is not said
    return Checklist(items=tuple(marks), names=tuple(names), open_items=tuple(open_items))


_MARKED = re.compile(rf"^[^\d,;。:、]{{2,}}?(?:的)?,?(?:得|计|记)?(?<![\d.]){NUM}分$")
_BY_DEGREE = re.compile(r"按(?:实现|完成)(?:程度|情况)(?:计分|得分|计算)")


def _marked(body: str) -> tuple[str, list[str]] | None:
    """Items without numbers, each with its marks, in a run at the end of the text that a list rule speaks of
    ("其中:A2分、B2分、C2分,每完成1项取得该项分数"): cut at 、 , ; (words family)."""
    text = body.strip(" ,;。")
    head, _, run = text.rpartition(":") if ":" in text else text.rpartition("。")
    pieces = [p.strip(" ,、;") for p in re.split(r"(?<=分)[、,;]+", run.strip(" ,;。"))]
    pieces = [p for p in pieces if p]
    if len(pieces) < 2 or not all(_MARKED.match(p) for p in pieces):
        return None
    return head, pieces


def _deductions(bodies: list[str], rules: ListRules) -> Rule | None:
    """ "①…;②…。每缺一项扣1分" (each item not met takes N from the full marks); "全部符合得满分,有一项不符合
    不得分" (each item not met zeroes the score). Items that give marks of their own that are the same N are
    worth N each ("①…1分;②…1分,每少一项扣1分"); other marks of their own make the text not understood."""
    names: list[str] = []
    own: list[Decimal] = []
    for body in bodies:
        clauses = read_clauses(body)
        if clauses is None:
            return None
        names.append(_name(body, clauses))
        marks = [c.value for c in clauses if c.positive and c.effect == "points" and c.value is not None]
        rest = [c for c in clauses if not c.positive]
        if (
            len(marks) + len(rest) != len(clauses)
            or len(marks) > 1
            or any(not (c.is_zero and complement(c.name)) for c in rest)
        ):
            return None  # an item that says more than its requirement
        own += marks
    each = rules.deduct if rules.deduct is not None else Decimal(0)
    if own:
        if len(own) != len(bodies) or any(m != each for m in own) or rules.zero:
            return None
        full = rules.full if rules.full is not None else sum(own, Decimal(0))
        if full != sum(own, Decimal(0)):
            return None
        return Checklist(items=tuple(own), names=tuple(names))
    zeroing = tuple(range(1, len(names) + 1)) if rules.zero else ()
    # "无A、B和C的,每一项扣1分", "工作无计划、无检查、无总结,每项扣1分" list faults
    required = not all(_NEGATED.match(n) or _HAS_NEGATION.search(n) for n in names)
    return Checklist(items=tuple(each for _ in names), names=tuple(names), deduct=True, full=rules.full,
                     zeroing=zeroing, required=required)  # fmt: skip


def _name(body: str, clauses: list[Clause]) -> str:
    positive = [c for c in clauses if c.positive]
    if positive:
        return positive[0].name
    return re.split(r"[;。]", body.strip(" ,;。)"))[0].strip(" ,")
