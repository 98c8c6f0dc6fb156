"""The ``metric`` names (contract 1) of 依申请救助 cases and 回访: computed from the app database (the cases, their
histories, the warnings and the visit plans), not from the programme data. Named here, in the evaluation file's
vocabulary, so that the binding, the cases' metrics (``medaid.cases.case_metrics``, ``medaid.cases.visit_metrics``)
and the report agree on them, as ``survey_metrics`` does for the survey.
"""

from __future__ import annotations

from medaid.vocab import CASE_STEPS

PAYMENT_MEDIAN_DAYS = "application_to_payment_median_days"
PAYMENT_P90_DAYS = "application_to_payment_p90_days"
APPROVAL_MEDIAN_WORKING_DAYS = "application_to_approval_median_working_days"
APPROVAL_P90_WORKING_DAYS = "application_to_approval_p90_working_days"
CROSS_YEAR_SHARE = "cross_year_payment_share"
APPROVAL_RATE = "case_approval_rate"
WARNING_CONVERSION = "warning_conversion_rate"
WARNING_PAID = "warning_paid_rate"
VISIT_RATE = "visit_rate"
VISIT_SATISFACTION = "visit_satisfaction_rate"
# the steps a deadline may apply to (申请 has none), in the order of the workflow
TIMED_STEPS: tuple[str, ...] = tuple(code for code in CASE_STEPS if code != "apply")


def overdue_rate(step: str) -> str:
    """The name of a step's 逾期率: ``overdue_rate_review`` for 审核."""
    return f"overdue_rate_{step}"


CASE_METRICS: tuple[str, ...] = (
    PAYMENT_MEDIAN_DAYS,
    PAYMENT_P90_DAYS,
    APPROVAL_MEDIAN_WORKING_DAYS,
    APPROVAL_P90_WORKING_DAYS,
    *(overdue_rate(step) for step in TIMED_STEPS),
    CROSS_YEAR_SHARE,
    APPROVAL_RATE,
    WARNING_CONVERSION,
    WARNING_PAID,
    VISIT_RATE,
    VISIT_SATISFACTION,
)
HOW_TO_FILL_CASES = (
    "由依申请救助案件和回访记录计算：用 medaid cases import 导入案件台账、medaid visits 登记回访后重新评价"
)
