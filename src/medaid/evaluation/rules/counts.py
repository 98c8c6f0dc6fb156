"""Counts: how many cases, items or places an actual states, and the rule that scores each one counted
("每实现一个乡镇…得0.5分，最高得2分"; "1个部门0.5分，满分2分"; "每完成一人得1分").

An actual is a count in the rule's counter ("3个", "2个部门", "缺2项", "2项未完成"), a bare whole
number ("3"), or a statement that none was found ("无", "未发现", "无超标准执行", "4项全部完成" when
the rule counts 未完成). Words beside the count must be the rule's own words for what it counts; a
count in another counter ("3所" for "一个学校"), a fraction of a case or any other text is refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt, to_decimal
from medaid.evaluation.quantity import normalize_text
from medaid.evaluation.rules.base import Inputs, Outcome, Rule

# Counters of things counted one by one (not durations or measures: 天, 月, 亩, 万元 belong to steps).
COUNTERS = ("人次", "例次", "户次", "家次", "个次", "批次", "场次", "例", "处", "项", "次", "起", "笔", "条", "件",
            "份", "名", "人", "户", "家", "所", "篇", "宗", "批", "种", "位", "张", "本", "套", "台", "册", "单", "场",
            "座", "辆", "株", "棵", "个")  # fmt: skip
# "个" of "2个月", "1个工作日" is part of a duration.
COUNTER = "(?:" + "|".join(c if c != "个" else "个(?!月|工作日|小时|星期|百分点|季度|年度)" for c in COUNTERS) + ")"
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

_NONE = re.compile(r"^(?:无|未发现|没有|未出现|未查实|未查出|不存在|未发生)(.*)$")
_GENERIC = {"", "问题", "情况", "此类问题", "此类情况", "该情况", "问题情况", "不符合情况"}
# Words around a count that add nothing to what it counts.
_FILLER_HEAD = re.compile(
    r"^(?:其中|共计|合计|累计|共|计|发现|查实|查出|出现|发生|存在|有|并|且|均|都|凡是|凡|如有|若有|如|若|一经|一旦"
    r"|经查|经|对于|抽查|核查|检查|核实|被)+"
)
_FILLER_TAIL = re.compile(r"(?:的|者|情况|问题|现象|等)+$")
_ALL = re.compile(r"^(?:全部|均|都|全)(?:已|能|按时)?")
# Predicates whose bare mention says a thing is right, not wrong: "1项符合" never counts 不符合.
POSITIVE = re.compile(r"完成|符合|合格|到位|达到|达标|真实|一致|正确|齐全|完整|及时|按时|落实|执行|公示|参加|规范")
NEGATION = "不未没缺无漏错非"
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


def names_it(words: str, what: str, subject: str = "") -> bool:
    """Words beside a count name what the rule counts: its own words; the noun it or its ``subject`` (the
    words after the counter) opens with ("区" of "区作假", "乡镇" of "实现|乡镇医疗救助…"); or a part that
    keeps its negation ("缺" of "缺制度", "不真实" of "档案不真实"). A part that drops the negation or a
    qualifier ("完成" of "未完成", "标准执行" of "超标准执行") does not."""
    words, what, subject = plain(words), plain(what), plain(subject)
    if not words or words == what:
        return True
    if words[0] in NEGATION:
        return what.startswith(words) or what.endswith(words)
    noun = not POSITIVE.search(words) and not any(c in NEGATION for c in words)
    return noun and (what.startswith(words) or (bool(subject) and subject.startswith(words)))


def _all_done(words: str, what: str, *, alone: bool = False) -> bool:
    """ "全部完成" says no case of "未完成" (or 不完成, 没有完成, 完成不了); "均符合要求" none of "不符合";
    ``alone``: the whole actual, where "完成" says so too (beside a count, "1项完成" does not)."""
    found = _ALL.match(words)
    if found is None and not alone:
        return False
    done = words[found.end() :] if found else words
    what = plain(what)
    forms = {f"未{done}", f"不{done}", f"没{done}", f"没有{done}", f"{done}不了"}
    bare = re.sub(r"(?:要求|规定|标准)$", "", done)
    return bool(done) and (what in forms or (bool(found) and bare != done and what in {f"不{bare}", f"未{bare}"}))


@dataclass(frozen=True)
class Count:
    """What an actual says: the count (None: not read), how it was read or why not, and the vetoes
    ("弄虚作假的不得分") it says happened or did not."""

    value: Decimal | None
    how: str
    veto: str | None = None
    cleared: tuple[str, ...] = ()


def _veto_in(segment: str, vetoes: tuple[str, ...]) -> str | None:
    bare = plain(segment)
    return next((v for v in vetoes if bare and bare == plain(v)), None)


def read_count(
    text: str, *, unit: str | None, what: str = "", subject: str = "", vetoes: tuple[str, ...] = ()
) -> Count:
    """The count an actual (or a 扣分说明) states, in the rule's counter ``unit`` (None: any counter)."""
    norm = normalize_text(text).replace("“", "").replace("”", "").replace('"', "")
    shown = unit or "处"
    counts: list[Decimal] = []
    veto: str | None = None
    cleared: list[str] = []
    for segment in statements(norm):
        if (hit := _veto_in(segment, vetoes)) is not None:
            veto = hit
            continue
        if re.fullmatch(r"\d+(?:\.\d+)?", segment):  # a bare number: the count, if whole
            value = Decimal(segment)
            if value != value.to_integral_value():
                return Count(None, f"“{segment}”不是整{shown}数")
            counts.append(value.to_integral_value())
            continue
        if none := _NONE.match(segment):
            rest = none.group(1)
            if (hit := _veto_in(rest, vetoes)) is not None:
                cleared.append(hit)
            elif plain(rest) in _GENERIC or plain(rest) == plain(what):
                counts.append(ZERO)
            else:
                return Count(None, f"“{segment}”未说明发现的{shown}数")
            continue
        found = re.fullmatch(rf"(\D*?)({NUMBER})({COUNTER})(\D*)", segment)
        if found is None:
            if _all_done(segment, what, alone=segment == norm):
                counts.append(ZERO)
                continue
            return Count(None, f"“{segment}”不是{shown}数")
        pre, number, counter, post = found.groups()
        counted = cn_int(number)
        if counted is None or counted != counted.to_integral_value():
            return Count(None, f"“{segment}”不是整{shown}数")
        if unit is not None and not same_counter(counter, unit) and not classifies(counter, unit, subject):
            return Count(None, f"“{segment}”的单位是{counter}，规则按{unit}计")
        if not pre and _all_done(post, what):
            counts.append(ZERO)
            continue
        if not names_it(pre + post, what, subject):
            return Count(None, f"“{segment}”与规则所计的“{what}”不一致")
        if not plain(pre + post) and what and CHANGE.match(plain(what)):
            return Count(None, f"规则按{what}的数量计分，“{segment}”未写明是增加数")
        counts.append(counted)
    if not counts and veto is None:
        return Count(None, f"“{text}”未写明{shown}数")
    if len(counts) > 1:
        return Count(None, f"“{text}”写有多个数，无法判断按哪一个计")
    total = counts[0] if counts else None
    how = f"{fmt(total)}{shown}" if total is not None else ""
    if how and norm != how:
        how += f"（“{text.strip()}”）"
    return Count(total, how, veto=veto, cleared=tuple(cleared))


