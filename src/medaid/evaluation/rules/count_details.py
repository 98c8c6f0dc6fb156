"""Words beside a count that name what a count rule counts, with the detail evaluators add (counts family, s7).

Evaluators write the thing counted with words saying which one or where, and in the order speech puts them:
- a head naming the thing or the place, before the rule's own words: "城市道路照明设施设置不符合要求3处" for
  "不符合要求一处扣0.3分", "所查路线存在问题5处" for "存在一处问题扣0.6分", "设施台账不符合要求2处";
- the verb and its object on both sides of the count ("缺报1次月报" for "月报缺报一次扣1分"): the words read in
  either order;
- the rule's words with an agent or owner left out of the middle: "接受未经财政部门审核同意的进口产品委托" for
  "接受采购人未经财政部门审核同意的进口产品委托";
- when the rule counts only a bare failure ("不符合要求", "不合格", "不规范", "不到位", "不达标") and names no
  other fault, no veto and no limit, a failure the actual states of its own ("道路照明设施未及时恢复1处") is one
  of them.
What a head adds or a middle leaves out may never be a negation, a measure or grade ("超", "重大", "较大"), a
hedge ("基本", "部分", "个别"), a qualifier of how ("按时", "及时", "规范") or a word of a thing done right
("完成", "合格"): "事故2次" does not name "重大事故", "上报3次" not "未按时上报", "基本不符合要求2处" and
"部分设施不符合要求2处" are refused; a run left out is at most a third of the rule's words ("学生不合格" is no
"学生体质测试不合格"). A failure stated of its own must be one ("未及时恢复"), with no denial in it ("未发现…", "无…",
"不存在…") and not two ("未不…").
"""

from __future__ import annotations

import re
from decimal import Decimal

from medaid.evaluation.rules.count_hedges import negations, unsure
from medaid.evaluation.rules.count_vocab import COUNTER, NUMBER, POSITIVE, cn_int, plain, same_counter
from medaid.evaluation.rules.count_words import _HEDGED, _NOT_A_SUBJECT, NEGATIONS, QUALIFIERS

# A verb a statement opens with that only says the case was found ("发现", "查出"): not part of what is counted.
_FOUND = re.compile(r"^(?:经|经查|检查|抽查|核查|督查|巡查|现场)?(?:发现|查出|查到|查实|查处|发生|出现|存在)")
# Verbs that say a thing exists, which may end a head before a bare "问题": "所查路线存在问题".
_EXISTS = re.compile(r"(?:存在|有|发现|出现)$")
# Failures that name no thing of their own: what a rule counting one of them counts is any failure.
_BARE_FAULTS = {"不符合要求", "不符合规定", "不符合标准", "不合格", "不规范", "不到位", "不达标", "不符合"}
_FAULT = re.compile(r"[不未没缺漏错]")
_DENIAL = re.compile(r"^(?:无|未发现|未见|未出现|没有发现|没发现|不存在|未查出|未查到|没有)")


def _clean(words: str) -> bool:
    """Words that add nothing that changes what is counted (see the module's docstring)."""
    return not (
        _NOT_A_SUBJECT.search(words)
        or _HEDGED.search(words)
        or QUALIFIERS.search(words)
        or POSITIVE.search(words)
        or any(c in NEGATIONS for c in words)
        or re.search(r"\d", words)
        or unsure(words) is not None  # s7 fix: "疑似", "上年", "已解决", "宣传", "回复"
    )


