"""Zero statements written as the opposite of what a count rule counts (docs/rules.md, "Counts and ranks").

Evaluators seldom write "无X" or "0处" for a count of faults: they state the fault's opposite, of the thing the
fault is of. The general pattern, for a fault [thing] + fault word + [object]:

- a list with items missing (缺, 缺少, 缺失, 短缺, 遗漏, 不全, 不齐(全), 不完整, 不完备): 齐全, 齐备, 完整, 完备,
  配齐, 备齐, 配全, 无缺(项/失), 不缺, 无遗漏 — "证件齐全", "登记本均齐全", "消防器材配备齐全";
- a certificate not held (未取得/未持有/未持/未领取/无/没有 …证(书/件/照)): 持证, 持有/取得/领取/有 …证 —
  "项目经理均持证";
- a call not answered (无人接听, 未接听, 不接听, 未接通, 打不通, 不通): 接通, 畅通, 有人接听, 接听 — "电话均接通";
- a delay (滞后, 延迟, 推迟, 延误, 逾期, 超期): 按时, 按期, 如期, 准时, 及时, 按计划, 未(无)滞后/延误/逾期 —
  "资金均按时到位";
- away from a post (脱岗, 离岗, 空岗, 缺岗): 在岗 — "值班人员均在岗"; absent from a meeting (缺席, 缺会, 缺勤):
  出席, 参加, 参会, 全勤, 到会 — "均按时参加"; an error (差错, 错误, 错报, 错登…): 准确(无误), 无误, 正确;
- a requirement not reached (未达(到), 达不到, 不达标, 未满足): 达到, 达标, 满足 — "当月分类率达到区要求" (counts, s7);
- an excess (超, 超过, 超出 + what): 未/没有/不 超(过/出) + what — "各班均未超过标准";
- a thing not had (无 + what): 有 + what — "有针对性" for "实施计划无针对性";
- a thing not done (未/没有/无 … + verb): 已 + that verb — "已分解" for "无年度安全生产目标与指标分解".

The statement is [thing] [均/都/全部/全/皆/已…] opposite [rest]: the thing, when written, is the fault's own (its
characters are the fault's or the count's subject's; a leading 各/所有/全部 aside) and the rest holds only the
fault's characters. A fault that names no thing ("缺一项扣1分") takes any thing, with the 齐全 words only ("证件
齐全"; not "填写完整", which may say how a thing is filled in). A hedge (基本, 部分…), a number or a negation of
its own makes the statement no zero. 缺席, 缺勤, 缺岗, 缺课, 缺考 (absences) are no list with items missing.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.count_vocab import plain
from medaid.evaluation.rules.count_words import _HEDGED, QUALIFIERS, content_chars

_ALL = r"(?:均|都|全部|全都|全|皆|已经|已|也|一律|一直|始终|能)*"
_ADVERBS = re.compile(f"{_ALL}(?:按时|及时|准时|按要求|按规定)?{_ALL}$")  # "均按时" of "均按时参加"
_HEAD_FILL = re.compile(r"^(?:各个|各类|各项|各|所有|全部|每个|每位|每名|每)")

# (fault words, opposite words, whether a fault naming no thing takes any thing)
_MISSING = re.compile(r"缺少|缺失|短缺|缺(?!席|勤|岗|课|考|位|陷|乏)|遗漏|不齐全|不齐|不全|不完整|不完备")
_FULL = "(?:配备|配置|准备|收集|建立|设置)?(?:齐全|齐备|完整|完备|配齐|备齐|配全|无缺项|无缺失|无缺|不缺|无遗漏|无漏项)"
_FULL_BARE = "齐全|齐备|配齐|备齐|配全|无缺项|无缺失|无缺|不缺|无遗漏|无漏项"
_CERT = re.compile(r"(?:未取得|未持有|未持|未领取|没有|无)(?P<obj>[^,;。]{0,12}?证(?:书|件|照)?)")
_HELD = re.compile(r"持证|(?:持有|取得|领取|有)(?P<obj>[^,;。]{0,12}?证(?:书|件|照)?)")
_UNANSWERED = re.compile(r"无人接听|未接听|不接听|未接通|打不通|不通")
_ANSWERED = "有人接听|接通|畅通|接听"
_OFF_POST = re.compile(r"脱岗|离岗|空岗|缺岗|擅离职守")
_ON_POST = "在岗|坚守岗位|值守到位"
_ABSENT = re.compile(r"缺席|缺会|缺勤")
_PRESENT = "出席|参加|参会|全勤|到会"
_WRONG = re.compile(r"差错|错误|错报|错填|错登|填错|报错")
_RIGHT = "准确无误|准确|无误|正确|无差错"
_OVER = re.compile(r"超(?:过|出)?(?!期|时)")
_NOT_OVER = "(?:未|没有|不)超(?:过|出)?"
_DELAY = re.compile(r"滞后|延迟|推迟|延误|逾期|超期")
_ON_TIME = "按时|按期|如期|准时|及时|按计划|未滞后|无滞后|未延迟|无延迟|未延误|无延误|未逾期|无逾期|未超期"
# counts family (s7): a requirement not reached ("当月分类率未达区要求", "水质不达标"): 达到, 达标, 满足 —
# "当月分类率达到区要求"
_SHORT = re.compile(r"未达到|没有达到|没达到|达不到|未达标|不达标|未达|未满足|不满足")
_REACHED = "达到|达标|满足"


def _kinds(fault: str) -> list[tuple[str, str, str]]:
    """Each reading of the fault: (its thing, the opposite's pattern, its object), the most specific first."""
    found: list[tuple[str, str, str]] = []
    if (m := _CERT.search(fault)) is not None:
        found.append((fault[: m.start()], "cert", m.group("obj")))
    if (m := _UNANSWERED.search(fault)) is not None:
        found.append((fault[: m.start()], _ANSWERED, fault[m.end() :]))
    if (m := _DELAY.search(fault)) is not None:
        found.append((fault[: m.start()], _ON_TIME, fault[m.end() :]))
    for fault_words, opposite_words in (
        (_OFF_POST, _ON_POST),
        (_ABSENT, _PRESENT),
        (_WRONG, _RIGHT),
        (_SHORT, _REACHED),
    ):
        if (m := fault_words.search(fault)) is not None:
            found.append((fault[: m.start()], opposite_words, fault[m.end() :]))
    if (m := _OVER.search(fault)) is not None and not re.search(r"[不未没]超", fault):
        found.append((fault[: m.start()], _NOT_OVER, fault[m.end() :]))
    if (m := _MISSING.search(fault)) is not None:
        thing = fault[: m.start()] + fault[m.end() :]
        found.append((thing, _FULL if content_chars(thing) else _FULL_BARE, ""))
    if (m := re.search(r"(?<![不未没])无(?!人|证|故|法)(?P<obj>[^,;。]{2,10})$", fault)) is not None:
        found.append((fault[: m.start()], "有" + re.escape(m.group("obj")), ""))
    return found


_DONE = re.compile(rf"^(?P<thing>[^\d不未没无非缺]*?){_ALL}已(?:经)?(?P<verb>[^\d不未没无非缺,;。]{{2,8}})$")


_SCOPE = re.compile(r"经|擅|私|违|按|依|通过|及时|准时")


def _done(said: str, fault: str, own: set[str]) -> bool:
    """ "已分解" for "无年度安全生产目标与指标分解", "已部署" for "未作出禁烧工作部署": what was not done, done — the
    verb at the fault's end, or right after its negation ("已建立台账" for "未建立台账"); never past a qualifier of how
    ("已上报" is not "按时上报" of "未按时上报")."""
    found = _DONE.match(said)
    if found is None or (content_chars(_HEAD_FILL.sub("", found.group("thing"))) - own):
        return False
    verb = re.escape(found.group("verb"))
    hit = re.search(rf"(?P<neg>未|没有|无)(?P<gap>[^,;。]*?){verb}$", fault)
    hit = hit or re.search(rf"(?P<neg>未|没有)(?P<gap>){verb}", fault)
    if hit is None or QUALIFIERS.search(hit.group("gap")):
        return False
    # 无 denies the whole thing ("无…指标分解"); 未 may deny only what stands between ("未经审批擅自开工": "已开工"
    # is the fault itself)
    return hit.group("neg") == "无" or (len(hit.group("gap")) <= 6 and not _SCOPE.search(hit.group("gap")))


def _every_alternative(named: str, opposed: str, fault: str) -> bool:
    """A fault written with 或 ("私自退学或缺勤", "实施计划或考核办法") is denied only when the statement speaks of each
    alternative: the characters only one side has, named or opposed, for each side."""
    if fault.count("或") != 1:
        return "或" not in fault
    left, right = fault.split("或")
    said = content_chars(named + opposed)
    sides = (content_chars(left) - content_chars(right), content_chars(right) - content_chars(left))
    return all(side & said for side in sides)


def opposite(words: str, fault: str, subject: str = "") -> bool:
    """``words`` state the opposite of ``fault`` (module docstring): none of what is counted."""
    said, wanted = re.sub(r"(?:的|情况|现象)+$", "", words), plain(fault)
    if not said or not wanted or re.search(r"\d", said) or _HEDGED.search(said):
        return False
    own = content_chars(wanted + subject)
    for thing, pattern, obj in _kinds(wanted):
        if pattern == "cert":
            hit = _HELD.search(said)
            if hit is None or (hit.group("obj") and not content_chars(hit.group("obj")) <= content_chars(obj)):
                continue
        else:
            hit = re.search(pattern, said)
            if hit is None:
                continue
        head = _HEAD_FILL.sub("", _ADVERBS.sub("", said[: hit.start()]))
        rest = said[hit.end() :]
        if re.search(r"[不未没无非缺漏错]", head + rest):
            continue  # a negation of its own: "证件齐全但未年审"
        bare = not content_chars(thing + obj)
        if content_chars(head) and not bare and not content_chars(head) <= own:
            continue  # the thing is another's: "车辆齐全" for "缺少消防器材"
        if content_chars(rest) and not content_chars(rest) <= own:
            continue
        if not _every_alternative(head + rest, said[hit.start() : hit.end()], wanted):
            continue  # "均参加" for "私自退学或缺勤": the dropping out is not denied
        return True
    return _done(said, wanted, own)
