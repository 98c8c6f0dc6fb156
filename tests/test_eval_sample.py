"""The audit's survey-sample check: a sample smaller than its population needs at 95 %
confidence and ±5 % (Cochran with the finite-population correction), and a response
rate under 50 %, computed only from the figures the file states (`survey:`)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medaid.errors import MedaidError
from medaid.evaluation import audit, load_framework
from medaid.evaluation.sampling import sample_size

FILE = """
title: 满意度调查
partial: true
indicators:
  - {{name: 受助对象满意度, weight: 5, score: 4.35, note: 满意度87%}}
survey: {survey}
"""

# (the survey block, sample-size finding expected?, response-rate finding expected?)
# fmt: off
CASES = [
    # Liucheng: 317 questionnaires pushed, 51 valid; population not stated → 385 needed
    ("{respondents: 51, sent: 317}",                       "51 份，少于", "16.09%"),
    # Jiayuguan: 48 valid questionnaires, nothing else stated
    ("{respondents: 48}",                                  "48 份，少于", None),
    # population 4000 needs 351 (n₀ = 384.15, n = n₀ / (1 + 383.15/4000))
    ("{respondents: 351, population: 4000}",               None,          None),
    ("{respondents: 350, sent: 700, population: 4000}",    "351 份",      None),   # exactly 50 % is not below
    ("{respondents: 400, sent: 1000, population: 4000}",   None,          "40.00%"),
    ("{respondents: 174, population: 317}",                None,          None),   # a small population needs less
]
# fmt: on


@pytest.mark.parametrize(("survey", "size", "response"), CASES)
def test_sample_findings(write, survey, size, response):
    report = audit(load_framework(write("s.yaml", FILE.format(survey=survey))))
    found = [f for f in report.findings if f.kind.value == "sample"]
    assert {f.severity.value for f in found} <= {"warning"}
    assert report.exit_code == 0  # a small sample is for a person to weigh, not a contradiction
    sizes = [f for f in found if "置信水平" in f.message]
    rates = [f for f in found if "回收率" in f.message]
    assert (size is None) == (not sizes) and (size is None or size in sizes[0].message)
    assert (response is None) == (not rates) and (response is None or response in rates[0].message)


def test_sample_finding_states_what_it_computed(write):
    report = audit(load_framework(write("s.yaml", FILE.format(survey="{respondents: 51, sent: 317}"))))
    [size] = [f for f in report.findings if f.kind.value == "sample" and "置信水平" in f.message]
    assert (size.claimed, size.expected) == (Decimal(51), Decimal(385))
    assert "总体人数未写明" in size.message and "384.15" in size.message
    assert size.kind.label == "调查样本不足"


def test_one_definition_of_the_sample_size():
    from medaid.survey import stats

    assert stats.sample_size is sample_size
    assert sample_size(0.05) == 385 and sample_size(0.05, 4000) == 351 and sample_size(0.05, 317) == 174


@pytest.mark.parametrize(
    ("survey", "message"),
    [
        ("{sent: 317}", "survey 缺少 respondents"),
        ("{respondents: 51.5}", "respondents“51.5”不是正整数"),
        ("{respondents: -3}", "respondents“-3”不是正整数"),
        ("{respondents: 51, sent: 50}", "有效问卷 51 份多于发放问卷 50 份"),
        ("{respondents: 51, population: 40}", "有效问卷 51 份多于总体 40 人"),
        ("{respondents: 51, sentt: 317}", "未知的键“sentt”：是否应为 sent？"),
        ("51", "survey 应写成"),
    ],
)
def test_malformed_survey_block_says_what_to_fix(write, survey, message):
    with pytest.raises(MedaidError) as err:
        load_framework(write("s.yaml", FILE.format(survey=survey)))
    assert message in err.value.message
