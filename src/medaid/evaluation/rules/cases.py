"""Per-case deductions: "每发现1例超标准执行扣0.5分，扣完为止", with the limits tables add to
them: a cut-off ("发现3例及以上不得分", "超过3例不得分"), a cap ("最多扣2分") and a veto
("有弄虚作假现象的该项不计分")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt
from medaid.evaluation.quantity import normalize_text
from medaid.evaluation.rules.base import Inputs, Outcome, Rule, floored
from medaid.evaluation.rules.count_statements import bare_count_is_unclear
from medaid.evaluation.rules.count_summaries import numbered_items
from medaid.evaluation.rules.count_vocab import COUNTER, NEGATION, POSITIVE, simplified
from medaid.evaluation.rules.count_words import written
from medaid.evaluation.rules.counts import Count, actual_count

# Keys of ``Outcome.alternatives`` for the two readings of a cut-off.
INCLUSIVE, EXCLUSIVE = "inclusive", "exclusive"
_READING_NAMES = {INCLUSIVE: "含本数", EXCLUSIVE: "不含本数"}


@dataclass(frozen=True)
class PerCase(Rule):
    """每发现 1 处（例、项）扣 X 分，扣完为止。

    The actual is the number of cases found, in the rule's counter ``unit`` ("0例", "2处", "缺2项",
    "无"; rules/counts.py reads it); "严格按照标准执行" with no count needs a judgement. ``what`` is
    what the text counts ("超标准执行", "未完成"): words beside the count must name it.

    ``zero_cases``: from this count on the indicator scores 0. ``zero_inclusive`` says
    whether the count itself is included — "发现3例及以上不得分" (≥ 3) — or not —
    "超过3例不得分" (> 3). ``explicit_reading`` is False when the text leaves that open
    ("3例以上不得分"): it is then read inclusive, as 《民法典》第一千二百五十九条 reads
    "以上", and the exclusive reading is kept in ``Outcome.alternatives``.
    ``max_deduction``: "最多扣2分", "扣完2分为止" (below the full marks). ``points`` 0: the text
    has only the cut-off ("查出2名及以上不真实不得分"). ``vetoes``: conditions that zero the score
    ("有弄虚作假现象"); an actual that only counts is read as saying they did not happen (the reason
    says so), one that names a veto ("1人次,并发现弄虚作假") scores 0.
    """

    points: Decimal
    per: Decimal = Decimal(1)
    full: Decimal | None = None
    zero_cases: Decimal | None = None
    zero_inclusive: bool = True
    zero_wording: str | None = None  # the cut-off as written, for the reason
    max_deduction: Decimal | None = None
    explicit_reading: bool = True
    unit: str | None = None
    what: str = ""
    subject: str = ""  # the words after the counter ("乡镇" of "每1个乡镇未…"), which an actual may name
    vetoes: tuple[str, ...] = ()
    share: bool = False  # ``points`` is a percentage of the full marks ("每例扣该项分值的10%")
    clears: tuple[str, ...] = ()  # requirements an actual restates to say none was found ("达到任务书要求")
    total: Decimal | None = None  # the items the text lists ("2分×4项"): a bare count may be those done or missing
    limits: tuple[str, ...] = ()  # vetoes with a limit of their own: "淹死或烧死树木≥10株" ("≥?": a bare 以上)
    # the plan a count of times missed is counted against ("每月至少开展1次巡查" of "…,每少一次扣0.5分"): a bare
    # count ("2次") may be the times done
    norm: str = ""
    # counts family: the words that say which of the things counted are cases ("不完整" of "不完整的每个项目",
    # "审核程序缺失" of "审核程序缺失,每个项目扣1分"), which an actual may write on either side of its count
    # ("1个项目记录不完整")
    fault: str = ""
    negative: bool = False  # counts family: the text allows a score below 0 ("扣完得负分", "该项可负分")

    kind = "per_case"
    deducts_from_start = True
    label = "按发现处数扣分"
    reading_option = "zero_inclusive: false"

    def reading(self) -> str:
        return f"不得分的界限{_READING_NAMES[INCLUSIVE if self.zero_inclusive else EXCLUSIVE]}"

    def reading_name(self, key: str) -> str:
        return f"不得分的界限{_READING_NAMES.get(key, key)}"

    def params(self) -> dict[str, object]:
        def num(x: Decimal | None) -> float | None:
            return None if x is None else float(x)

        return {
            "points": float(self.points),
            "per": float(self.per),
            "full": num(self.full),
            "zero_cases": num(self.zero_cases),
            "zero_inclusive": self.zero_inclusive if self.zero_cases is not None else None,
            "max_deduction": num(self.max_deduction),
            "unit": self.unit,
            "what": self.what,
            "subject": self.subject,
            "vetoes": list(self.vetoes),
            "share": self.share,
            "clears": list(self.clears),
            "total": num(self.total),
            "limits": list(self.limits),
            **({"norm": self.norm} if self.norm else {}),
            **({"fault": self.fault} if self.fault else {}),
            **({"negative": True} if self.negative else {}),
        }

    def full_marks(self) -> Decimal | None:
        return self.full if self.full is not None else self.declared_full

    def _reached(self, cases: Decimal, inclusive: bool) -> bool:
        if self.zero_cases is None:
            return False
        return cases >= self.zero_cases if inclusive else cases > self.zero_cases

    def _cut_off(self, unit: str) -> str:
        """The cut-off and how it is read, e.g. "“发现3例及以上不得分”含本数，即 ≥3例不得分"."""
        limit = fmt(self.zero_cases)
        sign = "≥" if self.zero_inclusive else ">"
        wording = f"“{self.zero_wording}”" if self.zero_wording else f"不得分的界限 {limit}{unit}"
        if not self.explicit_reading:
            return (
                f"{wording}未写明是否含本数，按“以上”含本数（《民法典》第一千二百五十九条）读作 "
                f"{sign}{limit}{unit}不得分；如不含本数，请在规则中注明 {self.reading_option}"
            )
        return (
            f"{wording}{_READING_NAMES[INCLUSIVE if self.zero_inclusive else EXCLUSIVE]}，即 {sign}{limit}{unit}不得分"
        )

    def _score(self, full: Decimal, cases: Decimal, inclusive: bool, weight: Decimal, unit: str) -> tuple[Decimal, str]:
        if self._reached(cases, inclusive):
            return ZERO, "达到不得分的界限，得 0 分"
        if self.points == 0:
            score = min(full, weight)
            return score, f"未达到不得分的界限，文本未写其他扣分，得满分 {fmt(score)} 分"
        points = full * self.points / 100 if self.share else self.points
        deduction = cases / self.per * points
        capped = ""
        if self.max_deduction is not None and deduction > self.max_deduction:
            deduction, capped = self.max_deduction, f"（最多扣 {fmt(self.max_deduction)} 分）"
        raw = full - deduction
        each = fmt(points)
        if self.share:
            each = f"分值的 {fmt(self.points)}%，即 {fmt(full)} × {fmt(self.points)}% = {fmt(points)}"
        text = (
            f"每 {fmt(self.per)}{unit}扣 {each} 分，扣 {fmt(deduction)} 分{capped}；"
            f"得分 = {fmt(full)} − {fmt(deduction)} = {fmt(raw)}"
        )
        score, floor = floored(raw, weight, self.negative)
        return score, text + floor

    def apply(self, inputs: Inputs) -> Outcome:
        full = self.full if self.full is not None else inputs.weight
        unit = self.unit or "处"
        count, source = actual_count(
            inputs,
            self.unit,
            self.what,
            self.subject,
            self.vetoes,
            self.clears,
            limits=self.limits,
            fault=self.fault,
            topic=simplified(self.text or ""),
            faults=True,
            items=self._items(full),
        )
        if count.veto is not None:
            why = f"{source}写明出现“{written(count.veto)}”，按评分标准该项不得分，得 0 分"
            return Outcome(ZERO, why + self._beyond())
        allowed = (ZERO, min(full, inputs.weight))
        if count.value is None and self.total is not None and (done := _done(inputs, self.total, self.text)):
            missing = self.total - done[0]
            count = Count(missing, f"{fmt(missing)}{unit}（共 {fmt(self.total)}{unit}，{done[1]}）")
        if count.value is None:
            why = f"{source}未写明发现的问题{unit}数（{count.how}）"
            each = f"，每{unit}扣 {fmt(self.points)}{'%' if self.share else ' 分'}" if self.points else ""
            return Outcome(None, f"{why}，需人工判断（满分 {fmt(full)} 分{each}）", allowed, needs_judgement=True)
        if self.total is not None and (refusal := _against_total(inputs, count.value, self.total, unit)):
            return Outcome(None, f"{refusal}，需人工判断", allowed, needs_judgement=True)
        if self.norm and (bare := _bare(inputs)):
            why = f"评分标准要求“{self.norm}”，“{bare}”未写明是缺少的{unit}数还是完成的{unit}数"
            return Outcome(None, f"{why}，需人工判断", allowed, needs_judgement=True)
        if bare_count_is_unclear(inputs, count, self.unit):
            why = f"指标值与实际完成值都是{unit}数，无法判断 {count.how} 是发现的问题数还是完成数"
            return Outcome(None, f"{why}，需人工判断", allowed, needs_judgement=True)
        cases = count.value
        if cases / self.per != (cases / self.per).to_integral_value() and self.points:
            why = f"发现 {count.how}，不足每 {fmt(self.per)}{unit} 的部分如何扣分评分标准未写明"
            return Outcome(None, why, allowed, needs_judgement=True)
        score, arithmetic = self._score(full, cases, self.zero_inclusive, inputs.weight, unit)
        reason = f"发现 {count.how}" + (f"（从{source}读出）" if source != "实际完成值" else "")
        if re.search(r"\d", self.what):  # "面积超过10平方米的每处扣1分": the things counted are those that meet it
            reason += f"（计的是“{self.what}”的{unit}数）"
        if self.norm:  # "每月至少开展1次巡查,每少一次扣0.5分": the times missed of the plan
            reason += f"（计的是比“{self.norm}”缺少的{unit}数）"
        reason += f"，{arithmetic}"
        if self.zero_cases is not None:
            reason += f"（{self._cut_off(unit)}）"
        alternatives: dict[str, Decimal] = {}
        if not self.explicit_reading and self.zero_cases is not None:
            other = not self.zero_inclusive
            alternative, _ = self._score(full, cases, other, inputs.weight, unit)
            if alternative != score:
                alternatives[INCLUSIVE if other else EXCLUSIVE] = alternative
        open_vetoes = [written(v) for v in self.vetoes + self.limits if v not in count.cleared]
        rates = [v for v in self.limits if v.endswith("%") and v not in count.cleared]
        if rates and score > 0:  # a rate is always some value: unsaid is not "did not happen"
            why = f"{source}未写明“{written(rates[0])}”所说的比例，无法判断该项是否不得分，需人工判断"
            return Outcome(None, why, (ZERO, min(full, inputs.weight)), needs_judgement=True)
        if open_vetoes and score > 0:
            reason += "；另有“" + "”“".join(open_vetoes) + f"”的该项不得分，{source}未写明，按未出现计"
        return Outcome(
            score, reason + (self._beyond() if score == 0 else ""), alternatives=alternatives, below_zero=score < 0
        )

    def _items(self, full: Decimal) -> Decimal | None:
        """How many items the full marks cover (counts family, s8): the listed total, or full ÷ points when whole."""
        if self.total is not None:
            return self.total
        if not self.points or self.share or self.per != 1 or self.max_deduction is not None:
            return None
        items = full / self.points
        numbered = numbered_items(self.text or "")  # s8 fix round: a text numbering 3 items, full ÷ points 2
        return items if items == items.to_integral_value() and numbered in (0, items) else None

    def _beyond(self) -> str:
        """A veto ("一票否决") is no marks for this item; a sanction beyond it is the evaluator's (counts family)."""
        if not self.text or "一票否决" not in self.text:
            return ""
        return "；评分标准写明“一票否决”：本项按不得分计，是否另影响整体考核（一票否决）由评估人员决定"


