"""Answers: whether a description in words says a requirement was met ("是", "已完成", "按要求完成") or not
("否", "未按期完成"), and whether an actual is a number rather than words. ``naming`` compares names; this
module reads the yes/no a statement gives (the levels, yes/no and checklist rules ask it)."""

from __future__ import annotations

import re

from medaid.evaluation.quantity import Quantity
from medaid.evaluation.rules.compared_restatements import compared_condition
from medaid.evaluation.rules.naming import NO, YES, canon, parts

_HAS = frozenset({"有", "无"})  # answers that say whether something exists, not whether it was done


def is_number(quantity: Quantity) -> bool:
    """A number with at most a unit ("6座", "0份", "96.2%"), not words that begin with one ("12月底前仍未整改")."""
    return quantity.value is not None and len(quantity.unit) <= 4 and not re.search(r"[不未无没仍已]", quantity.unit)


def answer(actual: str, about: str = "") -> bool | None:
    """True for 是/有/完成…, False for 否/无/未完成…, None for anything else (``actual`` in ``canon`` spelling).

    有/无 do not answer a requirement that is itself negative ("无违规违纪问题得5分": "无" may say that there
    are none, or that the requirement is not met) nor a fault (``about`` with a negation)."""
    if actual in _HAS and re.search(r"[无不非]", canon(about)):
        return None
    if about and (compared := compared_condition(actual, about)) is not None:
        return compared  # (affirm s9) "…面积少于…保有量" against "…面积不低于…保有量": by the comparison, not the words
    if actual in YES:
        return True
    if actual in NO:
        return False
    return None


_QUALIFIED = re.compile(r"[不无非]|基本|部分|大部分|较|大体|初步|尚|仍|正在|拟")
_FAILED = re.compile(
    r"无[^|]{0,4}?(?:完成|达到|达标|实现|落实|到位|满足)|不[^|]{0,2}?(?:达标|符合|合格|到位|满足|具备)|达不到"
)


_TASKED = re.compile(
    r"(?<=完成|达到|实现)(?:年度|全年|当年|本年度|既定|预期)?(?:目标任务|工作任务|任务|目标|计划)(?:数|值)?$"
)


# (affirm fix round s8) Words that keep a statement from answering yes or no:
# - a double negation ("不存在不满足要求的情况", "无不满足要求的设备", "未发现不满足…"): not read either way;
# - a degree or a part ("难以/很难满足", "勉强满足", "多数/少数/一半/90%/主要设备满足", "仅1台满足");
# - a shortfall beside a success ("设备满足要求，人员不足 / 但CT未配备 / 但未通过验收"): in an explanation a
#   statement that says nothing is skipped, but one with a word of lack or failure is not "nothing".
_DOUBLE_NEGATION = re.compile(
    r"(?:不存在|不会|没有|无|未发现|未见|未出现|均无|并无|并非|不是)[^,，;；。]{0,8}?(?:不|未|没有|无)"
)
_DEGREE = re.compile(
    r"难以|很难|较难|勉强|主要|少数|一半|半数|仅|只|多数|大多|大部|部分|个别|有的|有些"
    r"|\d+(?:\.\d+)?%的?[\u4e00-\u9fa5]{0,4}?(?:满足|符合|达到|达标|具备)"
)
_NO_FAULT = re.compile(r"(?:无|没有|未发现|未见|未出现)(?:明显)?(?:问题|异常|差错|违规|违纪|投诉|事故)")
_LACKING = re.compile(r"不足|短缺|欠缺|缺|不|未|没有|无|差|少|难|滞后")


def leaning(text: str, strict: bool) -> bool | None:
    """Whether the statements of a description say the requirement was met: "按要求完成" yes, "未按期完成"
    no; "基本完成" neither. ``strict`` (an actual): every statement says the same; else (an explanation) the
    statements that say anything agree."""
    said: set[bool] = set()
    for statement in parts(text):
        done = _TASKED.sub("", statement)  # "完成年度任务" is "完成"
        if _DOUBLE_NEGATION.search(statement) or _DEGREE.search(statement):
            return None
        if _FAILED.search(statement):
            said.add(False)
        elif any(done.endswith(word) for word in YES) and not _QUALIFIED.search(statement):
            said.add(True)
        elif strict or (_LACKING.search(statement) and not _NO_FAULT.fullmatch(statement)):
            return None
    return said.pop() if len(said) == 1 else None


