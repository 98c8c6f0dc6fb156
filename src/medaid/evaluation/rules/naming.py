"""Whether an actual written in words names a level or an item of a rule text, or denies it.

A qualitative actual ("基本健全", "有宣传无记录", "已建立项目储备库") is compared with the names a rule
text gives its levels or items, after bringing both into one spelling (``canon``):

- the same words name it (exact);
- or one is the other with words left out ("健全且运转良好" names "协调机制健全且运转良好",
  "有登记本但登记不全" holds "登记不全"), as long as both carry the same **markers**: negations (不, 无,
  未, 没有, 非) and degrees (基本, 部分, 较, 完全, 全部, 严格, 但…). "相符" never names "基本相符"
  or "不相符", "按程序办理" never names "不按程序办理". What an actual leaves out may be a subject, never
  a requirement (a joined part) or, unless the name is negated, a quality (及时, 足额, 完整, 规范…: "足额拨付"
  does not name "及时足额拨付"; "未经政府发文" names "未经政府发文明确").

An actual **denies** a name when it names the name with one negation taken out or put in
("已开展" denies "未开展", "登记齐全" denies "登记不全", "有登记本" denies "无出生缺陷登记本").

A numeric actual never names a level: numbers are compared, not read as words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from medaid.evaluation.rules.phrasing import both, either, listed
from medaid.evaluation.rules.wording import OPPOSITES, denies_part, unify

_PUNCT = re.compile(r"[\s。:()\[\]\"'“”‘’.!?《》<>【】]")
_SEPARATOR = re.compile(r"[,;、，；]+")
_SEP = "|"  # where a name lists several requirements, kept by ``canon`` to tell what an actual leaves out
_NEGATION_SPELLINGS = (("没有", "无"), ("没", "无"), ("未", "无"), ("否则", "否则"))
_MARKERS = ("不", "无", "非", "基本", "部分", "较", "完全", "全部", "严格", "大体", "初步", "但", "欠", "缺少", "正在",
            "尚")  # fmt: skip
_NEGATIONS = ("不", "无")

# Answers that say the condition holds (是) or does not (否), after ``canon``.
YES = frozenset({"是", "有", "完成", "达到", "达标", "符合", "合格", "做到", "落实", "具备", "满足", "到位", "实现",
                 "通过", "全部完成", "均完成", "全部达到", "均达到", "全部符合", "均符合", "完全符合",
                 "全部落实",
                 # met as the text asks, in words of the requirement itself (round 3)
                 "达到要求", "符合要求", "满足要求", "按要求完成", "按要求落实", "达到标准", "符合标准", "达到规定要求",
                 "符合规定", "符合规定要求", "全部按要求完成", "均按要求完成", "均达到要求", "均符合要求"})  # fmt: skip
NO = frozenset({"否", "无", "无完成", "无达到", "不达标", "无达标", "不符合", "不合格", "无做到", "无落实",
                "不具备", "不满足", "无到位", "达不到", "无实现", "无通过", "不通过", "无满足",
                "无达到要求", "不符合要求", "不满足要求", "达不到要求", "无按要求完成", "无按要求落实", "无达到标准",
                "不符合标准", "达不到标准", "不符合规定", "不符合规定要求"})  # fmt: skip


@lru_cache(maxsize=4096)
def _simplified(text: str) -> str:
    from medaid.evaluation.ruletext.normalize import normalize_rule_text  # ruletext imports rules

    return normalize_rule_text(text)


def canon(text: str) -> str:
    """One spelling for comparing names: simplified, no punctuation, 未/没有 → 无, no 已 or 了, no 的 at the end."""
    # a list inside brackets ("县(市、区)") is one word, not several statements
    simple = re.sub(r"\([^()]*\)", lambda m: _SEPARATOR.sub("", m.group(0)), _simplified(text))
    norm = _SEPARATOR.sub(_SEP, _PUNCT.sub("", simple)).strip(_SEP)
    norm = norm.replace("是否", "")
    for spelling, same in _NEGATION_SPELLINGS:
        norm = norm.replace(spelling, same)
    norm = re.sub(r"(?:尚|还)(?=无)", "", norm)  # "尚未建立", "还没有": not yet is not
    norm = re.sub(r"已经|已|了(?!解)", "", norm)
    return re.sub(r"的$", "", norm)


def _markers(text: str) -> list[str]:
    found: list[str] = []
    rest = text
    for marker in sorted(_MARKERS, key=len, reverse=True):
        found += [marker] * rest.count(marker)
        rest = rest.replace(marker, "|")
    return sorted(found)


def stem(text: str) -> str:
    """The name without its negations and degrees: 基本合理 → 合理."""
    for marker in sorted(_MARKERS, key=len, reverse=True):
        text = text.replace(marker, "")
    return text


def _within(short: str, long: str) -> bool:
    """``short`` is ``long`` with characters left out."""
    it = iter(long.replace(_SEP, ""))
    return all(ch in it for ch in short.replace(_SEP, ""))


def _left_out(short: str, long: str) -> tuple[str, str]:
    """What ``long`` has before the first character ``short`` takes from it, and what it has besides
    (inside and after, each run left out ending in ``_GAP``), ``short`` taken at its leftmost place."""
    taken: list[int] = []
    at = 0
    for ch in short:
        at = long.index(ch, at)
        taken.append(at)
        at += 1
    inside = "".join(
        ch + (_GAP if i + 1 in taken or i + 1 == len(long) else "")
        for i, ch in enumerate(long)
        if i > taken[0] and i not in taken
    )
    return long[: taken[0]], inside


# A run left out that ends with 的 before what the actual keeps is an attribute of it, not a requirement
_GAP = "\x00"
_ATTRIBUTE = re.compile(rf"[^{_GAP}]*的{_GAP}")


# Words that join requirements: an actual that leaves one out ("资料齐全" for "资料齐全且规范") does not
# name the level. Before what it names, a subject may be left out ("健全" names "制度健全").
_JOINS = re.compile(r"[|且并及和与]|同时")
_LEADING_JOINS = re.compile(r"[|且并]|同时")
# Words that make a requirement stricter: an actual may not leave them out ("足额拨付" does not name
# "及时足额拨付", "档案资料完整" not "档案资料完整规范"), whereas a subject it may ("健全" names "制度健全").
_QUALITIES = re.compile(
    r"及时|足额|按时|按期|如期|全面|完整|规范|齐全|准确|真实|有效|严格|科学|合理|明确|健全|到位|公开|公正|透明|完善"
    r"|充分|按规定|按要求|按程序|良好|正常|一致|相符|合规|清晰|详细|专门|专职|独立|定期|足够|100%"
)


def names(actual: str, name: str) -> bool:
    """The actual names ``name`` (both already in ``canon`` spelling; 不/无 and 按时/及时 alike: ``wording.unify``;
    a quality after its verb or before it alike: "资金及时到位" names "资金到位及时")."""
    if not actual or not name:
        return False
    actual, name = unify(actual), unify(name)
    return any(_names(actual, x) for x in (name, *_fronted(name)))


def _fronted(name: str) -> list[str]:
    """ "资金到位及时" → 资金及时到位, 资金到及时位…: a quality at the end put before the words it follows."""
    found = re.search(rf"(?:{_QUALITIES.pattern})$", name)
    if found is None or _SEP in name or re.search(r"[无不非]", name):
        return []
    head, quality = name[: found.start()], found.group(0)
    return [head[:at] + quality + head[at:] for at in range(max(1, len(head) - 4), len(head) - 1)]


def _names(actual: str, name: str) -> bool:
    a, n = actual.replace(_SEP, ""), name.replace(_SEP, "")
    if a == n:
        return True
    if len(a) < 2 or len(n) < 2 or (re.search(r"\d", a) and not re.search(r"\d", n)):
        return False
    if _markers(a) != _markers(n):
        return False
    if _within(a, n):
        leading, inside = _left_out(a, name)
        inside = _ATTRIBUTE.sub("", inside)  # "安全目标与指标实施情况的" before what is kept: an attribute
        # under a negation a quality may go: "未经政府发文" names "未经政府发文明确", "未及时拨付" is "未及时足额拨付"
        quality = _QUALITIES.search(leading + inside) and not re.search(r"[无不非]", n)
        return not (_LEADING_JOINS.search(leading) or _JOINS.search(inside) or quality)
    return _within(n, a)


# Words that are one another's opposite as a negation is ("资料整齐" denies "资料零乱"): ``wording.OPPOSITES``.
_OPPOSITES = OPPOSITES


def _opposed(name: str) -> set[tuple[str, str]]:
    """The name with one word replaced by its opposite (``_OPPOSITES``), and that word."""
    out: set[tuple[str, str]] = set()
    for one, other in _OPPOSITES:
        for a, b in [(x, y) for x in one for y in other] + [(y, x) for x in one for y in other]:
            if a in name:
                out.add((name.replace(a, b, 1), b))
    return out


def _toggled(name: str) -> set[str]:
    """The name with one negation taken out or put in (有 ↔ 无 counts as one)."""
    out = set() if re.search(r"[无不非]", name) else {"无" + name}  # no double negation
    for negation in _NEGATIONS:
        for at in (m.start() for m in re.finditer(negation, name)):
            out.add(name[:at] + name[at + 1 :])
            if negation == "无":
                out.add(name[:at] + "有" + name[at + 1 :])
    for at in (m.start() for m in re.finditer("有", name)):
        out.add(name[:at] + "无" + name[at + 1 :])
    out.discard(name)
    return {x for x in out if x}


def _begins(actual: str, name: str) -> bool:
    """The actual says the name's first word after its negation ("无重复发放", "均无重复发放")."""
    at = unify(actual).find("无")
    return at >= 0 and unify(actual)[at + 1 : at + 2] == unify(name)[:1]


