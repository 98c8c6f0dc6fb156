"""Read and check a policy file (contract 4), and a partial file that overrides one.

The file is validated as the typed model of :mod:`medaid.policy.file_model` through
:mod:`medaid.typed_yaml`: every problem names the file, the line and the key path; an unknown
key (``asistance:``) is refused naming the nearest known key instead of silently dropping a
layer.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from medaid import typed_yaml
from medaid.errors import Location, MedaidError
from medaid.policy import case_keys
from medaid.policy.file_model import PolicyFile, to_policy
from medaid.policy.model import Assistance, Policy
from medaid.typed_yaml import Document, KeyPath
from medaid.vocab import Vocabulary, lookup

__all__ = ["PolicyError", "load_policy", "load_policy_with_override", "policy_mapping"]


class PolicyError(MedaidError):
    """A policy file is invalid."""


def load_policy(path: Path) -> Policy:
    """A policy file as the dataclasses of medaid.policy.model; PolicyError naming file, line and key."""
    document = typed_yaml.read(path, error=PolicyError)
    spec = typed_yaml.validate(PolicyFile, document, error=PolicyError)
    digest = hashlib.sha256(document.text.encode("utf-8")).hexdigest()
    return to_policy(spec, file=str(path), digest=digest)


def load_policy_with_override(base: Policy, override: Path) -> Policy:
    """``base`` with the keys of a partial policy file merged over it, key by key (what-if).

    The override is validated with its own lines: an unknown key or a bad value names the
    override file, its line and the nearest known key. Categories, visit types and hospital
    levels may be written with their aliases (低保 changes 低保对象). Lists (segments,
    supplementary) are replaced whole; ``null`` removes a value (``cap: null``: no cap).
    """
    document = typed_yaml.read(override, error=PolicyError)
    change = {} if document.data is None else document.data
    if not isinstance(change, dict):
        raise PolicyError(
            "覆盖文件内容应为键值对", where=Location(file=str(override)), fix="如 assistance: {低保对象: {ratio: 0.8}}"
        )
    lines: dict[KeyPath, int] = {}
    canonical = _canonical(change, (), (), document.lines, lines)
    merged = _merge(policy_mapping(base), canonical)
    spec = typed_yaml.validate(PolicyFile, Document(merged, lines, str(override), document.text), error=PolicyError)
    digest = hashlib.sha256((base.digest + document.text).encode("utf-8")).hexdigest()
    return to_policy(spec, file=f"{base.file} + {override}", digest=digest)


def _merge(base: object, change: object) -> object:
    if isinstance(base, dict) and isinstance(change, dict):
        out = dict(base)
        for key, value in change.items():
            out[key] = _merge(base[key], value) if key in base else value
        return out
    return change


def _vocabulary_at(path: KeyPath) -> Vocabulary | None:
    if len(path) == 1 and path[0] in ("subsidy", "assistance", "tilted", "eligibility"):
        return Vocabulary.CATEGORY
    if path == ("warning", "groups"):
        return Vocabulary.CATEGORY
    if path == ("basic",):
        return Vocabulary.VISIT_TYPE
    if len(path) == 2 and path[0] == "basic":
        return Vocabulary.HOSPITAL_LEVEL
    return None


def _canonical(
    value: object, path: KeyPath, new: KeyPath, lines: Mapping[KeyPath, int], out: dict[KeyPath, int]
) -> object:
    """The override with canonical vocabulary keys (so 低保 merges into 低保对象), and its lines
    under the new key paths."""
    if isinstance(value, list):
        for i in range(len(value)):
            if (*path, i) in lines:
                out[(*new, i)] = lines[(*path, i)]
        return [_canonical(item, (*path, i), (*new, i), lines, out) for i, item in enumerate(value)]
    if not isinstance(value, dict):
        return value
    vocabulary = _vocabulary_at(new)
    result: dict[str, object] = {}
    for key, item in value.items():
        name = str(key)
        if vocabulary is not None and name not in ("annual_cap", "referral_cut"):
            found = lookup(vocabulary, name)
            name = found if found is not None and found not in result else name  # a twin stays, to be refused
        if (*path, key) in lines:
            out[(*new, name)] = lines[(*path, key)]
        result[name] = _canonical(item, (*path, key), (*new, name), lines, out)
    return result


def _layer_mapping(layer: dict[str, Assistance]) -> dict[str, object]:
    out: dict[str, object] = {}
    for name, spec in layer.items():
        entry: dict[str, object] = {"threshold": spec.threshold, "ratio": spec.ratio}
        if spec.annual_limit is not None:
            entry["annual_limit"] = spec.annual_limit
        out[name] = entry
    return out


def policy_mapping(policy: Policy) -> dict[str, object]:
    """A policy as the mapping of its file (canonical names, Decimal values): what an override
    merges over; validating it gives the same policy back."""
    data: dict[str, object] = {"region": policy.region, "valid_from": policy.valid_from, "source": policy.source}
    if policy.premium is not None:
        data["premium"] = {"individual": policy.premium}
    if policy.subsidy:
        data["subsidy"] = {
            k: ({"ratio": v.ratio} if v.ratio is not None else {"amount": v.amount}) for k, v in policy.subsidy.items()
        }
    if policy.basic is not None:
        basic: dict[str, object] = {}
        for (visit, level), rule in policy.basic.rules.items():
            levels = basic.setdefault(visit, {})
            assert isinstance(levels, dict)
            levels[level] = {"deductible": rule.deductible, "ratio": rule.ratio, "per": rule.per}
        if policy.basic.annual_cap is not None:
            basic["annual_cap"] = policy.basic.annual_cap
        basic["referral_cut"] = policy.basic.referral_cut
        data["basic"] = basic
    if policy.critical is not None:
        c = policy.critical
        critical: dict[str, object] = {"threshold": c.threshold, "basis": c.basis}
        critical["segments"] = [{"ratio": s.ratio} | ({} if s.upto is None else {"upto": s.upto}) for s in c.segments]
        if c.cap is not None:
            critical["cap"] = c.cap
        if c.recipients is not None:
            r = c.recipients
            tilt: dict[str, object] = {"threshold_factor": r.threshold_factor, "ratio_add": r.ratio_add}
            if r.cap_given or r.cap is not None:
                tilt["cap"] = r.cap
            critical["recipients"] = tilt
        data["critical"] = critical
    if policy.assistance:
        data["assistance"] = _layer_mapping(policy.assistance)
    if policy.tilted:
        data["tilted"] = _layer_mapping(policy.tilted)
    if policy.supplementary:
        data["supplementary"] = [
            {"name": s.name, "in_scope_ratio": s.in_scope_ratio, "out_of_scope_ratio": s.out_of_scope_ratio,
             "categories": list(s.categories)}
            for s in policy.supplementary
        ]  # fmt: skip
    return data | case_keys.mapping(policy)
