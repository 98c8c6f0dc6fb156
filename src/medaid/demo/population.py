"""Fictional people and institutions of the counties 4599xx, a block that does not exist."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from medaid.demo.parameters import Arr
from medaid.demo.people import GIVEN, SURNAMES, make_id

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
