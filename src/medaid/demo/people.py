"""Synthetic people with valid 身份证号 check digits and plausible names.

Address codes default to 4599xx, a county block that does not exist, so no generated
number can be a real person's.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from medaid.ingest.idnumber import check_char

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱覃"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红建国志强桂芳德秀云海燕春梅金凤文学荣"
DEFAULT_REGION = "459901"


@dataclass(frozen=True)
class Person:
    id_number: str
    name: str
    birth: dt.date
    gender: str


def make_id(region: str, birth: dt.date, sequence: int) -> str:
    """An 18-character number with a valid check character."""
    first17 = f"{region}{birth:%Y%m%d}{sequence % 1000:03d}"
    return first17 + check_char(first17)


def make_person(
    rng: random.Random, region: str = DEFAULT_REGION, *, oldest: int = 1935, youngest: int = 2020
) -> Person:
    year = rng.randint(oldest, youngest)
    birth = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    sequence = rng.randrange(1000)
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return Person(make_id(region, birth, sequence), name, birth, "男" if sequence % 2 else "女")


def make_people(count: int, seed: int = 2023, region: str = DEFAULT_REGION) -> list[Person]:
    """``count`` distinct people, the same for the same seed."""
    rng = random.Random(seed)
    seen: set[str] = set()
    people: list[Person] = []
    while len(people) < count:
        person = make_person(rng, region)
        if person.id_number not in seen:
            seen.add(person.id_number)
            people.append(person)
    return people
