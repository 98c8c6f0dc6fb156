"""Faults written as an absence, and words that only look like a negation (docs/rules.md, "Counts and ranks").

- A fault may itself be an absence: "无垃圾池、垃圾填埋场各扣6分", "工作无计划、无检查、无总结,每项扣1分",
  "无工作方案、计划、部署、检查、总结的缺1项扣0.1分". An explanation "无垃圾填埋场", "无检查，无总结",
  "无工作计划和总结", "方案、计划、总结均无" then STATES the fault (each element named counts once); "有计划"
  denies it. ``stated_absences`` reads such a statement: each thing it says is absent must be one element of
  one kind written as an absence (with the same kind of negation: 无/没有/缺 or 未), else it is not read here.
- Some words begin with a negation character but are not a negation: "无故推诿" (without reason), "无人接听"
  (unanswered), "无证经营", "未成年人", "不良事件". The count beside them counts the fault. ``LEXICAL`` lists
  them; a kind whose own name holds the words ("电话无人接听的,一次扣0.5分") makes them the kind's words too
  (``kind_word``).
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.count_vocab import COUNTER, NUMBER, plain

# Words that begin with a negation character and are not a negation: what follows them happened.
LEXICAL = ("无故", "无人接听", "无人值守", "无人管理", "无人", "无证", "无照", "无牌", "无资质", "无序", "无效",
           "无理", "无端", "无正当理由", "无视", "未成年", "未婚", "不良", "不当", "不实", "不正之风", "非法",
           "未经批准", "未经许可", "未经同意", "未经审批", "未经")  # fmt: skip
# Negations of a thing absent, and of a thing not done: an explanation's must be of the kind's sort.
_ABSENT = ("没有", "缺少", "缺失", "无", "没", "缺")
_UNDONE = ("没有", "尚未", "未", "没")
_NEG = "没有|缺少|缺失|尚未|无|没|缺|未"
_JOIN = r"、|和|及|与|或|以及|,"


def bare_words(words: str) -> str:
    """The words without the fillers around a thing named ("的", "情况"; "均" before a verb), keeping verbs such
    as 检查 and 计 that ``plain`` would take for fillers."""
    return re.sub(r"(?:的|者|情况|问题|现象|等)+$", "", words.strip(",")).strip(",")


def masked(words: str) -> str:
    """The words with each lexical negation-looking word's first character blotted out ("无故推诿" → "□故推诿")."""
    for word in LEXICAL:
        words = words.replace(word, "□" + word[1:])
    return words


def kind_word(words: str, kind_text: str) -> bool:
    """ "电话无人接听" (its count taken away) is written in the kind "电话无人接听的,一次扣0.5分": the kind's own
    words, its negation and all — a statement that the kind happened, not that it did not."""
    said = plain(words)
    return len(said) > 2 and any(c in "无没未缺" for c in said) and said in plain(kind_text).replace(",", "")


def _sort(negation: str) -> set[str]:
    return {"absent" for _ in [0] if negation in _ABSENT} | {"undone" for _ in [0] if negation in _UNDONE}


def elements(kind_text: str) -> list[tuple[str, str]]:
    """The things a kind written as an absence lists, each with its negation: "工作无计划、无检查、无总结" →
    (无, 计划), (无, 检查), (无, 总结); "无工作方案、计划、部署" → (无, 工作方案), (无, 计划), (无, 部署)."""
    text = masked(kind_text)
    text = re.split(r"[;。]|的|每|各|扣|,(?:每|一|\d)", text)[0]
    found: list[tuple[str, str]] = []
    negation = ""
    for piece in re.split(r"、|和|及|与|或", text):
        head = re.match(rf"^(.*?)({_NEG})(.+)$", piece)
        if head:
            negation, piece = head.group(2), head.group(3)
        elif not negation:
            return []  # the list opens with no negation: not a kind written as an absence
        thing = bare_words(piece)
        if thing and "□" not in thing:
            found.append((negation, thing))
    return found


