"""How evaluators phrase a count beside its words, beyond "发现2处" (rules/count_reading.py reads the count;
docs/rules.md, "Counts and ranks"):

- two statements joined by 但, 但是, 并且, 而且, 且 ("登记本齐全但填写不全", "资料齐全且填写完整") are two statements;
- the thing counted and the fault around the count, in either order (``fault_around``): "1个项目记录不完整",
  "1个项目的审核程序缺失", "审核程序缺失1个项目", "记录不完整的项目1个" for "不完整的每个项目扣1分" or "审核程序缺失,
  每个项目扣1分"; words between the thing and the fault may only say what of the thing is at fault, in the rule's own
  words ("记录" of "民主议事记录完整");
- the missing things named, with their total (``named_items``): "缺卫生许可证、组织机构代码证2项" is 2 items when it
  names 2; a total other than the things it names ("缺A、B3项") is refused;
- an occurrence with what it was in brackets (``occurrence``): "死亡事故1次(死亡1人)" for "死亡1人扣30分/次" is 1
  occurrence when the bracket is the rule's own condition ("死亡1人"), for 2 or more only when it says each
  ("各死亡1人", "每次死亡1人"); a bracket that reaches a veto's limit ("一次死亡2人" of "一次死亡2人及以上…一票否决")
  is that veto; any other bracket is refused.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.count_vocab import COUNTER, MISSING, NUMBER, cn_int, plain
from medaid.evaluation.rules.count_words import content_chars

_JOINS = re.compile(r"但是|但|并且|而且|(?<![并而])且")


def joined(segments: list[str]) -> list[str]:
    """The statements, each statement joined by 但/且… cut in two when both halves say something, and without the
    但/且… it opens with after a comma."""
    out: list[str] = []
    for segment in segments:
        segment = re.sub(r"^(?:但是|但|并且|而且|且|同时|另外)(?=[\u4e00-\u9fa5]{2})", "", segment)  # "…，但填写不全"
        pieces = _JOINS.split(segment)
        if len(pieces) > 1 and all(len(re.findall(r"[\u4e00-\u9fa5]", p)) >= 2 for p in pieces):
            out += pieces
        else:
            out.append(segment)
    return out


def fault_around(pre: str, post: str, fault: str, subject: str, context: tuple[str, ...] = ()) -> bool:
    """The words around a count are the thing counted and the fault, in either order (module docstring)."""
    fault, subject = plain(fault), plain(subject)
    if not fault or not subject:
        return False
    pre, post = pre.rstrip("的"), post.lstrip("的")
    if post.startswith(subject):
        rest = pre + post[len(subject) :]
    elif pre.endswith(subject):
        rest = pre[: -len(subject)] + post
    elif not post and pre.startswith(subject):
        rest = pre[len(subject) :]
    else:
        return False
    rest = rest.strip("的")
    if not rest.endswith(fault):
        return False
    between = rest[: -len(fault)].strip("的")
    if re.search(r"[\d不未没无非缺漏错超少多]", between) or len(between) > 8:
        return False
    return not between or content_chars(between) <= content_chars(fault + subject + "".join(context))


_LISTED = re.compile(rf"^(?P<word>[{MISSING}]+)(?P<items>[^\d,;。]+)$")


def named_items(words: str, *, joined_too: bool = True) -> int | None:
    """How many things "缺A、B" names (2 and more, cut at 、 and, with ``joined_too``, at 和/及/与 between two of them:
    "缺消毒和隔离制度" may name one thing); None when it is no such list."""
    found = _LISTED.match(words)
    if found is None:
        return None
    items = [i for i in re.split(r"、|和|及|与" if joined_too else "、", found.group("items")) if i]
    if len(items) < 2 or any(len(i) < 2 or re.search(r"[不未没无非]", i) for i in items):
        return None
    return len(items)


def listed_against(words: str, count: int) -> str | None:
    """Why a count beside the things named disagrees with them ("缺A、B3项"), or None: the things cut at 、 only are
    as many as the count, or they are once 和/及/与 are cut too."""
    plainly, joined_too = named_items(words, joined_too=False), named_items(words)
    if count in (plainly, joined_too) or plainly is None:
        return None
    return f"列出 {plainly} 项"


_OCCURRENCE = re.compile(rf"^(?P<main>\D*?(?P<n>{NUMBER})(?P<c>{COUNTER})\D*?)\((?P<detail>[^()]*\d[^()]*)\)$")
_EACH = re.compile(r"^(?:各|均|每次|每起|每例|分别)")


def occurrence(segment: str) -> tuple[str, int, str, bool] | None:
    """ "死亡事故1次(死亡1人)": the statement without its bracket, its count, what the bracket says it was, and whether
    the bracket speaks of each occurrence ("各死亡1人"); None for any other statement."""
    found = _OCCURRENCE.match(segment)
    if found is None or (n := cn_int(found.group("n"))) is None or n != n.to_integral_value():
        return None
    detail = found.group("detail")
    each = _EACH.match(detail)
    return found.group("main"), int(n), detail[each.end() :] if each else detail, each is not None


def same_condition(detail: str, what: str) -> bool:
    """The bracket is the rule's own condition ("死亡1人" of "死亡1人扣30分/次", "发生死亡1人" too)."""
    said = re.sub(r"^(?:发生|造成|导致|致|共)", "", plain(detail))
    return bool(said) and said == plain(what)


def read_occurrence(
    side: tuple[str, int, str, bool], segment: str, what: str, limits: tuple[str, ...]
) -> tuple[bool, str] | None:
    """ "死亡事故1次(一次死亡2人)": (True, the veto whose limit the bracket reaches); None (or (True, "") when a limit
    is spoken of and not reached) when the bracket is the rule's own condition, of one occurrence or of each ("各死亡
    1人"); (False, why) when it is not read (rules/count_phrasings.py)."""
    from medaid.evaluation.rules.count_words import limit_reached, written

    _, n, detail, each = side
    if (reached := limit_reached(detail, limits)) is not None and reached[1] is not False:
        if reached[1] is None:
            return False, f"“{segment}”恰在“{written(reached[0])}”的界限上，评分标准未写明是否含本数"
        if n > 1 and not each:  # "2次(共死亡2人)": in one of them, or one in each?
            return False, f"“{segment}”未写明每一次的情况"
        return True, reached[0]  # one occurrence at least reaches it
    if not same_condition(detail, what):
        return False, f"“{segment}”括号内的“{detail}”不是规则所计的“{what}”"
    if n > 1 and not each:
        return False, f"“{segment}”未写明每一次都是“{what}”"
    return None if reached is None else (True, "")  # "": the limit is not reached (the caller clears it)
