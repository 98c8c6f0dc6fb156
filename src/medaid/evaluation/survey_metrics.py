"""The ``metric`` names (contract 1) that a satisfaction survey fills rather than the programme
data: named here, in the evaluation file's vocabulary, so that the data binding and the survey
agree on them."""

from __future__ import annotations

SATISFACTION = "satisfaction_rate"  # 满意度
AWARENESS = "policy_awareness_rate"  # 政策知晓率

SURVEY_METRICS: dict[str, str] = {SATISFACTION: "满意度", AWARENESS: "政策知晓率"}
HOW_TO_FILL = "由满意度调查填入：用 medaid report 工作区 --survey 答卷文件 生成报告时计分"