# (affirm s8) A condition that is only a standard word ("不满足，不得分", "符合要求得2分"), answered by statements in
# that word with their subject and the standard's source: "专业基地设备满足预防医学专业细则要求" (yes), "设备不满足
# 细则要求" (no). The statement's verb must be the text's own (满足 for 满足); what stands between the verb and
# 要求/标准 names where the standard is written, never a list of criteria ("符合学历、职务年限和从业年限条件": some of
# them only).
_BARE_STANDARD = re.compile(r"^(?:不|未|完全|全部|均)?(?P<verb>符合|满足|达到)(?:标准|要求|规定|条件)?$")
_STANDARD_SAID = re.compile(
    r"^(?P<subject>[^,，;；]*?)(?:(?P<neg>不|未|没有|无)?(?P<verb>符合|满足|达到)|(?P<short>达不到))"
    r"(?P<source>[^,，;；]{0,16}?)(?:要求|标准|规定)$"
)


# (affirm fix round s8) what may stand between the verb and 要求/标准: where the standard is written
# ("预防医学专业细则",
# "国家", "上级文件"), never a criterion, a lesser or another standard ("学历", "最低", "日常工作", "旧版细则")
_SOURCE = re.compile(
    r"(?!.*(?:旧|原|以前|过去|最低|基本|日常|以外|之外|部分|其他|其它))"
    r"[\u4e00-\u9fa5]{0,14}?(?:细则|标准|规范|文件|规定|办法|指南|方案|条例|意见|通知|国家|省级?|市级?|上级|相关|有关|法定|专业)的?"
)
_SCORE_WORDS = re.compile(
    r"(?:该项|本项|此项)?(?:不得分|不计分|不记分|不给分|得0分|(?:得|计|记|给)?(?:\d+(?:\.\d+)?分|满分))|[(（][^()（）]*[)）]"
)


def standard_answer(text: str, rule_text: str) -> bool | None:
    """Whether the statements of a description answer a condition that is only a standard word (see above): True
    when every statement says it is met, False when one says it is not; None when a statement says neither, or is
    hedged, or the condition is more than the standard word."""
    rule_names = [n for n in re.split(r"[\s,，。;；:：]+", _SCORE_WORDS.sub(",", rule_text)) if n]
    if not rule_names:
        return None
    verbs = set()
    for name in rule_names:
        found = _BARE_STANDARD.match(re.sub(r"[\s,，。;；的]", "", name))
        if found is None:
            return None
        verbs.add(found.group("verb"))
    if len(verbs) != 1:
        return None
    verb = verbs.pop()
    said: list[bool] = []
    lacking = False
    for statement in re.split(r"[,，;；。]", re.sub(r"\s", "", text)):
        if not statement:
            continue
        found = _STANDARD_SAID.match(statement)
        if found is None and _LACK.search(statement) and not _DOUBLE_NEGATION.search(statement):
            lacking = True  # (affirm s9) "基地缺少生物安全柜等必备设备" beside "设备配置不满足标准要求": agrees with no
            continue
        if found is None or _QUALIFIED.search(found.group("subject") + found.group("source")):
            return None
        own = found.group("verb") or "达到"
        source = found.group("source")
        if (
            _VERB_FAMILY.get(own, own) != _VERB_FAMILY.get(verb, verb)
            or re.search(r"[、和及与]", source)
            or (source and not _SOURCE.fullmatch(source))
            or _DOUBLE_NEGATION.search(statement)
            or _DEGREE.search(statement)
            or re.search(r"[不未无没]", found.group("subject"))
        ):
            return None
        said.append(found.group("neg") is None and found.group("short") is None)
    if not said or (lacking and any(said)):
        return None
    return all(said)


# (affirm s9) 达到标准 is 符合标准 ("藏书量达到标准要求" against "符合标准，得1分"); 满足 is kept apart
_VERB_FAMILY = {"达到": "符合"}
# (affirm s9) a statement of lack beside a standard said unmet: "缺少生物安全柜等必备设备", "未配备…", "…不足"
_LACK = re.compile(r"缺少|缺乏|缺|未配备|未配置|未设置|没有配备|不足|短缺")