def bare_count_is_unclear(inputs: Inputs, count: Count, unit: str | None) -> bool:
    """A bare count ("2项") beside a target in the same counter ("4项") may be the number done rather
    than the number found wanting."""
    target, actual = inputs.target, inputs.actual
    if target is None or not target.value or actual is None or count.value is None:
        return False
    if target.comparator is not None and target.comparator.value in ("≤", "<"):
        return False  # "≤2例": a tolerance of cases found, not a number to be done
    counter = re.match(COUNTER, target.unit)
    bare = re.fullmatch(rf"\d+{COUNTER}?", normalize_text(actual.text)) is not None
    return bare and counter is not None and (unit is None or same_counter(counter.group(0), unit))


def actual_count(
    inputs: Inputs, unit: str | None, what: str, subject: str, vetoes: tuple[str, ...]
) -> tuple[Count, str]:
    """The count read from the actual, or from the 扣分说明 when there is no actual; and where from."""
    if inputs.actual is not None:
        return read_count(inputs.actual.text, unit=unit, what=what, subject=subject, vetoes=vetoes), "实际完成值"
    if inputs.note:
        return read_count(inputs.note, unit=unit, what=what, subject=subject, vetoes=vetoes), "扣分说明"
    return Count(None, "未填写实际完成值"), "实际完成值"