def _bare(inputs: Inputs) -> str:
    """The actual (or the 扣分说明) when it is a bare count ("2次", "两次", "2"), else ""."""
    given = inputs.actual.text if inputs.actual is not None else inputs.note or ""
    return given if re.fullmatch(rf"(?:\d+|[零〇一二两三四五六七八九十]+){COUNTER}?", normalize_text(given)) else ""


def _against_total(inputs: Inputs, cases: Decimal, total: Decimal, unit: str) -> str | None:
    """Why a count cannot be read against the items the text lists ("2分×4项"): a bare count ("1项") may be the
    items done or those missing; more missing than listed is no count of them."""
    given = inputs.actual.text if inputs.actual is not None else inputs.note or ""
    if re.fullmatch(rf"\d+(?:\.\d+)?{COUNTER}?", normalize_text(given)):
        return f"评分标准共 {fmt(total)}{unit}，“{given}”未写明是缺少的还是完成的{unit}数"
    if cases > total:
        return f"评分标准共 {fmt(total)}{unit}，“{given}”多于所列{unit}数"
    return None


def _done(inputs: Inputs, total: Decimal, text: str | None) -> tuple[Decimal, str] | None:
    """ "完成3项", "已签订3项" against the items the text lists: the number done, when the words say it is done
    (完成, 落实…, or a verb of the rule's own text: "签订" of "签订责任状") with no negation, at most the total."""
    given = normalize_text(inputs.actual.text if inputs.actual is not None else inputs.note or "")
    found = re.fullmatch(rf"(\D*?)(\d+)({COUNTER})(\D*)", given)
    if found is None or int(found.group(2)) > total:
        return None
    words = re.sub(r"^(?:已|均|全部|共)+|(?:已|均)+", "", found.group(1) + found.group(4))
    verbs = re.findall(r"[\u4e00-\u9fff]{2}", words)
    said = bool(verbs) and all(v in (text or "") for v in verbs[:1])
    if not words or any(c in NEGATION for c in words) or not (POSITIVE.fullmatch(words) or said):
        return None
    return Decimal(found.group(2)), f"“{given}”为完成数，缺 {fmt(total - Decimal(found.group(2)))}"
