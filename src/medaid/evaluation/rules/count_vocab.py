"""The words of counts: the counters things are counted in ("例", "处", "项", "人次"…), numbers in digits or
Chinese numerals, the filler words around a count, and the words of a thing done right (完成, 符合…) or wanting
(不, 未, 缺…). rules/counts.py and the text readers (ruletext/counts.py…) share them."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from functools import cache

# Counters of things counted one by one (not durations or measures: 天, 月, 亩, 万元 belong to steps).
COUNTERS = ("人次", "例次", "户次", "家次", "个次", "批次", "场次",
            "宗次",  # counts family (s7): "每宗次扣0.5分", cases of a kind counted by occurrence
            "例", "处", "项", "次", "起", "笔", "条", "件",
            "份", "名", "人", "户", "家", "所", "篇", "宗", "批", "种", "位", "张", "本", "套", "台", "册", "单", "场",
            "座", "辆", "株", "棵", "期", "个",
            "间", "栋", "幢", "盏", "卷")  # fmt: skip  # counts family: rooms, buildings, lamps, archive volumes
# "个" of "2个月", "1个工作日" is part of a duration; "间" of "时间", "期间", "间隔" and "卷" of "试卷", "问卷" are no
# counters (counts family).
_GUARDED = {
    "个": "个(?!月|工作日|小时|星期|百分点|季度|年度)",
    "间": "(?<![时期空中之民夜瞬田车人房])间(?![隔断接歇])",
    "卷": "(?<![试问案考])卷",
}
COUNTER = "(?:" + "|".join(_GUARDED.get(c, c) for c in COUNTERS) + ")"
_SAME = {"名": "人", "位": "人"}  # persons are counted with 名, 人 and 位 alike
# The classifier a noun takes in place of the generic 个: "3所" counts schools as "3个学校" does.
CLASSIFIED = {
    "所": ("学校", "医院", "卫生院", "幼儿园", "敬老院", "福利院", "养老院", "学院", "中学", "小学"),
    "家": ("企业", "医院", "机构", "医疗机构", "单位", "药店", "公司", "卫生院", "养老机构", "定点"),
    "户": ("家庭", "农户", "贫困户", "困难户", "低保户", "五保户", "住户"),
    "篇": ("论文", "文章", "报道", "稿件"),
    "份": ("档案", "文书", "报告", "材料", "合同", "病历", "问卷", "表"),
    "件": ("案件", "督办件", "提案", "建议", "信访件", "事项", "文件"),
    "起": ("案件", "事故", "事件", "案例"),
    "名": ("人员", "患者", "对象", "干部", "职工", "医生", "学生"),
}
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
             "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}  # fmt: skip
CN_NUMBER = "[零〇一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾]+"
NUMBER = rf"(?:\d+(?:\.\d+)?|{CN_NUMBER})"

# Words around a count that add nothing to what it counts.
_FILLER_HEAD = re.compile(
    r"^(?:其中|共计|合计|累计|共|计|发现|查实|查出|出现|发生|存在|有|并|且|均|都|凡是|凡|如有|若有|如|若|一经|一旦"
    r"|经查|经|对于|抽查|核查|检查|核实|被"
    r"|调查核实|查证属实|情况属实|属实|证实)+"  # counts family: "经调查核实的", "情况属实" only say the case is one
)
_FILLER_TAIL = re.compile(r"(?:的|者|情况|问题|现象|等|共计|合计|累计|总计)+$")  # "值班脱岗共计|2次"
# Predicates whose bare mention says a thing is right, not wrong: "1项符合" never counts 不符合.
POSITIVE = re.compile(r"完成|符合|合格|到位|达到|达标|真实|一致|正确|齐全|完整|及时|按时|落实|执行|公示|参加|规范")
NEGATION = "不未没缺无漏错非"
PART = "&"  # marks a requirement that is one of several in a full-marks condition ("合格,且未发生投诉的,得2分")
MISSING = "缺少漏欠差"  # words of items missing: 缺1项, 少记录1项, 漏填1项
CHANGE = re.compile(r"^(?:增加|新增|增长|提高|上升|多)")


# Remarks an actual or a 扣分说明 adds that change no count: a score ("扣1分"), rectification ("已整改").
_REMARK = re.compile(
    r"(?:已|均已|已全部|全部已)?(?:整改|完成整改|整改完毕|整改到位)|(?:扣|减|得|计)?\d+(?:\.\d+)?分|不扣分|已扣分|扣分"
)


def statements(text: str, separators: str = ",;。") -> list[str]:
    """The statements of an actual, without remarks that change no count ("4处(已整改)", "…,扣2分")."""
    text = re.sub(r"\(([^()]*)\)", lambda m: "" if _REMARK.fullmatch(m.group(1)) else m.group(0), text)
    return [s for s in re.split(f"[{separators}]", text) if s and not _REMARK.fullmatch(s)]


def cn_int(text: str) -> Decimal | None:
    """Digits or a small Chinese numeral (一 … 九十九)."""
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return Decimal(text)
    text = text.replace("拾", "十")
    if "十" not in text:
        return Decimal(CN_DIGITS[text]) if len(text) == 1 and text in CN_DIGITS else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or (tens and tens not in CN_DIGITS) or (ones and ones not in CN_DIGITS):
        return None
    return Decimal((CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0))


def same_counter(a: str, b: str) -> bool:
    return _SAME.get(a, a) == _SAME.get(b, b)


def classifies(counter: str, unit: str, subject: str) -> bool:
    """A noun's own classifier stands for the generic 个: "3所" counts "一个学校…" ("3个" counts "每所学校")."""
    specific = unit if counter == "个" else counter if unit == "个" else ""
    nouns = CLASSIFIED.get("名" if specific in ("人", "位") else specific, ())
    return any(plain(subject).startswith(noun) for noun in nouns)


