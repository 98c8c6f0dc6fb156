"""The structured syntax of a written formula read as arithmetic: {type: formula, expression: "70×实际值-63",
name: 实际达标率, value_kind: rate, …} (``rules.expressions.Expression``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from medaid.evaluation.numbers import to_decimal
from medaid.evaluation.rules.arithmetic import ACTUAL, ExpressionError, parse, variables
from medaid.evaluation.rules.counts import spec_words
from medaid.evaluation.rules.expressions import KINDS, Expression


def expression_from_mapping(spec: Mapping[str, object], text: str | None) -> Expression:
    """{type: formula, expression: "70×实际值-63", name: 实际达标率, value_kind: rate, ...}."""
    from medaid.evaluation.rules.structured import RuleSpecError

    expression = str(spec.get("expression", ""))
    try:
        tree = parse(expression)
    except ExpressionError as error:
        raise RuleSpecError(str(error)) from error
    if ACTUAL not in variables(tree):
        raise RuleSpecError("formula 的 expression 应含“实际值”")
    otherwise = None if spec.get("otherwise") is None else str(spec.get("otherwise"))
    if otherwise is not None:
        try:
            if ACTUAL not in variables(parse(otherwise)) and otherwise != "0":
                raise RuleSpecError("formula 的 otherwise 应含“实际值”，或为 0（未达到不得分）")
        except ExpressionError as error:
            raise RuleSpecError(str(error)) from error
    kind = str(spec.get("value_kind", "value"))
    if kind not in KINDS:
        raise RuleSpecError("formula 的 value_kind 应为 value、count、rate 或 completion")

    def number(key: str) -> Decimal | None:
        raw = spec.get(key)
        found = None if raw is None else to_decimal(str(raw).rstrip("%"))
        if raw is not None and found is None:
            raise RuleSpecError(f"规则参数 {key} 应为数字，实际为“{raw}”")
        return found

    flag: Callable[[str, bool], bool] = lambda key, default: bool(spec.get(key, default))  # noqa: E731
    return Expression(
        expression=expression, name=str(spec.get("name", ACTUAL)), value_kind=kind,
        cap_value=flag("cap_value", False), capped=flag("capped", False), most=number("most"),
        full_from=number("full_from"),
        full_inclusive=flag("full_inclusive", True), full_when_met=flag("full_when_met", False),
        zero_below=number("zero_below"), zero_inclusive=flag("zero_inclusive", False), text=text,
        otherwise=otherwise, read_as=str(spec.get("read_as", "")),
        exempt=None if spec.get("exempt") is None else str(spec.get("exempt")),
        lower_better=flag("lower_better", False),
        actual_named=str(spec.get("actual_named", "")), plan_named=str(spec.get("plan_named", "")),
        vetoes=spec_words(spec, "vetoes"), stated_full=number("stated_full"),
    )  # fmt: skip
