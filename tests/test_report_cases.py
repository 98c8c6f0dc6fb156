"""The report's 依申请救助办理情况 (issue 15): a paragraph and a table from the cases' metrics, printed only when
one has a value; the paragraph's numbers are the table's; a metric without a value is in the table with its note
and not in the paragraph; the 存在的问题 theme "cases" states the unscored metrics that show a problem (a step
done late, a payment across years, a visit not made) and a deduction on a 依申请救助 indicator."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from medaid.analytics.metric_defs import BY_NAME
from medaid.analytics.metrics import Metric, Value
from medaid.evaluation import audit, load_framework
from medaid.evaluation.case_metric_names import CASE_METRICS
from medaid.evaluation.catalog import find
from medaid.reports.case_section import value_text
from medaid.reports.document import EvaluationReport, build_report
from medaid.reports.model import Heading, Para, Table
from medaid.reports.render import render
from medaid.reports.themes import build_themes

PERIOD = "2023-01-01 至 2023-12-31"
POLICY = "default.yaml（2023-01-01 起施行）：deadlines，依据 示医保发〔2022〕8号"
UNTIMED = "政策文件未规定“{}”环节的办理时限，不计算逾期率"


def _not_batch(_: object) -> None:
    raise TypeError("not a batch metric")


def case(name: str, label: str, unit: str, value: str | None, top: int | None = None, bottom: int | None = None, *,
         days: list[int] | None = None, note: str | None = None, without_limit: int = 0) -> Value:  # fmt: skip
    """A case metric as the evaluation receives it (``services.case_metrics.year_values``)."""
    places = 1 if unit in ("天", "个工作日") else 2
    metric = Metric(name, label, unit, f"{label}的计算口径", _not_batch, None, places=places, needs="cases")
    inputs: dict[str, object] = {"period": PERIOD, "source": "依申请救助案件"}
    if days is not None:
        inputs["values"], bottom = days, len(days)
    if name.startswith("overdue_rate_"):
        inputs |= {"policy": [POLICY], "without_limit": without_limit}
    number = None if value is None else Decimal(value)
    return Value(metric, number, None if top is None else Decimal(top), None if bottom is None else Decimal(bottom),
                 [], inputs, note)  # fmt: skip


def cases(*, well: bool = False) -> list[Value]:
    """A year of cases: late steps, a payment across years and visits missing; ``well``: none of these."""
    out = [
        case("application_to_payment_median_days", "申请至发放天数（中位数）", "天", "30.0", days=[10, 20, 30, 40, 100]),
        case("application_to_payment_p90_days", "申请至发放天数（第90百分位数）", "天", "76.0",
             days=[10, 20, 30, 40, 100]),
        case("application_to_approval_median_working_days", "申请至审批通过工作日数（中位数）", "个工作日", "10.0",
             days=[5, 8, 12, 25]),
        case("application_to_approval_p90_working_days", "申请至审批通过工作日数（第90百分位数）", "个工作日",
             "21.1", days=[5, 8, 12, 25]),
        case("overdue_rate_accept", "“受理”环节逾期率", "%", "0.00" if well else "10.00", 0 if well else 1, 10),
        case("overdue_rate_review", "“审核”环节逾期率", "%", "0.00", 0, 8),
        case("overdue_rate_approve", "“审批”环节逾期率", "%", "0.00" if well else "25.00", 0 if well else 2, 8),
        case("overdue_rate_publicise", "“公示”环节逾期率", "%", None, 0, 0, note=UNTIMED.format("公示"),
             without_limit=6),
        case("overdue_rate_pay", "“发放”环节逾期率", "%", None, 0, 0, note=UNTIMED.format("发放"), without_limit=5),
        case("overdue_rate_archive", "“归档”环节逾期率", "%", None, 0, 0, note="期内没有完成或逾期待办的“归档”环节"),
        case("cross_year_payment_share", "跨年支付占比", "%", "0.00" if well else "25.00", 0 if well else 1, 4),
        case("case_approval_rate", "依申请救助审批通过率", "%", "75.00", 6, 8),
        case("warning_conversion_rate", "高额费用预警登记申请率", "%", "2.50", 3, 120),
        case("warning_paid_rate", "预警转化案件发放率", "%", "66.67", 2, 3),
        case("visit_rate", "回访率", "%", "100.00" if well else "90.00", 50 if well else 45, 50),
        case("visit_satisfaction_rate", "回访满意率", "%", "90.91", 40, 44),
    ]  # fmt: skip
    assert [v.metric.name for v in out] == list(CASE_METRICS)
    return out


def people() -> Value:
    """A metric of the programme data: the 主要业务数据 table is there too."""
    return Value(BY_NAME["assistance_people"], Decimal(1549), Decimal(1549), None)


def report_with(values: list[Value], framework: Path | None = None) -> EvaluationReport:
    return build_report(audit(load_framework(framework or find("seeds/liucheng_2023"))), metrics=values)


def section(report: EvaluationReport) -> tuple[Heading, Para, Table]:
    blocks = report.parts[0].blocks
    i = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text.endswith("依申请救助办理情况"))
    heading, para, table = blocks[i : i + 3]
    assert isinstance(heading, Heading) and isinstance(para, Para) and isinstance(table, Table)
    return heading, para, table


def table_titled(report: EvaluationReport, title: str) -> Table:
    return next(b for b in report.parts[0].blocks if isinstance(b, Table) and b.caption.endswith(title))


def test_without_case_values_the_report_has_no_case_section_nor_theme():
    for values in ([people()], [people(), case("visit_rate", "回访率", "%", None, 0, 0, note="分母为 0，无法计算")]):
        report = report_with(values)
        assert report.cases is None
        assert not any(isinstance(b, Heading) and "依申请救助办理情况" in b.text for b in report.parts[0].blocks)
        assert "依申请救助办理时效有待提高" not in [t.title for t in report.themes]
        assert "cases" not in report.to_dict()["report"]  # type: ignore[operator]


def test_the_section_follows_the_business_data_and_its_numbers_are_the_tables():
    values = cases()
    report = report_with([people(), *values])
    heading, para, table = section(report)
    assert heading.text == "（三）依申请救助办理情况" and heading.level == 2
    data = int(table_titled(report, "主要业务数据").caption.split()[0].removeprefix("表"))
    assert table.caption == f"表{data + 1} 依申请救助办理情况"  # numbered with the report's tables
    assert table.header == ("项目", "数值", "计算口径") and table.numeric == (1,)
    rows = {row[0]: row for row in table.rows}
    untimed = "“公示”、“发放”环节逾期率"  # the steps without a limit share one row
    assert len(table.rows) == len(CASE_METRICS) - 1 and rows[untimed][1] == "—"
    for v in values:  # each value is printed once, the same way, in the table and (when known) in the paragraph
        if v.metric.label not in ("“公示”环节逾期率", "“发放”环节逾期率"):
            assert rows[v.metric.label][1] == value_text(v)
        if v.value is not None:
            assert value_text(v) in para.text, v.metric.name
    text = para.text
    for said in ("2023年发放依申请救助 5\u00a0件，自申请至发放的天数中位数为 30.0\u00a0天、第 90 百分位数为 76.0\u00a0天",
                 "发放且有票据的 4\u00a0件中，1\u00a0件为跨年支付", "占 25.00%",
                 "审批通过 4\u00a0件，自申请至审批通过的工作日数中位数为 10.0\u00a0个工作日",
                 "审批通过率为 75.00%（已作决定 8\u00a0件，审批通过 6\u00a0件）",
                 "各环节逾期率：“受理”环节 10.00%（10 个中逾期 1 个）、“审核”环节 0.00%（8 个中逾期 0 个）、“审批”环节 25.00%（8 个中逾期 2 个）",
                 "政策文件未规定“公示”、“发放”环节的办理时限，不计算逾期率",
                 "推送高额费用预警 120\u00a0条，据以登记救助申请 3\u00a0条，预警登记申请率为 2.50%",
                 "计划回访 50\u00a0人，已回访 45\u00a0人，回访率为 90.00%", "回访满意率为 90.91%"):  # fmt: skip
        assert said in text, said
    assert "归档" not in text  # no value and a limit the policy sets: not said at all
    cells = " ".join(" ".join(row) for row in table.rows) + table.note
    for number in re.findall(r"\d[\d,]*(?:\.\d+)?", text):  # every number of the paragraph is in the table
        assert number in cells, number
    assert rows["“归档”环节逾期率"][2].endswith("期内没有完成或逾期待办的“归档”环节")
    assert rows[untimed][2] == "政策文件未规定“公示”、“发放”环节的办理时限，不计算逾期率"
    assert rows["跨年支付占比"][2].endswith("本期 1 ÷ 4") and rows["申请至发放天数（中位数）"][2].endswith(
        "本期 5\u00a0件"
    )
    assert PERIOD in table.note and POLICY in table.note
    assert report.to_dict()["report"]["cases"]["text"] == text  # type: ignore[index]


def test_the_business_data_table_leaves_the_case_metrics_to_their_section():
    report = report_with([people(), *cases()])
    data = table_titled(report, "主要业务数据")
    labels = {row[0] for row in data.rows}
    assert labels == {people().metric.label}
    assert not {f.label for f in report.facts} & {v.metric.label for v in cases()}


def test_without_programme_data_the_case_section_is_the_second():
    heading, _, table = section(report_with(cases()))
    assert heading.text == "（二）依申请救助办理情况" and table.caption == "表1 依申请救助办理情况"


def test_the_cases_theme_states_late_steps_cross_year_payments_and_missing_visits():
    checked = audit(load_framework(find("seeds/liucheng_2023")))
    values = {v.metric.name: v for v in cases()}
    themes = {spec.key: (problem, advice) for spec, problem, advice in build_themes(checked, values, None, None)}
    problem, advice = themes["cases"]
    assert (
        "依申请救助“受理”环节逾期率为 10.00%（10 个中逾期 1 个），“审批”环节逾期率为 25.00%（8 个中逾期 2 个）"
        in problem
    )
    assert "依申请救助发放且有票据的 4\u00a0件中 1\u00a0件为跨年支付，跨年支付占比为 25.00%" in problem
    assert "计划回访 50\u00a0人，已回访 45\u00a0人，回访率为 90.00%" in problem
    assert "“审核”" not in problem  # 0.00%: no problem
    assert "对“受理”、“审批”环节逾期的案件逐件查明原因" in advice and "对尚未回访的 5\u00a0人补充回访" in advice
    assert "当年申请、当年审批发放" in advice
    report = report_with(cases())
    assert "依申请救助办理时效有待提高" in [t.title for t in report.themes]
    assert "压缩审批时限，杜绝跨年支付" in [t.advice_title for t in report.themes]


def test_no_cases_theme_when_all_is_well():
    checked = audit(load_framework(find("seeds/liucheng_2023")))
    values = {v.metric.name: v for v in cases(well=True)}
    assert "cases" not in {spec.key for spec, _, _ in build_themes(checked, values, None, None)}
    _, para, _ = section(report_with(list(values.values())))
    assert "发放且有票据的 4\u00a0件均未跨年支付（跨年支付占比 0.00%）" in para.text
    assert "计划回访 50\u00a0人，已回访 50\u00a0人，回访率为 100.00%" in para.text


BOUND = """title: 某县2023年城乡医疗救助项目绩效评价
year: 2023
indicators:
  - name: 产出
    weight: 10
    children:
      - name: 依申请救助审批办结时限
        weight: 2
        unit: 个工作日
        target: "≤20个工作日"
        metric: application_to_approval_p90_working_days
        score: 1
        note: 第90百分位数为21.1个工作日，超过20个工作日，扣1分
      - name: 依申请救助申请至发放天数
        weight: 2
        target: "≤40天"
        metric: application_to_payment_p90_days
        score: 2
      - name: 受理及时
        weight: 6
        metric: overdue_rate_accept
        score: 8
        note: 符合
