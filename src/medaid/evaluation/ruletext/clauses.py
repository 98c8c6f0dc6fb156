"""A rule text as a list of scored clauses: a condition and what it scores.

"合理:2分;基本合理:1分;不合理:0分" → (合理, 2), (基本合理, 1), (不合理, 0);
"未进行宣传的扣5分,有宣传无记录扣1分" → (未进行宣传, −5), (有宣传无记录, −1);
"明确分管领导和专门负责人(1分)。" → (明确分管领导和专门负责人, 1).

A clause's condition is the text between the previous score and its own, cut to its last sentence
(after the last 。/;/:), without a question ("项目资金设立依据是否充分。") or a topic before a colon.
Text after the last score must say nothing a score depends on; otherwise the text is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.ruletext.common import NUM

# lists family (s8): an item number written bare before a word that begins with 分 — "…得4分。2分工明确,…",
# "②分管领导负责" (a circled number normalized to a bare digit) — is no "2分": after the start of the text or a
# sentence (。;:) a bare number followed by one of these words is an item number. Only words whose second character
# never opens another word after a mark ("2分工作…", "2分配备…", "2分档案…", "2分管理…" stay marks). A mark with a
# verb ("得2分"), 各 or a bracket is a mark whatever follows it.
FEN_WORD = (
    r"(?:工(?=明确|合理|负责|协作|清楚|清晰|到位|落实|具体|[,、;。])|类(?!似)|级(?!别)"
    r"|管(?=领导|负责|副|同志|人员|部门|单位|科室|校长|院长|局长|主任|干部)|析|拣|层)"
)
ITEM_BEFORE_WORD = rf"(?!(?:(?<=^\d分)|(?<=[;。:\s]\d分)|(?<=^\d\d分)|(?<=[;。:\s]\d\d分)){FEN_WORD})"

# How a score is given: 得/计/给/记/赋/给予/获得 N分 (and a bare "N分" after its condition).
# A number after ≥/≤/</> is a threshold, not marks ("未对评分≥30分的孕妇进行随访管理扣2分", s9).
_VERB = r"(?:给予|获得|可得|得|计|给|记|赋|为)"
_WHOLE = r"(?:此项|该项|本项|本指标|该指标|此指标|本条|该条|年度)"
# What a clause scores, in the order tried at each place of the text.
_EFFECT = re.compile(
    rf"(?P<minus>(?P<each_minus>各|均|分别)?(?:扣除|扣减|减去|扣|减){NUM}分)"
    rf"|(?P<zero>{_WHOLE}?(?:不得分|不计分|不给分|{_VERB}(?:0|零)分|(?<![\d.])0分|得分为(?:0|零)|零分"
    rf"|扣(?:除)?{_WHOLE}?(?:全部|所有)(?:分值|分数|得分)|(?:分值|分数)全(?:部)?扣(?:除)?))"
    rf"|(?P<fraction>(?:给予|获得|得|计|给|记|赋){_WHOLE}?(?:分值|满分|总分|权重|基本分|标准分)?的?"
    rf"(?:(?P<pct>\d+(?:\.\d+)?)%|(?P<half>一半))(?:的)?(?:分值|分数|权重)?(?:分)?(?:计)?"
    rf"|按{_WHOLE}?(?:(?:分值|满分|权重)的?(?P<pct2>\d+(?:\.\d+)?)%(?:计分|得分|计算|计)?"
    rf"|(?P<pct3>\d+(?:\.\d+)?)%(?:计分|得分))"
    rf"|(?P<halved>(?:得|计|按)?(?:得分|分值)?减半(?:计分|得分|计算|计)?))"
    rf"|(?P<full>(?:{_VERB}|按)(?:满分|全分|全部分值|满分值|基本分|标准分)(?:计)?(?![\d.]|配|析|类|解|别|数)"
    r"|(?<![\u4e00-\u9fa5])满分(?![\d.\u4e00-\u9fa5]))"
    rf"|(?P<points>(?P<open>\()?(?P<each>每项各占|每项各|每项占|每项|各占|各)?(?P<verb>{_VERB})?(?<![\d.≥≤<>]){NUM}分(?![钟值数])"
    rf"(?(open)\)){ITEM_BEFORE_WORD})"
)
# Said about the whole list, or nothing a score depends on.
_BENIGN = re.compile(
    r"(?:以|根据)[^,;。]{1,20}?为(?:依据|准)|扣完(?:为止|即止|本项分值为止)|扣至(?:零|0)分为止|直至扣完"
    r"|最低(?:为|得)?(?:零|0)分|不(?:得)?倒扣|不计负分|查看[^,;。()]{0,10}\)?"
)
_COMPLEMENT = re.compile(
    r"^(?:否则|反之|其他|其它|其余|其他情况|否|不是|无|无该项|无此项|不达标|无达标|达不到|无达到|无完成|不符合|不合格"
    r"|无做到|无落实|无开展|无完成项|无达标的|不达标的|不满足|无满足|无实现|不具备|无具备|不到位|无到位|不能|无能)$"
)
_TOPIC = re.compile(r"^(?:定性|定量)?(?:评价|评分|考核|评定|计分|扣分)(?:标准|等级|结果|方法|细则|办法|规则|要点)?$")
_ITEM_MARK = re.compile(r"^(?:\d{1,2}[.、)]|\(\d{1,2}\)|[①②③④⑤⑥⑦⑧⑨⑩]|[一二三四五六七八九十](?:是|、))")
# "A.", "B、", "A级(完全达到)", "C档:": the letter a table prints before a level.
_LABEL = re.compile(r"^([A-Ea-e])(?:级|档|类|等)?(?:[.、:]|(?=\())")
# Words that open a condition ("如未按时报送", "凡发现", "若出现") or close it ("完成者", "达到要求的话").
_OPENING = re.compile(r"^(?:如果|假如|凡是|凡|(?:如|若)(?=有|未|无|不|没|发现|出现|存在|发生|达|完成|按|能))")
_CLOSING = re.compile(r"(?:(?<![患学作记读老长弱死伤病残])者|的话|的情况|情况下|的|则|即)$")


@dataclass(frozen=True)
class Clause:
    """A condition and its effect: ``points`` (得N分, "(N分)", "N分"), ``full`` (得满分), ``fraction`` (得一半,
    得分值的60%: ``value`` is the share), ``zero`` (不得分, 0分) or ``minus`` (扣N分). ``each``: 各得/各扣 —
    every condition it lists scores so."""

    name: str
    effect: str
    value: Decimal | None = None
    each: bool = False
    bracket: bool = False
    colon: bool = False
    label: str | None = None
    raw: str = ""

    @property
    def positive(self) -> bool:
        return self.effect in ("points", "full", "fraction") and (self.value is None or self.value > 0)

    @property
    def is_zero(self) -> bool:
        return self.effect == "zero" or (self.effect in ("points", "fraction") and self.value == 0)


def complement(name: str) -> bool:
    """ "否则", "反之", "没有", "未完成", "以上指标,不达标": the rest, not a condition of its own."""
    from medaid.evaluation.rules.naming import canon

    last = re.split(r"[,;:]", name)[-1]
    return bool(_COMPLEMENT.match(canon(last)))


def _clean(raw: str, colon: bool) -> tuple[str, str | None]:
    text = raw.strip(" ,;。:、")
    text = re.split(r"[;。]|\((?=[^)]*$)", text)[-1]  # the last sentence, or what an open bracket starts
    text = text.split(":")[-1].strip(" ,、")
    pieces = [p for p in text.split(",") if p]
    pieces = [p for p in pieces if "是否" not in p] or pieces
    while len(pieces) > 1 and _TOPIC.match(pieces[0]):
        pieces = pieces[1:]
    if colon:
        pieces = pieces[-1:]
    name = ",".join(pieces)
    name = _ITEM_MARK.sub("", name)
    label = None
    if found := _LABEL.match(name):
        label, name = found.group(1).upper(), name[found.end() :]
        if name.startswith("(") and name.endswith(")"):
            name = name[1:-1]
    name = re.sub(r"^(?:但|并且|且|另外|同时)", "", name)
    name = _OPENING.sub("", re.sub(r",$", "", name).strip(" ,、"))
    return _CLOSING.sub("", name).strip(" ,、"), label


def _effect(found: re.Match[str]) -> tuple[str, Decimal | None]:
    kind = next(k for k in ("minus", "zero", "fraction", "full", "points") if found.group(k))
    if kind in ("minus", "points"):
        return kind, Decimal(re.findall(NUM, found.group(kind))[-1])
    if kind == "fraction":
        pct = found.group("pct") or found.group("pct2") or found.group("pct3")
        return kind, Decimal(pct) / 100 if pct else Decimal("0.5")
    return kind, None


def strip_benign(text: str) -> str:
    """The text without what says nothing a score depends on ("以台账和报表为依据", "扣完为止")."""
    return _BENIGN.sub("", text)


def read_clauses(text: str) -> list[Clause] | None:
    """The scored clauses of a normalized text (none when it states no score); None when text after the
    last score is left unexplained."""
    body = strip_benign(text)
    clauses: list[Clause] = []
    at = 0
    for found in _EFFECT.finditer(body):
        raw = body[at : found.start()]
        colon = raw.rstrip().endswith(":")
        name, label = _clean(raw, colon)
        kind, value = _effect(found)
        each = bool(found.group("each_minus") or found.group("each"))
        opened, cleaned = bool(found.group("open")), raw.strip(" ,;。:、")
        topic = clauses[-1] if clauses else None
        if (
            topic is not None
            and kind == "points"
            and found.group("verb")
            and topic.effect == "points"
            and topic.value == value
            and not topic.bracket
            and topic.label is None
            and not re.match(r"[;。]", raw)
            and not re.search(rf"{_VERB}{NUM}分$", body[:at])
        ):
            clauses.pop()  # "城市污水处理厂建设3分,…已建成投运的得3分": a topic with the marks its condition gives
        clauses.append(Clause(name, kind, value, each, opened, colon, label, cleaned))
        at = found.end()
    rest = body[at:].strip(" ,;。:、).")
    if clauses and rest:
        return None
    return clauses
