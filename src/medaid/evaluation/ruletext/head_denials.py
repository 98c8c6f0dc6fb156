"""A denial written once at the head of a list of things (lists family, session 7, fix round).

How tables write such lists:
- "未建立制度、台账、记录": the head's denial and verb are every thing's (未建立台账, 未建立记录);
- "未按时报送月报、季报、年报": with the adverbs before the verb (未按时报送季报), never the bare 未 alone;
- "如发现未建立制度、落实责任、开展培训": a later thing that starts with a verb of its own takes the head's denial
  (and adverbs) only: 未落实责任, 未开展培训;
- "未按规定公示、资金滞留、台账混乱", "未建立制度、报表迟报、漏报": later things that are faults of their own
  (their own denial, or a fault word: 滞留, 混乱, 迟报, 挪用, 错误, 缺失, 擅自…) stay as written;
- "未经批准调整预算、资金挪用": 未经 ("without") is no denial of the list: nothing is spread.

A 不/无/差/少/失 inside a word is no denial ("不动产台账", "不相容岗位", "差旅费", "无人机", "失业保险"): such
words are masked before a thing is judged a fault of its own.

Doubtful (``None``): a list mixing faults of their own with things that would need the head (which of them the head
covers is not said: "未建立制度、台账、记录缺失"), a head whose verb has no object followed by a thing that is no
verb ("未落实,公示…" is read; "未落实,台账" is not), or a head that is the denial alone before a verb phrase.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.phrasing import VERBS

# words in which 不/无/未/差/少/缺/失/超/错/误/漏/乱… are no denial and no fault
_NOT_DENIAL = re.compile(
    r"不动产|不相容|不锈钢|不间断|不断|无人机|无线|无偿|无害化|无障碍|无公害|无纸化|差旅|差额|少数民族|少先队|少儿"
    r"|失业|失能|失独|失地|超市|超声|超低|未成年|误工|错峰|错时|漏电保护|查漏|补漏|堵漏|防漏|查缺|补缺"
    r"|假期|寒假|暑假|请假|休假|假日|虚拟"
)
_DENIAL = re.compile(r"没有|无(?!论|需|须)|未|不|缺|少|漏|迟|错|差")
# a fault of its own without a denial (after ``rules.phrasing``'s fault words); not the names of things a table
# checks that may name an object ("事故应急预案", "投诉处理机制", "通报制度", "问题整改台账", "隐患排查记录")
_FAULT = re.compile(
    r"错|误|漏|虚|假|违|超|滞|延迟|拖延|拖欠|逾期|迟|缺|重复|截留|挪用|挤占|侵占|套取|冒领|骗取|瞒|丢|失|乱|擅自"
    r"|闲置|浪费|堵塞|损坏|破损|不当|偏低|偏高"
)
_HEAD = re.compile(r"^(?P<neg>没有|无(?!论|需|须)|未(?!经|成年)|缺少|缺乏|缺|不(?!断))")
_NOUN_DENIALS = ("无", "没有", "缺少", "缺乏", "缺")  # they deny a thing, which needs no verb to be spread
# a later thing that starts with a verb or an adverb of doing takes the head's denial only ("未建立制度、履行验收程序"
# → 未履行验收程序, never 未建立履行验收程序): the shared verbs and more that tables use
_MORE_VERBS = (
    "履行|聘请|聘用|购买|购置|安装|设置|配置|采购|公布|登记|申报|审计|验收|检查|培训|宣传|督查|督促|考核|评估|监测"
    "|巡查|巡检|维护|维修|清理|清除|核查|核实|填写|填报|签署|签字|盖章|存档|留存|制作|设计|开设|建设|修订|完善|健全"
    "|规范|做好|做到|参加|参与|举办|举行|收集|整理|保存|报告|报备|反馈|回复|处理|办理|办结|使用|管理|监督|指导|跟踪"
    "|推进|部署|安排|启动|纠正|查处|排查|治理|报批|评审|论证|提供|投入"
)
_ADVERBS = "按时|及时|按期|如期|按规定|按要求|严格|定期|认真"
_VERB_AT = re.compile(rf"(?:{VERBS}|{_MORE_VERBS})")
_STARTS_VERB = re.compile(rf"^(?:{VERBS}|{_MORE_VERBS}|{_ADVERBS})")


def masked(thing: str) -> str:
    """The thing with the words in which a denial character is none ("不动产", "差旅") taken out."""
    return _NOT_DENIAL.sub("", thing)


def own_fault(thing: str) -> bool:
    """The thing is a fault on its own: its own denial ("台账不全", "未配备专人") or a fault word ("资金挪用",
    "台账混乱", "报表迟报"); not a 不/差 inside a word ("不动产台账", "差旅费报销")."""
    plain = masked(thing)
    return bool(_DENIAL.search(plain) or _FAULT.search(plain))


def spread_head(things: list[str], mixed: bool = False) -> list[str] | None:
    """The things with the head's denial spread where it belongs (module docstring); None when doubtful.
    ``mixed``: a list mixing faults of their own with things that need the head is read with the head spread onto
    the latter ("未建立制度、台账、记录缺失" → 未建立台账), for readers that cannot refuse."""
    if len(things) < 2:
        return things
    head = _HEAD.match(things[0])
    if head is None:
        return things  # no denial at the head ("安全事故、重大投诉", "未经批准…"): nothing to spread
    neg = head.group("neg")
    rest = things[0][head.end() :]
    verb = _VERB_AT.search(rest[:8])
    adverbs = rest[: verb.start()] if verb else ""
    lead = neg + rest[: verb.end()] if verb else neg
    obj = rest[verb.end() :] if verb else rest
    later = things[1:]
    own = [own_fault(t) for t in later]
    if all(own):
        return things  # "未按规定公示、资金滞留、台账混乱": every later thing is a fault of its own
    if any(own) and not mixed:
        return None  # "未建立制度、台账、记录缺失": which things the head covers is not said
    out = things[:1]
    for t, fault in zip(later, own, strict=True):
        if fault:
            out.append(t)
        elif _STARTS_VERB.match(t):
            out.append(neg + adverbs + t)  # "未建立制度、落实责任" → 未落实责任
        elif neg in _NOUN_DENIALS:
            # "无方案、记录" → 无记录: a thing's denial, never its verb ("无管理制度、台账" → 无台账)
            out.append(neg + t)
        elif verb is not None and obj:  # 未/不 deny a verb, which must be known to be spread
            out.append(lead + t)  # "未按时报送月报、季报" → 未按时报送季报
        else:
            return None  # "未落实,台账": a verb without its object, then a thing that is no verb
    return out


def starts_verb(thing: str) -> bool:
    """The thing opens with a verb or an adverb of doing ("建立台账", "公开举报电话", "按时报送"): a deed of its own
    (lists family, s8 fix round)."""
    return _STARTS_VERB.match(thing) is not None
