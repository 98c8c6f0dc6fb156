"""Words an evaluator writes for the words of a table, and words that deny a fault by naming its opposite
(faults family, session 7).

How evaluators restate the clauses of a table (rows taken one after another from real tables):

- **Synonyms.** The evaluator's word for the same thing is often not the table's: 经费 for 资金 ("专项保洁经费已落实"
  against "资金未落实"), 组建 for 成立, 报送 for 上报, 签署 for 签订, 建立档案 for 建档. ``in_text_words`` rewrites
  a statement into the table's word — only when the clauses use exactly one word of the group, so that two
  clauses that use two words of one group ("项目资金未拨付", "工作经费不足") are never made alike. The table's
  text is never rewritten; fixed terms that contain a word are left alone ("建档立卡").
- **Opposites.** A fault is often a subject and a negative predicate ("分值计算散总不符", "评价计分错",
  "联系方式不通"); the evaluator clears it with the same subject and the positive predicate ("分值计算散总一致",
  "评价计分正确", "联系方式畅通"). ``opposite_restates`` reads a statement so only when its subject is the
  fault's subject word for word, or its tail with the row's topic left out ("联系方式畅通" for
  "河长牌联系方式不通"; fillers 均/都/全部/已 aside) — never a narrower subject ("过程性资料详实" against
  "资料不详实") —, its predicate is an opposite of the fault's negative word, and it holds no negation,
  number or word that weakens it (基本, 部分, 较…): "评分与评级相符" against "评分与等级不符" (another subject)
  is not read, nor "基本一致", "部分正确".
- **Once.** A kind the text deducts once ("迟报扣0.2分", no step per occurrence) counted 0 or 1 times in an
  occurrence counter ("漏报1次", "迟报0次") says whether it happened (``once_counted``); 2 or more is refused
  (deducted once, or each time? not written).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from medaid.evaluation.rules.clause_faultwords import table_fault_words
from medaid.evaluation.rules.clause_match import HEDGES
from medaid.evaluation.rules.clause_partners import table_spelling
from medaid.evaluation.rules.count_vocab import simplified

# Groups of words used for one another in scoring tables and evaluators' notes; each member a pattern
# (a fixed term containing a word is excluded by its look-around).
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("资金", "经费"),
    ("成立", "组建"),
    ("上报", "报送"),
    ("签订", "签署", "签有"),  # faults (s9, round 2): "各项目均签有委托协议"
    # "建立档案" only as a phrase of its own: not "建立档案室/馆/柜/盒", "建立档案管理制度" (s7, fix round)
    ("建档(?!立卡)", "建立档案(?![\u4e00-\u9fa5])|建立档案(?=的|和|及|并|、)"),
)
# Groups whose word names a thing a table qualifies ("项目资金", "配套资金"): rewritten only when the statement
# qualifies it as the clauses do, or the clauses' word stands bare (faults family, s7, fix round)
_QUALIFIED = frozenset({"资金"})
_BARE_BEFORE = re.compile(r"(?:^|[^\u4e00-\u9fa5]|未|无|没有|不|落实|到位|拨付|安排|筹措|投入|使用|管理|保障|的)$")

# A fault's negative predicate (at its end) and the positive predicates that deny it.
OPPOSITE_PREDICATES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("(?:不符|不相符|不符合|不一致)", ("相符", "一致", "相符合", "吻合")),
    ("(?:错|错误|有误|差错)", ("正确", "准确", "无误", "准确无误")),
    ("(?:不正确|不准确)", ("正确", "准确", "准确无误", "无误")),  # faults (s9, round 2): "电话号码均正确"
    ("(?:不通|不畅|不畅通|堵塞)", ("畅通", "通畅")),
    ("(?:不清|不清楚|不清晰|模糊)", ("清楚", "清晰")),
    ("(?:不详实|不翔实)", ("详实", "翔实")),
    ("(?:不整洁|不干净)", ("整洁", "干净")),
)

_WEAKER = HEDGES  # faults (s7, fix round): the one vocabulary of hedges (``clause_match.HEDGES``)
_NEGATION = re.compile(r"不|未|无|没|缺|非|错|漏")
_COUNTED = re.compile(r"\d|[一二两三四五六七八九十]+(?:次|处|项|个|起|例|件|份|人|户|家)")  # not "一致"
_FILLER = re.compile(r"均|都|全部|全都|已经|已|了|的|是")


def _members(group: tuple[str, ...], text: str) -> list[str]:
    return [m for m in group if re.search(m, text)]


def in_text_words(statement: str, clauses: Sequence[str]) -> str:
    """The statement with each synonym rewritten to the one word of its group the clauses use."""
    joined = "|".join(clauses)
    for group in SYNONYMS:
        used = _members(group, joined)
        if len(used) != 1:
            continue
        word = re.sub(r"\(.*?\)", "", used[0])  # the pattern's word without its look-around
        if word in _QUALIFIED and not _same_qualifier(statement, joined, group, word):
            continue
        for member in group:
            if member != used[0]:
                statement = re.sub(member, word, statement)
    statement = _single_for_many(statement, joined)
    statement = _schedule_met(statement, joined)
    statement = table_fault_words(statement, joined)  # faults (s9, round 2): "迟报" for "未及时上报"
    return _kind_of_file(table_spelling(statement, simplified(joined)), joined)  # faults (s9): ``clause_partners``


# faults (s9): a schedule met, in the evaluator's words ("工程按期完成" for "工程未达到进度要求"); s9 fix round: only
# the whole statement, its subject (if any) written in the clause ("工程"), nothing after it — never "工程预计/将/
# 去年/一期/设计按期完成", "按期完成80%"
_ON_SCHEDULE = re.compile(r"^(?P<subject>[\u4e00-\u9fa5]{0,8}?)(?:均|都|已|已经)*(?:按期|如期|按进度|按计划进度)完成$")


def _schedule_met(statement: str, joined: str) -> str:
    """ "工程按期完成" as "工程达到进度要求" when a clause writes 达到进度要求, statement by statement (see above)."""
    if "达到进度要求" not in joined:
        return statement

    def met(piece: str) -> str:
        found = _ON_SCHEDULE.match(piece)
        if found is None or found.group("subject") not in joined:
            return piece
        return found.group("subject") + "达到进度要求"

    pieces = re.split(r"([,;。，；\s])", statement)
    return "".join(met(p) if i % 2 == 0 else p for i, p in enumerate(pieces))


# faults (s9): "仅开展单一形式宣传" is "未开展多种形式宣传" where a clause deducts "未开展多种形式…"
_SINGLE = re.compile(
    r"(?:仅|只)(?:是)?(?P<verb>开展|采用|进行|组织|使用|利用)了?单一(?P<noun>形式|方式|渠道|类型|手段)的?"
)


def _single_for_many(statement: str, joined: str) -> str:
    """ "仅<verb>单一<noun>" as "未<verb>多种<noun>" when a clause writes "未/没有/无<verb>多种<noun>"."""

    def many(found: re.Match[str]) -> str:
        asked = rf"(?:未|没有|无)(?:按要求)?{found.group('verb')}多种{found.group('noun')}"
        return f"未{found.group('verb')}多种{found.group('noun')}" if re.search(asked, joined) else found.group(0)

    return _SINGLE.sub(many, statement)


# faults (s9): "建档" is "建立档案" of the one kind of file the row speaks of ("均已建档" for "没有建立免疫档案")
_SHORT_FILE = re.compile(r"建档(?!立卡|案)")
_KIND_OF_FILE = re.compile(r"建立([\u4e00-\u9fa5]{1,4}?)档案(?![室馆柜盒])")


def _kind_of_file(statement: str, joined: str) -> str:
    """ "建档" as "建立X档案" when the clauses write exactly one kind X and never a bare 建档/建立档案."""
    kinds = set(_KIND_OF_FILE.findall(joined))
    if len(kinds) != 1 or _SHORT_FILE.search(joined) or re.search(r"建立档案", joined):
        return statement
    return _SHORT_FILE.sub(f"建立{kinds.pop()}档案", statement)


def _same_qualifier(statement: str, joined: str, group: tuple[str, ...], word: str) -> bool:
    """Whether each qualifier the statement puts before a member of ``group`` ("工作经费") is one the clauses put
    before ``word`` ("工作资金"), or the clauses' word always stands bare ("资金未落实", "未落实资金")."""
    before = {joined[max(0, m.start() - 2) : m.start()] for m in re.finditer(word, joined)}
    if all(_BARE_BEFORE.search(joined[: m.start()]) for m in re.finditer(word, joined)):
        return True  # the row's one fund, however the evaluator qualifies it
    for member in group:
        for m in re.finditer(member, statement):
            if statement[max(0, m.start() - 2) : m.start()] not in before:
                return False
    return True


