"""Recompute the figures a report states in its text (sums, shares, averages, rates).

A figure may carry a formula over other figures' names, with + − × ÷ and brackets.
A percentage figure enters a formula as a fraction (13.07% → 0.1307), and a formula
checked against a percentage figure is read as a fraction too. A stated figure agrees
when it equals the formula's value rounded half-up or cut to the figure's own precision
(two decimals for "95.95%", 0.01万 = 100 for "1.13万").
"""

from __future__ import annotations

import ast
import re
import unicodedata
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, DivisionByZero, InvalidOperation

from medaid.evaluation.findings import Finding, FindingKind, Severity
from medaid.evaluation.model import Figure
from medaid.evaluation.numbers import HUNDRED, LIMIT, fmt, to_decimal

_MULTIPLIER = {"亿": Decimal(100_000_000), "万": Decimal(10_000), "千": Decimal(1_000)}


class FormulaError(ValueError):
    """A formula cannot be evaluated (Chinese message)."""


def precision_of(text: str) -> Decimal:
    """The unit of the last digit a stated number shows: "95.95%" → 0.01, "1.13万" → 100."""
    norm = unicodedata.normalize("NFKC", text).replace(",", "")
    match = re.search(r"(\d+)(?:\.(\d+))?\s*([亿万千]?)", norm)
    if match is None:
        return Decimal(1)
    decimals = len(match.group(2) or "")
    unit = Decimal(1).scaleb(-decimals)
    return unit * _MULTIPLIER.get(match.group(3), Decimal(1))


def agrees(stated: Decimal, computed: Decimal, precision: Decimal) -> bool:
    """Equal at the stated precision, rounded half-up or truncated (tables do both)."""
    rounded = (computed / precision).quantize(Decimal(1), rounding=ROUND_HALF_UP) * precision
    cut = (computed / precision).quantize(Decimal(1), rounding=ROUND_DOWN) * precision
    return stated in (rounded, cut) or abs(stated - computed) <= precision / 2


def evaluate(formula: str, values: dict[str, Decimal]) -> Decimal:
    """Evaluate arithmetic over named values; anything but + − × ÷, brackets, names and
    numbers is refused."""
    text = unicodedata.normalize("NFKC", formula).replace("×", "*").replace("÷", "/")
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as err:
        raise FormulaError(f"公式“{formula}”无法解析") from err

    def walk(node: ast.AST) -> Decimal:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub | ast.Mult | ast.Div):
            left, right = walk(node.left), walk(node.right)
            try:
                if isinstance(node.op, ast.Add):
                    return left + right
                if isinstance(node.op, ast.Sub):
                    return left - right
                if isinstance(node.op, ast.Mult):
                    return left * right
                return left / right
            except (DivisionByZero, InvalidOperation) as err:
                raise FormulaError(f"公式“{formula}”中出现除以零") from err
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -walk(node.operand)
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            number = to_decimal(node.value)
            if number is None:
                raise FormulaError(f"公式“{formula}”中的数字 {node.value} 超出范围")
            return number
        if isinstance(node, ast.Name):
            if node.id not in values:
                raise FormulaError(f"公式“{formula}”引用了未定义的数据“{node.id}”")
            return values[node.id]
        raise FormulaError(f"公式“{formula}”只能包含数据名称、数字和 + − × ÷ 及括号")

    result = walk(tree)
    if not result.is_finite() or abs(result) >= LIMIT:
        raise FormulaError(f"公式“{formula}”的结果超出范围")
    return result


def unit_factor(unit: str) -> Decimal:
    """万元 and 元 meet in one formula: a figure in 万元 enters as 元 (×10000)."""
    if unit and unit[0] in _MULTIPLIER and (len(unit) > 1 or unit in _MULTIPLIER):
        return _MULTIPLIER[unit[0]]
    return Decimal(1)


def base_value(figure: Figure) -> Decimal:
    """A figure as it enters formulas: percentages as fractions, 万/亿 units expanded."""
    if figure.is_percent:
        return figure.value / HUNDRED
    return figure.value * unit_factor(figure.unit)


def check_figures(figures: list[Figure]) -> list[Finding]:
    values = {f.name: base_value(f) for f in figures}
    findings: list[Finding] = []
    for figure in figures:
        if not figure.formula:
            continue
        path = ("数据", figure.name)
        try:
            result = evaluate(figure.formula, values)
        except FormulaError as err:
            findings.append(
                Finding(
                    Severity.ERROR,
                    FindingKind.FIGURE,
                    path,
                    f"{err}，请检查 figures 中的写法",
                    where=figure.location,
                )
            )
            continue
        computed = result * HUNDRED if figure.is_percent else result / unit_factor(figure.unit)
        precision = precision_of(figure.text)
        unit = figure.unit
        if agrees(figure.value, computed, precision):
            continue
        exact = computed.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
        shown = exact if exact == computed else computed.quantize(min(precision, Decimal("0.01")), ROUND_HALF_UP)
        place = f"（{figure.where}）" if figure.where else ""
        findings.append(
            Finding(
                Severity.ERROR,
                FindingKind.FIGURE,
                path,
                f"报告{place}称“{figure.name}”为 {figure.text}，按 {figure.formula} 计算应为 {fmt(shown)}{unit}",
                claimed=figure.value,
                expected=shown,
                where=figure.location,
            )
        )
    return findings
