"""What a report says about the evaluation itself: the project's particulars (cover), the
files the data came from, the months verified, the judgments recorded, and whether a
claimed score comes from the user's own file.

A workspace report takes these from the workspace (settings, import log, verification
runs, judgments); a report of an evaluation file takes them from the file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from medaid.evaluation.model import Framework
from medaid.settings import DEFAULT_PROJECT


@dataclass(frozen=True)
class ImportLine:
    """One imported file, as the import log records it."""

    kind: str  # 结算明细, 救助对象 …
    file_name: str
    rows: int  # rows read
    rejected: int
    at: dt.datetime


@dataclass(frozen=True)
class JudgmentLine:
    path: tuple[str, ...]
    by: str
    at: dt.datetime


@dataclass(frozen=True)
class Context:
    workspace: bool  # scored from a workspace's data (else: an evaluation file as it is)
    region: str
    year: int | None
    project: str = DEFAULT_PROJECT  # 项目名称
    project_type: str = ""  # 项目类型, e.g. 社保基金
    unit: str = ""  # 项目单位
    department: str = ""  # 主管部门
    organiser: str = ""  # 评价组织机构
    report_date: str = ""  # 报告日期, e.g. 2024年7月
    framework_title: str = ""
    source_name: str = ""  # the evaluation file's title, for a 复核 of the total it states
    claims_from_user: bool = False  # the framework's stated scores are the user's own (an evaluation file)
    imports: tuple[ImportLine, ...] = ()
    verified_months: tuple[str, ...] = ()
    judgments: tuple[JudgmentLine, ...] = ()
    unavailable: tuple[tuple[tuple[str, ...], str], ...] = ()  # indicator path, why its data is missing
    generated: dt.date = field(default_factory=dt.date.today)

    @property
    def date_text(self) -> str:
        return self.report_date or f"{self.generated.year}年{self.generated.month}月"

    @staticmethod
    def of_file(framework: Framework) -> Context:
        """An evaluation file's report: its claims are the user's own, so they may be 复核'd."""
        return Context(
            workspace=False,
            region=framework.region or "",
            year=framework.year,
            project=project_of(framework.title),
            unit=framework.unit or "",
            department=framework.department or "",
            framework_title=framework.title,
            source_name=framework.title,
            claims_from_user=True,
        )


# What an evaluation's title says after the project's name: "…城乡医疗救助项目财政绩效评价（虚构示例）".
_EVALUATION_WORDS = re.compile(r"(?:项目)?(?:支出)?(?:财政)?(?:预算)?(?:绩效)?(?:再)?(?:评价|自评)(?:（[^）]*）)?$")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年(?:度)?")


def project_of(title: str) -> str:
    """The project an evaluation file is about, from its title: "柳城县2023年城乡医疗救助项目财政绩效评价"
    → "城乡医疗救助项目" (the region and the year are said separately)."""
    found = _YEAR.search(title)
    if found is None:  # no "2023年" to cut at: the title as it is
        return title.strip()
    name = _EVALUATION_WORDS.sub("", title[found.end() :]).strip()
    if not name:
        return title.strip()
    return name if name.endswith(("项目", "资金", "专项")) else f"{name}项目"
