"""What `medaid demo` prints of the demo county's year (the pipeline's counts, told in Chinese)."""

from __future__ import annotations

from pathlib import Path

from medaid.cli.demo import county_lines
from medaid.services.demo import PipelineResult


def test_the_demo_says_what_the_year_of_cases_holds() -> None:
    county = PipelineResult(Path("县"), month="2023-12", pushes=12, warnings=499, warnings_followed=22,
                            cases_imported=40, cases_rejected=0, cases_from_warnings=16, visits_planned=267,
                            visits_done=247)  # fmt: skip
    lines = county_lines(county)
    assert "  高额费用预警：按推送日推送 12 次，新推送 499 人，部门已登记核查结果 22 人" in lines
    assert ("  依申请救助历史案件 40 件（其中由高额费用预警转化 16 件；台账不合格 0 行），"
            "计划回访 267 人，已回访 247 人") in lines  # fmt: skip