def named_in_detail(pre: str, post: str, what: str, *, topic: str = "", alone: bool = False) -> bool:
    """The words before (``pre``) and after (``post``) a count name ``what`` with detail around it (the module's
    docstring). ``topic``: the rule's text; ``alone``: the rule has no veto and no limit besides the count, so a
    bare failure it counts may be named by a failure of the actual's own."""
    if not what:
        return False
    for words in (pre + post, post + pre) if pre and post else (pre + post,):
        said = _FOUND.sub("", words)
        if not said:
            continue
        if plain(said) == plain(what) or _rotated(plain(said), plain(what)):
            return True
        # a head stands before the rule's words; after the count it is the object, which must be the rule's own:
        # "全年少上报1次工作简报" for "每季度上报工作简报,每少上报一次", never "少上报1次信息" (s7 fix)
        own_object = bool(topic) and plain(post) in plain(topic)
        if (words == pre + post or own_object) and (_headed(said, what) or _left_out(said, what)):
            return True
    return alone and _own_failure(pre + post, what, topic)


def _rotated(words: str, what: str) -> bool:
    """ "月报缺报" of "缺报月报": the same two runs of words (two characters at least each) in the other order."""
    return len(words) == len(what) and any(words[k:] + words[:k] == what for k in range(2, len(words) - 1))


def _headed(words: str, what: str) -> bool:
    """ "城市道路照明设施设置不符合要求" of "不符合要求", "所查路线存在问题" of "问题": the rule's words after a head
    that names which thing or where."""
    for wanted in {what, plain(what)} - {""}:
        if len(wanted) >= 2 and words.endswith(wanted) and words != wanted:
            head = words[: -len(wanted)]
            if plain(wanted) == "" or wanted in ("问题", "隐患"):
                # a bare "问题" is a problem found only after a verb of existence ("所查路线存在问题"): "回复问题",
                # "群众咨询问题", "宣传消防隐患" are work done or others' questions (s7 fix)
                if _EXISTS.search(head) is None:
                    continue
                head = _EXISTS.sub("", head)
                if not head or _clean(head):
                    return True
                continue
            if head and _clean(head):
                return True
    return False


# What a left-out middle may be: an agent or an owner ("采购人", "建设单位"), never a word that narrows what is
# counted ("省级", "夜间", "越级", "集体", "食堂", "食品安全": s7 fix).
_OWNER = re.compile(r"[\u4e00-\u9fff]{0,4}(?:人|者|方|单位|部门|机构|企业|公司|医院|学校|机关|个人|农户|商|厂家)")


def named_with_head(words: str, what: str) -> bool:
    """ "村级兼职计生干部" of "兼职计生干部": the words are what is named, after a head that says which one."""
    return _headed(words, what)


def _left_out(words: str, what: str) -> bool:
    """ "接受未经…委托" of "接受采购人未经…委托": the rule's words with one run left out of the middle, which names
    no negation, measure, hedge, qualifier or thing done right, the words keeping at least four characters."""
    wanted = plain(what)
    said = plain(words)
    if len(said) < 4 or len(said) >= len(wanted):
        return False
    for start in range(1, len(said)):
        if wanted.startswith(said[:start]) and wanted.endswith(said[start:]):
            gap = wanted[start : len(wanted) - (len(said) - start)]
            if (
                gap and _clean(gap) and 3 * len(gap) <= len(wanted) and _OWNER.fullmatch(gap) is not None
            ):  # a small part: "学生不合格" is no "学生体质测试不合格"
                return True
    return False


def _own_failure(words: str, what: str, topic: str) -> bool:
    """ "道路照明设施未及时恢复" for a rule that counts only "不符合要求": one failure, stated, not denied or hedged,
    and the rule's text names no other failure (its one negation is the one of what it counts)."""
    if plain(what) not in _BARE_FAULTS:
        return False
    if len(_FAULT.findall(topic)) != len(_FAULT.findall(what)):
        return False  # the text names other failures too: which is this one?
    said = plain(words)
    return (
        negations(said) == 1  # s7 fix: not a character inside an ordinary word ("不锈钢", "未成年人", "错峰")
        and _DENIAL.match(said) is None
        and re.search(r"未发现|未见|没有发现|没发现|不存在|未查到|无", said) is None  # "已整改未发现问题" denies
        and _HEDGED.search(said) is None
        and unsure(said) is None  # s7 fix: "井盖未丢失", "没有问题", "不曾损坏", "疑似", "非本单位"
        and not re.search(r"\d", said)
    )


