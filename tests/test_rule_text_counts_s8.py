"""Counts family, session 8: counts written in words the way evaluators write a 扣分说明 — a summary of the items
checked ("2项均符合", "两项均不符合"), descriptions beside their summary ("救护车不能出入，1项不符合"), the missing things
named before their count ("缺康复科1个科室"), every thing named present ("A、B、C均已设置"), the required things complete
("必选科室齐全"); a score glued to the next clause once a cell's line break is dropped ("科室齐全，得1分 缺1个科室…");
"X，得满分" as the full marks' condition; elements a step counts missing, listed in the text ("项目名称、项目单位…每少一项");
a thing counted in either of two counters ("每份或每张"). Texts and actuals are worded unlike any corpus text; hand
scores are worked from the wording alone; near-misses must be refused (docs/rules.md, "Counts and ranks")."""

from __future__ import annotations

import pytest

from tests.rule_checks import rule_score, trial_score

# (wording, weight, explanation, hand score); None: refused
# fmt: off
NOTES = [
    # a summary of the items checked, against "每有一项不符合要求扣N分"
    ("每有一项不符合要求扣2分", "4", "两项均符合要求", "4"),
    ("每有一項不符合要求扣2分", "4", "兩項均符合", "4"),                                  # traditional
    ("每有一项不符合要求扣2分", "4", "(1)(2)两项均符合", "4"),
    ("每有一项不符合要求扣2分", "4", "以上2项全部不符合", "0"),
    ("凡有1项不符合要求的,扣1.5分", "3", "2项均不符合要求", "0"),
    ("每有一项未完成扣1分", "3", "3项均完成", "3"),
    ("每有一项未完成扣1分", "3", "2项均未完成", "1"),
    ("每有一项不符合要求扣2分", "4", "3项均符合", None),            # 3 of 2 items? the number is not the items'
    ("每有一项不符合要求扣1分", "5", "3项均符合", None),            # 3 of 5 fine says nothing of the other 2
    ("每有一项不符合要求扣2分", "4", "(1)(2)(3)两项均符合", None),  # the items named and the number disagree
    ("每有一项不符合要求扣2分", "4", "均不符合", None),              # how many?
    ("每有一项不符合要求扣1分", "5", "第1、2项均符合", None),        # items 3 to 5?
    ("每有一项不符合要求扣1分", "2", "第1、2项均符合", "2"),
    ("每有一项不符合要求扣2分", "4", "部分不符合", None),
    ("每有一项不符合要求扣2分", "4", "多项不符合", None),
    ("每有一项不符合要求扣2分", "4", "2项基本符合", None),
    ("每有一项不符合要求扣2分", "4", "2项符合", None),              # no quantifier: the others?
    # descriptions beside their summary
    ("每有一项不符合要求扣2分", "4", "消防通道堵塞；1项不符合", "2"),
    ("每有一项不符合要求扣2分", "4", "出入口宽敞、标识清楚，两项均符合", "4"),
    ("每有一项不符合要求扣2分", "4", "(2)应急照明损坏，1项不符合", "2"),
    ("每有一项不符合要求扣2分", "4", "消防通道堵塞，应急照明损坏，1项不符合", None),  # two faults described, one summed
    ("每有一项不符合要求扣2分", "4", "应急照明未安装，2项均符合", None),            # a fault described, none summed
    ("每有一项不符合要求扣2分", "4", "出入口基本畅通，1项不符合", None),           # a hedged description
    ("每有一项不符合要求扣2分", "4", "抽查3处，1项不符合", "2"),                    # a sample looked at, then the count
    # the missing things named before their count, against "缺1个X,扣N分"
    ("缺1个科室,扣1分,扣完为止", "4", "缺儿科、眼科2个科室", "2"),
    ("缺少一个科室的扣1分", "4", "缺口腔科1个必设科室", "3"),
    ("缺1个科室,扣1分,扣完为止", "4", "缺儿科、眼科3个科室", None),                  # names and number disagree
    ("缺1个科室,扣1分,扣完为止", "4", "缺儿科1个非必设科室", None),                  # a negation in the qualifier
    ("缺1个科室,扣1分,扣完为止", "4", "缺儿科1个病区", None),                        # another thing
    ("缺1个科室,扣1分,扣完为止", "4", "缺儿科1项", None),                            # another counter
    # every thing named present; the required things complete
    ("缺1个科室,扣1分,扣完为止", "4", "内科、外科、儿科均已开设", None),  # s8 fix round: 3 named, 4 covered
    ("缺1个科室,扣1分,扣完为止", "4", "各科室都已设立", "4"),
    ("缺1个科室,扣1分,扣完为止", "4", "内科、外科均已设置，缺儿科1个科室", "3"),
    ("缺1个科室,扣1分,扣完为止", "4", "必备科室齐全", "4"),
    ("缺1个科室,扣1分,扣完为止", "4", "规定科室均齐备", "4"),
    ("缺1个科室,扣1分,扣完为止", "4", "主要科室齐全", None),                          # the others?
    ("缺1个科室,扣1分,扣完为止", "4", "内科、外科基本已设置", None),                  # hedged
    ("缺1个科室,扣1分,扣完为止", "4", "内科、外科均未设置", None),                    # a denial, how many missing?
    ("缺1个科室,扣1分,扣完为止", "4", "人员、设备均已配备", None),                    # other things than 科室
    ("每次未按时上报扣1分", "3", "3次均按时上报", None),                              # times done, not items: of how many due?
    # a denial of the head noun what is counted ends with
    ("每发生1起较大事故扣5分,扣完为止", "10", "全年无事故", "10"),
    ("每发现1起未及时处理的投诉扣1分", "5", "无投诉", "5"),
    ("发生一次不超标事故,扣10分", "10", "无超标事故", None),                  # the opposite kind denied
    ("每发现1起漏报病例扣1分", "5", "无报病例", None),
    ("每发现迟报或漏报病例一次扣1分", "5", "无病例漏报", None),                          # a head starting inside a word
    # a score glued to the next clause (a cell's line break dropped) and "X，得满分"
    ("病区齐全，得2分 缺1个病区，扣0.5分，扣完为止", "2", "缺骨科1个病区", "1.5"),
    ("病区齐全，得2分 缺1个病区，扣0.5分，扣完为止", "2", "病区齐全", "2"),
    ("设置均符合规范，得满分 缺1个病区，扣1分，直至扣完", "3", "病区设置均符合规范", "3"),
    ("设置均符合规范，得满分 缺1个病区，扣1分，直至扣完", "3", "缺骨科、产科2个病区", "1"),
    ("设置均符合规范，得满分 缺1个病区，扣1分，直至扣完", "3", "病区设置基本符合规范", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "score"), NOTES)
