"""Counts family, session 8 fix round: the wrong numbers an adversarial review found in this session's readings of
counts written in words, and further variants of each defect. Each probe of the review (actual or 扣分说明) must now be
refused or scored as the wording says; the variants are worded unlike the probes (docs/rules.md, "Counts and ranks").

Defects: a description beside "2项均符合" that is not plainly a success (any wording of a defect); a thing named
present of another kind (会议室 for 科室, 社区 for 病区); fewer things named present than the text lists or the full
marks cover; an exception in brackets or a following clause ("（康复科除外）", "骨科病区在建", "均符合旧标准"); "N个科室均
达标" with N not the number of things the full marks cover; a text numbering more items than full ÷ points; listed
elements read from a 扣分说明 without their names checked; "至少"/"或" in the names of things missing; a decimal point
lost in a count read from a 扣分说明; "无大事故" taken as no "较大事故"."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.rule_checks import trial_score

# (text, weight, actual, note, the scores the wording allows; None: refused) — the review's probes, as written
# fmt: off
REVIEW = [
    ('（1）周边环境远离噪声；（2）救护车、消防车可出入。每有一项不符合要求扣2分', 4, None, '周边环境有噪声，2项均符合', (None,)),  # S2
    ('（1）周边环境远离噪声；（2）救护车、消防车可出入。每有一项不符合要求扣2分', 4, None, '周边环境嘈杂，2项均符合', (None,)),  # S2
    ('（1）周边环境远离噪声；（2）救护车、消防车可出入。每有一项不符合要求扣2分', 4, None, '周边环境靠近闹市，2项均符合', (None,)),  # S2
    ('（1）周边环境远离噪声；（2）救护车、消防车可出入。每有一项不符合要求扣2分', 4, None, '救护车通道狭窄，2项均符合', (None,)),  # S2
    ('（1）周边环境远离噪声；（2）救护车、消防车可出入。每有一项不符合要求扣2分', 4, None, '救护车、消防车出入受限，2项均符合', (None,)),  # S2
    ('（1）周边环境远离噪声；（2）救护车、消防车可出入。每有一项不符合要求扣2分', 4, None, '救护车、消防车出入存在困难，2项均符合', (None,)),  # S2
    ('（1）周边环境远离噪声；（2）救护车、消防车可出入。每有一项不符合要求扣2分', 4, None, '周边噪声扰民，2项均符合', (None,)),  # S2
    ('（1）周边环境远离噪声；（2）救护车、消防车可出入。每有一项不符合要求扣2分', 4, None, '周边环境有施工噪音，2项均符合', (None,)),  # S2
    ('（1）周边环境远离噪声；（2）救护车、消防车可出入。每有一项不符合要求扣2分', 4, None, '周边环境远离噪声，消防通道有杂物，2项均符合', (None,)),  # S2
    ('每有1个科室未达标扣1分', 5, None, '3个科室均达标', (None,)),  # S1h
    ('每份病历不合格扣0.5分，扣完为止', 5, None, '3份均合格', (None,)),  # S1k
    ('每份病历不合格扣0.5分，扣完为止', 5, None, '3份病历均合格', (None,)),  # S1k
    ('每有1条措施未落实扣1分', 5, None, '3条措施均已落实', (None,)),  # S1k
    ('每有1种药品不合格扣1分', 5, None, '3种药品均合格', (None,)),  # S1k
    ('每有1个科室未达标扣1分', 5, None, '4个科室均达标', (None,)),  # S1k
    ('每有1个科室未达标扣1分', 5, None, '3个科室全部达标', (None,)),  # S1k
    ('每有1个科室未达标扣1分', 5, None, '3个科室都达标', (None,)),  # S1k
    ('每有1个科室未达标扣1分', 5, None, '三个科室均达标', (None,)),  # S1k
    ('每有1个乡镇未完成扣2分', 10, None, '3个乡镇均已完成', (None,)),  # S1k
    ('每有1个村未完成扣1分', 5, None, '2个村均完成', (None,)),  # S1k
    ('每有1项指标未完成扣1分', 5, None, '3项指标均完成', (None,)),  # S1k
    ('均符合标准，得满分 有1项不符合扣1分', 3, None, '均符合旧标准', (None,)),  # S9d
    ('应设内科、外科、儿科、康复科，缺1个科室扣1分，扣完为止', 4, None, '内科、外科、儿科均已设置', (None,)),  # S4L
    ('应设内科、外科、儿科、康复科，缺1个科室扣1分，扣完为止', 4, None, '内科、外科均已设置', (None,)),  # S4L
    ('科室设置齐全，得3分；缺1个科室，扣1分，扣完为止', 3, None, '会议室、办公室均已设置', (None,)),  # S45
    ('科室设置齐全，得3分；缺1个科室，扣1分，扣完为止', 3, None, '资料室、档案室均已设置', (None,)),  # S45
    ('科室设置齐全，得3分；缺1个科室，扣1分，扣完为止', 3, None, '值班室、更衣室均已设置', (None,)),  # S45
    ('科室设置齐全，得3分；缺1个科室，扣1分，扣完为止', 3, None, '学科、专科均已设置', (None,)),  # S45
    ('科室设置齐全，得3分；缺1个科室，扣1分，扣完为止', 3, None, '示教室、候诊室均已设置', (None,)),  # S45
    ('科室设置齐全，得3分；缺1个科室，扣1分，扣完为止', 3, None, '必选科室齐全（缺康复科）', (None, '2')),  # S45
    ('首页各项填写完整的,计3分;患者姓名、性别、年龄、诊断、医师签名每少一项扣0.5分,扣完为止。', 3, None, '首页缺少年龄1项，医师签名不全', (None,)),  # S7b
    ('首页各项填写完整的,计3分;患者姓名、性别、年龄、诊断、医师签名每少一项扣0.5分,扣完为止。', 3, None, '首页缺少医师签名2项', (None,)),  # S7b
    ('首页各项填写完整的,计3分;患者姓名、性别、年龄、诊断、医师签名每少一项扣0.5分,扣完为止。', 3, None, '首页缺少年龄1项（共3份病历）', (None,)),  # S7b
    ('首页各项填写完整的,计3分;患者姓名、性别、年龄、诊断、医师签名每少一项扣0.5分,扣完为止。', 3, None, '首页缺少护士签名1项', (None,)),  # S7b
    ('首页各项填写完整的,计3分;患者姓名、性别、年龄、诊断、医师签名每少一项扣0.5分,扣完为止。', 3, None, '首页缺少上级医师签名1项', (None,)),  # S7b
    ('设置均符合规范，得满分 缺1个病区，扣1分，直至扣完', 3, None, '病区设置均符合规范（除骨科外）', (None, '2')),  # S9
    ('首页各项填写完整的,计3分;患者姓名、性别、年龄、诊断、医师签名每少一项扣0.5分,扣完为止。', 3, None, '首页缺少护理签名1项', (None,)),  # S7d
    ('首页各项填写完整的,计3分;患者姓名、性别、年龄、诊断、医师签名每少一项扣0.5分,扣完为止。', 3, None, '首页缺少患者住址1项', (None,)),  # S7d
    ('首页各项填写完整的,计3分;患者姓名、性别、年龄、诊断、医师签名每少一项扣0.5分,扣完为止。', 3, None, '首页缺少家属签名1项', (None,)),  # S7d
    ('首页各项填写完整的,计3分;患者姓名、性别、年龄、诊断、医师签名每少一项扣0.5分,扣完为止。', 3, None, '首页缺少医师签名日期1项', (None,)),  # S7d
    ('首页各项填写完整的,计3分;患者姓名、性别、年龄、诊断、医师签名每少一项扣0.5分,扣完为止。', 3, None, '首页缺少年龄2项', (None,)),  # S7d
    ('首页各项填写完整的,计3分;患者姓名、性别、年龄、诊断、医师签名每少一项扣0.5分,扣完为止。', 3, None, '首页缺少诊断3项', (None,)),  # S7d
    ('首页各项填写完整的,计3分;患者姓名、性别、年龄、诊断、医师签名每少一项扣0.5分,扣完为止。', 3, None, '首页缺少身份证号1项', (None,)),  # S7d
    ('1.封面各要素填写规范的,计2分;项目名称、项目单位、主管部门、评价类型、评价日期每少一项扣0.4分,扣完为止。', 2, '封面缺少项目名称、项目名称2项', None, (None,)),  # S7e
    ('（1）周边环境远离噪声；（2）救护车、消防车可出入。每有一项不符合要求扣2分', 4, None, '医院位于闹市区，2项均符合', (None,)),  # S2b
    ('（1）周边环境远离噪声；（2）救护车、消防车可出入。每有一项不符合要求扣2分', 4, None, '周边邻近菜市场，2项均符合', (None,)),  # S2b
    ('（1）周边环境远离噪声；（2）救护车、消防车可出入。每有一项不符合要求扣2分', 4, None, '救护车通道坡道过陡，2项均符合', (None,)),  # S2b
    ('（1）周边环境远离噪声；（2）救护车、消防车可出入。每有一项不符合要求扣2分', 4, None, '消防车出入口被锁闭，2项均符合', (None,)),  # S2b
    ('（1）周边环境远离噪声；（2）救护车、消防车可出入。每有一项不符合要求扣2分', 4, None, '消防车出入口设有路障，2项均符合', (None,)),  # S2b
    ('（1）周边环境远离噪声；（2）救护车、消防车可出入。每有一项不符合要求扣2分', 4, None, '救护车出入口常有车辆停放，2项均符合', (None,)),  # S2b
    ('（1）周边环境远离噪声；（2）救护车、消防车可出入；（3）设有无障碍通道。每有一项不符合要求扣2分', 4, None, '2项均符合', (None,)),  # S1d
    ('（1）周边环境远离噪声；（2）救护车、消防车可出入；（3）设有无障碍通道。每有一项不符合要求扣2分', 4, None, '(1)(2)两项均符合', (None,)),  # S1d
    ('科室设置齐全，得3分；缺1个科室，扣1分，扣完为止', 3, None, '储藏室、配电室均已设置', (None,)),  # S4b
    ('科室设置齐全，得3分；缺1个科室，扣1分，扣完为止', 3, None, '科室设置齐全（康复科除外）', (None, '2')),  # S4b
    ('病区设置齐全，得2分；缺1个病区，扣1分', 2, None, '社区、园区均已设置', (None,)),  # S4c
    ('设置均符合规范，得满分 缺1个病区，扣1分，直至扣完', 3, None, '病区设置均符合规范（骨科病区正在建设）', (None, '2')),  # S9b
    ('1.封面各要素填写规范的,计2分;项目名称、项目单位、主管部门、评价类型、评价日期每少一项扣0.4分,扣完为止。', 2, None, '封面缺少护士签名1项', (None,)),  # S7h
    ('1.封面各要素填写规范的,计2分;项目名称、项目单位、主管部门、评价类型、评价日期每少一项扣0.4分,扣完为止。', 2, None, '封面缺少评价日期2项', (None,)),  # S7h
    ('1.封面各要素填写规范的,计2分;项目名称、项目单位、主管部门、评价类型、评价日期每少一项扣0.4分,扣完为止。', 2, None, '封面缺少印章1项', (None,)),  # S7h
    ('科室设置齐全，得3分；缺1个科室，扣1分，扣完为止', 3, None, '缺康复科或儿科1个科室', (None,)),  # S3b
    ('科室设置齐全，得3分；缺1个科室，扣1分，扣完为止', 3, None, '缺康复科至少1个科室', (None,)),  # S3b
    ('（1）周边环境远离噪声；（2）救护车、消防车可出入。每有一项不符合要求扣2分', 4, '周边环境嘈杂，2项均符合', None, (None,)),  # S2c
    ('（1）周边环境远离噪声；（2）救护车、消防车可出入。每有一项不符合要求扣2分', 4, '医院位于闹市区，2项均符合', None, (None,)),  # S2c
    ('（1）周边环境远离噪声；（2）救护车、消防车可出入。每有一项不符合要求扣2分', 4, '周边环境远离噪声，消防通道有杂物，2项均符合', None, (None,)),  # S2c
    ('科室设置齐全，得3分；缺1个科室，扣1分，扣完为止', 3, '会议室、办公室均已设置', None, (None,)),  # S4d
    ('科室设置齐全，得3分；缺1个科室，扣1分，扣完为止', 3, '科室设置齐全（康复科除外）', None, (None, '2')),  # S4d
    ('科室设置齐全，得3分；缺1个科室，扣1分，扣完为止', 3, '缺康复科至少1个科室', None, (None,)),  # S4d
    ('科室齐全，得1分 缺1个科室，扣0.5分', 1, None, '科室齐全（康复科除外）', (None, '0.5')),  # S9c
    ('科室齐全，得1分 缺1个科室，扣0.5分', 1, None, '会议室、办公室均已设置', (None,)),  # S9c
    ('病区齐全，得2分 每缺1个病区，扣0.5分，扣完为止', 2, None, '病区齐全（骨科除外）', (None, '1.5')),  # S9c
    ('病区齐全，得2分 每缺1个病区，扣0.5分，扣完为止', 2, None, '病区齐全，骨科病区在建', (None, '1.5')),  # S9c
    ('制度健全，得2分 有1项制度未建立，扣1分', 2, None, '制度健全（值班制度除外）', (None, '1')),  # S9c
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "actual", "note", "allowed"), REVIEW)
def test_the_review_probes_are_refused_or_scored_as_worded(
    text: str, weight: int, actual: str | None, note: str | None, allowed: tuple[str | None, ...]
) -> None:
    score = trial_score(text, weight, actual=actual, note=note)
    assert (None if score is None else score.normalize()) in {
        None if a is None else Decimal(a).normalize() for a in allowed
    }


A = "每有一项不符合要求扣2分"
B = "（1）周边环境远离噪声；（2）救护车、消防车可出入。每有一项不符合要求扣2分"
B3 = "（1）周边环境远离噪声；（2）救护车、消防车可出入；（3）设有无障碍通道。每有一项不符合要求扣2分"
C = "科室设置齐全，得3分；缺1个科室，扣1分，扣完为止"
W = "病区设置齐全，得2分；缺1个病区，扣1分"
M = "首页各项填写完整的,计3分;患者姓名、性别、年龄、诊断、医师签名每少一项扣0.5分,扣完为止。"
PW = "病区齐全，得2分 每缺1个病区，扣0.5分，扣完为止"
N3 = "①有制度；②有记录；③有总结。每有一项不符合扣1分"
STD = "均符合标准，得满分 有1项不符合扣1分"
RULES = "制度健全，得2分 有1项制度未建立，扣1分"

# (text, weight, explanation, hand score; None: refused), each read as the actual and as the 扣分说明
# fmt: off
VARIANTS = [
    # descriptions beside a summary of none: only a plain success stands beside it
    (B, 4, "周边环境临近工地，2项均符合", None),
    (B, 4, "消防车通道被堆物占据，2项均符合", None),
    (B, 4, "救护车进出不便，2项均符合", None),
    (B, 4, "周边环境安静但靠近马路，2项均符合", None),
    (B, 4, "救护车、消防车出入需绕行，2项均符合", None),
    (B, 4, "周边环境远离噪声，救护车、消防车可以出入，2项均符合", "4"),
    (A, 4, "出入口宽敞、标识清楚，两项均符合", "4"),
    # "N个/条/种…均 + done": N must be the things the full marks cover
    ("每有1个科室未达标扣1分", 5, "5个科室均达标", "5"),
    ("每有1个科室未达标扣1分", 5, "2个科室均达标", None),
    ("每有1条措施未落实扣2分", 6, "3条措施均已落实", "6"),
    ("每有1条措施未落实扣2分", 6, "2条措施均已落实", None),
    ("每有1种药品不合格扣1分", 4, "两种药品均合格", None),
    # a text numbering its items: the summary's number must be theirs
    (B3, 6, "3项均符合", "6"),
    (B3, 4, "两项均符合", None),
    (N3, 3, "3项均符合", "3"),
    (N3, 2, "2项均符合", None),
    # things named present: of the rule's kind, and all of them
    (C, 3, "档案室、会议室、值班室均已设置", None),
    (C, 3, "学科、专科、分科均已设置", None),
    (C, 3, "内科、外科、儿科均已设置", "3"),
    (C, 3, "内科、外科均已设置", None),
    (C, 3, "各科室均已设置", "3"),
    (W, 2, "社区、景区均已设置", None),
    (W, 2, "骨科病区、内科病区均已设置", "2"),
    ("应设内科、外科、儿科、康复科，缺1个科室扣1分，扣完为止", 4, "内科、外科、康复科均已设置", None),
    ("应设内科、外科、儿科、康复科，缺1个科室扣1分，扣完为止", 4, "内科、外科、儿科、康复科均已设置", "4"),
    # an exception in brackets or a clause after the full marks' condition
    (C, 3, "科室设置齐全(儿科除外)", None),
    (C, 3, "必备科室齐全（缺儿科）", None),
    (C, 3, "科室设置齐全，儿科在建", None),
    (C, 3, "必备科室齐全（儿科正在筹建）", None),
    (C, 3, "科室设置齐全（含康复科）", "3"),
    (STD, 3, "均符合旧标准", None),
    (STD, 3, "均符合新标准", None),
    (STD, 3, "均符合地方标准", None),
    (STD, 3, "各项均符合标准", "3"),
    (PW, 2, "病区齐全（骨科除外）", None),
    (PW, 2, "病区齐全（除儿科外）", None),
    (PW, 2, "病区齐全，儿科病区在建", None),
    (PW, 2, "病区齐全，儿科病区暂未开设", None),
    (PW, 2, "病区齐全", "2"),
    (RULES, 2, "制度健全（值班制度除外）", None),
    (RULES, 2, "制度健全，交接班制度正在制定", None),
    # listed elements: each name one the text lists, as many as said, once each; no other clause
    (M, 3, "首页缺少性别、年龄2项", "2"),
    (M, 3, "首页缺少血型1项", None),
    (M, 3, "首页缺少诊断、诊断2项", None),
    (M, 3, "首页缺少性别2项", None),
    (M, 3, "首页缺少性别1项，年龄填写错误", None),
    (M, 3, "缺少性别1项，诊断不全", None),
    # missing things named: no bound and no alternative
    (C, 3, "缺儿科至少2个科室", None),
    (C, 3, "缺儿科等2个科室", None),
    (C, 3, "缺儿科1个以上科室", None),
    (C, 3, "缺儿科或眼科1个科室", None),
    (C, 3, "缺儿科1个科室", "2"),
    # a denial of a word the counted thing ends with, cut inside a word of degree
    ("每发生一次较大事故扣5分", 10, "无大事故", None),
    ("每发生一次特大事故扣5分", 10, "无大事故", None),
    ("每发生一次重大安全事故扣5分", 10, "未发生安全事故", "10"),
    ("每发现缺岗或脱岗,一次扣2分", 10, "无脱岗", None),
]
# fmt: on


@pytest.mark.parametrize("given", ["actual", "note"])
@pytest.mark.parametrize(("text", "weight", "said", "score"), VARIANTS)
def test_variants_of_each_defect(text: str, weight: int, said: str, score: str | None, given: str) -> None:
    got = trial_score(text, weight, **{given: said})
    assert got == (None if score is None else Decimal(score))


@pytest.mark.parametrize(
    ("text", "weight", "note", "score"),
    [
        ("每少一次培训扣1分", 10, "培训少1.5次", "8.5"),
        ("每少一次培训扣1分", 10, "培训少0.5次", "9.5"),
        ("每迟拨1个月扣1分", 5, "经费迟拨2.5个月", "2.5"),
        ("1.每少一名医生扣1分;2.未建立台账扣2分", 10, "少医生3.0名，已建立台账", "7"),
    ],
)
def test_a_decimal_point_in_a_count_read_from_the_note_is_kept(text: str, weight: int, note: str, score: str) -> None:
    assert trial_score(text, weight, note=note) == Decimal(score)
