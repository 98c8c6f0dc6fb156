"""Faults of a sampled thing, the count written once (counts family, s9): "抽取10份档案,1份有空项扣1分,漏项扣1分,
电话号码不正确,扣5分".

Reading: when the text samples N things in a counter ("抽取10份档案", "随机抽查20户") and a deduction counts one of
them ("1份有空项扣1分"), the deductions that follow it in the same sentence, separated by commas, with no count of
their own ("漏项扣1分", "电话号码不正确,扣5分"), are further faults of one sampled thing: each is counted in the same
counter ("1份漏项扣1分"). The list ends at the sentence's end (; or 。), at a clause with a number, a 每, a veto or a
limit of its own, or at a clause that is not a deduction ("可倒扣").

Not read so: the same list with no sampling ("1份有空项扣1分,漏项扣1分": whether 漏项 is counted per 份 is then not
said, and the count readers ask for a judge), a sampling in another counter ("抽查10户,1份…"), a deduction in a later
sentence, a fault of the unit rather than of one sampled thing ("未建立档案管理制度扣5分").
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.count_doubts import SAMPLE as _SAMPLE

_DEDUCTION = re.compile(r"扣\d+(?:\.\d+)?分$")
# a limit, a veto, a count of its own, or a fault of the unit rather than of a sampled thing ("未建立档案管理制度")
_NOT_OF_ONE = re.compile(
    r"每|不得分|最多|最高|扣完|加扣|倒扣|其中|[一二两三四五六七八九十]|^(?:未|没有|无)(?:建立|制定|设立|成立|配备|出台)"
)
_CLAUSE = re.compile(r"^[\u4e00-\u9fa5、]{2,20}?(?:的|者)?$")  # the fault's words: no number, no punctuation
# A defect of one sampled thing's content (a blank, a wrong number, a missing signature); only such a fault is counted
# per sampled thing. A fault naming another thing (the cabinet, the platform, a system) is the unit's, written once.
_OF_CONTENT = re.compile(
    r"项|号码|电话|签字|签名|信息|填写|书写|记录|内容|日期|字迹|涂改|知晓|姓名|地址|照片|缺页|附件|盖章|印章|不全|不完整"
    r"|缺失|错误|不正确|不准确|不规范|不清|不一致|不符"
)
_OF_ANOTHER = re.compile(r"柜|平台|系统|制度|网站|网络|设备|场所|库房|房间|办公|软件|电脑|机构|台账|数据|专人|人员")


def sampled_each(text: str) -> str:
    """The text with the sampled thing's counter written before each further fault (see the module's docstring)."""
    sample = _SAMPLE.search(text)
    if sample is None or int(sample.group("n")) < 2:
        return text
    unit = sample.group("unit")
    out: list[str] = []
    for sentence in re.split(r"(?<=[;。])", text):
        out.append(_spread(sentence, unit))
    return "".join(out)


def _spread(sentence: str, unit: str) -> str:
    chunks = sentence.split(",")
    first = next((i for i, c in enumerate(chunks) if c.startswith(f"1{unit}") and _DEDUCTION.search(c.rstrip(";。"))),
                 None)  # fmt: skip
    if first is None:
        return sentence
    i = first + 1
    while i < len(chunks):
        # a fault and its deduction, in one chunk ("漏项扣1分") or two ("电话号码不正确,扣5分")
        end = i if _DEDUCTION.search(chunks[i].rstrip(";。")) else i + 1
        if end >= len(chunks) or not _DEDUCTION.search(chunks[end].rstrip(";。")):
            break
        words = ",".join(chunks[i : end + 1]).rstrip(";。")
        words = _DEDUCTION.sub("", words).rstrip(",")
        if not _CLAUSE.match(words) or _NOT_OF_ONE.search(words) or _OF_ANOTHER.search(words):
            break
        if not _OF_CONTENT.search(words):
            break
        chunks[i] = f"1{unit}{chunks[i]}"
        i = end + 1
    return ",".join(chunks)
