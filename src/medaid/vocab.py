"""Vocabularies of the programme data (contract 3), with the spellings exports use.

One definition for import, calc, policy files and the web: :func:`lookup` gives the canonical
name (aliases accepted), :func:`require` refuses an unknown value naming the nearest valid one.
"""

from __future__ import annotations

import difflib
from enum import StrEnum

from medaid.errors import Location, MedaidError

# 救助类别 from the highest to the lowest: a person in several lists keeps the highest
# (就高不重复). Rank 1 is the highest.
CATEGORIES: tuple[str, ...] = (
    "特困人员",
    "孤儿",
    "低保对象",
    "返贫致贫人口",
    "低保边缘家庭成员",
    "防止返贫监测对象",
    "因病致贫重病患者",
    "其他",
)
CATEGORY_RANK = {name: rank for rank, name in enumerate(CATEGORIES, start=1)}
CATEGORY_ALIASES: dict[str, str] = {
    "特困": "特困人员",
    "特困供养人员": "特困人员",
    "特困供养": "特困人员",
    "五保": "特困人员",
    "孤儿": "孤儿",
    "事实无人抚养儿童": "孤儿",
    "低保": "低保对象",
    "最低生活保障对象": "低保对象",
    "低保户": "低保对象",
    "低保边缘": "低保边缘家庭成员",
    "低保边缘家庭": "低保边缘家庭成员",
    "低收入人口": "低保边缘家庭成员",
    "返贫致贫": "返贫致贫人口",
    "返贫人口": "返贫致贫人口",
    "致贫人口": "返贫致贫人口",
    "监测对象": "防止返贫监测对象",
    "防止返贫监测帮扶对象": "防止返贫监测对象",
    "脱贫不稳定户": "防止返贫监测对象",
    "边缘易致贫户": "防止返贫监测对象",
    "因病致贫": "因病致贫重病患者",
    "因病致贫重病患者": "因病致贫重病患者",
    "支出型困难家庭": "因病致贫重病患者",
}

# 高额费用预警的人群: each category, and everyone else (not on any list on the day)
GENERAL_GROUP = "一般人群"

# 高额费用预警的处理状态: pushed to a department, then recognised or not
WARNING_STATES: dict[str, str] = {"pushed": "已推送", "confirmed": "已认定", "rejected": "未认定"}

# 核查结果: the reasons a monthly verification finds a settlement wrong, each under its one code
# (the ledger, its JSON, the report's draft text and the demo's injected anomalies use them).
REASONS: dict[str, str] = {
    "missed": "应享未享",
    "non_recipient": "多享：非救助对象",
    "before_validity": "多享：救助资格生效前",
    "after_end": "多享：救助资格终止后",
    "after_death": "多享：死亡后",
    "above_annual_limit": "多享：超过年度救助限额",
    "duplicate": "重复结算",
}

# 核查发现的整改状态 (follow-up of a verification finding): open until someone acts and says why
FINDING_STATES: dict[str, str] = {
    "open": "待整改",
    "in_progress": "整改中",
    "resolved": "已整改",  # recovered (应退) or paid (应补)
    "dismissed": "核实无误",  # the finding was wrong: the note says why
}

# 依申请救助 (issue 15): the seven steps of a case, in order, each done by one action of the workflow
# (medaid.cases.workflow); a case's state says which steps are done.
CASE_STEPS: dict[str, str] = {
    "apply": "申请",
    "accept": "受理",
    "review": "审核",
    "approve": "审批",
    "publicise": "公示",
    "pay": "发放",
    "archive": "归档",
}
CASE_STATES: dict[str, str] = {
    "applied": "已申请，待受理",
    "accepted": "已受理，待审核",
    "reviewed": "审核通过，待审批",
    "approved": "审批通过，待公示",
    "publicised": "公示中",
    "paid": "已发放，待归档",
    "archived": "已归档",
    "rejected": "不予救助",  # refused at 受理, 审核, 审批 or by an upheld objection: closed, with its reason
    "withdrawn": "已撤回",  # the applicant withdrew: closed
}
CASE_ACTIONS: dict[str, str] = {
    "open": "登记申请",
    "accept": "受理",
    "refuse": "不予受理",
    "review": "审核通过",
    "fail_review": "审核不通过",
    "approve": "审批通过",
    "deny": "审批不通过",
    "publish": "公示",
    "object": "登记异议",
    "dismiss_objection": "异议不成立",
    "reopen": "异议成立，退回重新审核",
    "overturn": "异议成立，不予救助",
    "pay": "发放",
    "archive": "归档",
    "withdraw": "撤回申请",
}
# 申请材料的类别: what an uploaded document is
CASE_DOCUMENTS: tuple[str, ...] = ("申请书", "身份证明", "户籍证明", "收入证明", "财产证明", "医疗费用票据",
                                   "诊断证明", "出院小结", "公示材料", "发放凭证", "其他")  # fmt: skip

