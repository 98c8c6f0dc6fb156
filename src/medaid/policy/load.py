"""Read and check a policy file (contract 4). Every problem names the file and the key."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import yaml

from medaid.errors import Location, MedaidError
from medaid.ingest.vocab import CATEGORIES, HOSPITAL_LEVELS, VISIT_TYPES
from medaid.policy.model import (
    Assistance,
    Basic,
    BasicRule,
    Critical,
    Policy,
    Segment,
    SubsidyRule,
    Supplementary,
    Tilt,
)


class PolicyError(MedaidError):
    """A policy file is invalid."""


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, key: str, what: str, fix: str) -> PolicyError:
        return PolicyError(what, where=Location(file=self.file, key=key), fix=fix)

    def number(self, value: object, key: str) -> Decimal:
        if isinstance(value, bool):
            raise self.fail(key, f"参数 {key} 应为数字，实际为“{value}”", "请改为数字")
        try:
            number = Decimal(str(value))
        except ArithmeticError as err:
            raise self.fail(key, f"参数 {key} 应为数字，实际为“{value}”", "请改为数字") from err
        if not number.is_finite() or number < 0:
            raise self.fail(key, f"参数 {key} 应为不小于0的数字，实际为“{value}”", "请改为数字")
        return number

    def optional(self, spec: Mapping[str, object], name: str, key: str) -> Decimal | None:
        value = spec.get(name)
        return None if value is None else self.number(value, f"{key}.{name}")

    def ratio(self, value: object, key: str) -> Decimal:
        number = self.number(value, key)
        if number > 1:
            raise self.fail(key, f"比例 {key} = {number} 不在 0–1 之间", "比例请写小数，如 70% 写 0.7")
        return number

    def mapping(self, value: object, key: str) -> Mapping[str, object]:
        if not isinstance(value, Mapping):
            raise self.fail(key, f"{key} 应为键值对", "格式见 DESIGN 契约 4")
        return value

    def category(self, name: object, key: str) -> str:
        if name not in CATEGORIES:
            raise self.fail(key, f"未知的救助类别“{name}”", f"可用：{'、'.join(CATEGORIES)}")
        return str(name)

    def layer(self, section: object, key: str) -> dict[str, Assistance]:
        out: dict[str, Assistance] = {}
        for category, spec in self.mapping(section or {}, key).items():
            here = f"{key}.{category}"
            name = self.category(category, here)
            body = self.mapping(spec, here)
            if "ratio" not in body:
                raise self.fail(
                    here, "应写明 threshold、ratio、annual_limit", "如 {threshold: 0, ratio: 0.7, annual_limit: 60000}"
                )
            out[name] = Assistance(
                category=name,
                threshold=self.number(body.get("threshold", 0), f"{here}.threshold"),
                ratio=self.ratio(body["ratio"], f"{here}.ratio"),
                annual_limit=self.optional(body, "annual_limit", here),
            )
        return out

    def basic(self, section: object) -> Basic:
        body = self.mapping(section, "basic")
        rules: dict[tuple[str, str], BasicRule] = {}
        for visit, levels in body.items():
            if visit in ("annual_cap", "referral_cut"):
                continue
            if visit not in VISIT_TYPES:
                raise self.fail(f"basic.{visit}", f"未知的就诊类型“{visit}”", f"可用：{'、'.join(VISIT_TYPES)}")
            for level, spec in self.mapping(levels, f"basic.{visit}").items():
                here = f"basic.{visit}.{level}"
                if level not in HOSPITAL_LEVELS:
                    raise self.fail(here, f"未知的医院等级“{level}”", f"可用：{'、'.join(HOSPITAL_LEVELS)}")
                rule = self.mapping(spec, here)
                per = str(rule.get("per", "admission"))
                if per not in ("admission", "year"):
                    raise self.fail(f"{here}.per", "per 应为 admission（每次住院）或 year（每年一次）", "请改正")
                rules[(str(visit), str(level))] = BasicRule(
                    deductible=self.number(rule.get("deductible", 0), f"{here}.deductible"),
                    ratio=self.ratio(rule.get("ratio"), f"{here}.ratio"),
                    per=per,
                )
        return Basic(rules, self.optional(body, "annual_cap", "basic"),
                     self.ratio(body.get("referral_cut", 0), "basic.referral_cut"))  # fmt: skip

    def critical(self, section: object) -> Critical:
        body = self.mapping(section, "critical")
        basis = str(body.get("basis", "cumulative"))
        if basis not in ("cumulative", "excess"):
            raise self.fail("critical.basis", "basis 应为 cumulative 或 excess",
                            "cumulative：分段按累计金额；excess：分段按超过起付线的部分")  # fmt: skip
        raw = body.get("segments")
        if not isinstance(raw, list) or not raw:
            raise self.fail(
                "critical.segments", "大病保险缺少分段（segments）", "如 [{upto: 30000, ratio: 0.6}, {ratio: 0.7}]"
            )
        segments: list[Segment] = []
        for i, item in enumerate(raw):
            spec = self.mapping(item, f"critical.segments[{i}]")
            upto = self.optional(spec, "upto", f"critical.segments[{i}]")
            if upto is None and i != len(raw) - 1:
                raise self.fail(
                    f"critical.segments[{i}]", "只有最后一段可以不写 upto", "请按金额从小到大排列，最后一段不写 upto"
                )
            if upto is not None and segments and segments[-1].upto is not None and upto <= segments[-1].upto:
                raise self.fail(f"critical.segments[{i}].upto", "分段的 upto 应从小到大排列", "请调整分段顺序")
            segments.append(Segment(upto, self.ratio(spec.get("ratio"), f"critical.segments[{i}].ratio")))
        tilt = None
        if body.get("recipients") is not None:
            spec = self.mapping(body["recipients"], "critical.recipients")
            tilt = Tilt(
                threshold_factor=self.number(spec.get("threshold_factor", 1), "critical.recipients.threshold_factor"),
                ratio_add=self.ratio(spec.get("ratio_add", 0), "critical.recipients.ratio_add"),
                cap=self.optional(spec, "cap", "critical.recipients"),
                cap_given="cap" in spec,
            )
        return Critical(
            threshold=self.number(body.get("threshold", 0), "critical.threshold"),
            basis=basis,
            segments=tuple(segments),
            cap=self.optional(body, "cap", "critical"),
            recipients=tilt,
        )

    def supplementary(self, section: object) -> tuple[Supplementary, ...]:
        if section is None:
            return ()
        if not isinstance(section, list):
            raise self.fail("supplementary", "supplementary 应为列表", "见 docs/policy.md")
        out = []
        for i, item in enumerate(section):
            here = f"supplementary[{i}]"
            spec = self.mapping(item, here)
            listed = spec.get("categories") or []
            if not isinstance(listed, list):
                raise self.fail(f"{here}.categories", "categories 应为救助类别列表", "如 [特困人员, 低保对象]")
            categories = tuple(self.category(c, f"{here}.categories") for c in listed)
            out.append(Supplementary(
                name=str(spec.get("name") or "补充保险"),
                in_scope_ratio=self.ratio(spec.get("in_scope_ratio", 0), f"{here}.in_scope_ratio"),
                out_of_scope_ratio=self.ratio(spec.get("out_of_scope_ratio", 0), f"{here}.out_of_scope_ratio"),
                categories=categories,
            ))  # fmt: skip
        return tuple(out)

    def subsidy(self, section: object) -> dict[str, SubsidyRule]:
        out: dict[str, SubsidyRule] = {}
        for category, spec in self.mapping(section or {}, "subsidy").items():
            here = f"subsidy.{category}"
            name = self.category(category, here)
            body = self.mapping(spec, here)
            if ("ratio" in body) == ("amount" in body):
                raise self.fail(
                    here,
                    "资助参保应写 ratio（个人缴费的比例）或 amount（定额）之一",
                    "如 {ratio: 0.9} 或 {amount: 175}",
                )
            out[name] = SubsidyRule(
                ratio=self.ratio(body["ratio"], f"{here}.ratio") if "ratio" in body else None,
                amount=self.number(body["amount"], f"{here}.amount") if "amount" in body else None,
            )
        return out


def load_policy(path: Path) -> Policy:
    file = str(path)
    reader = _Reader(file)
    try:
        text = path.read_text(encoding="utf-8")
        raw = yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as err:
        where = Location(file=file)
        raise PolicyError(f"无法读取政策参数文件（{err}）", where=where, fix="请检查文件路径与 YAML 格式") from err
    body = reader.mapping(raw, "（文件）")
    valid_from = body.get("valid_from")
    if not isinstance(valid_from, dt.date):
        raise reader.fail("valid_from", "缺少或无法识别 valid_from（生效日期）", "请写成 2023-01-01")
    premium = body.get("premium")
    return Policy(
        region=str(body.get("region") or ""),
        valid_from=valid_from,
        source=str(body.get("source") or ""),
        file=file,
        digest=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        premium=reader.optional(reader.mapping(premium, "premium"), "individual", "premium") if premium else None,
        subsidy=reader.subsidy(body.get("subsidy")),
        basic=reader.basic(body["basic"]) if body.get("basic") else None,
        critical=reader.critical(body["critical"]) if body.get("critical") else None,
        assistance=reader.layer(body.get("assistance"), "assistance"),
        tilted=reader.layer(body.get("tilted"), "tilted"),
        supplementary=reader.supplementary(body.get("supplementary")),
    )
