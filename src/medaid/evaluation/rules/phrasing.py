"""How a description and a fault are phrased: what a list shares, the object before its verb, alternatives
(或), causes, and negated predicates of one subject (vocabulary in ``wording``).

- "未发现截留、挪用" → 未发现截留, 未发现挪用; "有工作制度和工作台账" → 有工作制度, 有工作台账; "制度、台账均有" /
  "计划、总结、台账齐全" → 有制度, 有台账…; "方案、台账均已建立" → 方案建立, 台账建立 (``listed``);
- "无制定实施方案" is also "实施方案无制定" ("方案未制定", ``reordered``);
- "公开不及时或不完整" → 公开不及时, 公开不完整 (``either``);
- "由于程序不当或对象不准而造成残疾人上访" → causes 程序不当, 对象不准; effect 残疾人上访 (``cause_effect``);
- "学生归档材料不全|不规范" → 学生归档材料不全, 学生归档材料不规范, denied by 学生归档材料齐全规范 (``distributed``,
  ``met_form``).
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.wording import OPPOSITES, unify


def listed(raw: list[str], words: list[str]) -> list[str]:
    """The statements of a list (``raw`` as written, ``words`` in ``canon`` spelling), each with what the list
    shares: a leading negation (and event word): "无发现截留、挪用" → 无发现截留, 无发现挪用; a leading 有/无
    over 和/及/与: "有工作制度和工作台账" → 有工作制度, 有工作台账; a trailing 均有/均无: "制度、台账均有" →
    有制度, 有台账."""
    if not words:
        return words
    lead = re.match(r"^(?:均|都)?无(?:发现|发生|出现|存在)?", words[0])
    if lead and all(not re.search(r"[无不非]|未|没", p) and not re.match(r"有|已", p.strip()) for p in raw[1:]):
        words = words[:1] + [lead.group(0) + p for p in words[1:]]
    verb = re.match(rf"^(?:{VERBS})", words[0])  # "建立工作制度、工作台账": the verb is every one's
    if verb and all(not re.search(rf"[有无不]|{VERBS}", p) for p in words[1:]):
        words = words[:1] + [verb.group(0) + p for p in words[1:]]
    tail = re.search(rf"(?:(?:均|都|全部)(有|无|无?(?:{VERBS}))|(?<=[\u4e00-\u9fa5]{{2}})(齐全|俱全))$", words[-1])
    if tail and len(words) > 1 and not any(re.search(r"[有无不]", w) for w in [*words[:-1], words[-1][: tail.start()]]):
        said = tail.group(1) or "有"  # "计划、总结、台账齐全" → 有计划, 有总结, 有台账
        done = said not in ("有", "无")  # "方案、台账均已建立" → 方案建立, 台账建立
        words = [w + said if done else said + w for w in [*words[:-1], words[-1][: tail.start()]]]
    out: list[str] = []
    for word in words:
        # "有工作制度和工作台账", "建立工作制度和工作台账": the leading 有/无 or verb is each one's
        shared = re.match(
            rf"^(有|无|无?(?:{VERBS}))(?!发现|发生|出现|存在)([^和及与]{{2,}})((?:[和及与][^和及与]{{2,}})+)$", word
        )
        if shared and not re.search(r"[有无不]", shared.group(2) + shared.group(3)):
            out += [shared.group(1) + x for x in [shared.group(2), *re.split(r"[和及与]", shared.group(3))[1:]]]
        else:
            out.append(word)
    return out


# Verbs of doing what is required, which a description may say after their object ("方案已制定", "台账未建立").
VERBS = (
    "建立|制定|制订|设立|成立|组建|开展|报送|上报|公示|公开|签订|落实|组织|召开|印发|拨付|发放|备案|整改|编制|提交"
    "|配备|建档|张贴|录入|归档|更新|实施|执行|审核|审批|出台|下达|兑现|完成|确定|指定|明确"
)
_DONE_BY = re.compile(rf"^(无|不)?({VERBS})([\u4e00-\u9fa5]{{2,}})$")


def reordered(fault: str) -> list[str]:
    """A fault "无制定实施方案" said object first: 实施方案无制定 ("实施方案未制定")."""
    found = _DONE_BY.match(fault)
    if found is None or re.search(r"[无不|或]", found.group(3)):
        return []
    return [found.group(3) + (found.group(1) or "") + found.group(2)]


# A fault of its own without a negation: "未按时上报或上报数据错误", "未建立台账或弄虚作假".
_FAULT_WORD = re.compile(
    r"错|误|漏|虚|假|违|超|滞后|延迟|拖延|逾期|迟|缺|重复|截留|挪用|瞒|差|丢|失|乱|事故|投诉|上访|处分|通报|问题|"
    r"发现|发生|出现|存在"
)
# Things a table checks for, which an alternative may name alone after the first's negation and verb:
# "无…检查或监督记录" → 无监督记录; "未制定实施方案或工作计划" → 未制定工作计划.
_OBJECT = re.compile(
    r"(?:记录|制度|方案|计划|台账|台帐|档案|资料|文件|报告|总结|机构|办法|细则|规划|措施|机制|队伍|名单|合同|协议"
    r"|责任书|责任状|预案|标识|标志|设备|设施|场所|经费|账|表|册|簿|证|书|栏|牌)$"
)
_LEAD_NEGATION = re.compile(r"无|未|没有|没|不")


def either(name: str) -> list[str]:
    """The alternatives of a name joined by 或, each with the subject of the first when it is only a predicate:
    "公开不及时或不完整" → 公开不及时, 公开不完整; an alternative that is only a thing takes the first's negation
    and verb ("无检查或监督记录" → 无检查, 无监督记录; "未制定方案或计划" → 未制定方案, 未制定计划); one that is a
    fault of its own stays ("未按时上报或数据错误"). [] when an alternative is none of these ("未建立台账或登记":
    登记 alone would be read as the fault), so that the name is read only whole."""
    first, *rest = name.split("或")
    found = _LEAD_NEGATION.search(first)
    subject = first[: found.start()] if found and found.start() >= 2 else ""
    head = ""
    if found:
        verb = re.match(rf"(?:{VERBS})", first[found.end() :])
        head = first[found.start() : found.end()] + (verb.group(0) if verb else "")
    out = [first]
    for x in (x for x in rest if x):
        if _LEAD_NEGATION.match(x):
            out.append(subject + x if subject else x)
        elif _LEAD_NEGATION.search(x) or _FAULT_WORD.search(x) or not found:
            out.append(x)
        elif _OBJECT.search(x):
            out.append(subject + head + x)
        else:
            return []
    return out


def both(name: str) -> list[str]:
    """ "无…检查或监督记录" said of both things: 无…检查监督记录, 无…检查和监督记录 (what denies these denies
    the fault whichever the 或 means); [] unless the thing after 或 is only a thing (``either``)."""
    if name.count("或") != 1:
        return []
    first, after = name.split("或")
    if not _LEAD_NEGATION.search(first) or _LEAD_NEGATION.search(after) or _FAULT_WORD.search(after):
        return []
    if not _OBJECT.search(after) or len(first) < 2:
        return []
    return [first + after, first + "和" + after]


_CAUSE = re.compile(r"而?(?:造成|导致|致使|引起|引发)")
_BECAUSE = re.compile(r"^(?:由于|因为|因)")


def cause_effect(fault: str) -> tuple[list[str], str] | None:
    """ "由于程序不当或对象不准而造成残疾人上访" → ([程序不当, 对象不准], 残疾人上访)."""
    found = list(_CAUSE.finditer(fault))
    if len(found) != 1:
        return None
    cause, effect = _BECAUSE.sub("", fault[: found[0].start()]), fault[found[0].end() :]
    causes = [c for c in cause.split("或") if len(c) >= 2]
    if not causes or len(effect) < 2 or "|" in effect:
        return None
    return causes, effect


def caused(fault: str) -> list[str]:
    """A fault's spellings by each cause: "对象不准造成残疾人上访"."""
    parts = cause_effect(fault)
    return [] if parts is None else [f"{c}造成{parts[1]}" for c in parts[0]]


