"""What a description says of each part of a composite rule (``rules.composite``).

- ``statements``: the description cut into statements (at ，；。 and 但/并且/而且; a list at 、 when each of its
  items names another part: "全申报、规范、按时申报"), each given to the one part it speaks of (``assign``):
  the part sharing most two-character words with it, when it shares enough and no other part shares as many.
- ``said_met``: for a part that is all or nothing ("按时报送得1分"), whether a statement its own rule cannot read
  says the requirement is met: the statement must say nothing but the requirement's words, some left out
  ("按规定时间报送" of "各地区相关部门按规定时间报送中央和省级专项资金申请材料"), its negations as many as the
  requirement's, or one more ("无缺会" meets "无缺会现象", "有缺会" does not; "未及时上报" does not meet
  "及时上报"); a statement qualified where the requirement is not ("基本按时", "部分上报") says neither. A part
  with deductions is met in full by a statement that it is met ("全申报": nothing to deduct); that it is not
  met gives it no score (how much to deduct is not said).
"""

from __future__ import annotations

import re

from medaid.evaluation.numbers import ZERO
from medaid.evaluation.rules.naming import canon
from medaid.evaluation.rules.parts import Part
from medaid.evaluation.rules.quality_left import quality_left_out  # lists family (s9)

CUT = re.compile(r"[,;。，；]|但|并且|而且|且")
_HAN = re.compile(r"[\u4e00-\u9fa5]")


def _pairs(text: str) -> set[str]:
    runs = re.findall(r"[\u4e00-\u9fa5]+", canon(text))
    return {run[i : i + 2] for run in runs for i in range(len(run) - 1)}


def assign(statement: str, parts: tuple[Part, ...]) -> int | None:
    """The one part a statement speaks of: the part sharing most two-character words with it, when it shares
    enough (two; one for a statement of at most two such words: "有缺会", "规范"; "工作扎实" shares only 工作 with
    "建立工作台账") and no other part shares as many."""
    mine = _pairs(statement)
    shared = sorted(((len(mine & _pairs(p.name)), i) for i, p in enumerate(parts)), reverse=True)
    best, second = shared[0][0], shared[1][0] if len(shared) > 1 else 0
    if not (best >= 2 or (best == 1 and len(mine) <= 2)) or best == second:
        return None
    return shared[0][1]


def statements(text: str, parts: tuple[Part, ...]) -> dict[int, list[str]] | str:
    said: dict[int, list[str]] = {}
    for raw in (s.strip() for s in CUT.split(text)):
        if not _HAN.search(raw):
            continue
        listed = [(p, assign(p, parts)) for p in raw.split("、")]  # "全申报、规范、按时申报": one part each
        if len(listed) < 2 or any(o is None for _, o in listed) or len({o for _, o in listed}) < 2:
            listed = [(raw, assign(raw, parts))]
        pieces = listed
        for piece, owner in pieces:
            if owner is None:
                return f"“{piece}”对应不到唯一的一部分"
            said.setdefault(owner, []).append(piece)
    return said


def all_or_nothing(part: Part) -> bool:
    """A part that gives its marks or none: no deduction, no other marks than its own and 0."""
    from medaid.evaluation.ruletext.composite import own_marks

    return "扣" not in part.name and set(own_marks(part.name)) <= {part.full, ZERO}


NEGATION = re.compile(r"未|无|不|没|缺|延期|逾期|超期|迟|漏|滞后")
_FILLER = re.compile(r"未|无|不|没有|没|有|已|均|全部|都|了|能|的|得")
_QUALIFIED = re.compile(r"基本|部分|大部分|个别|较|大体|初步|尚|仍|正在|拟|少量|多数")


_ZERO = re.compile(r"([^,;]{2,30}?)[的,]*(?:不得分|不计分|不记分|不给分|(?:得|计|记)0分)")


def settled_by_holds(part: Part) -> bool:
    """Whether saying that a part holds or not settles its score: all or nothing, and what gives it none is
    only its requirement unmet ("按时足额发放得0.3分;未按时足额发放,不得分"), not another event
    ("文书档案规范4分,受举报被查处的不计分": holding says nothing of a report)."""
    return all_or_nothing(part) and all(said_met(m.group(1), part) is False for m in _ZERO.finditer(part.name))


def requirement(part: Part) -> str:
    """The words a part's marks are given for: "按时报送的,得1分;延期报送不得分" → 按时报送."""
    head = re.split(r"[,;:(]?(?:的)?[,]?(?:得|计|记|满分)?\(?\d+(?:\.\d+)?分", part.name, maxsplit=1)[0]
    return head.strip(" ,;:的")


def said_met(statement: str, part: Part) -> bool | None:
    """Whether a statement says an all-or-nothing part's requirement is met (module docstring); None: neither."""
    said, wanted = canon(statement), canon(requirement(part))
    if re.search(r"\d", said) or len(wanted) < 2 or set(_QUALIFIED.findall(said)) - set(_QUALIFIED.findall(wanted)):
        return None
    core = _FILLER.sub("", said)
    if len(core) < 2 or not set(core) <= set(_FILLER.sub("", wanted)) or quality_left_out(said, wanted):  # lists (s9)
        return None
    # each negation turns the sense: "有缺会" (one) does not meet "无缺会现象" (two), "无缺会" does
    return len(NEGATION.findall(said)) % 2 == len(NEGATION.findall(wanted)) % 2