def _element(item: str, negation: str, kind_text: str, listed: list[tuple[str, str]]) -> str | None:
    """The element of a kind an item of an explanation names ("工作计划" names 计划 of "无工作方案、计划…",
    "填埋场" names 垃圾填埋场), of the same sort of negation; None when none or several."""
    hits = []
    for neg, thing in listed:
        if not _sort(neg) & _sort(negation):
            continue
        prefix = item[: -len(thing)] if item.endswith(thing) else None
        if item == thing or (prefix and prefix in kind_text) or (len(item) >= 2 and thing.endswith(item)):
            hits.append(thing)
    return hits[0] if len(hits) == 1 else None


def _tokens(words: str, things: list[str]) -> list[str]:
    """ "方案计划部署" as the things (or their last two characters or more) it strings together; [] if it is not."""
    if not words:
        return []
    names = sorted({t[i:] for t in things for i in range(len(t) - 1)}, key=len, reverse=True)
    for name in names:
        if words == name:
            return [name]
        if words.startswith(name) and (rest := _tokens(words[len(name) :], things)):
            return [name, *rest]
    return []


def stated_absences(segment: str, kinds: list[str]) -> dict[int, set[str]] | str | None:
    """What a statement of an explanation says is absent, as the elements of each kind it states; a reason when
    it speaks of an absence kind's things in words that name no element; None when it is not such a statement.
    ``kinds``: the kinds' texts."""
    words = re.sub(r"^(?:经查|发现|存在|其中)+", "", bare_words(segment))
    lead = re.fullmatch(rf"(?P<topic>[^\d]{{0,8}}?)(?P<neg>{_NEG})(?P<rest>[^\d]+)", words)
    tail = re.fullmatch(r"(?P<rest>[^\d]+?)(?:均|都|全|全部)(?P<neg>没有|无|缺失|缺少|未\S{0,4})", words)
    found = lead or tail
    if found is None or words.startswith(("未发现", "未出现", "未发生", "未查", "没有发现", "不存在")):
        return None
    if lead and masked(words) != words and "□" in masked(words)[: lead.end("neg")]:
        return None  # "无故推诿": a lexical word, not an absence
    if re.fullmatch(r"(?:此类|上述|以上|任何|其他)?(?:问题|情况|情形|违规|扣分项)?", found.group("rest")):
        return None  # "没有问题", "无此类情况": nothing found, read as such by the caller
    negation = found.group("neg")
    negation = "未" if negation.startswith("未") else negation
    listed = [elements(text) for text in kinds]
    if not any(listed):
        return None
    out: dict[int, set[str]] = {}
    items = [bare_words(p) for p in re.split(_JOIN, found.group("rest"))]
    if len(items) == 1:  # "方案计划部署检查总结均无": a list whose 、 were lost, read back into its things
        items = _tokens(items[0], [t for things in listed for _, t in things]) or items
    for item in items:
        hits = [(i, t) for i, things in enumerate(listed) if (t := _element(item, negation, kinds[i], things))]
        if len(hits) != 1:  # "无检查记录" beside "无检查": the same fault? Not read as its absence either
            absent = [t for things in listed for neg, t in things if "absent" in _sort(neg)]
            near = "absent" in _sort(negation) and any(set(item) & set(t) for t in absent)
            return f"“{segment}”所说的“{item}”对应不到一项以缺失写出的扣分情形" if near and item else None
        out.setdefault(hits[0][0], set()).add(hits[0][1])
    return out


def happened(words: str, kind_texts: list[str]) -> bool:
    """ "无故推诿3件", "电话无人接听3次" (after their topic): no negation but a word of the fault (``LEXICAL``, or a
    kind's own words), so the statement says the fault happened."""
    bare = re.sub(rf"{NUMBER}{COUNTER}", "", words)
    return masked(words).startswith("□") or any(kind_word(bare, text) for text in kind_texts)
