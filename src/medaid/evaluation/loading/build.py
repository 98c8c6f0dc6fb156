"""Build the framework model from plain mappings, collecting every problem with its place.

Both the YAML and the flat-table readers end here, so a missing weight or a non-numeric
score gets the same Chinese message whichever form the file had.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from medaid.errors import Location, MedaidError
from medaid.evaluation.grades import BandSpecError, band_set_from
from medaid.evaluation.loading.extras import read_figure, read_survey, with_options
from medaid.evaluation.loading.vocabulary import (
    FRAMEWORK_KEYS,
    INDICATOR_KEYS,
    KIND_WORDS,
    NO_WORDS,
    YES_WORDS,
    InvalidFramework,
    percent_value,
    split_weight,
)
from medaid.evaluation.model import Budget, Claimed, Framework, Indicator
from medaid.evaluation.numbers import to_decimal
from medaid.evaluation.quantity import Quantity, parse_quantity
from medaid.evaluation.rules import Rule, RuleSpecError, rule_from_mapping
from medaid.evaluation.ruletext import parse_rule_text
from medaid.suggest import nearest

LINE = "__line__"
# Keys a table reader sets beside contract 1's (ignored as unknown keys are not): a rule the
# layout itself gives (the 预算执行率 of a 自评表) and a weight the table does not print.
RULE_KEY = "__rule__"
UNWEIGHTED_KEY = "__unweighted__"

__all__ = ["LINE", "Builder", "InvalidFramework", "percent_value", "split_weight"]


@dataclass
class Builder:
    """Turns mappings into a Framework, recording problems instead of stopping at the first."""

    file: str | None
    problems: list[MedaidError] = field(default_factory=list)

    def where(self, raw: Mapping[str, object] | None, path: tuple[str, ...], key: str | None = None) -> Location:
        line = raw.get(LINE) if isinstance(raw, Mapping) else None
        row = raw.get("__row__") if isinstance(raw, Mapping) else None
        return Location(
            file=self.file,
            line=line if isinstance(line, int) else None,
            row=row if isinstance(row, int) else None,
            path=path,
            key=key,
        )

    def problem(self, what: str, where: Location, fix: str) -> None:
        self.problems.append(MedaidError(what, where=where, fix=fix))

    def number(self, raw: Mapping[str, object], key: str, path: tuple[str, ...], label: str) -> Decimal | None:
        value = raw.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        number = to_decimal(value)
        if number is None:
            self.problem(
                f"{label}“{value}”不是数字",
                self.where(raw, path, key),
                f"请把{label}改为数字（如 5 或 5.5），不要带单位或文字",
            )
        return number

    def flag(self, raw: Mapping[str, object], key: str, path: tuple[str, ...]) -> bool:
        """A yes/no key: true/false in YAML; 是/否, √, Y/N as a table prints it; empty is no."""
        value = raw.get(key)
        if value is None or isinstance(value, bool):
            return bool(value)
        word = str(value).strip().upper()
        if word in YES_WORDS or word in NO_WORDS or not word:
            return word in YES_WORDS
        label = INDICATOR_KEYS.get(key, key)
        self.problem(f"{label}“{value}”不是“是”或“否”", self.where(raw, path, key), f"请把{label}填为“是”或“否”")
        return False

    def known_keys(
        self, raw: Mapping[str, object], known: Mapping[str, str], path: tuple[str, ...], prefix: str = ""
    ) -> None:
        """Every key of ``raw`` is one the file format has; an unknown one (``wieght``) is a problem
        naming the nearest, never silently ignored."""
        for key in raw:
            if str(key).startswith("__") or key in known:
                continue
            guess = nearest(str(key), known)
            self.problem(
                f"未知的键“{key}”" + (f"：是否应为 {guess}？" if guess else ""),
                self.where(raw, path, f"{prefix}{key}"),
                "可用的键：" + "、".join(f"{k}（{v}）" for k, v in known.items()),
            )

    def indicator(self, raw: object, parent: tuple[str, ...], index: int) -> Indicator | None:
        if not isinstance(raw, Mapping):
            self.problem(
                f"第 {index + 1} 个指标不是键值对",
                Location(file=self.file, path=parent),
                "每个指标应写成 name/weight/… 的键值对",
            )
            return None
        name_raw = raw.get("name")
        if name_raw is None or not str(name_raw).strip():
            self.problem(
                f"第 {index + 1} 个指标缺少名称",
                self.where(raw, parent, "name"),
                "请填写 name（指标名称）",
            )
            name_raw = f"（未命名指标{index + 1}）"
        name, weight_in_name = split_weight(str(name_raw))
        path = (*parent, name)
        self.known_keys(raw, INDICATOR_KEYS, path)
        weight = self.number(raw, "weight", path, "分值")
        weight_given = raw.get("weight") not in (None, "")
        if weight is None:
            weight = weight_in_name
        node = Indicator(name=name, weight=weight, path=path, where=self.where(raw, path))
        node.score = self.number(raw, "score", path, "得分")
        node.target = self.quantity(raw, "target")
        node.actual = self.quantity(raw, "actual")
        node.unit = str(raw["unit"]) if raw.get("unit") else None
        node.note = str(raw["note"]).strip() if raw.get("note") else None
        node.core = self.flag(raw, "core", path)
        node.metric = str(raw["metric"]) if raw.get("metric") else None
        evidence = raw.get("evidence")
        if isinstance(evidence, list):
            node.evidence = [str(e) for e in evidence]
        elif evidence:
            node.evidence = [str(evidence)]
        claimed = raw.get("claimed")
        if isinstance(claimed, Mapping):
            rate, rate_text = percent_value(claimed.get("rate"))
            node.claimed = Claimed(
                score=self.number(claimed, "score", path, "声明得分"),
                rate=rate,
                rate_text=rate_text,
            )
        self.read_rule(raw, node)
        self.read_budget(raw, node)
        children = raw.get("children")
        if children is not None and not isinstance(children, list):
            self.problem(
                "children 应为指标列表",
                self.where(raw, path, "children"),
                "请用“- name: …”逐条列出下级指标",
            )
        elif children:
            for i, child in enumerate(children):
                built = self.indicator(child, path, i)
                if built is not None:
                    node.children.append(built)
        if node.weight is None and weight_given:
            node.weight = Decimal(0)  # already reported as not a number
        if node.weight is not None and any(c.weight is None for c in node.children):
            node.weight_inferred = True  # its rows print no weights: nothing to add up against it
        if node.weight is None:
            if node.children and all(c.weight is not None for c in node.children):
                node.weight = sum((c.weight or Decimal(0) for c in node.children), Decimal(0))
                node.weight_inferred = True
            elif raw.get(UNWEIGHTED_KEY):
                pass  # the table prints no weight for it: left to the evaluator, never invented
            else:
                self.problem(
                    f"指标“{name}”缺少分值",
                    self.where(raw, path, "weight"),
                    "请填写 weight（分值），或在名称中写明，如“产出指标(50分)”",
                )
                node.weight = Decimal(0)
        return node

    def quantity(self, raw: Mapping[str, object], key: str) -> Quantity | None:
        return parse_quantity(raw.get(key))

    def read_rule(self, raw: Mapping[str, object], node: Indicator) -> None:
        spec = raw.get("rule")
        given = raw.get(RULE_KEY)
        if isinstance(given, Rule) and (spec is None or (isinstance(spec, str) and not spec.strip())):
            node.rule, node.rule_text = given, given.text
            return
        if spec is None or (isinstance(spec, str) and not spec.strip()):
            return
        if isinstance(spec, Mapping):
            text = spec.get("text")
            try:
                if "type" in spec:
                    node.rule = rule_from_mapping(spec)
                elif text:
                    parsed = parse_rule_text(str(text))
                    node.rule = with_options(parsed, spec) if parsed else None
                node.rule_text = str(text) if text else None
            except RuleSpecError as err:
                self.problem(
                    str(err),
                    self.where(raw, node.path, "rule"),
                    "请按 docs/rules.md 的结构化规则写法修改",
                )
            return
        node.rule_text = str(spec).strip()
        node.rule = parse_rule_text(node.rule_text)

    def read_budget(self, raw: Mapping[str, object], node: Indicator) -> None:
        spec = raw.get("budget")
        if not isinstance(spec, Mapping):
            return
        rate, rate_text = percent_value(spec.get("rate"))
        node.budget = Budget(
            initial=self.number(spec, "initial", node.path, "年初预算数"),
            annual=self.number(spec, "annual", node.path, "全年预算数"),
            executed=self.number(spec, "executed", node.path, "全年执行数"),
            rate=rate,
            rate_text=rate_text,
        )
        computed = node.budget.computed_rate
        if node.actual is None and computed is not None:
            node.actual = Quantity(text=f"{computed:.2f}%", value=computed, unit="%")
        elif node.actual is None and rate is not None:  # no sums to divide: the 执行率 as printed
            node.actual = Quantity(text=rate_text or f"{rate}%", value=rate, unit="%")

    def framework(self, raw: Mapping[str, object]) -> Framework:
        self.known_keys(raw, FRAMEWORK_KEYS, ())
        title = str(raw.get("title") or "").strip()
        if not title:
            self.problem("缺少标题", Location(file=self.file, key="title"), "请填写 title（评价项目名称）")
        kind = None
        if raw.get("kind") is not None:
            kind = KIND_WORDS.get(str(raw["kind"]).strip())
            if kind is None:
                self.problem(
                    f"未知的评价类型“{raw['kind']}”",
                    Location(file=self.file, key="kind"),
                    "kind 可为 financial（财政评价）、self（单位自评）或 department（部门整体）",
                )
        try:
            bands = band_set_from(raw.get("bands"))
        except BandSpecError as err:
            self.problem(str(err), Location(file=self.file, key="bands"), "请改正 bands")
            bands = band_set_from(None)
        indicators_raw = raw.get("indicators")
        indicators: list[Indicator] = []
        if not isinstance(indicators_raw, list):
            self.problem(
                "缺少指标列表",
                Location(file=self.file, key="indicators"),
                "请在 indicators 下逐条列出一级指标",
            )
        else:
            for i, item in enumerate(indicators_raw):
                built = self.indicator(item, (), i)
                if built is not None:
                    indicators.append(built)
        claimed = raw.get("claimed") if isinstance(raw.get("claimed"), Mapping) else {}
        assert isinstance(claimed, Mapping)
        figures_raw = raw.get("figures") or []
        figures = (
            [f for i, r in enumerate(figures_raw) if (f := read_figure(self, r, i))]
            if isinstance(figures_raw, list)
            else []
        )
        survey = read_survey(self, raw["survey"]) if raw.get("survey") is not None else None
        year = to_decimal(raw.get("year"))
        goal = raw.get("goal") if isinstance(raw.get("goal"), Mapping) else {}
        assert isinstance(goal, Mapping)

        def text(value: object) -> str | None:
            return str(value).strip() or None if value is not None else None

        framework = Framework(
            title=title or "（未命名评价）",
            indicators=indicators,
            kind=kind,
            region=str(raw["region"]) if raw.get("region") else None,
            year=int(year) if year is not None else None,
            source=str(raw["source"]) if raw.get("source") else None,
            description=str(raw["description"]) if raw.get("description") else None,
            partial=bool(raw.get("partial", False)),
            bands=bands,
            claimed_total=self.number(claimed, "total", (), "声明总分"),
            claimed_grade=str(claimed["grade"]).strip() if claimed.get("grade") else None,
            figures=figures,
            survey=survey,
            file=self.file,
            department=text(raw.get("department")),
            unit=text(raw.get("unit")),
            goal_expected=text(goal.get("expected")),
            goal_achieved=text(goal.get("achieved")),
        )
        if self.problems:
            raise InvalidFramework(self.problems)
        return framework