@dataclass(frozen=True)
class CountScore(Rule):
    """每完成（实现、开展）一个（项、人）得 X 分，最高得 Y 分；“1个部门0.5分，满分2分”。

    The actual is the number done in ``unit`` ("3个"); the score is count ÷ ``per`` × ``points``, at most
    ``cap`` (the text's 最高/满分/不超过) and the weight — above the weight only when the text writes a cap
    above it and the framework allows a bonus (with no cap written, the weight is the cap). ``base``: the
    基本分 it starts from.
    """

    points: Decimal
    per: Decimal = Decimal(1)
    cap: Decimal | None = None
    unit: str | None = None
    what: str = ""
    subject: str = ""
    base: Decimal = ZERO  # "公司本部得基本分3分,…每个区县加1分": the score before any is counted

    kind = "count_score"
    label = "按完成数计分"

    def params(self) -> dict[str, object]:
        return {"points": float(self.points), "per": float(self.per),
                "cap": None if self.cap is None else float(self.cap), "unit": self.unit, "what": self.what,
                "subject": self.subject, "base": float(self.base)}  # fmt: skip

    def full_marks(self) -> Decimal | None:
        return self.cap if self.cap is not None else self.declared_full

    def apply(self, inputs: Inputs) -> Outcome:
        count, source = actual_count(inputs, self.unit, self.what, self.subject, ())
        unit = self.unit or "个"
        if count.value is None:
            return Outcome(None, f"{source}无法读出完成数：{count.how}")
        steps = count.value / self.per
        if steps != steps.to_integral_value():
            return Outcome(None, f"完成 {count.how}，不足每 {fmt(self.per)}{unit} 的部分如何计分规则未写明")
        raw = self.base + steps * self.points
        each = f"每 {fmt(self.per)}{unit}得 {fmt(self.points)} 分"
        base = f"基本分 {fmt(self.base)} + " if self.base else ""
        reason = f"{source} {count.how}，{each}，{base}{fmt(steps)} × {fmt(self.points)} = {fmt(raw)}"
        score = raw
        if self.cap is not None and score > self.cap:
            score, reason = self.cap, reason + f"，最高 {fmt(self.cap)} 分"
        if score > inputs.weight and not (inputs.bonus_allowed and self.cap is not None):
            score, reason = inputs.weight, reason + f"，超过分值按 {fmt(inputs.weight)} 分计"
        return Outcome(score, f"{reason}；得分 {fmt(score)}")


def spec_decimal(spec: Mapping[str, object], key: str, *, positive: bool = False) -> Decimal | None:
    """A number of a structured rule, or None when absent; RuleSpecError when it is not one."""
    from medaid.evaluation.rules.structured import RuleSpecError

    raw = spec.get(key)
    if raw is None:
        return None
    value = to_decimal(raw)
    if value is None or (positive and value <= 0):
        raise RuleSpecError(f"规则参数 {key} 应为{'正数' if positive else '数字'}，实际为“{raw}”")
    return value


def spec_words(spec: Mapping[str, object], key: str) -> tuple[str, ...]:
    """A list of conditions ("vetoes": [弄虚作假]) of a structured rule."""
    from medaid.evaluation.rules.structured import RuleSpecError

    raw = spec.get(key) or []
    if not isinstance(raw, list | tuple):
        raise RuleSpecError(f"规则参数 {key} 应为列表")
    return tuple(str(x) for x in raw)


def count_score_from_mapping(spec: Mapping[str, object], text: str | None) -> CountScore:
    """{type: count_score, points: 0.5, per: 1, cap: 2, unit: 个, what: 乡镇}."""
    from medaid.evaluation.rules.structured import RuleSpecError

    points = spec_decimal(spec, "points", positive=True)
    if points is None:
        raise RuleSpecError("count_score 规则缺少参数 points（每个得分）")
    unit = spec.get("unit")
    return CountScore(points=points, per=spec_decimal(spec, "per", positive=True) or Decimal(1),
                      cap=spec_decimal(spec, "cap"), unit=str(unit) if unit else None,
                      what=str(spec.get("what") or ""), subject=str(spec.get("subject") or ""),
                      base=spec_decimal(spec, "base") or ZERO, text=text)  # fmt: skip
