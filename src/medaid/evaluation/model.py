"""The indicator framework: a tree of indicators of any depth, and the file around it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from medaid.errors import Location
from medaid.evaluation.grades import BandSet
from medaid.evaluation.published import Published
from medaid.evaluation.quantity import Quantity
from medaid.evaluation.rules import Rule

# Every grade band is defined on a 100-point scale: the most any total can be.
FULL_MARKS = Decimal(100)


class Kind(StrEnum):
    """What kind of evaluation a file is."""

    FINANCIAL = "financial"  # 财政评价
    SELF = "self"  # 单位自评（项目支出绩效自评表）
    DEPARTMENT = "department"  # 部门整体支出绩效评价

    @property
    def label(self) -> str:
        return {"financial": "财政评价", "self": "单位自评", "department": "部门整体支出评价"}[self.value]


@dataclass(frozen=True)
class Claimed:
    """What a report states for a node: its subtotal and its 得分率 (as printed)."""

    score: Decimal | None = None
    rate: Decimal | None = None  # percentage points, e.g. 97.14
    rate_text: str | None = None


@dataclass(frozen=True)
class Budget:
    """The 项目资金 block of a self-evaluation table (万元) and its stated 执行率."""

    initial: Decimal | None = None  # 年初预算数
    annual: Decimal | None = None  # 全年预算数
    executed: Decimal | None = None  # 全年执行数
    rate: Decimal | None = None  # 执行率 as printed, percentage points
    rate_text: str | None = None

    @property
    def computed_rate(self) -> Decimal | None:
        if self.annual is None or self.executed is None or self.annual == 0:
            return None
        return self.executed / self.annual * Decimal(100)


@dataclass(frozen=True)
class Evidence:
    """A file an evaluator cites for a judgment, by name and SHA-256 of its content."""

    name: str
    sha256: str


@dataclass(frozen=True)
class Judgment:
    """An evaluator's score for a leaf, with the reason, who gave it and when.

    It scores a leaf whose rule needs a person (评价人员评分), or replaces the score a
    rule computes (评价人员调整); either way it supersedes a score stated in the file.
    """

    score: Decimal
    reason: str
    by: str
    at: datetime.datetime
    evidence: tuple[Evidence, ...] = ()

    def signed(self) -> str:
        """ "理由（李评价，2024-07-01）"."""
        return f"{self.reason}（{self.by}，{self.at.date().isoformat()}）"

    def to_dict(self) -> dict[str, object]:
        value = self.score
        return {
            "score": int(value) if value == value.to_integral_value() else float(value),
            "reason": self.reason,
            "by": self.by,
            "at": self.at.isoformat(),
            "evidence": [{"name": e.name, "sha256": e.sha256} for e in self.evidence],
        }


@dataclass
class Indicator:
    """One node of the tree (一级/二级/三级/四级指标)."""

    name: str
    weight: Decimal | None = None  # 分值; None until inferred from children
    children: list[Indicator] = field(default_factory=list)
    target: Quantity | None = None  # 指标值 / 年度指标值
    actual: Quantity | None = None  # 实际完成值
    unit: str | None = None
    rule: Rule | None = None
    rule_text: str | None = None  # the rule as written, understood or not
    score: Decimal | None = None  # the entered or stated score of a leaf
    claimed: Claimed = field(default_factory=Claimed)
    note: str | None = None  # 扣分说明 / 偏差原因分析
    evidence: list[str] = field(default_factory=list)
    metric: str | None = None  # name of a data metric that fills the actual
    budget: Budget | None = None
    path: tuple[str, ...] = ()
    where: Location = field(default_factory=Location)
    weight_inferred: bool = False
    judgment: Judgment | None = None  # an evaluator's score, attached by judging.apply_judgments
    core: bool = False  # 是否核心指标: a missed target needs its 偏差原因 (checks.core_findings)

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def stated_score(self) -> Decimal | None:
        """The score the report states for this node: a leaf's score or a node's subtotal."""
        return self.score if self.is_leaf else self.claimed.score

    def walk(self) -> list[Indicator]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


@dataclass(frozen=True)
class Figure:
    """A number a report states in its text, optionally with the formula that should give it."""

    name: str
    value: Decimal
    text: str
    unit: str = ""
    formula: str | None = None
    where: str | None = None
    location: Location = field(default_factory=Location)

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"


@dataclass(frozen=True)
class Survey:
    """The questionnaire survey a report states: valid questionnaires (有效问卷), how many
    were sent out (发放/推送问卷) and the population surveyed (调查总体), when stated."""

    respondents: int
    sent: int | None = None
    population: int | None = None
    where: str | None = None  # where the report states it
    location: Location = field(default_factory=Location)


@dataclass
class Framework:
    """An evaluation file: the indicator tree with what the report claims."""

    title: str
    indicators: list[Indicator]
    kind: Kind | None = None
    region: str | None = None
    year: int | None = None
    source: str | None = None
    description: str | None = None
    partial: bool = False  # the report publishes only part of its table
    bands: BandSet = field(default_factory=lambda: BandSet.default())
    claimed_total: Decimal | None = None
    claimed_grade: str | None = None
    figures: list[Figure] = field(default_factory=list)
    survey: Survey | None = None
    file: str | None = None
    department: str | None = None  # 主管部门
    unit: str | None = None  # 实施单位
    goal_expected: str | None = None  # 年度总体目标：预期目标
    goal_achieved: str | None = None  # 年度总体目标：实际完成情况
    published: Published | None = None  # a report read from Word or PDF: its text's statements, what was unread

    def walk(self) -> list[Indicator]:
        out: list[Indicator] = []
        for node in self.indicators:
            out.extend(node.walk())
        return out

    @property
    def total_weight(self) -> Decimal:
        return sum((n.weight or Decimal(0) for n in self.indicators), Decimal(0))
