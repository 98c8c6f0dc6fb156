"""The policy calculator and what-if from the web: one claim typed into a form, the parameters in force,
and a year settled again with changed parameters.

The calculator takes the claim's fields as a form sends them (``policy.claim_file`` checks them as it
checks ``medaid calc --claim``) and settles the one claim with the step functions (the desk path: no
Ibis). A browser may choose only among the shipped regions (``medaid policy list``) or the workspace's
own policy: a name is never read as a path on the server.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from medaid.errors import Location, MedaidError
from medaid.money import yuan_float
from medaid.services.policy import LAYER_LABELS, Calculation, PolicyEntry, WhatIf

if TYPE_CHECKING:
    from medaid.workspace import Workspace

LAYERS = ("basic", "critical", "assistance", "tilted", "supplementary")
OVERRIDE_NAME = "测算参数"  # how the what-if's parameters are named in its errors
CHANGE_KEYS: dict[str, str] = {"ratio": "救助比例", "threshold": "起付线（元）", "annual_limit": "年度限额（元）"}
CHANGE_LAYERS: dict[str, str] = {"assistance": "医疗救助", "tilted": "倾斜救助"}


def _policy_name(workspace: Workspace, chosen: str | None) -> str:
    from medaid.policy.params import regions

    if not chosen:
        return workspace.settings.policy or "default"
    if chosen not in regions() and chosen != workspace.settings.policy:
        raise MedaidError(f"没有名为“{chosen}”的内置政策", where=Location(key="policy"),
                          fix=f"可选：{'、'.join(regions())}，或留空使用工作区设置的政策")  # fmt: skip
    return chosen


@dataclass
class ClaimResult:
    name: str  # the policy chosen (a shipped region or the workspace's setting)
    calculation: Calculation

    def to_dict(self) -> dict[str, object]:
        settled = self.calculation.result
        layers = [{"layer": k, "label": LAYER_LABELS[k], "amount": yuan_float(getattr(settled, k))} for k in LAYERS]
        layers.append({"layer": "out_of_pocket_total", "label": LAYER_LABELS["out_of_pocket_total"],
                       "amount": yuan_float(settled.out_of_pocket_total)})  # fmt: skip
        return self.calculation.to_dict() | {"policy_name": self.name, "layers": layers}


def calc_claim(root: Path, fields: Mapping[str, object], *, policy: str | None = None) -> ClaimResult:
    """One claim through 基本医保 → 大病保险 → 医疗救助 → 倾斜救助, each step with its formula, under the
    policy in force on its date (the workspace's policy, or a shipped region)."""
    from medaid.policy.claim import settle
    from medaid.policy.claim_file import claim_from_mapping
    from medaid.policy.params import resolve
    from medaid.workspace import Workspace

    name = _policy_name(Workspace.open(root), policy)
    claim, ytd = claim_from_mapping({k: v for k, v in fields.items() if v is not None and v != ""})
    chosen = resolve(name, claim.date)
    return ClaimResult(name, Calculation(chosen, settle(chosen, claim, ytd)[0]))


@dataclass
class PolicyOverview:
    name: str  # the workspace's policy (a shipped region or a file)
    year: int
    policy: PolicyEntry  # in force at the end of the workspace's year
    text: str  # its parameter file as written
    shipped: list[PolicyEntry]

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "year": self.year, "in_force": self.policy.to_dict(), "text": self.text,
                "policies": [p.to_dict() for p in self.shipped]}  # fmt: skip


def policy_overview(root: Path) -> PolicyOverview:
    """The policy the workspace settles with, its parameters as written, and every shipped region."""
    from medaid.policy.params import resolve
    from medaid.services.policy import list_policies
    from medaid.services.workspaces import year_of
    from medaid.workspace import Workspace

    workspace = Workspace.open(root)
    name = _policy_name(workspace, None)
    year = year_of(workspace, None)
    chosen = resolve(name, dt.date(year, 12, 31))
    text = Path(chosen.file).read_text(encoding="utf-8")
    return PolicyOverview(name, year, PolicyEntry(name, chosen), text, list_policies())


@dataclass(frozen=True)
class Change:
    """One parameter of one category changed (the form's simple what-if)."""

    layer: str  # assistance | tilted
    category: str
    key: str  # ratio | threshold | annual_limit
    value: str

    def mapping(self) -> dict[str, object]:
        if self.layer not in CHANGE_LAYERS:
            raise MedaidError(
                f"不能测算“{self.layer}”层",
                where=Location(key="layer"),
                fix="可选：assistance（医疗救助）、tilted（倾斜救助）；其他参数请写在测算参数中",
            )
        if self.key not in CHANGE_KEYS:
            raise MedaidError(f"不能改变参数“{self.key}”", where=Location(key="key"),
                              fix="可选：ratio（比例）、threshold（起付线）、annual_limit（年度限额）")  # fmt: skip
        try:
            number = Decimal(self.value.strip().rstrip("%")) / (100 if self.value.strip().endswith("%") else 1)
        except InvalidOperation:
            raise MedaidError(f"新值“{self.value}”不是数字", where=Location(key="value"),
                              fix="比例写 0.8 或 80%，金额写元，如 3000") from None  # fmt: skip
        return {self.layer: {self.category: {self.key: float(number)}}}


def _override_text(override: str | None, change: Change | None) -> str:
    import yaml

    if override and override.strip():
        return override
    if change is None:
        raise MedaidError(
            "没有要改变的参数",
            where=Location(key="override"),
            fix="请选择要改变的救助比例、起付线或年度限额，或填写测算参数，如 assistance: {低保对象: {ratio: 0.8}}",
        )
    return yaml.safe_dump(change.mapping(), allow_unicode=True, sort_keys=False)


def simulate_change(root: Path, *, override: str | None = None, change: Change | None = None,
                    year: int | None = None, policy: str | None = None) -> WhatIfResult:  # fmt: skip
    """The year settled with the policy and with the changed parameters (a partial policy, as ``medaid
    simulate --override`` reads it, or one ``change``), and compared."""
    from medaid.services.policy import simulate
    from medaid.workspace import Workspace

    workspace = Workspace.open(root)
    name = _policy_name(workspace, policy)
    text = _override_text(override, change)
    folder = workspace.scratch() / f"whatif-{secrets.token_hex(8)}"
    folder.mkdir(mode=0o700)
    try:
        path = folder / f"{OVERRIDE_NAME}.yaml"
        path.write_text(text, encoding="utf-8")
        return WhatIfResult(simulate(workspace.root, path, policy=name, year=year), text)
    except MedaidError as err:
        if err.where.file and OVERRIDE_NAME in err.where.file:  # the private copy's path means nothing to the user
            raise MedaidError(err.what, where=dataclasses.replace(err.where, file=OVERRIDE_NAME), fix=err.fix) from None
        raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class WhatIfResult:
    """A what-if, with its tables as the page shows them (in 元, with the labels reports use)."""

    whatif: WhatIf
    override: str  # the changed parameters, as a partial policy file

    def to_dict(self) -> dict[str, object]:
        s = self.whatif.simulation
        layers = [{"layer": k, "label": LAYER_LABELS[k], "before": yuan_float(b), "after": yuan_float(a),
                   "change": yuan_float(c)} for k, b, a, c in s.layer_rows()]  # fmt: skip
        categories = [{"category": k, "before": yuan_float(b), "after": yuan_float(a), "change": yuan_float(c)}
                      for k, b, a, c in s.category_rows()]  # fmt: skip
        return self.whatif.to_dict() | {"override": self.override, "layers": layers, "categories": categories}