def test_counts_in_words(text: str, weight: str, note: str, score: str | None) -> None:
    got = rule_score(text, weight, note=note)
    if score is None:
        assert got is None, (text, note, got)
    else:
        assert got is not None and abs(float(got) - float(score)) < 1e-9, (text, note, got)


# elements a step counts missing, listed in the text ("每少一项"); the actual as an evaluator types it
# fmt: off
ELEMENTS = [
    ("首页各项填写完整的,计3分;患者姓名、性别、年龄、诊断、医师签名每少一项扣0.5分,扣完为止。", "3",
     "首页缺少年龄、医师签名2项", "2"),
    ("首页各项填写完整的,计3分;患者姓名、性别、年龄、诊断、医师签名每少一项扣0.5分,扣完为止。", "3",
     "缺少诊断1项内容", None),                                                   # "内容" is not a word of the text
    ("首页各项填写完整的,计3分;患者姓名、性别、年龄、诊断等要素每少一项扣0.5分,扣完为止。", "3",
     "缺少性别、诊断2项要素", "2"),
    ("首页各项填写完整的,计3分;患者姓名、性别、年龄、诊断等要素每少一项扣0.5分,扣完为止。", "3",
     "首页四项要素均未填写(缺4项)", "1"),
    ("首页各项填写完整的,计3分;患者姓名、性别、年龄、诊断等要素每少一项扣0.5分,扣完为止。", "3",
     "首页四项要素均未填写(缺3项)", None),                                       # the bracket disagrees
    ("首页各项填写完整的,计3分;患者姓名、性别、年龄、诊断等要素每少一项扣0.5分,扣完为止。", "3",
     "缺少性别、住址2项要素", None),                                             # a name the text does not list
    ("首页各项填写完整的,计3分;患者姓名、性别、年龄、诊断、医师签名每少一项扣0.5分,扣完为止。", "3",
     "首页患者姓名、性别、年龄、诊断、医师签名均已填写", "3"),
    ("首页各项填写完整的,计3分;患者姓名、性别、年龄、诊断、医师签名每少一项扣0.5分,扣完为止。", "3",
     "首页5项均已填写,填写完整", "3"),
    ("首页各项填写完整的,计3分;患者姓名、性别、年龄、诊断、医师签名每少一项扣0.5分,扣完为止。", "3",
     "首页4项均已填写", None),                                                   # 4 of 5
    ("首页各项填写完整的,计3分;患者姓名、性别、年龄、诊断、医师签名每少一项扣0.5分,扣完为止。", "3",
     "首页患者姓名、性别均已填写", None),                                         # two of five named
    ("首页各项填写完整的,计3分;患者姓名、性别、年龄、诊断、医师签名每少一项扣0.5分,扣完为止。", "3",
     "首页各项均已填写,基本完整", None),                                         # a hedge beside it
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "actual", "score"), ELEMENTS)
def test_elements_listed(text: str, weight: str, actual: str, score: str | None) -> None:
    got = trial_score(text, weight, actual=actual)
    if score is None:
        assert got is None, (text, actual, got)
    else:
        assert got is not None and abs(float(got) - float(score)) < 1e-9, (text, actual, got)


def test_either_counter() -> None:
    text = "不合理用药处方,每份或每张扣0.5分,扣完为止"
    assert rule_score(text, "3", note="4张") == pytest.approx(1)
    assert rule_score(text, "3", note="2份") == pytest.approx(2)
    assert rule_score(text, "3", note="2本") is None


def test_glued_score_left_alone() -> None:
    """A score followed by what qualifies it is no glued clause: "得1分的" stays one clause."""
    from medaid.evaluation.ruletext.count_spelling import unglued

    assert unglued("齐全得1分缺1个扣0.5分") == "齐全得1分,缺1个扣0.5分"
    assert unglued("得1分的单位") == "得1分的单位"
    assert unglued("每处扣1分/次") == "每处扣1分/次"


@pytest.mark.parametrize(
    "text",
    [
        "建立工作台账,有一名专职人员负责日常工作计3分",
        "成立领导小组,配备一名联络员得2分",
        "明确一位分管领导记2分",
    ],
)
def test_one_to_be_had_is_no_count(text: str) -> None:
    """ "有一名X…记4分" requires one (a condition of the marks), it does not score each one counted."""
    from medaid.evaluation.rules.counts import CountScore
    from medaid.evaluation.ruletext import parse_rule_text

    assert not isinstance(parse_rule_text(text), CountScore), text


def test_counts_that_score_still_read() -> None:
    assert rule_score("1个部门0.5分,满分2分", "2", actual="3个部门") == pytest.approx(1.5)
    assert rule_score("每配备一名专职人员得1分,最高3分", "3", actual="2名") == pytest.approx(2)