VISIT_TYPES: tuple[str, ...] = ("住院", "门诊", "门诊慢特病")
VISIT_ALIASES: dict[str, str] = {
    "普通住院": "住院",
    "住院治疗": "住院",
    "普通门诊": "门诊",
    "门诊统筹": "门诊",
    "急诊": "门诊",
    "门诊慢性病": "门诊慢特病",
    "门诊特殊病": "门诊慢特病",
    "门诊慢特病": "门诊慢特病",
    "慢特病": "门诊慢特病",
    "门特": "门诊慢特病",
    "门慢": "门诊慢特病",
}

# 医疗类别 (med_type) codes of the national medical-security platform (settlement
# interfaces 2207/2304, 医保结算清单). Codes starting with 1 are outpatient, 2 inpatient;
# 14 is 门诊慢特病. Local extensions keep the leading digit, so unknown codes fall back to it.
MED_TYPE_CODES: dict[str, str] = {
    "11": "门诊",  # 普通门诊
    "12": "门诊",  # 门诊挂号
    "13": "门诊",  # 急诊
    "14": "门诊慢特病",  # 门诊慢特病
    "15": "门诊",  # 门诊统筹（地方）
    "16": "门诊",  # 中医特色治疗
    "19": "门诊",  # 其他门诊
    "21": "住院",  # 普通住院
    "22": "住院",  # 外伤住院
    "23": "住院",  # 转外诊治住院
    "24": "住院",  # 急诊转住院
    "25": "住院",  # 日间手术
    "41": "门诊",  # 定点药店购药
    "51": "门诊",  # 生育门诊
    "52": "住院",  # 生育住院
}
MED_TYPE_PREFIX = {"1": "门诊", "2": "住院", "4": "门诊", "5": "门诊", "9": "门诊"}

HOSPITAL_LEVELS: tuple[str, ...] = ("一级", "二级", "三级", "未定级", "基层")
HOSPITAL_LEVEL_ALIASES = {
    "一级及以下": "一级",
    "乡镇卫生院": "基层",
    "社区卫生服务中心": "基层",
    "村卫生室": "基层",
    "二级甲等": "二级",
    "二级乙等": "二级",
    "二甲": "二级",
    "二乙": "二级",
    "三级甲等": "三级",
    "三级乙等": "三级",
    "三甲": "三级",
    "三乙": "三级",
    "1": "一级",
    "2": "二级",
    "3": "三级",
}

DEPARTMENTS: tuple[str, ...] = ("民政", "乡村振兴", "残联", "医保", "退役军人事务", "其他")
DEPARTMENT_ALIASES = {
    "民政局": "民政",
    "民政部门": "民政",
    "乡村振兴局": "乡村振兴",
    "扶贫办": "乡村振兴",
    "农业农村局": "乡村振兴",
    "残疾人联合会": "残联",
    "残联": "残联",
    "医保局": "医保",
    "医疗保障局": "医保",
    "退役军人事务局": "退役军人事务",
}

YES = frozenset({"是", "1", "Y", "y", "TRUE", "true", "True", "已转诊", "规范转诊"})
NO = frozenset({"否", "0", "N", "n", "FALSE", "false", "False", "未转诊", ""})

DIRECTIONS = {"收入": "收入", "收": "收入", "支出": "支出", "支": "支出"}


