"""The audit's survey check (kind ``sample``): a sample smaller than its population needs
at 95 % confidence and ±5 % (``sampling``), and a response rate under one half — from
the figures the file states in ``survey:`` only (the seeds: 51 of 317; 48 answers)."""

from __future__ import annotations

from decimal import Decimal

from medaid.evaluation.findings import Finding, FindingKind, Severity
from medaid.evaluation.model import Survey
from medaid.evaluation.numbers import HUNDRED, round2
from medaid.evaluation.sampling import CONFIDENCE, MARGIN, cochran, sample_size, z_value

PATH = ("问卷调查",)
MIN_RESPONSE_RATE = Decimal(50)  # percent of the questionnaires sent


def check_survey(survey: Survey) -> list[Finding]:
    findings: list[Finding] = []
    where = f"（{survey.where}）" if survey.where else ""
    n, population = survey.respondents, survey.population
    needed = sample_size(MARGIN, population, CONFIDENCE)
    if n < needed:
        n0, corrected = cochran(MARGIN, population, CONFIDENCE)
        basis = f"总体 {population} 人" if population is not None else "总体人数未写明，按总体足够大计"
        formula = f"n₀ = z² × p(1 − p) ÷ e²（z = {z_value(CONFIDENCE):.6f}，p = 0.5，e = {MARGIN}）= {n0:.2f}"
        if population is not None:
            formula += f"，有限总体校正 n = n₀ ÷ (1 + (n₀ − 1) ÷ {population}) = {corrected:.2f}"
        findings.append(
            Finding(
                Severity.WARNING,
                FindingKind.SAMPLE,
                PATH,
                f"有效问卷 {n} 份{where}，少于 {CONFIDENCE:.0%} 置信水平、±{MARGIN:.0%} 误差下所需的 {needed} 份"
                f"（{basis}；Cochran 公式 {formula}，向上取整），调查结果的误差可能大于 ±{MARGIN:.0%}",
                claimed=Decimal(n),
                expected=Decimal(needed),
                where=survey.location,
            )
        )
    if survey.sent is not None and survey.sent > 0:
        rate = round2(Decimal(n) / Decimal(survey.sent) * HUNDRED)
        if Decimal(n) / Decimal(survey.sent) * HUNDRED < MIN_RESPONSE_RATE:
            findings.append(
                Finding(
                    Severity.WARNING,
                    FindingKind.SAMPLE,
                    PATH,
                    f"有效问卷 {n} 份{where}，仅占发放问卷 {survey.sent} 份的 {rate:.2f}%，回收率低于 "
                    f"{MIN_RESPONSE_RATE}%，作答者可能不代表调查对象",
                    claimed=rate,
                    expected=MIN_RESPONSE_RATE,
                    where=survey.location,
                )
            )
    return findings