def denies(actual: str, name: str, partial: bool = True) -> bool:
    """The actual says the opposite of ``name`` (both in ``canon`` spelling). With ``partial`` (a requirement,
    not a fault) a negation of a part denies it, of a part of its subject too ("部分村无带冷藏箱")."""
    if names(actual, name):
        return False
    if "或" in name and _SEP not in name:
        # "公开不及时或不完整": denied only when every alternative is ("公开及时完整")
        alternatives = either(name)
        if alternatives and all(denies(actual, x, partial) for x in alternatives):
            return True
        # "有检查监督记录" against "无…检查或监督记录": a statement that says both sides of 或 hold denies it
        at = name.find("或")
        first, second = name[max(0, at - 2) : at], name[at + 1 : at + 3]
        said = actual.find(first)
        if len(first) < 2 or said < 0 or actual.find(second, said + len(first)) < 0:
            return False
        return any(denies(actual, x, partial) for x in both(name))
    if denies_part(actual, name, partial):
        return True
    # "全部登记", "均已完成" deny "未登记", "未完成": words that only say it holds in full
    plain = re.sub(r"全部|完全|均|都", "", actual) or actual
    for other in _toggled(name):
        # a negation put before the name denies it only when what follows is the name's beginning: "无发放"
        # does not deny "重复发放"
        whole = not other.startswith("无") or other[1:] != name or _begins(actual, name)
        if whole and (names(actual, other) or names(plain, other)):
            return True
    # "资料整齐" denies "资料零乱": the opposite word must be said, not left out
    return any(word in actual and names(actual, other) for other, word in _opposed(name))