def canonical(value: str, names: tuple[str, ...], aliases: dict[str, str]) -> str | None:
    """The canonical spelling of a vocabulary word, or None if it is not one."""
    word = "".join(value.split())
    if word in names:
        return word
    return aliases.get(word)


def visit_type(value: str) -> str | None:
    """A visit type from its Chinese name or from a national med_type code."""
    word = "".join(value.split())
    found = canonical(word, VISIT_TYPES, VISIT_ALIASES)
    if found:
        return found
    if word.isdigit():
        return MED_TYPE_CODES.get(word) or MED_TYPE_PREFIX.get(word[:1])
    return None


# ---------------------------------------------------------------------------------------
# One lookup for import, calc, policy files and the web: canonical names, aliases, nearest.


class Vocabulary(StrEnum):
    """A vocabulary of the programme data; the value names it in code, ``label`` for people."""

    CATEGORY = "category"
    VISIT_TYPE = "visit_type"
    HOSPITAL_LEVEL = "hospital_level"
    DEPARTMENT = "department"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical names, in their order (救助类别 from the highest)."""
        return _TABLES[self][0]

    @property
    def aliases(self) -> dict[str, str]:
        """Other spellings people and exports use → the canonical name."""
        return _TABLES[self][1]


_LABELS: dict[Vocabulary, str] = {
    Vocabulary.CATEGORY: "救助类别",
    Vocabulary.VISIT_TYPE: "就诊类型",
    Vocabulary.HOSPITAL_LEVEL: "医院等级",
    Vocabulary.DEPARTMENT: "认定部门",
}
_TABLES: dict[Vocabulary, tuple[tuple[str, ...], dict[str, str]]] = {
    Vocabulary.CATEGORY: (CATEGORIES, CATEGORY_ALIASES),
    Vocabulary.VISIT_TYPE: (VISIT_TYPES, VISIT_ALIASES),
    Vocabulary.HOSPITAL_LEVEL: (HOSPITAL_LEVELS, HOSPITAL_LEVEL_ALIASES),
    Vocabulary.DEPARTMENT: (DEPARTMENTS, DEPARTMENT_ALIASES),
}


NEAREST_CUTOFF = 0.5  # one character of two differs: 住员 → 住院


class VocabularyError(MedaidError):
    """A value is not a word of its vocabulary (nor one of its aliases)."""


def lookup(vocabulary: Vocabulary, value: str) -> str | None:
    """The canonical name of ``value``, or None; visit types also accept national med_type codes."""
    if vocabulary is Vocabulary.VISIT_TYPE:
        return visit_type(value)
    return canonical(value, vocabulary.names, vocabulary.aliases)


def nearest(vocabulary: Vocabulary, value: str) -> str | None:
    """The canonical name closest to a misspelt value (over names and aliases), or None."""
    word = "".join(str(value).split())
    spellings = {**{name: name for name in vocabulary.names}, **vocabulary.aliases}
    best: dict[str, float] = {}
    for spelling, name in spellings.items():
        score = difflib.SequenceMatcher(None, word, spelling).ratio()
        best[name] = max(best.get(name, 0.0), score)
    top = max(best.values(), default=0.0)
    winners = [name for name, score in best.items() if score == top]
    # two names equally close (四级: 一级, 二级, 三级) is no guess at all
    return winners[0] if top >= NEAREST_CUTOFF and len(winners) == 1 else None


def unknown(vocabulary: Vocabulary, value: object) -> tuple[str, str]:
    """(what, fix) in Chinese for a value that is not in the vocabulary."""
    guess = nearest(vocabulary, str(value))
    what = f"未知的{vocabulary.label}“{value}”" + (f"：是否应为 {guess}？" if guess else "")
    return what, f"可填：{'、'.join(vocabulary.names)}"


def require(vocabulary: Vocabulary, value: str, *, where: Location) -> str:
    """The canonical name of ``value``; VocabularyError naming the nearest valid one otherwise."""
    found = lookup(vocabulary, value)
    if found is None:
        what, fix = unknown(vocabulary, value)
        raise VocabularyError(what, where=where, fix=fix)
    return found