def because(statement: str) -> str:
    """ "因对象不准造成残疾人上访" → 对象不准造成残疾人上访: one spelling of a cause."""
    return _CAUSE.sub("造成", _BECAUSE.sub("", statement))


def denies_effect(statement: str, fault: str) -> bool:
    """ "无因程序或对象问题造成残疾人上访", "无造成残疾人上访", "无残疾人上访" deny "…而造成残疾人上访";
    "无乱发" denies "乱发造成不稳定"."""
    parts = cause_effect(fault)
    if parts is None or not statement.startswith("无") or statement.count("无") != 1:
        return False
    causes, effect = parts
    rest = statement[1:]
    if rest.endswith(effect) and (rest == effect or _CAUSE.search(rest)):
        return True
    return rest in causes and "无" not in unify(rest)


def distributed(fault: str) -> list[str]:
    """ "学生归档材料不全|不规范" → 学生归档材料不全, 学生归档材料不规范: negated predicates listed after one subject,
    each a fault of that subject."""
    pieces = fault.split("|")
    found = re.search(r"[无不]", pieces[0])
    if len(pieces) < 2 or found is None or found.start() < 2 or not all(re.match(r"[无不]", p) for p in pieces[1:]):
        return []
    subject = pieces[0][: found.start()]
    return [subject + p for p in [pieces[0][found.start() :], *pieces[1:]]]


