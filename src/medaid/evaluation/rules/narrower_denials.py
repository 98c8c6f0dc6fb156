"""A denial narrower than the requirement it is matched to (faults family, s8 fix round).

How evaluators write what is wrong with one thing of a list: often not that the thing is missing, but that
something more is: "考核办法未修订" (the method exists; revising it is not asked), "工作方案未公示", "培训记录未归档",
"总结未上报", "考核办法未落实"; or that one kind of it is missing: "未开展岗前培训", "未建立电子台账", "无岗前培训记录";
or a thing beside it: "无台账管理员", "无档案柜", "未建立制度上墙". None of these says that the requirement
("有考核办法", "开展培训", "建立台账") or the fault ("未建立台账") failed or happened.

So a NEGATIVE statement is taken to deny a requirement (or to name a negated fault) only when every word it writes
is a word of that requirement, a negation, an adverb of aspect (已/均/都/尚/仍…), or a verb of making or having
the thing ("建立", "制定", "开展", "配备", "设置", "有"…: "无工作方案" for "制定工作方案"); any other word makes the
statement narrower, and the reading is refused. Against a negated FAULT ("学历不达标", "任一项经费未列入财政预算")
the words before the negation may name one case of it ("园长学历不达标", "敬老院运转经费未列入财政预算"): an instance
of the fault is the fault; the words after it may not ("未建立电子台账" is no "未建立台账"). A report verb may be
written whole ("未上报" for "未报": ``clause_match._SHORT``).
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.count_vocab import simplified

_NEGATION = re.compile(r"尚未|还未|仍未|并未|从未|没有|未能|未|无|没|不|缺少|缺失|缺|少")
_ASIDE = re.compile(r"已经|已|均|都|全部|全都|仍|尚|还|也|的|了|之|及|和|与|、|\|")
# verbs that make or give the thing itself: their absence is the thing's absence
_MAKING = re.compile(
    r"(?:上|填|申)(?=报)|(?<=报)送|建立|制定|制订|编制|开展|进行|组织|设置|设立|配备|配置|成立|形成|具备|提供|拥有|有|建|订|做|写|设"
)
_NEGATIVE = re.compile(r"未|无|没|缺|不")


def _same(text: str) -> str:
    """One spelling for words tables and notes write alike: 按期/如期 are 按时, 及时 too."""
    return re.sub(r"按期|如期|及时", "按时", text)


def narrower(statement: str, requirement: str, fault: bool = False, aside: str = "") -> bool:
    """Whether a negative ``statement`` writes a word its ``requirement`` (or negated fault) does not: then it
    denies something narrower than, or beside, the requirement ("考核办法未修订" against "有考核办法").
    ``fault``: the requirement is a negated fault ("学历不达标"), of which a statement of one case ("园长学历不达标")
    is an instance: only the words after the statement's first negation count. ``aside``: what the evaluator put in
    brackets ("（高中）"), never a word of the statement."""
    said = _same(simplified(statement))
    negation = _NEGATIVE.search(said)
    if negation is None:
        return False
    if fault:
        said = said[negation.start() :]
    said = _MAKING.sub("", _ASIDE.sub("", _NEGATION.sub("", said)))
    wanted = _same(simplified(requirement))
    rest = "".join(ch for ch in said if ch not in wanted and ch not in aside)
    return bool(re.search(r"[\u4e00-\u9fa5]", rest))
