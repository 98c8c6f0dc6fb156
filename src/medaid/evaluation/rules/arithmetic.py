"""The arithmetic of written formulas: a canonical expression of 实际值 (the actual), 目标值 (the target),
分值 (the weight), numbers ("96%" is 0.96, "10分" is 10) and × ÷ + − ( ), parsed into a tree, evaluated
exactly with the power of the actual's unit carried along, and spelled out for a reason."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, DivisionByZero, InvalidOperation

from medaid.evaluation.numbers import HUNDRED, fmt

ONE = Decimal(1)
ACTUAL, TARGET, WEIGHT = "实际值", "目标值", "分值"
_TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d+)?)(?P<unit>%|‰|分)?|(?P<var>实际值|目标值|分值)|(?P<op>[-+×/()|]))")

# A node: a number, a variable or (operator, left, right); "neg" has one operand.
Node = Decimal | str | tuple[str, "Node", "Node | None"]


class ExpressionError(ValueError):
    """The expression is not arithmetic this reader knows."""


def parse(expression: str) -> Node:
    """The canonical expression as a tree; ExpressionError when it is not one."""
    tokens: list[str | Decimal] = []
    at = 0
    text = expression.strip()
    while at < len(text):
        m = _TOKEN.match(text, at)
        if m is None or m.end() == at:
            raise ExpressionError(f"公式“{expression}”中有无法识别的内容“{text[at:]}”")
        at = m.end()
        if m.group("num"):
            number = Decimal(m.group("num"))
            unit = m.group("unit")
            tokens.append(number / HUNDRED if unit == "%" else number / 1000 if unit == "‰" else number)
        else:
            tokens.append(m.group("var") or m.group("op"))
    pos = 0

    def peek() -> str | Decimal | None:
        return tokens[pos] if pos < len(tokens) else None

    def take() -> str | Decimal:
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def atom() -> Node:
        token = peek()
        if token is None:
            raise ExpressionError(f"公式“{expression}”不完整")
        take()
        if isinstance(token, Decimal) or token in (ACTUAL, TARGET, WEIGHT):
            if isinstance(peek(), Decimal) or peek() in (ACTUAL, TARGET, WEIGHT, "("):
                raise ExpressionError(f"公式“{expression}”中缺少运算符")
            return token
        if token == "-":
            return ("neg", atom(), None)
        if token == "|":  # "|实际值-目标值|": the distance either side
            inner = sum_()
            if peek() != "|":
                raise ExpressionError(f"公式“{expression}”绝对值符号不配对")
            take()
            if isinstance(peek(), Decimal) or peek() in (ACTUAL, TARGET, WEIGHT, "("):
                raise ExpressionError(f"公式“{expression}”中缺少运算符")
            return ("abs", inner, None)
        if token == "(":
            inner = sum_()
            if peek() != ")":
                raise ExpressionError(f"公式“{expression}”括号不配对")
            take()
            if isinstance(peek(), Decimal) or peek() in (ACTUAL, TARGET, WEIGHT, "("):
                raise ExpressionError(f"公式“{expression}”中缺少运算符")
            return inner
        raise ExpressionError(f"公式“{expression}”中“{token}”的位置不对")

    def product() -> Node:
        node = atom()
        while peek() in ("×", "/"):
            op = str(take())
            node = (op, node, atom())
        return node

    def sum_() -> Node:
        node = product()
        while peek() in ("+", "-"):
            op = str(take())
            node = (op, node, product())
        return node

    tree = sum_()
    if pos != len(tokens):
        raise ExpressionError(f"公式“{expression}”括号不配对或有多余内容")
    return tree


def variables(node: Node) -> set[str]:
    if isinstance(node, Decimal):
        return set()
    if isinstance(node, str):
        return {node}
    return variables(node[1]) | (variables(node[2]) if node[2] is not None else set())


# A value: a number and the power of the actual's unit it carries (人 is 1, 人/人 is 0).
Dim = tuple[Decimal, int]


def evaluate(node: Node, values: Mapping[str, Dim]) -> Dim:
    """The exact value of the tree; ExpressionError on a unit mismatch or a division by zero."""
    if isinstance(node, Decimal):
        return node, 0
    if isinstance(node, str):
        return values[node]
    op, left, right = node
    a, da = evaluate(left, values)
    if op == "neg":
        return -a, da
    if op == "abs":
        return abs(a), da
    assert right is not None
    b, db = evaluate(right, values)
    if op in ("+", "-"):
        if da != db:
            raise ExpressionError("公式把不同单位的量相加减")
        return (a + b if op == "+" else a - b), da
    if op == "×":
        return a * b, da + db
    try:
        return a / b, da - db
    except (DivisionByZero, InvalidOperation) as error:
        raise ExpressionError("公式中出现除以 0") from error


_RANK = {"+": 1, "-": 1, "×": 2, "/": 2, "neg": 3, "abs": 4}


def spelled(node: Node, shown: Mapping[str, str] | None = None, outer: int = 0, right: bool = False) -> str:
    """The tree written out, with the variables' names or their numbers, brackets only where needed."""
    if isinstance(node, Decimal):
        return fmt(node)
    if isinstance(node, str):
        return node if shown is None else shown.get(node, node)
    op, left, other = node
    rank = _RANK[op]
    if op == "abs":
        return f"|{spelled(left, shown)}|"
    if op == "neg":
        text = f"−{spelled(left, shown, rank)}"
    else:
        assert other is not None
        sign = {"/": "÷", "-": "−"}.get(op, op)
        text = f"{spelled(left, shown, rank)} {sign} {spelled(other, shown, rank, right=True)}"
    return f"({text})" if rank < outer or (right and rank == outer) else text