_ONE_COUNT = re.compile(rf"[^\d、]*?{NUMBER}{COUNTER}[^\d、]*")


_DENIED = re.compile(r"^(?:无|未发现|没有|未出现|未发生|未查到)[^\d]{2,}$")


def split_counts(segment: str) -> list[str]:
    """ "查到未出勤2次、出勤未佩戴袖标1次", "无缺失内容、无重复部分": a statement of several counts (or denials)
    joined by 、, each with words of its own, as statements of their own ("缺A、B2项", a list before one count, stays
    whole)."""
    pieces = segment.split("、")
    if len(pieces) < 2:
        return [segment]
    if all(_ONE_COUNT.fullmatch(p) and re.search(r"[\u4e00-\u9fff]{2}", p) for p in pieces):
        return pieces
    return pieces if all(_DENIED.match(p) for p in pieces) else [segment]


def own_counter(counter: str, topic: str) -> bool:
    """The rule's second alternative is counted in a counter of its own ("每缺失一项内容或重复一个部分"): a count in it
    is one of the rule's cases (its words must still name that alternative)."""
    if bool(topic) and re.search(rf"或[^,;。每\d]{{0,6}}?(?:每)?(?:一|1){re.escape(counter)}", topic) is not None:
        return True
    # counts family (s8): one thing in either of two counters, "每份或每张扣1分" (a prescription by form or sheet)
    return bool(topic) and re.search(rf"每{COUNTER}或每{re.escape(counter)}(?=[扣减得加计,，]|$)", topic) is not None


def summed_alternatives(counts: list[Decimal], worded: list[str], what: str) -> Decimal | None:
    """What a rule counts in two alternatives ("未出勤或未佩戴袖标") written as one count for each ("未出勤2次",
    "未佩戴袖标1次"): their sum, when each count's words name one alternative only (its own words, with a head or
    in the other order; the words the two share may be left out: "迟报" of "漏报或迟报信息"), each a different one."""
    if len(counts) != 2 or (sides := [named_side(words, what) for words in worded]) is None:
        return None
    return counts[0] + counts[1] if sorted(side for side in sides if side is not None) == [0, 1] else None


def _sides(what: str) -> tuple[list[str], list[str]] | None:
    """The forms that name each of two alternatives ("漏报或迟报信息": "漏报信息"…, "迟报信息", "迟报"…)."""
    wanted = plain(what).replace("或者", "或")
    if wanted.count("或") != 1:
        return None
    left, right = wanted.split("或")
    lefts = [left] + [left + right[j:] for j in range(1, len(right))]  # "漏报信息" of "漏报或迟报信息"
    rights = [right] + [left[:k] + right for k in range(1, len(left))]  # "未按时报送" of "未按时上报或报送"
    rights += [right[:k] for k in range(2, len(right)) if _clean(right[k:])]  # "迟报" of "…或迟报信息": shared tail
    return lefts, rights


def named_side(words: str, what: str) -> int | None:
    """Which of the two alternatives of ``what`` (0 or 1) the words name, when they name one only."""
    sides = _sides(what)
    if sides is None:
        return None
    named = {i for i, group in enumerate(sides) if any(_same(words, form) for form in group)}
    return named.pop() if len(named) == 1 else None


def _same(words: str, form: str) -> bool:
    """The words name the form: the same words (a finding verb aside), in the other order, with a head, or with an
    owner left out (see the module's docstring)."""
    said, wanted = _FOUND.sub("", plain(words)), _FOUND.sub("", plain(form))
    if not said or not wanted:
        return False
    return said == wanted or _rotated(said, wanted) or _headed(said, wanted) or _left_out(said, wanted)


