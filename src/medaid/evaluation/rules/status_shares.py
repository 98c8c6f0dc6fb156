"""A coefficient for each status of the things counted (formulas family, issue 13, session 6).

"记分20分,已完成项目、调试项目、在建项目、可研项目、未启动项目分值系数分别为1、0.75、0.5、0.25和0": each thing
(a project, a site, a task) earns its status's share of the marks, and the score is the marks × the average
coefficient: 分值 × Σ(个数ᵢ × 系数ᵢ) ÷ 总个数.

The counts come from the actual in words (or the 扣分说明): each status named with its count ("已完成4个、在建2
个", "在建项目3个", "调试的2个"), or every thing in one status ("全部已完成", "均已完成", "8个项目均在建"); the total
("共10个") when written must equal the counts' sum. Refused: a status named twice or with two counts, a count
beside no status, a description that names no status, a total that is not the sum.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt, to_decimal
from medaid.evaluation.rules.base import Inputs, Outcome, Rule

_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_N = r"(\d+|[一二两三四五六七八九十])"
_UNIT = r"(?:个|项|座|处|家|所|条|宗|批)"
_ALL = r"(?:全部|均|都|皆|全)(?:已|为|属|处于)?"


def _number(raw: str) -> int:
    return _DIGITS[raw] if raw in _DIGITS else int(raw)


def status_core(name: str) -> str:
    """ "已完成项目" → "已完成", "调试项目" → "调试": the status without the thing it is said of."""
    core = re.sub(r"(?:的)?(?:项目|工程|任务|站点|点位|设施|单位|类)$", "", name)
    return core or name


@dataclass(frozen=True)
class StatusShares(Rule):
    """按状态系数计分：得分 = 分值 × Σ(各状态个数 × 系数) ÷ 总个数。"""

    statuses: tuple[str, ...]
    coefficients: tuple[Decimal, ...]
    full: Decimal | None = None  # "记分20分": the marks the text states

    kind = "status_shares"
    label = "按状态系数计分"

    def params(self) -> dict[str, object]:
        out: dict[str, object] = {
            "statuses": list(self.statuses),
            "coefficients": [float(c) for c in self.coefficients],
        }
        if self.full is not None:
            out["full"] = float(self.full)
        return out

    def full_marks(self) -> Decimal | None:
        return self.full if self.full is not None else self.declared_full

    def _listed(self) -> str:
        return "、".join(f"{s} {fmt(c)}" for s, c in zip(self.statuses, self.coefficients, strict=True))

    def _ask(self, why: str, weight: Decimal) -> Outcome:
        return Outcome(
            None,
            f"{why}；本项按状态系数计分（{self._listed()}），需写明各状态的个数（如“{self.statuses[0]}4个、"
            f"{self.statuses[-1]}1个”）",
            allowed=(ZERO, weight),
            needs_judgement=True,
        )

    def counts(self, text: str) -> tuple[dict[int, int], int | None] | str:
        """The count of each status (by index) and the written total, or why they cannot be read."""
        cores = [status_core(s) for s in self.statuses]
        order = sorted(range(len(cores)), key=lambda i: -len(cores[i]))  # "未完成" before "完成"
        work = re.sub(r"\s", "", text)
        found: dict[int, int] = {}
        spans: list[tuple[int, int]] = []
        total_match = re.search(rf"(?:共|合计|总计|计划|规划)[^,;，；。:：\d]{{0,8}}?{_N}{_UNIT}", work)
        total = _number(total_match.group(1)) if total_match else None
        if total_match:
            spans.append(total_match.span(1))
        for i in order:
            core = re.escape(cores[i])
            pattern = (
                rf"(?<![未不没]){core}(?:的)?(?:{re.escape(self.statuses[i][len(cores[i]) :])})?[:：为]?{_N}{_UNIT}"
            )
            hits = [m for m in re.finditer(pattern, work) if not any(a <= m.start() < b for a, b in spans)]
            every = re.search(rf"{_ALL}{core}", work)
            if len(hits) > 1 or (hits and every):
                return f"“{self.statuses[i]}”出现多次"
            if hits:
                found[i] = _number(hits[0].group(1))
                spans.append(hits[0].span())
            elif every:
                if total is None or found:
                    return f"“{every.group(0)}”未写明总个数"
                found[i] = total
                spans.append(every.span())
        if not found:
            return "实际情况未写明任一状态的个数"
        covered = [n for m in re.finditer(rf"{_N}{_UNIT}", work) for n in [m.start(1)]]
        if any(not any(a <= n < b for a, b in spans) for n in covered):
            return "实际情况中有个数未对应任一状态"
        return found, total

    def apply(self, inputs: Inputs) -> Outcome:
        full = self.full if self.full is not None else inputs.weight
        if full > inputs.weight and not inputs.bonus_allowed:
            return Outcome(None, f"评分标准写明满分 {fmt(full)} 分，高于本项分值 {fmt(inputs.weight)} 分，需人工判断")
        text = inputs.note or (inputs.actual.text if inputs.actual is not None else None)
        if not text or not text.strip():
            return self._ask("未提供各状态的个数", inputs.weight)
        from medaid.evaluation.ruletext.normalize import normalize_rule_text  # ruletext imports rules

        read = self.counts(normalize_rule_text(text))  # "已驗收2個": one spelling
        if isinstance(read, str):
            return self._ask(read, inputs.weight)
        found, total = read
        summed = sum(found.values())
        if total is not None and total != summed:
            return self._ask(f"总个数 {total} 与各状态个数之和 {summed} 不一致", inputs.weight)
        if summed == 0:
            return self._ask("各状态个数之和为 0", inputs.weight)
        value = sum((Decimal(n) * self.coefficients[i] for i, n in found.items()), ZERO)
        score = full * value / Decimal(summed)
        terms = " + ".join(f"{n}×{fmt(self.coefficients[i])}" for i, n in sorted(found.items()))
        named = "、".join(f"{self.statuses[i]} {n} 个" for i, n in sorted(found.items()))
        return Outcome(
            score,
            f"读作：每个按其状态计系数（{self._listed()}），得分 = 满分 × 系数之和 ÷ 总个数；实际情况：{named}，"
            f"共 {summed} 个；得分 = {fmt(full)} × ({terms}) ÷ {summed} = {fmt(score)}",
        )


def status_shares_from_mapping(spec: Mapping[str, object], text: str | None) -> StatusShares:
    """{type: status_shares, statuses: [已完成项目, 在建项目], coefficients: [1, 0.5], full: 20}."""
    from medaid.evaluation.rules.structured import RuleSpecError

    statuses = spec.get("statuses")
    raw = spec.get("coefficients")
    coefficients = [to_decimal(x) for x in raw] if isinstance(raw, list) else []
    if not isinstance(statuses, list) or not statuses or len(statuses) != len(coefficients):
        raise RuleSpecError("status_shares 规则需要等长的 statuses 与 coefficients 列表")
    if any(c is None or not ZERO <= c <= 1 for c in coefficients):
        raise RuleSpecError("status_shares 规则的 coefficients 应为 0 到 1 之间的数")
    full = to_decimal(spec.get("full")) if spec.get("full") is not None else None
    return StatusShares(
        statuses=tuple(str(s) for s in statuses),
        coefficients=tuple(c for c in coefficients if c is not None),
        full=full,
        text=text,
    )