def plain(words: str) -> str:
    return _FILLER_TAIL.sub("", _FILLER_HEAD.sub("", words))


@cache
def _t2s() -> Callable[[str], str]:
    import opencc

    convert: Callable[[str], str] = opencc.OpenCC("t2s").convert
    return convert


def simplified(text: str) -> str:
    """An actual in traditional characters ("缺報1次，遲報2次") reads as the rule text does, in simplified ones."""
    return _t2s()(text)


# counts family (s8e): a count that SCORES ("每完成1项得0.5分") earns points only for things done or
# present. A clause whose thing counted opens with a word of a fault — missing (缺, 少, 漏, 欠, 差, 遗漏,
# 丢失), not done (未, 没, 无, 不), wrong (错, 误, 违) or over a limit (超标, 超时, 超期…) — states what a
# number of faults LEAVES ("缺1项,得0.5分": one item missing scores 0.5), never points per fault: read as
# points per thing, more faults would earn more. Nouns that open with such a character name no fault
# (不良事件, 无偿献血, 未成年人, 差额, 少数民族).
_FAULT_COUNTED = re.compile(
    r"^(?:缺|少(?!于|数民族|年|儿)|漏|欠|差(?!额|异)|遗漏|遗失|丢失|未(?!成年|来)|没|无(?!偿|障碍|烟|纸|菌|公害|害化)"
    r"|不(?!良|同|动产)|错|误|违|超(?:标|时|期|支|限|范围|规定|量))"
)
_EDGE = re.compile(r"^[\s,;。、:()，；：（）]+|[\s,;。、:()，；：（）]+$")


def counts_faults(words: str) -> bool:
    """ "缺", "1项不符合", "有未落实的", "检查发现漏报": what a count clause counts is a fault (not a thing done)."""
    text = _EDGE.sub("", simplified(words))
    text = plain(re.sub(r"^每", "", text))
    return bool(_FAULT_COUNTED.match(text))


# two-character words ending as a department does that name no department: "学科", "专科", "各科"
_NO_NAME = re.compile(r"^[学专本分各该此每其大小]科$")


def of_kind(thing: str, noun: str) -> bool:
    """A thing named is of the counted noun's kind: it ends with the noun ("骨科病区" of "病区"), or with the noun's
    first character, which heads the names of its kind ("儿科" of "科室", "许可证" of "证件"); never with another of its
    characters ("会议室", "档案室" are rooms, "社区" no 病区), nor a word naming no thing ("学科"), nor the noun
    itself or an open list ("等")."""
    if len(thing) < 2 or thing == noun or "等" in thing:
        return False
    if thing.endswith(noun):
        return True
    return len(noun) >= 2 and thing[-1] == noun[0] and not _NO_NAME.match(thing)