def numbered_what(segment: str, what: str) -> re.Match[str] | None:
    """ "2个指标低于100%" for "有一个指标低于100%扣5分": a count whose words after it hold a number of the rule's own
    (each number there, with its unit, is in what the rule counts); the match as a plain count's ``(pre)(n)(counter)
    (post)``."""
    found = re.fullmatch(rf"(\D*?)({NUMBER})({COUNTER})(.*\d.*)", segment)
    if found is None:
        return None
    numbers = re.findall(r"\d+(?:\.\d+)?(?:%|个百分点|[\u4e00-\u9fff])?", found.group(4))
    wanted = plain(what)
    if unsure(found.group(1)) is not None:
        return None  # "约2个指标低于100%" (s7 fix)
    # each number whole, with its unit: "低于1" is not "低于100%" nor "低于10万元" (s7 fix)
    ends = r"(?![\d.%\u4e00-\u9fff])"
    return (
        found
        if numbers
        and all(re.search(rf"(?<![\d.]){re.escape(n)}{ends if n[-1].isdigit() else ''}", wanted) for n in numbers)
        else None
    )


def without_own_counter(what: str) -> str:
    """ "缺失内容或重复部分" of "缺失内容或重复一个部分": what is counted, without the second alternative's own
    count."""
    return re.sub(rf"(?<=或)([^,;。每\d]{{0,6}}?)(?:每)?(?:一|1){COUNTER}", r"\1", what)


# counts family (s9 round 2): "三项指标中有一项未达到标准", "抽查10户，其中2户…" written in one clause: the whole
# checked, then the part that failed. The count is the part (M of "N项中有M项"); the whole is only what was checked.
_PART_OF_WHOLE = re.compile(
    rf"(?P<lead>[^\d,;。:!?不未没无非缺漏拟将]{{0,6}}?)(?P<n>{NUMBER})(?P<c>{COUNTER})"
    rf"(?P<noun>[^\d,;。:!?不未没无非缺漏]{{0,8}}?)(?:之中|当中|中|里)(?:有|共有|存在)?"
    rf"(?P<m>{NUMBER})(?P<c2>{COUNTER})(?P<rest>\D*)"
)
# the shape of a whole before a part, for the refusal of one not read ("三户中有一项…", "三项中有四项…")
PART_OF_WHOLE_LEFT = re.compile(
    rf"{NUMBER}{COUNTER}[^\d,;。]{{0,10}}?(?:之中|当中|中|里)(?:有|共有|存在)?{NUMBER}{COUNTER}"
)


def part_of_whole(segment: str) -> str:
    """ "三项指标中有一项未达到标准" → "一项未达到标准": the part of the whole checked that the statement counts, in the
    same counter and no more than the whole; anything else is returned unchanged."""
    found = _PART_OF_WHOLE.fullmatch(segment)
    if found is None or not same_counter(found.group("c"), found.group("c2")):
        return segment
    whole, part = cn_int(found.group("n")), cn_int(found.group("m"))
    if whole is None or part is None or part > whole or unsure(found.group("lead") + found.group("noun")):
        return segment
    return found.group("m") + found.group("c2") + found.group("rest")


# counts family (s9 round 2): a bare failure in other words, "冲洗不达标" for "冲洗不符合质量要求": the thing the
# same, its failure any of the words that name no failure of their own
_BARE_TAIL = re.compile(
    r"(?:不|未)(?:符合|达到|满足)(?:质量|相关|有关)?(?:要求|标准|规定)|不合格|不达标|未达标|不规范|不合规|不到位$"
)


def bare_failure_of(words: str, what: str) -> bool:
    """ "冲洗不达标" names "冲洗不符合质量要求": the same thing (two characters at least, no negation, hedge or
    number), each with a bare failure at its end."""
    said = plain(_FOUND.sub("", words))
    ours, theirs = _BARE_TAIL.search(said), _BARE_TAIL.search(plain(what))
    if ours is None or theirs is None or ours.end() != len(said) or theirs.end() != len(plain(what)):
        return False
    head, wanted = said[: ours.start()], plain(what)[: theirs.start()]
    return len(head) >= 2 and head == wanted and _clean(head) and not re.search(r"\d", head)