def met_form(fault: str) -> str | None:
    """What says that none of a subject's listed faults happened: "学生归档材料不全|不规范" → 学生归档材料齐全规范."""
    each = distributed(fault)
    if not each:
        return None
    subject = re.split(r"[无不]", each[0], maxsplit=1)[0]
    said = []
    for predicate in (x[len(subject) :] for x in each):
        opposite = next((good[0] for bad, good in OPPOSITES if predicate in bad), None)
        said.append(opposite or predicate[1:])
    return subject + "".join(said) if all(len(x) >= 2 for x in said) else None


_PREPOSITION = re.compile(r"^(?:与|向|对|按|在|为|给|和|同|跟|由|经)")
_STRICTER = re.compile(
    r"及时|按时|按期|如期|足额|按规定|按要求|按程序|规范|完整|严格|认真|全面|定期|健全|完善|齐全|按季度?|按月|按年|每月"
    r"|每季度?|每年"
)


def verb_only(statement: str, fault: str) -> bool | None:
    """A statement that is the verb of a negated fault with its object left out: "已组织研究制定" denies and
    "未组织研究制定" names "未组织研究制定年度消防工作目标和任务"; "未签订" names "未与下一级政府消防安全责任人签订
    消防安全责任书" (what stands between is said with a preposition). A statement that leaves out a stricter
    word ("已签订" against "未按时签订责任书") does not deny it. Both in ``canon`` spelling; None: it is not
    such a statement."""
    said = re.sub(r"^(?:均|都|全部)", "", unify(statement))
    negated = said.startswith("无")
    core = said[1:] if negated else said
    word = unify(fault)
    if len(core) < 2 or re.search(r"[无不非|或]", core) or not re.search(rf"(?:{VERBS})$", core):
        return None
    if word.count("无") != 1 or re.search(r"[不非|或]", word) or not word.startswith("无"):
        return None
    at = word.find(core, 1)
    if at < 0:
        return None
    between, rest = word[1:at], word[at + len(core) :]
    if (between and not _PREPOSITION.match(between)) or not rest or re.search(rf"(?:{VERBS})|并|且", rest):
        return None
    if not negated and _STRICTER.search(between + rest):
        return None
    return negated


_SHARED_VERB = re.compile(rf"^(无|不)({VERBS})([^无不|]{{2,}}(?:(?:\||和|及|与)[^无不|]{{2,}})+)$")


def objects(fault: str) -> list[str]:
    """A negated verb over listed objects, each a fault of its own: "无确定防火负责人|防火安全员和防火领导小组" →
    无确定防火负责人, 无确定防火安全员, 无确定防火领导小组 (what is not done for one of them is not done)."""
    found = _SHARED_VERB.match(fault)
    if found is None:
        return []
    head = found.group(1) + found.group(2)
    return [head + x for x in re.split(r"\||和|及|与", found.group(3)) if len(x) >= 2]
