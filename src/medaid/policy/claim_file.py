"""The one-claim file of ``medaid calc --claim C.yaml`` (contract 4), and the same fields from a
web form, as a typed model.

Category, visit type and hospital level go through the one vocabulary (aliases give the same
canonical names: 低保 / 住院治疗 / 二甲 pays as 低保对象 / 住院 / 二级); amounts are 元 turned
into fen by medaid.money; ``date`` is YYYY-MM-DD (today when absent); ``referred`` accepts
true/false and 是/否. Unknown keys are refused naming the nearest known key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Annotated

from pydantic import BeforeValidator, Field, model_validator

from medaid import claimrules, typed_yaml
from medaid.errors import InputFileError
from medaid.policy.claim import Claim, YearToDate
from medaid.typed_yaml import Fen, FileModel, Invalid, IsoDate
from medaid.vocab import NO, YES, Vocabulary, lookup, unknown

__all__ = ["ClaimFile", "ClaimFileError", "claim_from_mapping", "load_claim"]


AMOUNT_HINT = "请写元为单位的金额，如 45000"


class ClaimFileError(InputFileError):
    """A claim file (or form) is invalid."""


def _word(vocabulary: Vocabulary) -> Callable[[object], object]:
    def check(value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        found = lookup(vocabulary, str(value))
        if found is None:
            raise Invalid(*unknown(vocabulary, value))
        return found

    return check


def _yes_no(value: object) -> object:
    if isinstance(value, bool) or value is None:
        return True if value is None else value
    text = str(value).strip()
    if text in YES:
        return True
    if text in NO:
        return False
    raise Invalid(f"“{value}”不是是/否", "请写 true（已规范转诊）或 false（未规范转诊），也可写 是 / 否")


Category = Annotated[str | None, BeforeValidator(_word(Vocabulary.CATEGORY))]
VisitType = Annotated[str, BeforeValidator(_word(Vocabulary.VISIT_TYPE))]
Level = Annotated[str | None, BeforeValidator(_word(Vocabulary.HOSPITAL_LEVEL))]
YesNo = Annotated[bool, BeforeValidator(_yes_no)]


class YearToDateSpec(FileModel):
    critical_base: Fen = Field(default=0, description="年内此前的大病保险累计基数（元）")
    assistance_base: Fen = Field(default=0, description="年内此前的医疗救助累计基数（元）")
    tilted_base: Fen = Field(default=0, description="年内此前的倾斜救助累计基数（元）")


class ClaimFile(FileModel):
    """One claim for the calculator (contract 4)."""

    category: Category = Field(default=None, description="救助类别；不写为普通参保人（无救助、无倾斜）")
    visit_type: VisitType = Field(description="就诊类型：住院、门诊、门诊慢特病", json_schema_extra={"hint": "如 住院"})
    hospital_level: Level = Field(default=None, description="医院等级：一级、二级、三级、未定级、基层")
    date: IsoDate | None = Field(default=None, description="结算日期，如 2023-06-01；不写为今天")
    total: Fen = Field(description="总费用（元）", json_schema_extra={"hint": AMOUNT_HINT})
    in_scope: Fen = Field(description="政策范围内费用（元）", json_schema_extra={"hint": AMOUNT_HINT})
    referred: YesNo = Field(default=True, description="是否规范转诊")
    basic_paid: Fen | None = Field(default=None, description="基本医保已支付（元）；写了则不重算")
    critical_paid: Fen | None = Field(default=None, description="大病保险已支付（元）；写了则不重算")
    assistance_paid: Fen | None = Field(default=None, description="医疗救助已支付（元）；写了则不重算")
    year_to_date: YearToDateSpec | None = Field(default=None, description="年内此前的累计基数")

    @model_validator(mode="after")
    def _possible(self) -> ClaimFile:
        """The amounts a settlement can have (``medaid.claimrules``, as the import checks them)."""
        why = claimrules.problem(self.total, self.in_scope, [self.basic_paid, self.critical_paid, self.assistance_paid])
        if why is not None:
            raise Invalid(why, "请核对总费用、政策范围内费用和已支付的金额（元）")
        return self

    def to_claim(self, today: dt.date | None = None) -> tuple[Claim, YearToDate]:
        ytd = self.year_to_date
        claim = Claim(
            visit_type=self.visit_type,
            date=self.date or today or dt.date.today(),
            total=self.total,
            in_scope=self.in_scope,
            category=self.category,
            hospital_level=self.hospital_level,
            referred=self.referred,
            basic_paid=self.basic_paid,
            critical_paid=self.critical_paid,
            assistance_paid=self.assistance_paid,
        )
        if ytd is None:
            return claim, YearToDate()
        return claim, YearToDate(
            critical_base=ytd.critical_base, assistance_base=ytd.assistance_base, tilted_base=ytd.tilted_base
        )


def load_claim(path: Path) -> tuple[Claim, YearToDate]:
    """A claim file; ClaimFileError naming the file, the line and the key."""
    return typed_yaml.load(path, ClaimFile, error=ClaimFileError).to_claim()


def claim_from_mapping(data: Mapping[str, object], *, file: str | None = None) -> tuple[Claim, YearToDate]:
    """The same fields from elsewhere (a web form: texts are fine); errors name the key."""
    return typed_yaml.validate_mapping(ClaimFile, data, file=file, error=ClaimFileError).to_claim()
