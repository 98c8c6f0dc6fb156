"""资助参保: the premium subsidy per person-year, a person counted once at the highest category."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from medaid.errors import MedaidError
from medaid.policy.model import Policy
from medaid.vocab import CATEGORY_RANK


@dataclass
class SubsidyTotal:
    total: Decimal = Decimal(0)
    by_category: dict[str, dict[str, Decimal | int]] = field(default_factory=dict)
    not_covered: dict[str, int] = field(default_factory=dict)  # categories the policy does not subsidise

    def to_dict(self) -> dict[str, object]:
        return {
            "total": float(self.total),
            "by_category": {
                c: {"people": int(v["people"]), "amount": float(v["amount"])} for c, v in self.by_category.items()
            },
            "not_covered": self.not_covered,
        }


def amount_for(policy: Policy, category: str) -> Decimal | None:
    rule = policy.subsidy.get(category)
    if rule is None:
        return None
    if rule.amount is not None:
        return rule.amount
    if policy.premium is None:
        raise MedaidError("政策参数未写个人缴费标准（premium.individual），无法按比例计算资助金额",
                          fix="请在政策文件中写 premium: {individual: 350}")  # fmt: skip
    return (policy.premium * (rule.ratio or Decimal(0))).quantize(Decimal("0.01"), ROUND_HALF_UP)


def subsidies(policy: Policy, people: dict[str, list[str]]) -> SubsidyTotal:
    """``people`` maps a person to the categories they hold in the year; the highest counts."""
    out = SubsidyTotal()
    for categories in people.values():
        top = min(categories, key=lambda c: CATEGORY_RANK.get(c, 99))
        amount = amount_for(policy, top)
        if amount is None:
            out.not_covered[top] = out.not_covered.get(top, 0) + 1
            continue
        entry = out.by_category.setdefault(top, {"people": 0, "amount": Decimal(0)})
        entry["people"] = int(entry["people"]) + 1
        entry["amount"] = Decimal(entry["amount"]) + amount
        out.total += amount
    return out