# Grades a table names levels by ("评价为良", "B级"): an actual may give the grade alone.
GRADES = (
    "优秀", "优良", "良好", "中等", "一般", "合格", "不合格", "及格", "不及格", "较好", "较差", "很好", "满意",
    "比较满意", "基本满意", "不满意", "非常满意", "优", "良", "中", "差", "好", "低", "高", "较高", "较低",
)  # fmt: skip
_LEAD_IN = re.compile(
    r"^(?:(?:综合)?(?:评价|评定|评分|考核|评议|验收|认定|评估|被评|评)(?:结果|等级|等次)?(?:为|是|达到|在)"
    r"|等级为|等次为|为)"
)


def aliases(name: str, label: str | None = None) -> set[str]:
    """Spellings an actual may give exactly: the name; the alternatives of a one-clause name joined by 或
    ("有项目年度工作计划或有上级文件" → 有上级文件); the letter a table prints before it ("A", "A级", "A档");
    the grade after a lead-in ("评价为良" → 良, "评定为优秀等级" → 优秀)."""
    found = {canon(name)}
    if "或" in name and not re.search(r"[,;、，；]", name):
        found |= {canon(x) for x in either(name)}  # "无检查或监督记录" → 无监督记录, never 监督记录
    if label:
        found |= {canon(label + suffix) for suffix in ("", "级", "档", "等", "类", "等级")}
    grade = re.sub(r"(?:等级|等次|级)$", "", _LEAD_IN.sub("", canon(name)))
    if grade != canon(name) and grade in GRADES:
        found.add(grade)
    # "第三方评价结论为好": the grade after 为/是 at the end
    if (said := re.search(r"(?:为|是)([^为是]{1,4}?)(?:等级|等次|级)?$", canon(name))) and said.group(1) in GRADES:
        found.add(said.group(1))
    return {x for x in found if x}


_JOINERS = ("并", "且", "并且", "和", "及", "同时", "而且")


def named(actual: str, name: str, label: str | None = None) -> bool | None:
    """True when the actual (in ``canon`` spelling) gives one of the name's ``aliases``; None when it
    names it with words left out (``names``); False otherwise."""
    spellings = aliases(name, label)
    if actual.replace(_SEP, "") in {x.replace(_SEP, "") for x in spellings}:
        return True
    # (affirm, s7) "不能保持组员稳定,随意更换组员" is "不能保持组员稳定并随意更换组员": the actual's comma where the
    # name joins its two statements by 并/且/和/同时 — the same words, every statement said
    if _SEP in actual and any(actual.replace(_SEP, j) in spellings for j in _JOINERS):
        return True
    return None if any(names(actual, x) for x in spellings) else False


def parts(actual: str) -> list[str]:
    """The statements of an actual: "有登记本但登记不全" → 有登记本, 登记不全; what a list shares is each item's
    ("未发现截留、挪用", "有制度和台账", "制度、台账均有": ``wording.listed``)."""
    return [p for _, split in sentences(actual) for p in split]


def sentences(actual: str) -> list[tuple[str, list[str]]]:
    """Each sentence of an actual (``canon`` spelling, without a leading 并/同时: "…，并以正式文件颁发") with the
    statements ``parts`` cuts it into."""
    simple = re.sub(r"\([^()]*\)", lambda m: _SEPARATOR.sub("", m.group(0)), _simplified(actual))
    out: list[tuple[str, list[str]]] = []
    for sentence in re.split(r"[,;，；]|且|但|并且|而且", simple):
        sentence = re.sub(r"^\s*(?:并|同时|另外)(?=[\u4e00-\u9fa5]{2})", "", sentence)
        raw = [p for p in sentence.split("、") if canon(p)]
        if raw:
            out.append((canon(sentence), listed(raw, [canon(p) for p in raw])))
    return out
