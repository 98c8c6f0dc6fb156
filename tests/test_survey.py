"""Surveys: Liucheng's ten questions, answers as 问卷星 and 腾讯问卷 export them, and whether
51 valid answers of 317 sent can support a satisfaction rate (the Liucheng seed's case)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
import xlsxwriter

from medaid.errors import InputFileError
from medaid.survey.model import load_questionnaire, template
from medaid.survey.read import read_responses
from medaid.survey.stats import proportion, sample_size, wilson
from medaid.survey.summary import summarize

LIUCHENG = load_questionnaire(template("liucheng_2023"))
LEAD = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"]
HEADERS = [f"{q.number}、{q.text}" for q in LIUCHENG.questions]


def write_csv(path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def text_row(i: int, q6: str, q8: str, q9: str, knows: str = "知道", q5: str = "特困人员┋低保对象") -> list[str]:
    return [str(i), "2023/09/03 12:00:00", "123秒", "手机提交", "直接访问", "127.0.0.1",
            "是", knows, "社区干部", knows, q5, q6, "提高", q8, q9, "(跳过)"]  # fmt: skip


def test_wilson_and_sample_size_match_published_values():
    low, high = wilson(81, 263)  # Newcombe (1998), Statistics in Medicine 17:857, example: 0.2553–0.3662
    assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)
    assert wilson(0, 10) == (0.0, pytest.approx(0.2775, abs=1e-4))
    assert sample_size(0.05) == 385  # 1.96² × 0.25 / 0.05² = 384.1
    assert sample_size(0.05, population=317) == 174  # with the finite-population correction
    assert sample_size(0.05, population=100_000) == 383


def test_the_liucheng_template_has_its_ten_questions():
    assert [q.number for q in LIUCHENG.questions] == list(range(1, 11))
    assert [q.number for q in LIUCHENG.questions if q.role == "satisfaction"] == [6, 8, 9]
    assert [q.number for q in LIUCHENG.questions if q.role == "awareness"] == [2, 4]
    assert LIUCHENG.question(5).kind == "multi" and LIUCHENG.question(10).kind == "open"


def test_wenjuanxing_by_text_with_skips_multi_select_other_and_a_bad_answer(tmp_path: Path):
    rows = [text_row(1, "非常满意", "满意", "您非常满意"), text_row(2, "满意", "一般", "不满意", knows="不知道"),
            text_row(3, "(空)", "满意", "满意", q5="以上都是"), text_row(4, "很好", "满意", "很不满意")]  # fmt: skip
    rows[2][8] = "其他〖村医〗"
    path = write_csv(tmp_path / "123_按文本_满意度.csv", LEAD + HEADERS, rows)
    read = read_responses(path, LIUCHENG)
    assert len(read.answers) == 4  # the row with a bad answer still counts for its other questions
    assert read.answers[0][9] == "非常满意" and read.answers[0][5] == ("特困人员", "低保对象")
    assert read.answers[2][3] == "其他" and 6 not in read.answers[2] and 10 not in read.answers[0]
    assert [(p.row, p.column[:2], p.value) for p in read.problems] == [(5, "6、", "很好"), (5, "9、", "很不满意")]
    result = summarize(LIUCHENG, read)
    q6 = result.questions[5]
    assert q6.answered == 2 and q6.counts == {"非常满意": 1, "满意": 1, "一般": 0, "不满意": 0}
    # respondent means of 100/80/60/0: (100+80+100)/3, (80+60+0)/3, (80+80)/2, 80/1
    expected = ((280 / 3) + (140 / 3) + 80 + 80) / 4 / 100
    assert result.satisfaction is not None and result.satisfaction.value == pytest.approx(expected)
    assert result.awareness is not None and result.awareness.value == pytest.approx(3 / 4)


def test_wenjuanxing_by_number_with_split_multi_select_columns_in_excel(tmp_path: Path):
    q5 = LIUCHENG.question(5)
    header = LEAD + [h for h in HEADERS if not h.startswith("5、")] + [f"第5题({o})" for o in q5.options]
    path = tmp_path / "123_按序号_满意度.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, header)
    sheet.write_row(
        1, 0, [1, "2023/09/03 12:00:00", "60秒", "微信", "", "", 1, 1, 3, 1, 1, 2, 2, 4, "", 0, 1, 0, 0, 1, 0]
    )
    sheet.write_row(
        2, 0, [2, "2023/09/03 12:05:00", "60秒", "微信", "", "", 2, 2, 4, 2, 2, 3, 2, 3, "", 0, 0, 0, 0, 0, 1]
    )
    book.close()
    read = read_responses(path, LIUCHENG)
    assert read.problems == []
    first, second = read.answers
    assert (first[6], first[8], first[9]) == ("非常满意", "满意", "不满意") and first[5] == (
        "低保对象",
        "因病致贫重病患者",
    )
    assert second[2] == "不知道" and second[5] == ("以上都是",) and second[9] == "一般"


def test_tencent_headers_and_gb18030(tmp_path: Path):
    header = ["编号", "开始答题时间", "结束答题时间", "答题时长"] + [f"{q.number}.{q.text}" for q in LIUCHENG.questions]
    row = ["1", "", "", "60", "是", "知道", "网络", "知道", "特困人员", "满意", "一般", "满意", "满意", "无"]
    read = read_responses(write_csv(tmp_path / "tencent.csv", header, [row], encoding="gb18030"), LIUCHENG)
    assert read.answers[0][6] == "满意" and read.answers[0][10] == "无"


def test_51_of_317_cannot_support_a_rate_to_five_points_and_says_so(tmp_path: Path):
    # Liucheng: 问卷星 pushed 317, 51 valid came back; 综合满意度 87 %
    answers = [("非常满意",) * 3] * 20 + [("满意",) * 3] * 25 + [("一般",) * 3] * 6
    rows = [text_row(i, *a) for i, a in enumerate(answers, start=1)]
    read = read_responses(write_csv(tmp_path / "liucheng.csv", LEAD + HEADERS, rows), LIUCHENG)
    result = summarize(LIUCHENG, read, sent=317, population=4000)
    assert result.valid == 51 and result.response_rate == pytest.approx(51 / 317)
    assert result.satisfaction is not None and result.satisfaction.value == pytest.approx(
        (20 * 100 + 25 * 80 + 6 * 60) / 51 / 100
    )
    assert result.satisfaction.margin > 0.03
    assert result.needed == sample_size(0.05, 4000) == 351
    assert any("仅来自 51 份有效答卷" in w and "需约 351 份" in w for w in result.warnings)
    assert any("回收率 16.1%（51/317）" in w for w in result.warnings)
    assert any("发放 317 份少于所需的 351 份" in w for w in result.warnings)
    q6 = result.questions[5]
    assert q6.satisfied == proportion(45, 51)


def test_a_large_sample_gives_no_precision_warning(tmp_path: Path):
    rows = [text_row(i, "满意", "满意", "满意") for i in range(1, 401)]
    read = read_responses(write_csv(tmp_path / "big.csv", LEAD + HEADERS, rows), LIUCHENG)
    result = summarize(LIUCHENG, read, sent=420)
    assert result.warnings == []


def test_errors_name_the_file_and_key(tmp_path: Path):
    bad = tmp_path / "q.yaml"
    bad.write_text("title: x\nquestions:\n  - {number: 1, text: 满意吗, kind: single, options: [好, 坏], role: satisfaction}\n",
                   encoding="utf-8")  # fmt: skip
    with pytest.raises(InputFileError, match="第 1 题的选项“好”没有赋值"):
        load_questionnaire(bad)
    empty = write_csv(tmp_path / "e.csv", ["序号", "姓名"], [["1", "x"]])
    with pytest.raises(InputFileError, match="找不到题目列"):
        read_responses(empty, LIUCHENG)


def test_survey_rates_fill_the_satisfaction_and_awareness_indicators(tmp_path: Path):
    from medaid.evaluation import load_framework, score_framework
    from medaid.evaluation.catalog import find
    from medaid.survey.indicators import fill_from_survey

    rows = [text_row(i, *(["非常满意"] * 3 if i % 4 else ["一般"] * 3), knows="知道" if i % 5 else "不知道")
            for i in range(1, 201)]  # fmt: skip
    result = summarize(LIUCHENG, read_responses(write_csv(tmp_path / "a.csv", LEAD + HEADERS, rows), LIUCHENG))
    framework, filled = fill_from_survey(load_framework(find("examples/county_2023_financial")), result)
    assert len(filled) == 2
    scored = {n.indicator.name: n for n in score_framework(framework).walk()}
    satisfaction, awareness = scored["受助对象满意度"], scored["政策知晓率"]
    assert result.satisfaction is not None and result.awareness is not None
    assert satisfaction.indicator.actual.text == f"{result.satisfaction.value * 100:.2f}%"  # 90.00%: 150×100 + 50×60
    assert satisfaction.score == 5  # ≥ 90 % earns the full 5 by the rule
    assert awareness.indicator.actual.text == "80.00%" and awareness.score == Decimal("8")  # 80 % × 10
    assert "问卷有效答卷 200 份" in awareness.indicator.note