"""


def test_a_bound_metric_gives_its_limit_and_its_deduction_and_is_not_stated_again(tmp_path: Path):
    framework = tmp_path / "评价.yaml"
    framework.write_text(BOUND, encoding="utf-8")
    report = report_with(cases(), framework)
    _, para, _ = section(report)
    assert "第 90 百分位数为 21.1\u00a0个工作日（“依申请救助审批办结时限”指标值为 ≤20个工作日）" in para.text
    assert "第 90 百分位数为 76.0\u00a0天（“依申请救助申请至发放天数”指标值为 ≤40天）" in para.text
    theme = next(t for t in report.themes if t.title == "依申请救助办理时效有待提高")
    assert "依申请救助审批办结时限得 1 分（满分 2 分，扣 1 分）" in theme.problem.text  # the deduction, in this theme
    assert "“受理”环节逾期率" not in theme.problem.text  # scored (in full): not called a problem
    assert "“审批”环节逾期率为 25.00%" in theme.problem.text  # not scored: the data say it
    assert "对“审批”环节逾期的案件逐件查明原因" in theme.advice.text and "“受理”" not in theme.advice.text
    assert not any("依申请救助审批办结时限" in t.problem.text for t in report.themes if t is not theme)


def test_the_word_file_draws_the_case_table_with_its_numbers_right_aligned(tmp_path: Path):
    report = report_with([people(), *cases()])
    _, para, table = section(report)
    doc = Document(str(render(report, "docx", tmp_path / "报告.docx")))
    assert para.text in [p.text for p in doc.paragraphs] and table.caption in [p.text for p in doc.paragraphs]
    drawn = next(t for t in doc.tables if [c.text for c in t.rows[0].cells] == ["项目", "数值", "计算口径"])
    assert [tuple(c.text for c in r.cells) for r in drawn.rows[1:]] == list(table.rows)
    assert all(r.cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT for r in drawn.rows[1:])


def test_the_html_draws_the_same_table(tmp_path: Path):
    report = report_with(cases())
    _, para, table = section(report)
    html = render(report, "html", tmp_path / "报告.html").read_text(encoding="utf-8")
    assert table.caption in html and para.text.split("，")[0] in html
    assert '<td class="num">76.0\u00a0天</td>' in html or '<td class="num">76.0&nbsp;天</td>' in html