def _bare(text: str) -> str:
    return _FILLER.sub("", re.sub(r"[\s,，;；。、“”\"'()（）]", "", text))


def opposite_restates(statement: str, fault: str) -> bool:
    """ "分值计算散总一致" against the fault "分值计算散总不符": the same subject, and an opposite of its negative
    predicate (see the module's conventions)."""
    if _WEAKER.search(statement) or re.search(
        r"\d|[一二两三四五六七八九十]+(?:次|处|项|个|起|例|件|份|人|户|家)", statement
    ):
        return False
    said = _bare(statement)
    what = re.sub(r"的$", "", _bare(re.sub(r"^\s*(?:发现|出现|存在)", "", fault)))  # "发现联系方式不通的"
    if denial_falls_short(statement, fault):
        return False  # s7 fix round: "河长牌干净" against "河长牌不干净整洁"
    for negative, positives in OPPOSITE_PREDICATES:
        found = re.fullmatch(rf"(?P<subject>.{{2,}}?){negative}", what)
        if found is None:
            continue
        subject = found.group("subject")
        if _NEGATION.search(subject):
            return False  # "未及时上报不符": more than a subject
        for positive in positives:
            # the subject whole, or its tail with the row's topic left out ("联系方式畅通" for "河长牌联系方式不通");
            # never a narrower subject ("过程性资料详实" says nothing of all "资料不详实")
            mine = said[: -len(positive)] if said.endswith(positive) else None
            if mine is not None and len(mine) >= 2 and subject.endswith(mine) and not _NEGATION.search(mine):
                return True
    return False


