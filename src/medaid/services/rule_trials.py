"""Many rule texts tried in one process (``medaid rule --file``): a CSV or YAML table of texts and actuals.

CSV: one rule per row, with a header naming the columns in Chinese or English —
评分标准 (text), 分值 (weight), 指标值 (target), 实际完成值 (actual), 扣分说明 (note: an explanation
the actual may be read from), 符合项 (holds: which items of a checklist hold, "1,3") and 允许加分
(bonus_allowed: 是/否). YAML: ``rules:`` with a list of mappings of the English keys.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator

from medaid.errors import Location, MedaidError
from medaid.services.evaluation import RuleTrial, try_rule

COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("评分标准", "评分规则", "评分方法", "评分细则", "text"),
    "weight": ("分值", "权重", "weight"),
    "target": ("指标值", "目标值", "年度指标值", "target"),
    "actual": ("实际完成值", "完成值", "全年完成值", "actual"),
    "note": ("扣分说明", "评分说明", "偏差原因", "说明", "note"),
    "holds": ("符合项", "holds"),
    "bonus_allowed": ("允许加分", "bonus_allowed"),
}
YES = {"是", "允许", "true", "yes", "1", "y"}
NO = {"否", "不允许", "false", "no", "0", "n", ""}


class RuleRow(BaseModel):
    """One rule text to try, with the inputs an evaluator would give."""

    model_config = ConfigDict(extra="forbid")

    text: str
    weight: str
    target: str | None = None
    actual: str | None = None
    note: str | None = None
    holds: tuple[int, ...] | None = None
    bonus_allowed: bool = False

    @field_validator("weight", "target", "actual", mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        return None if value is None else str(value)


class RuleTable(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rules: list[RuleRow]


class RuleFileError(MedaidError):
    """A table of rule texts cannot be read."""


@dataclass(frozen=True)
class RowTrial:
    row: int  # the row in the file (CSV: counting the header as 1; YAML: the position in the list, from 1)
    trial: RuleTrial

    def to_dict(self) -> dict[str, object]:
        return {"row": self.row, **self.trial.to_dict()}


def parse_holds(raw: str, where: Location) -> tuple[int, ...] | None:
    """ "1,3" (also "1，3" or "1、3"): which items of a checklist hold, 1 for the first; "" for none given."""
    text = raw.replace("，", ",").replace("、", ",").strip()
    if not text:
        return None
    try:
        found = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        found = ()
    if not found or min(found) < 1:
        raise RuleFileError(f"符合项“{raw}”不是以逗号分隔的序号", where=where, fix="写成 1,3 这样的序号（1 为第一项）")
    return found


def _csv_rows(text: str, file: str) -> list[tuple[int, RuleRow]]:
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise RuleFileError("文件是空的", where=Location(file=file), fix="第一行写列名，如 评分标准,分值,实际完成值")
    header = [h.strip() for h in rows[0]]
    index: dict[str, int] = {}
    for field, names in COLUMNS.items():
        for i, name in enumerate(header):
            if name in names:
                index.setdefault(field, i)
    for needed in ("text", "weight"):
        if needed not in index:
            raise RuleFileError(f"表头缺少“{COLUMNS[needed][0]}”列", where=Location(file=file, row=1),
                                fix="表头应有 评分标准 和 分值 两列，另可有 指标值、实际完成值、扣分说明、符合项、"
                                "允许加分")  # fmt: skip
    found: list[tuple[int, RuleRow]] = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        value = {f: (cells[i].strip() if i < len(cells) else "") for f, i in index.items()}
        allowed = value.get("bonus_allowed", "").lower()
        if allowed not in YES | NO:
            raise RuleFileError(f"允许加分“{allowed}”应为 是 或 否", fix="写 是 或 否",
                                where=Location(file=file, row=number, column="允许加分"))  # fmt: skip
        found.append((number, RuleRow(
            text=value["text"], weight=value["weight"], target=value.get("target") or None,
            actual=value.get("actual") or None, note=value.get("note") or None,
            holds=parse_holds(value.get("holds", ""), Location(file=file, row=number, column="符合项")),
            bonus_allowed=allowed in YES,
        )))  # fmt: skip
    return found


def read_rule_table(data: bytes, name: str) -> list[tuple[int, RuleRow]]:
    """The rows of a CSV (UTF-8 or GBK, as Excel saves it) or YAML table of rule texts named ``name``,
    each with its row number."""
    from medaid.evaluation.loading.text import decode
    from medaid.typed_yaml import load_text

    suffix = Path(name).suffix.lower()
    if suffix not in (".csv", ".yaml", ".yml"):
        raise RuleFileError(f"不支持的文件类型“{suffix or name}”", where=Location(file=name),
                            fix="请用 CSV（评分标准,分值,指标值,实际完成值…）或 YAML（rules: 列表）")  # fmt: skip
    try:
        text = decode(data, file=name)[0]
    except MedaidError as err:
        raise RuleFileError(err.what, where=err.where, fix=err.fix) from None
    if suffix == ".csv":
        return _csv_rows(text, name)
    return list(enumerate(load_text(text, RuleTable, file=name, error=RuleFileError).rules, start=1))


def read_rule_file(path: Path) -> list[tuple[int, RuleRow]]:
    """The rows of a CSV or YAML table of rule texts, each with its row number."""
    if not path.exists():
        raise RuleFileError("找不到文件", where=Location(file=str(path)), fix="请检查文件路径")
    return read_rule_table(path.read_bytes(), str(path))


def try_rules(rows: list[tuple[int, RuleRow]], name: str) -> list[RowTrial]:
    """Every row of a table tried, in one process."""
    trials: list[RowTrial] = []
    for number, row in rows:
        where = Location(file=name, row=number, column="分值")
        try:
            trial = try_rule(row.text, weight=row.weight, target=row.target, actual=row.actual, note=row.note,
                             holds=row.holds, bonus_allowed=row.bonus_allowed)  # fmt: skip
        except MedaidError as err:
            raise RuleFileError(err.what, where=where, fix=err.fix) from None
        trials.append(RowTrial(number, trial))
    return trials


def try_rule_file(path: Path) -> list[RowTrial]:
    """Every row of the table file tried, in one process (``medaid rule --file``)."""
    return try_rules(read_rule_file(path), str(path))


@dataclass(frozen=True)
class TableTrial:
    """A table of rule texts tried (the web's 评分标准试算): each row, and how many were understood and scored."""

    name: str
    rows: list[RowTrial]

    def to_dict(self) -> dict[str, object]:
        understood = sum(r.trial.understood for r in self.rows)
        scored = sum(r.trial.outcome is not None and r.trial.outcome.score is not None for r in self.rows)
        return {"name": self.name, "rows": [r.to_dict() for r in self.rows],
                "summary": {"rows": len(self.rows), "understood": understood, "scored": scored}}  # fmt: skip


def try_rule_table(data: bytes, name: str) -> TableTrial:
    """An uploaded table of rule texts (CSV or YAML) tried row by row."""
    return TableTrial(name, try_rules(read_rule_table(data, name), name))
