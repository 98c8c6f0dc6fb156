"""Findings: each inconsistency with its kind, place, stated and expected value (contract 2)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from medaid.errors import Location
from medaid.evaluation.published import Place


class Severity(StrEnum):
    ERROR = "error"  # the numbers contradict each other: audit exits 1
    WARNING = "warning"  # implausible or unexplained, for a person to look at
    INFO = "info"  # what medaid could not check, and why

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "提示", "info": "说明"}[self.value]


class FindingKind(StrEnum):
    """Kinds of finding; the first eight are those of contract 2."""

    WEIGHT_SUM = "weight_sum"  # children's weights ≠ parent's (or top level ≠ 100)
    SCORE_SUM = "score_sum"  # children's scores ≠ a stated subtotal or total
    RATE = "rate"  # stated 得分率 ≠ score / weight
    RULE = "rule"  # stated score ≠ the rule's score
    GRADE = "grade"  # stated grade ≠ the band of the total
    SCORE_RANGE = "score_range"  # score below 0 or above the weight
    RULE_WEIGHT = "rule_weight"  # the rule's full marks ≠ the weight
    TARGET = "target"  # implausible target, or a score that does not follow completion
    FIGURE = "figure"  # a stated figure ≠ what its formula gives
    RULE_UNPARSED = "rule_unparsed"  # rule text not understood
    MISSING_SCORE = "missing_score"  # a leaf has neither a score nor a rule that gives one
    REASON = "reason"  # a deduction without a written reason
    STRUCTURE = "structure"  # e.g. 产出+效益 under 60 in a 财政评价
    UNCHECKED = "unchecked"  # a stated number medaid has nothing to recompute from
    SAMPLE = "sample"  # a survey sample smaller than its population needs, or a low response rate
    OVERRIDE = "override"  # an evaluator adjusted a rule's automatic score
    PENDING = "pending"  # a leaf waits for an evaluator's judgment
    TEXT = "text"  # a number in a report's text ≠ its table or the arithmetic (contract 5)
    NOTE = "note"  # a typed note (扣分说明, a judgment's reason) states a score or rate the result does not give

    @property
    def label(self) -> str:
        return _KIND_LABELS[self.value]


_KIND_LABELS = {
    "weight_sum": "分值合计不符",
    "score_sum": "得分合计不符",
    "rate": "得分率不符",
    "rule": "得分与评分标准不符",
    "grade": "等级与总分不符",
    "score_range": "得分超出范围",
    "rule_weight": "评分标准满分与分值不符",
    "target": "指标值或完成情况存疑",
    "figure": "数据计算不符",
    "rule_unparsed": "评分标准未能识别",
    "missing_score": "缺少得分",
    "reason": "扣分未说明理由",
    "structure": "指标体系结构",
    "unchecked": "无法复核",
    "sample": "调查样本不足",
    "override": "评价人员调整",
    "pending": "待评价人员评分",
    "text": "正文数字与评分表不符",
    "note": "说明与评分结果不符",
}


@dataclass(frozen=True)
class Finding:
    severity: Severity
    kind: FindingKind
    path: tuple[str, ...]
    message: str
    claimed: Decimal | str | None = None
    expected: Decimal | str | None = None
    where: Location | None = None
    location: Place | None = None  # in a Word or PDF report: the paragraph, page or table row

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "severity": self.severity.value,
            "kind": self.kind.value,
            "path": list(self.path),
            "claimed": _json_value(self.claimed),
            "expected": _json_value(self.expected),
            "message": self.message,
        }
        if self.where is not None:
            where = self.where.to_dict()
            where.pop("path", None)
            if where:
                out["where"] = where
        if self.location is not None:
            out["location"] = self.location.to_dict()
        return out


def _json_value(value: Decimal | str | None) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
