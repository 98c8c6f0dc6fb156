"""The tables of contract 3: their columns, Chinese headers, aliases and natural keys.

A column's ``name`` is the one identifier used everywhere (store, metrics, JSON);
``label`` is the Chinese header users see; ``aliases`` are the other headers exports use,
including the field codes of the national medical-security platform (setlinfo, 2207/2304).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from enum import StrEnum


class Type(StrEnum):
    TEXT = "text"
    ID = "id"  # 身份证号
    NAME = "name"  # 姓名 (personal data)
    DATE = "date"
    MONEY = "money"  # 元 in files, fen in the store
    INT = "int"
    BOOL = "bool"
    CATEGORY = "category"
    VISIT = "visit"
    LEVEL = "level"
    DEPARTMENT = "department"
    DIRECTION = "direction"


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    type: Type
    required: bool = False
    aliases: tuple[str, ...] = ()
    not_future: bool = False  # a date that cannot be after the day of import (结算日期, 死亡日期, 基金收支的日期)
    # headers read only when none of the column's own names is in the file, the first present one winning
    # (出院日期 before 就诊日期 before 入院日期: a file with both keeps the day the care ended)
    fallbacks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    kind: str  # the word users type: medaid import DIR recipients FILE
    label: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # natural key, in stored column names (person_key replaces id_number)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _c(name: str, label: str, type_: Type, required: bool = False, *aliases: str) -> Column:
    return Column(name, label, type_, required, aliases)


def _past(column: Column) -> Column:
    """A date that has happened: a settlement, a death, a fund line. (生效日期 and 终止日期 may be in the
    future: a decision takes effect next month, an eligibility is granted until a date.)"""
    return replace(column, not_future=True)


RECIPIENTS = Table(
    "recipients",
    "救助对象",
    (
        _c("id_number", "身份证号", Type.ID, True, "证件号码", "公民身份号码", "身份证号码", "certno"),
        _c("name", "姓名", Type.NAME, True, "人员姓名", "psn_name"),
        _c("category", "救助类别", Type.CATEGORY, True, "人员类别", "救助对象类别", "困难人员类别"),
        _c("department", "认定部门", Type.DEPARTMENT, True, "认定机构", "数据来源部门", "来源部门"),
        _c("valid_from", "生效日期", Type.DATE, True, "认定日期", "开始日期", "享受开始日期"),
        _c("valid_to", "终止日期", Type.DATE, False, "退出日期", "结束日期", "享受结束日期"),
        _c("region", "区划", Type.TEXT, False, "行政区划", "所属区划", "乡镇"),
    ),
    ("person_key", "category", "department", "valid_from"),
)

DEATHS = Table(
    "deaths",
    "死亡名单",
    (
        _c("id_number", "身份证号", Type.ID, True, "证件号码", "公民身份号码", "certno"),
        _past(_c("death_date", "死亡日期", Type.DATE, True, "死亡时间")),
        _c("name", "姓名", Type.NAME, False, "人员姓名", "psn_name"),
    ),
    ("person_key",),
)

SETTLEMENTS = Table(
    "settlements",
    "结算明细",
    (
        _c("settlement_id", "结算编号", Type.TEXT, True, "结算ID", "结算id", "setl_id", "结算流水号"),
        _c("id_number", "身份证号", Type.ID, True, "证件号码", "certno", "公民身份号码"),
        _c("name", "姓名", Type.NAME, False, "人员姓名", "psn_name"),
        _c("visit_type", "就诊类型", Type.VISIT, True, "医疗类别", "med_type", "就医类型"),
        _c("hospital_level", "医院等级", Type.LEVEL, False, "医疗机构等级", "定点医疗机构等级"),
        _c("institution_code", "机构编码", Type.TEXT, False, "定点医药机构编号", "fixmedins_code", "医疗机构编码"),
        _past(_c("settle_date", "结算日期", Type.DATE, True, "结算时间", "setl_time")),
        # the day the care ended (setlinfo enddate 结束日期); for an outpatient visit its day (就诊日期);
        # the start of a stay (入院日期, begndate 开始日期) only when the file gives no end
        replace(
            _c("service_date", "出院日期", Type.DATE, False, "结束日期", "enddate", "出院时间", "结束时间"),
            fallbacks=("就诊日期", "就诊时间", "入院日期", "入院时间", "开始日期", "begndate", "开始时间"),
        ),
        _c("total", "总费用", Type.MONEY, True, "医疗费总额", "medfee_sumamt", "医疗总费用"),
        _c("out_of_scope", "全自费金额", Type.MONEY, False, "fulamt_ownpay_amt"),
        _c("in_scope", "政策范围内费用", Type.MONEY, True, "符合政策范围金额", "inscp_scp_amt", "政策范围内金额"),
        _c("basic_paid", "基本医保支付", Type.MONEY, True, "基本医疗保险统筹基金支出", "hifp_pay", "统筹基金支付"),
        _c("critical_paid", "大病保险支付", Type.MONEY, True, "居民大病保险资金支出", "hifmi_pay"),
        _c("large_paid", "职工大额支付", Type.MONEY, False, "职工大额医疗费用补助基金支出", "hifob_pay"),
        _c("assistance_paid", "医疗救助支付", Type.MONEY, True, "医疗救助基金支出", "maf_pay"),
        _c("tilted_paid", "倾斜救助支付", Type.MONEY, False, "倾斜救助"),
        _c("other_paid", "其他支出", Type.MONEY, False, "oth_pay"),
        _c("fund_paid", "基金支付总额", Type.MONEY, False, "fund_pay_sumamt"),
        _c("self_paid", "个人自付", Type.MONEY, False, "个人负担总金额", "psn_part_amt", "个人负担"),
        _c("referred", "是否规范转诊", Type.BOOL, False, "规范转诊"),
        _c("out_of_area", "是否异地", Type.BOOL, False, "异地就医", "是否异地就医"),
        _c("one_stop", "是否一站式结算", Type.BOOL, False, "一站式结算"),
        # not stored: a workspace takes the category from the registry; `medaid settle FILE` reads it
        _c("category", "救助类别", Type.CATEGORY, False, "人员类别"),
    ),
    ("settlement_id",),
)

SUBSIDIES = Table(
    "subsidies",
    "资助参保",
    (
        _c("id_number", "身份证号", Type.ID, True, "证件号码", "certno"),
        _c("name", "姓名", Type.NAME, False, "人员姓名"),
        _c("year", "年度", Type.INT, True, "参保年度", "资助年度"),
        _c("category", "救助类别", Type.CATEGORY, True, "资助类别", "人员类别"),
        _c("premium", "个人缴费标准", Type.MONEY, True, "个人缴费", "缴费标准"),
        _c("amount", "资助金额", Type.MONEY, True, "资助参保金额", "代缴金额"),
    ),
    ("person_key", "year"),
)

FUND = Table(
    "fund",
    "基金收支",
    (
        _past(_c("entry_date", "日期", Type.DATE, True, "记账日期", "发生日期")),
        _c("direction", "方向", Type.DIRECTION, True, "收支方向", "收支"),
        _c("subject", "科目", Type.TEXT, True, "项目", "收支科目"),
        _c("amount", "金额", Type.MONEY, True, "发生额"),
        _c("note", "备注", Type.TEXT, False, "摘要", "说明"),
    ),
    ("entry_key",),
)

INSTITUTIONS = Table(
    "institutions",
    "定点医疗机构",
    (
        _c("institution_code", "机构编码", Type.TEXT, True, "定点医药机构编号", "fixmedins_code", "医疗机构编码"),
        _c("institution_name", "机构名称", Type.TEXT, True, "定点医药机构名称", "fixmedins_name", "医疗机构名称"),
        _c("hospital_level", "医院等级", Type.LEVEL, True, "医疗机构等级", "机构等级"),
        _c("region", "区划", Type.TEXT, False, "行政区划"),
    ),
    ("institution_code",),
)

# columns a file may carry that the store keeps elsewhere (or not at all)
NOT_STORED: dict[str, frozenset[str]] = {"settlements": frozenset({"category"})}

TABLES: dict[str, Table] = {t.kind: t for t in (RECIPIENTS, DEATHS, SETTLEMENTS, SUBSIDIES, FUND, INSTITUTIONS)}
KIND_WORDS: dict[str, str] = {t.label: t.kind for t in TABLES.values()} | {
    "救助对象": "recipients",
    "死亡": "deaths",
    "结算": "settlements",
    "资助参保": "subsidies",
    "基金": "fund",
    "机构": "institutions",
}


def header_key(text: str) -> str:
    """Headers compare without spaces, width or case: "证件号码 " ≡ "证件号码", "SETL_ID" ≡ "setl_id"."""
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).lower()


# an amount header that gives its unit: 总费用（元）, 金额(万元), 个人缴费标准（元/人）, 资助金额/元, 金额（单位：万元）
_UNIT_HEADER = re.compile(r"(?P<base>.+?)(?:\((?:单位:)?(?P<unit>万元|元)(?:/[^)]*)?\)|/(?P<slash>万元|元))")


def header_unit(key: str) -> tuple[str, str | None]:
    """A header key without the unit it gives, and that unit (None: no unit given)."""
    found = _UNIT_HEADER.fullmatch(key)
    if found is None:
        return key, None
    return found["base"], found["unit"] or found["slash"]


@dataclass(frozen=True)
class Matched:
    columns: dict[str, int]  # column name → header position
    missing: list[str]  # labels of the required columns the header lacks
    units: dict[str, str] = field(default_factory=dict)  # amount column → the unit its header gives


def match_headers(table: Table, headers: list[str]) -> Matched:
    """Map column names to header positions; the required columns that are missing; and the unit an
    amount's header gives (“总费用（万元）”: the column's plain numbers are 万元)."""
    found: dict[str, int] = {}
    units: dict[str, str] = {}
    keys = [header_key(h) for h in headers]
    for column in table.columns:
        names = {header_key(column.label), header_key(column.name), *(header_key(a) for a in column.aliases)}
        for index, key in enumerate(keys):
            base, unit = header_unit(key) if column.type is Type.MONEY else (key, None)
            if base in names and column.name not in found:
                found[column.name] = index
                if unit is not None:
                    units[column.name] = unit
                break
        for fallback in column.fallbacks if column.name not in found else ():
            if header_key(fallback) in keys:
                found[column.name] = keys.index(header_key(fallback))
                break
    missing = [c.label for c in table.columns if c.required and c.name not in found]
    return Matched(found, missing, units)
