"""Policy arithmetic and random draws of the synthetic programme data, vectorised with numpy.

Money is integer fen, ratios integer basis points (1/10000). Every layer is paid as the
entitlement on the person's cumulative amount to date minus the entitlement before this
settlement, rounded half-up on the cumulative amount, as the verifier computes it. The
cumulative runs over all the person's settlements of the year in (结算日期, 结算编号)
order; a layer pays only on the settlements where the person is a valid recipient.
- 基本医保: (政策范围内 − deductible) × ratio per settlement by visit type and level (基层
  as 一级), within the annual cap;
- 大病保险: on the cumulative 政策范围内 − 基本医保, segments by ``basis``; on a recipient's
  settlement the threshold × threshold_factor and ratios + ratio_add (cap null: the general cap);
- 医疗救助: ratio × (cumulative own pay − threshold) within the annual limit, own pay being
  政策范围内 − 基本医保 − 大病保险; 倾斜救助 likewise on own pay − 医疗救助.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import yaml

from medaid.demo.people import GIVEN, SURNAMES, make_id
from medaid.ingest.vocab import CATEGORIES

Arr = npt.NDArray[Any]
BP = 10_000
NO_LIMIT = 10**13  # fen: a cap that is never reached
NEVER = 1 << 30  # day index of an open 终止日期 or of someone alive
VISITS = ("住院", "门诊", "门诊慢特病")
LEVELS = ("基层", "一级", "二级", "三级")
DEFAULT_POLICY = Path(__file__).resolve().parent.parent / "policy" / "params" / "default" / "2023-01-01.yaml"

VISIT_SHARE = (0.35, 0.60, 0.05)
LEVEL_SHARE = ((0.10, 0.15, 0.50, 0.25), (0.55, 0.25, 0.15, 0.05), (0.10, 0.20, 0.40, 0.30))
MEDIAN = (8000.0, 150.0, 1500.0)  # 元, at a 二级 hospital
SIGMA = (0.95, 1.0, 1.0)
LOWEST = (300.0, 5.0, 30.0)
HIGHEST = (300_000.0, 20_000.0, 50_000.0)
LEVEL_FACTOR = (0.6, 0.8, 1.0, 1.8)


def _fen(value: object) -> int:
    return int((Decimal(str(value)) * 100).to_integral_value(ROUND_HALF_UP))


def _bp(value: object) -> int:
    return int((Decimal(str(value)) * BP).to_integral_value(ROUND_HALF_UP))


def half_up(scaled: Arr) -> Arr:
    """Basis-point-scaled non-negative amounts to fen, half-up."""
    return (scaled + BP // 2) // BP


@dataclass(frozen=True)
class Layer:
    """医疗救助 or 倾斜救助 by category index (``CATEGORIES`` order): fen and basis points."""

    present: Arr
    threshold: Arr
    ratio: Arr
    limit: Arr


@dataclass(frozen=True)
class Policy:
    premium: int
    subsidy: dict[str, int]  # 资助金额 in fen by category
    deductible: Arr  # fen by [visit, level]
    basic_ratio: Arr  # basis points by [visit, level]
    basic_cap: int
    critical_threshold: int
    critical_excess: bool  # basis "excess": segments on the part above the threshold
    segments: tuple[tuple[int, int, int], ...]  # (from, to, ratio) in fen, fen, bp
    critical_cap: int
    recipient_factor: int  # bp of the threshold for recipients
    recipient_add: int  # bp added to each segment's ratio for recipients
    recipient_cap: int
    assistance: Layer
    tilted: Layer


def _layer(rules: dict[str, Any] | None) -> Layer:
    n = len(CATEGORIES)
    present, threshold = np.zeros(n, np.bool_), np.zeros(n, np.int64)
    ratio, limit = np.zeros(n, np.int64), np.full(n, NO_LIMIT, np.int64)
    for category, rule in (rules or {}).items():
        i = CATEGORIES.index(category)
        present[i], threshold[i], ratio[i] = True, _fen(rule.get("threshold", 0)), _bp(rule["ratio"])
        if rule.get("annual_limit") is not None:
            limit[i] = _fen(rule["annual_limit"])
    return Layer(present, threshold, ratio, limit)


def load_policy(path: Path = DEFAULT_POLICY) -> Policy:
    """The parameters of contract 4 that the generator uses. 基层 settles as 一级."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    premium = _fen(data["premium"]["individual"])
    subsidy: dict[str, int] = {}
    for category, rule in (data.get("subsidy") or {}).items():
        ratio = _bp(rule.get("ratio", 0))
        subsidy[category] = _fen(rule["amount"]) if "amount" in rule else (premium * ratio + BP // 2) // BP
    basic: dict[str, Any] = data.get("basic") or {}
    deductible, basic_ratio = np.zeros((3, 4), np.int64), np.zeros((3, 4), np.int64)
    for v, visit in enumerate(VISITS):
        levels: dict[str, Any] = basic.get(visit) or {}
        for lv, level in enumerate(LEVELS):
            rule = levels.get(level) or levels.get("一级") or {}
            deductible[v, lv], basic_ratio[v, lv] = _fen(rule.get("deductible", 0)), _bp(rule.get("ratio", 0))
    critical: dict[str, Any] = data.get("critical") or {}
    segments: list[tuple[int, int, int]] = []
    lower = 0
    for segment in critical.get("segments") or []:
        upper = _fen(segment["upto"]) if segment.get("upto") is not None else NO_LIMIT
        segments.append((lower, upper, _bp(segment["ratio"])))
        lower = upper
    tilt: dict[str, Any] = critical.get("recipients") or {}
    cap = _fen(critical["cap"]) if critical.get("cap") is not None else NO_LIMIT
    return Policy(
        premium=premium,
        subsidy=subsidy,
        deductible=deductible,
        basic_ratio=basic_ratio,
        basic_cap=_fen(basic["annual_cap"]) if basic.get("annual_cap") is not None else NO_LIMIT,
        critical_threshold=_fen(critical.get("threshold", 0)),
        critical_excess=critical.get("basis", "excess") == "excess",
        segments=tuple(segments),
        critical_cap=cap,
        recipient_factor=_bp(tilt.get("threshold_factor", 1)),
        recipient_add=_bp(tilt.get("ratio_add", 0)),
        recipient_cap=_fen(tilt["cap"]) if tilt.get("cap") is not None else cap,
        assistance=_layer(data.get("assistance")),
        tilted=_layer(data.get("tilted")),
    )


def group_cumsum(values: Arr, first: Arr) -> Arr:
    """Running totals that restart where ``first`` is true (rows sorted by person)."""
    total = np.cumsum(values)
    starts = np.flatnonzero(first)
    offset = total[starts] - values[starts]
    out: Arr = total - np.repeat(offset, np.diff(np.append(starts, len(values))))
    return out


def entitled(cum: Arr, threshold: Arr, ratio: Arr, limit: Arr) -> Arr:
    """Entitlement to date in fen: ratio × (cumulative − threshold), half-up, within the limit."""
    return np.minimum(half_up(ratio * np.maximum(cum - threshold, 0)), limit)


def critical_entitled(cum: Arr, recipient: Arr, p: Policy) -> Arr:
    lowered = (p.critical_threshold * p.recipient_factor + BP // 2) // BP
    threshold = np.where(recipient, lowered, p.critical_threshold)
    add = np.where(recipient, p.recipient_add, 0)
    scaled = np.zeros(len(cum), np.int64)
    for lower, upper, ratio in p.segments:
        if p.critical_excess:
            part = np.clip(cum - threshold - lower, 0, upper - lower)
        else:
            part = np.maximum(np.minimum(cum, upper) - np.maximum(threshold, lower), 0)
        scaled += (ratio + add) * part
    return np.minimum(half_up(scaled), np.where(recipient, p.recipient_cap, p.critical_cap))


@dataclass
class Claims:
    """Settlement rows sorted by person, then day, then tie (the order of 结算日期, 结算编号)."""

    person: Arr
    day: Arr  # 0 = 1 January of the year
    tie: Arr  # unique; the order of 结算编号 within a day
    visit: Arr  # index in VISITS
    level: Arr  # index in LEVELS
    inst: Arr  # index of the institution
    total: Arr  # fen
    in_scope: Arr
    category: Arr  # the person's highest category index, -1 when on no list
    eligible: Arr  # a valid recipient on the day
    basic: Arr
    critical: Arr
    assistance: Arr
    tilted: Arr
    kind: Arr  # 0 clean, else the index + 1 of the anomaly kind
    extra: Arr  # true for the repeated row of a duplicate


def first_rows(person: Arr) -> Arr:
    return np.concatenate(([True], person[1:] != person[:-1]))


def settle(c: Claims, p: Policy) -> Arr:
    """Fill the four layers in place; returns each row's own in-scope pay after basic and critical."""
    first = first_rows(c.person)
    raw = np.maximum(c.in_scope - p.deductible[c.visit, c.level], 0) * p.basic_ratio[c.visit, c.level]
    cum = group_cumsum(raw, first)
    c.basic = np.minimum(half_up(cum), p.basic_cap) - np.minimum(half_up(cum - raw), p.basic_cap)
    after = c.in_scope - c.basic
    cum = group_cumsum(after, first)
    c.critical = critical_entitled(cum, c.eligible, p) - critical_entitled(cum - after, c.eligible, p)
    own: Arr = after - c.critical
    cat = np.where(c.eligible, c.category, 0)
    c.assistance = layer(own, first, c.eligible, cat, p.assistance)
    c.tilted = layer(own - c.assistance, first, c.eligible, cat, p.tilted)
    return own


def layer(amount: Arr, first: Arr, eligible: Arr, cat: Arr, rule: Layer, *, limit: bool = True) -> Arr:
    cum = group_cumsum(amount, first)
    cap = rule.limit[cat] if limit else np.full(len(cat), NO_LIMIT, np.int64)
    paid = entitled(cum, rule.threshold[cat], rule.ratio[cat], cap)
    paid -= entitled(cum - amount, rule.threshold[cat], rule.ratio[cat], cap)
    return np.where(eligible & rule.present[cat], paid, 0)


def draw_claims(
    rng: np.random.Generator,
    n: int,
    people: tuple[int, int, Arr, int],
    days: int,
    extra: dict[str, Arr],
) -> Claims:
    """n settlements (15 % by people on no list) plus ``extra`` rows, sorted by person, day, tie; unpaid.

    people: (recipients, non-recipients, county of each person, counties).

    Visit mix and hospital level by ``VISIT_SHARE``/``LEVEL_SHARE``; 总费用 lognormal by visit
    type (``MEDIAN``, ``SIGMA``) times ``LEVEL_FACTOR``, clipped; 政策范围内费用 75–95 % of it.
    """
    recipients, others, county, counties = people
    outside = round(n * 0.15)
    liking, outsiders = rng.gamma(0.7, 1.0, recipients), rng.gamma(1.0, 1.0, others)
    person = np.concatenate((
        rng.choice(recipients, size=n - outside, p=liking / liking.sum()),
        recipients + rng.choice(others, size=outside, p=outsiders / outsiders.sum()),
    )).astype(np.int32)  # fmt: skip
    visit = rng.choice(3, size=n, p=VISIT_SHARE).astype(np.int8)
    chance, level = rng.random(n), np.zeros(n, np.int8)
    for v, shares in enumerate(LEVEL_SHARE):
        level[visit == v] = np.searchsorted(np.cumsum(shares)[:-1], chance[visit == v], side="right")
    noise = rng.standard_normal(n)
    yuan = np.exp(np.log(np.take(MEDIAN, visit)) + np.take(SIGMA, visit) * noise) * np.take(LEVEL_FACTOR, level)
    total = np.rint(np.clip(yuan, np.take(LOWEST, visit), np.take(HIGHEST, visit)) * 100).astype(np.int64)
    in_scope = np.rint(total * rng.uniform(0.75, 0.95, n)).astype(np.int64)
    cols: dict[str, Arr] = {"person": person, "day": rng.integers(0, days, n, dtype=np.int32), "visit": visit}
    cols["level"] = level
    cols |= {"total": total, "in_scope": in_scope}
    cols = {k: np.concatenate((v, extra[k].astype(v.dtype))) for k, v in cols.items()}
    cols["inst"] = institution_of(rng, county[cols["person"]], cols["level"], counties).astype(np.int32)
    cols["tie"] = rng.permutation(len(cols["person"])).astype(np.int32)
    order = np.lexsort((cols["tie"], cols["day"], cols["person"]))
    cols = {k: v[order] for k, v in cols.items()}
    rows = len(order)
    money = {k: np.zeros(rows, np.int64) for k in ("basic", "critical", "assistance", "tilted")}
    flags = {"eligible": np.zeros(rows, np.bool_), "kind": np.zeros(rows, np.int8), "extra": np.zeros(rows, np.bool_)}
    return Claims(**cols, category=np.zeros(rows, np.int8), **money, **flags)


def day_strings(year: int, first: int, last: int) -> list[str]:
    """ISO dates of the day indexes first … last-1 (0 = 1 January of ``year``)."""
    start = dt.date(year, 1, 1)
    return [(start + dt.timedelta(days=d)).isoformat() for d in range(first, last)]


# --- people and institutions ---------------------------------------------------------

TOWNS = (
    "东河", "西岭", "南山", "北湾", "青石", "白沙", "龙潭", "平安", "清溪", "金竹", "桃源", "柳湾",
    "梅林", "松岗", "竹园", "石桥", "新村", "河口", "长岭", "黄泥", "红花", "双江", "三合", "五里",
)  # fmt: skip
COUNTY_HOSPITALS = ("人民医院", "中医医院", "妇幼保健院", "第二人民医院", "骨科医院")
PRIVATE_HOSPITALS = ("仁和医院", "康宁医院", "博爱医院", "济民医院", "安康医院", "惠民医院")
CITY_HOSPITALS = ("人民医院", "第二人民医院", "中医医院", "肿瘤医院", "中西医结合医院")
LEVEL_BASE, LEVEL_COUNT, PER_COUNTY, PER_CITY = (0, 24, 30), (24, 6, 5), 35, 5
CHUNK = 500_000


def chinese_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    return (("" if tens < 2 else digits[tens]) + "十" if tens else "") + (digits[ones] if ones else "")


def institutions(counties: int) -> list[tuple[str, str, str, str]]:
    """(机构编码, 机构名称, 医院等级, 区划): per county 24 基层, 6 一级, 5 二级; 5 三级 per ten counties."""
    towns, out = TOWNS, []
    for c in range(counties):
        region, county = f"4599{c + 1:02d}", "示例县" if counties == 1 else f"示例{chinese_number(c + 1)}县"
        names = [f"{county}{t}镇卫生院" for t in towns[:18]] + [f"{county}{t}社区卫生服务中心" for t in towns[18:]]
        names += [county + h for h in PRIVATE_HOSPITALS] + [county + h for h in COUNTY_HOSPITALS]
        levels = ["基层"] * 24 + ["一级"] * 6 + ["二级"] * 5
        out += [(f"H{region}{k + 1:05d}", n, lv, region) for k, (n, lv) in enumerate(zip(names, levels, strict=True))]
    cities = (counties + 9) // 10
    for g in range(cities):
        city = "示例市" if cities == 1 else f"示例{chinese_number(g + 1)}市"
        out += [(f"H459900{g * 5 + k + 1:05d}", city + h, "三级", "459900") for k, h in enumerate(CITY_HOSPITALS)]
    return out


def institution_of(rng: np.random.Generator, county: Arr, level: Arr, counties: int) -> Arr:
    u = rng.random(len(county))
    lv = np.minimum(level, 2)
    local = county * PER_COUNTY + np.take(LEVEL_BASE, lv) + (u * np.take(LEVEL_COUNT, lv)).astype(np.int64)
    return np.where(
        level == 3, counties * PER_COUNTY + (county // 10) * PER_CITY + (u * PER_CITY).astype(np.int64), local
    )


def make_people(
    rng: np.random.Generator, count: int, counties: int, young: Arr, year: int
) -> tuple[pa.Array, pa.Array, Arr]:
    """身份证号 (make_id), 姓名 and county index of ``count`` distinct people."""
    epoch = dt.date(1935, 1, 1).toordinal()
    old_end, young_start = dt.date(year - 5, 12, 31).toordinal() - epoch, dt.date(year - 17, 1, 1).toordinal() - epoch
    young_end = dt.date(year - 1, 12, 31).toordinal() - epoch
    county = rng.integers(0, counties, count)
    birth, seq = np.zeros(count, np.int64), np.zeros(count, np.int64)
    redraw = np.ones(count, np.bool_)
    while redraw.any():
        k = int(redraw.sum())
        birth[redraw] = np.where(young[redraw], rng.integers(young_start, young_end, k), rng.integers(0, old_end, k))
        seq[redraw] = rng.integers(0, 1000, k)
        _, first = np.unique((county * 100_000 + birth) * 1000 + seq, return_index=True)
        redraw = np.ones(count, np.bool_)
        redraw[first] = False
    unique_days, which = np.unique(birth, return_inverse=True)
    dates = [dt.date.fromordinal(epoch + int(d)) for d in unique_days]
    regions = [f"4599{c + 1:02d}" for c in range(counties)]
    chunks = [
        pa.array([make_id(regions[c], dates[i], q) for c, i, q in zip(county[s : s + CHUNK].tolist(),
                  which[s : s + CHUNK].tolist(), seq[s : s + CHUNK].tolist(), strict=True)], pa.string())
        for s in range(0, count, CHUNK)
    ]  # fmt: skip
    given = list(GIVEN)
    second = np.where(rng.random(count) < 1 / 3, len(given), rng.integers(0, len(given), count))
    names = pc.binary_join_element_wise(
        pa.array(list(SURNAMES)).take(rng.integers(0, len(SURNAMES), count)),
        pa.array(given).take(rng.integers(0, len(given), count)),
        pa.array([*given, ""]).take(second),
        "",
    )
    return pa.concat_arrays(chunks), names, county