# Counters of an occurrence: "漏报1次", "发生1起"
_OCCURRENCE_COUNTERS = re.compile(r"次|起|例|件|宗|回")


def once_counted(value: Decimal | None, counter: str) -> bool:
    """ "漏报1次", "迟报0次" against a kind the text deducts once ("迟报扣0.2分", no step per occurrence): a count
    of 0 or 1 occurrences says whether it happened; 2 or more is not read (deducted once, or each time?)."""
    return value is not None and value in (0, 1) and bool(_OCCURRENCE_COUNTERS.fullmatch(counter or ""))


# faults family (s7, fix round): a fault "subject + negated predicates" ("河长牌不干净整洁", "台账不齐全不规范",
# "资料不详实") is denied by a positive statement only when it says the whole fault's positive from some word of its
# subject on: "河长牌干净整洁", "联系方式畅通" (the row's topic left out) — never a narrower subject ("过程性资料详实"),
# part of a compound ("河长牌干净"), or, of two negated predicates, a statement that still negates one
# ("台账不规范", "台账齐全但不规范"): that one is a half of the fault, not its denial.
_SUBJECT_FIRST = re.compile(r"(?P<subject>[^不未没无非缺]{2,}?)(?P<rest>(?:不|未|没有|没|无|非|缺).*)")
_NEGATED = re.compile(r"不|未|没有|没|无|非|缺")


def _positive(text: str) -> str:
    """A text with each opposite predicate in its group's first positive word and no negation."""
    text = _bare(text)
    for negative, positives in OPPOSITE_PREDICATES:
        text = re.sub(negative, positives[0], text)
        for word in sorted(positives[1:], key=len, reverse=True):
            text = text.replace(word, positives[0])
    return _NEGATED.sub("", text)


def denial_falls_short(statement: str, fault: str) -> bool:
    """Whether a statement read as denying a subject-first fault says less than its denial (see above); False
    when the fault is not subject-first ("未建立台账": left to the other readings)."""
    what = re.sub(r"的$", "", _bare(re.sub(r"^\s*(?:发现|出现|存在)", "", fault)))
    found = _SUBJECT_FIRST.fullmatch(what)
    if found is None:
        return False
    said, rest = _bare(statement), found.group("rest")
    # predicates negated, not things absent (无计划、无检查) nor alternatives (由于程序不当或对象不准)
    conjoined = len(re.findall(r"不|未|没", rest)) > 1 and "或" not in rest
    if _NEGATED.search(said):  # "台账不规范" against "台账不齐全不规范"; not "未发现…" (a denial of the whole)
        return conjoined and not re.match(r"(?:未|没有|没|无|不)(?:因|由于|发现|出现|发生|存在|有)", said)
    positives = "|".join(p for _, ps in OPPOSITE_PREDICATES for p in ps)
    plain = any(re.fullmatch(rf"{negative}(?:{positives})*", rest) for negative, _ in OPPOSITE_PREDICATES)
    if not (conjoined or plain):
        return False  # only a fault denied by its opposite predicate(s) is checked here
    mine, whole, subject = _positive(said), _positive(what), _positive(found.group("subject"))
    predicates = [w for w in re.split(r"(?:不|未|没有|没|无|非|缺)", _positive_words(rest)) if w]
    if conjoined:  # each predicate in its own word ("不干净、不整洁": 干净 and 整洁, not one group)
        predicates, mine, whole = [w for w in _NEGATED.split(rest) if w], said, _NEGATED.sub("", what) + _GOOD
    # every word of the statement the fault's (no narrower subject), every predicate of the fault said
    return len(mine) < 2 or not set(mine) <= set(whole) or any(p not in mine for p in predicates) or not subject


# the words a positive statement may say in place of a negated predicate ("齐全" for "不全"), and 有
_GOOD = "有齐全完整整齐有序及时按时准确真实合规" + "".join(p for _, ps in OPPOSITE_PREDICATES for p in ps)


def hedged(statement: str, fault: str) -> bool:
    """A hedge (``clause_match.HEDGES``) in the statement that is not a word of the fault's own ("基本公共卫生")."""
    return any(word not in fault for word in HEDGES.findall(statement))


def _positive_words(rest: str) -> str:
    """The negated predicates of a fault with each opposite predicate in its group's first positive word."""
    for negative, positives in OPPOSITE_PREDICATES:
        rest = re.sub(negative, "不" + positives[0], rest)
    return rest
