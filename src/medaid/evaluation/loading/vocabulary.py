"""The vocabulary of an evaluation file shared by its readers: the keys of contract 1 and its
extensions, a weight written in a name ("产出指标(50分)"), a stated rate, the kind words, and
the error that carries every problem of a file at once."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from medaid.errors import FrameworkError, MedaidError
from medaid.evaluation.model import Kind
from medaid.evaluation.quantity import parse_quantity

_WEIGHT_IN_NAME = re.compile(r"^(.*?)\s*[(（]\s*([\d０-９]+(?:[.．][\d０-９]+)?)\s*分\s*[)）]\s*$")
KIND_WORDS = {
    "financial": Kind.FINANCIAL,
    "财政评价": Kind.FINANCIAL,
    "self": Kind.SELF,
    "单位自评": Kind.SELF,
    "自评": Kind.SELF,
    "department": Kind.DEPARTMENT,
    "部门整体": Kind.DEPARTMENT,
}


# The keys of contract 1 (docs/formats.md) and its extensions, with what each holds.
FRAMEWORK_KEYS: dict[str, str] = {
    "title": "标题", "kind": "评价类型", "region": "地区", "year": "年度", "source": "来源", "description": "说明",
    "partial": "只公布部分评分表", "bands": "等级划分", "claimed": "报告声明的总分与等级", "indicators": "指标",
    "figures": "报告中的数据", "survey": "调查样本", "department": "主管部门", "unit": "实施单位",
    "goal": "年度总体目标",
}  # fmt: skip
INDICATOR_KEYS: dict[str, str] = {
    "name": "指标名称", "weight": "分值", "children": "下级指标", "target": "指标值", "actual": "实际完成值",
    "unit": "单位", "rule": "评分标准", "score": "得分", "claimed": "声明的小计与得分率", "note": "扣分说明",
    "evidence": "佐证材料", "metric": "由数据填入的指标", "budget": "项目资金", "core": "是否核心指标",
}  # fmt: skip

# How tables print a yes/no column (是否核心指标): in capitals, as ``Builder.flag`` compares them.
YES_WORDS = frozenset({"是", "√", "✓", "Y", "YES", "TRUE", "核心", "核心指标"})
NO_WORDS = frozenset({"否", "×", "✗", "N", "NO", "FALSE", "-", "—", "/", "非核心"})


class InvalidFramework(FrameworkError):
    """Several problems at once: each names its place and its fix."""

    def __init__(self, problems: list[MedaidError]) -> None:
        self.problems = problems
        first = problems[0]
        super().__init__(first.what, where=first.where, fix=first.fix)

    @property
    def message(self) -> str:
        if not getattr(self, "problems", None):
            return super().message
        return "\n".join(p.message for p in self.problems)


def split_weight(name: str) -> tuple[str, Decimal | None]:
    """ "产出指标(50分)" → ("产出指标", 50); "投入 (5分)" → ("投入", 5)."""
    match = _WEIGHT_IN_NAME.match(name.strip())
    if match:
        return match.group(1).strip(), Decimal(unicodedata.normalize("NFKC", match.group(2)))
    return name.strip(), None


def percent_value(raw: object) -> tuple[Decimal | None, str | None]:
    """A stated rate ("97.14%", 97.14, "100%") as percentage points, with its text."""
    if raw is None or raw == "":
        return None, None
    text = str(raw).strip()
    quantity = parse_quantity(text)
    if quantity is None or quantity.value is None:
        return None, text
    return quantity.value, text
