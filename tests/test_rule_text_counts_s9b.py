"""Counts family, session 9 round 2: explanations worded as other evaluators word them. A count written as the
whole checked and the part that failed ("三项指标中有一项未达到标准": the part, never the whole), the sampled thing
named before its count ("抽查代理项目20个"), and descriptions of what was found as required beside the count
("河面清洁，未发现漂浮物"). Texts and explanations are worded unlike the corpus rows; hand scores are worked from the
wording alone; near-misses must be refused (docs/rules.md, "Counts and ranks")."""

from __future__ import annotations

import pytest

from tests.rule_checks import trial_score

# (wording, weight, explanation, hand score); None: refused
# fmt: off
PART_OF_WHOLE = [
    # the part counts: 1 of 3 failed, 3 each → 9 − 3 (the wrong number of round 1 read the whole, 3, and gave 0)
    ("其中有一项不达标扣3分", "9", "三项指标中有一项未达到标准。", "6"),
    ("每有一项指标不达标扣2分", "10", "10项指标中有2项不达标", "6"),                    # 2 × 2
    ("每有一项指标不达标扣2分", "10", "抽查5项指标，5项中2项不达标", "6"),             # a sample, then the part
    ("未落实的,每次扣1分,扣完为止", "4", "汛期6次山洪预警中有5次未落实。", "0"),       # 5 > 4: at most 4
    ("未落实的,每次扣1分,扣完为止", "4", "全年6次预警中有1次未落实", "3"),
    ("每有一户未及时调整扣1分", "5", "抽查的30户中有2户未及时调整", "3"),              # 户 both sides
    # near-misses
    ("其中有一项不达标扣3分", "9", "三项指标中有一项基本达标", None),                  # a hedge, no fault
    ("其中有一项不达标扣3分", "9", "三项指标中有一项达标", None),                      # the part is what is right
    ("其中有一项不达标扣3分", "9", "三项指标中有四项未达标", None),                    # a part above its whole
    ("其中有一项不达标扣3分", "9", "三户中有一项未达标", None),                        # another counter
    ("未落实的,每次扣1分,扣完为止", "4", "预计6次预警中有1次未落实", None),            # a forecast
    ("未落实的,每次扣1分,扣完为止", "4", "去年6次预警中有1次未落实", None),            # another year
    ("其中有一项不达标扣3分", "9", "三项指标中有一项拟整改", None),                    # a plan, no fault
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "score"), PART_OF_WHOLE)
def test_part_of_the_whole_checked(text: str, weight: str, note: str, score: str | None) -> None:
    got = trial_score(text, weight, note=note)
    assert got == (None if score is None else pytest.approx(float(score))), (text, note, got)


# fmt: off
DESCRIBED = [
    # a description of a thing as required beside the count is no count ("河面清洁")
    ("每发现一处漂浮物扣1分(扣完为止)", "10", "河面清洁，未发现漂浮物。", "10"),
    ("每发现一处漂浮物扣1分(扣完为止)", "10", "河面清洁，发现漂浮物2处。", "8"),
    ("每发现一处垃圾堆放扣0.5分", "4", "路面平整干净，发现垃圾堆放2处", "3"),
    ("缺一本登记本扣1分", "8", "各类登记本齐全，登记内容填写完整。", "8"),
    # near-misses: a description with a defect, a hedge, or nothing counted beside it
    ("每发现一处漂浮物扣1分(扣完为止)", "10", "河面基本清洁，未发现漂浮物。", None),    # hedge
    ("每发现一处漂浮物扣1分(扣完为止)", "10", "河面清洁但有异味，未发现漂浮物。", None),  # a defect told
    ("每发现一处漂浮物扣1分(扣完为止)", "10", "河面清洁。", None),                        # nothing counted
    ("每发现一处漂浮物扣1分(扣完为止)", "10", "河面不清洁，未发现漂浮物。", None),      # a negation
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "score"), DESCRIBED)
def test_descriptions_beside_the_count(text: str, weight: str, note: str, score: str | None) -> None:
    got = trial_score(text, weight, note=note)
    assert got == (None if score is None else pytest.approx(float(score))), (text, note, got)


# fmt: off
SAMPLED = [
    # the sampled thing named before its count is the sample, not a fault
    ("门诊处方超量开药的,每张扣1分", "5", "抽查门诊处方50张，超量开药2张", "3"),
    ("门诊处方超量开药的,每张扣1分", "5", "抽查门诊处方50张，未发现超量开药", "5"),
    # near-misses: a verb of finding, or a fault beside the sample
    ("门诊处方超量开药的,每张扣1分", "5", "抽查发现门诊处方50张", None),
    ("门诊处方超量开药的,每张扣1分", "5", "抽查门诊处方50张", None),                  # nothing said of faults
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "score"), SAMPLED)
def test_sample_named_before_its_count(text: str, weight: str, note: str, score: str | None) -> None:
    got = trial_score(text, weight, note=note)
    assert got == (None if score is None else pytest.approx(float(score))), (text, note, got)


# fmt: off
BROADER_DENIAL = [
    # a denial of the fault in fewer of the rule's words denies the narrower fault too: none found
    ("无故缺席安全工作会议的,每次扣1分,扣完该项分值为止", "3", "全年安全工作会议均按时参加，无缺席。", "3"),
    ("无故缺席例会的,每次扣1分", "3", "无缺席", "3"),
    ("门诊处方超量开药的,每张扣1分", "5", "未发现超量开药", "5"),
    ("超标排放的,每次扣2分", "6", "无超标", "6"),
    ("发现漂浮物每处扣1分", "3", "未见漂浮物", "3"),                                  # 未见 = 未发现
    # near-misses: the work denied, a narrower denial, one alternative, a hedge, the thing not the fault,
    # a second fault left out
    ("未按规定冲洒水,每次扣2分", "20", "未发现冲洒水", None),
    ("门诊处方超量开药的,每张扣1分", "5", "未发现严重超量开药", None),
    ("迟报或漏报信息的,每次扣1分", "5", "无漏报", None),
    ("无故缺席例会的,每次扣1分", "3", "基本无缺席", None),
    ("无故缺席例会的,每次扣1分", "3", "无会议", None),
    ("缺席会议未请假的,每次扣1分", "3", "无缺席", None),
    ("发现漂浮物每处扣1分", "3", "未见成效", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "score"), BROADER_DENIAL)
def test_broader_denial(text: str, weight: str, note: str, score: str | None) -> None:
    got = trial_score(text, weight, note=note)
    assert got == (None if score is None else pytest.approx(float(score))), (text, note, got)


FLOATING = "每发现一处漂浮物扣1分(扣完为止)"
# fmt: off
LOOKED_AT = [
    # the scope of the check an explanation opens with is no count
    (FLOATING, "10", "实地查看各河段，未见漂浮物", "10"),
    (FLOATING, "10", "经查，发现漂浮物3处", "7"),
    (FLOATING, "10", "经查阅巡河记录，未发现漂浮物", "10"),
    (FLOATING, "10", "经群众举报查实，河面有漂浮物2处", "8"),
    ("每发现一例关系保扣0.5分", "1", "全年暗访及信访举报中，未发现关系保问题", "1"),
    # near-misses: nothing counted, a finding with no count, a hedged scope, a fault in the scope
    (FLOATING, "10", "经查", None),
    (FLOATING, "10", "经查，发现漂浮物", None),
    (FLOATING, "10", "查看部分河段，未见漂浮物", None),
    (FLOATING, "10", "抽查个别河段，未见漂浮物", None),
    (FLOATING, "10", "实地查看河道存在问题，未见漂浮物", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "score"), LOOKED_AT)
def test_scope_of_the_check(text: str, weight: str, note: str, score: str | None) -> None:
    got = trial_score(text, weight, note=note)
    assert got == (None if score is None else pytest.approx(float(score))), (text, note, got)


WASHING = "(4)冲洗不符合质量要求的,每处扣1分;"
# fmt: off
BARE_FAILURE = [
    # the same thing with a bare failure in other words: 不达标, 不合格, 未达到要求 all say 不符合要求
    (WASHING, "20", "发现三处冲洗不达标", "17"),
    (WASHING, "20", "冲洗不合格2处", "18"),
    (WASHING, "20", "冲洗未达到要求3处", "17"),
    ("台账不规范的,每处扣0.5分", "4", "台账不符合要求2处", "3"),
    # near-misses: a hedge, another thing, the thing met, a part of the things
    (WASHING, "20", "冲洗基本不达标2处", None),
    (WASHING, "20", "清扫不达标2处", None),
    (WASHING, "20", "冲洗达标3处", None),
    ("台账不规范的,每处扣0.5分", "4", "部分台账不合格2处", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "score"), BARE_FAILURE)
def test_bare_failure_in_other_words(text: str, weight: str, note: str, score: str | None) -> None:
    got = trial_score(text, weight, note=note)
    assert got == (None if score is None else pytest.approx(float(score))), (text, note, got)


# fmt: off
EXAMPLES = [
    # a bracket after the count naming kinds of the thing as examples is no count and no condition
    (FLOATING, "10", "巡河发现河面漂浮物3处（塑料瓶、泡沫板等）", "7"),
    (FLOATING, "10", "发现漂浮物3处(如塑料袋)", "7"),
    # near-misses: a bracket with a number, a negation or a deed
    (FLOATING, "10", "发现漂浮物3处（其中2处已清理）", None),
    (FLOATING, "10", "发现漂浮物3处（未清理等）", None),
    (FLOATING, "10", "发现漂浮物3处(约5处等)", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "score"), EXAMPLES)
def test_bracket_of_examples(text: str, weight: str, note: str, score: str | None) -> None:
    got = trial_score(text, weight, note=note)
    assert got == (None if score is None else pytest.approx(float(score))), (text, note, got)


THREE = "其中有一项不达标扣3分"  # of 9 points: three items
# fmt: off
REST_MET = [
    # faults told one by one, then "其余N项均达标": the faults, when they and the rest are every item
    (THREE, "9", "检查发现：卫生保洁制度未纳入村规民约，其余两项均达标。", "6"),
    (THREE, "9", "保洁机制未建立，制度未纳入村规民约，其余一项均达标", "3"),
    # descriptions of things done beside a summary of none ("已纳入村规民约": 约 is no "about" here)
    (THREE, "9", "已建立长效保洁机制，卫生保洁制度已纳入村规民约，门前三包责任制已实行，三项均达标。", "9"),
    # near-misses: the items do not add up, a hedge, the rest not met, no fault told
    (THREE, "9", "保洁机制未建立，其余一项均达标", None),
    (THREE, "9", "保洁机制未建立，其余三项均达标", None),
    (THREE, "9", "保洁机制基本未建立，其余两项均达标", None),
    (THREE, "9", "保洁机制未建立，其余两项基本达标", None),
    (THREE, "9", "保洁机制未建立，其余两项均未达标", None),
    (THREE, "9", "保洁机制已建立，其余两项均达标", None),
    ("每发现一处漂浮物扣1分", "10", "河面未清理，其余9处均清洁", None),        # no bare failure counted
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "score"), REST_MET)
def test_faults_then_the_rest_met(text: str, weight: str, note: str, score: str | None) -> None:
    got = trial_score(text, weight, note=note)
    assert got == (None if score is None else pytest.approx(float(score))), (text, note, got)


# fmt: off
SECOND_COUNT = [
    # a second count in words after the one read: which is the count? (read as 5 faults before: a wrong number)
    ("每次不合格扣1分", "5", "五次检查两次不合格", None),
    ("每次不合格扣1分", "5", "五次中两次不合格", "3"),                                  # the part of the whole
    ("每次不合格扣1分", "5", "两次不合格", "3"),
    ("每处不合格扣1分", "5", "不合格两处，一次性整改", None),                          # 一次性 is no count; 整改 told
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "score"), SECOND_COUNT)
def test_second_count_in_words(text: str, weight: str, note: str, score: str | None) -> None:
    got = trial_score(text, weight, note=note)
    assert got == (None if score is None else pytest.approx(float(score))), (text, note, got)


# fmt: off
LACKED_THING = [
    # "无台账" for "未建立台账": the thing the fault lacks is not there — the fault itself, never "none found"
    # (read as full marks before: a wrong number)
    ("未建立台账的,每处扣1分", "5", "无台账", None),
    ("未建立台账的,每处扣1分", "5", "没有台账", None),
    ("未建立台账的,每处扣1分", "5", "未见台账", None),
    ("未制定预案的,每次扣1分", "5", "无预案", None),
    ("不按规定建立台账的,每次扣1分", "5", "无台账", None),
    ("未建立的台账,每处扣1分", "5", "无台账", None),
    ("未及时处理的投诉每起扣1分", "5", "无投诉", "5"),                        # a modifier's negation before 的
    # a denial of the thing that is the fault stays none found
    ("发生一次重大事故扣1分", "5", "无事故", "5"),
    ("发生一次不超标事故扣1分", "5", "无事故", "5"),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "score"), LACKED_THING)
def test_denial_of_the_thing_lacked(text: str, weight: str, note: str, score: str | None) -> None:
    got = trial_score(text, weight, note=note)
    assert got == (None if score is None else pytest.approx(float(score))), (text, note, got)


MEETING = "乡镇整体决策管理符合三重一大管理安排。符合,得满分;不符合,发现一处扣1分,扣完为止。"
# fmt: off
HEADED = [
    # a counted heading, a colon, then the cases it sums up in their own counters: the heading, when they add up
    (MEETING, "2", "发现三处不符合：两项重大项目安排未上会研究，一次干部调整未经集体讨论。", "0"),   # 3 > 2
    (MEETING, "5", "发现2处不符合：1项未上会，1次未讨论", "3"),
    # near-misses: the cases do not add up, a case with no count, a hedge
    (MEETING, "5", "发现三处不符合：两项重大项目安排未上会研究。", None),
    (MEETING, "5", "发现三处不符合：重大项目未上会", None),
    (MEETING, "5", "发现三处不符合：两项未上会，约一次未讨论", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "score"), HEADED)
def test_counted_heading_over_its_cases(text: str, weight: str, note: str, score: str | None) -> None:
    got = trial_score(text, weight, note=note)
    assert got == (None if score is None else pytest.approx(float(score))), (text, note, got)


ROOMS = "科室齐全，得1分 缺1个科室，扣0.5分，扣完为止"
# fmt: off
NAMED_LACKING = [
    # the missing things named without a count, each of the kind counted ("…科" of 科室): one each
    (ROOMS, "1", "缺少康复医学科。", "0.5"),
    (ROOMS, "1", "未设置康复医学科和医学影像科。", "0"),
    ("缺一项制度扣1分", "5", "缺少考勤制度和财务制度", "3"),
    # near-misses: the kind alone (how many?), a part, another thing, 等, a plan, another kind named
    (ROOMS, "1", "缺少科室", None),
    (ROOMS, "1", "缺少部分科室", None),
    (ROOMS, "1", "缺少内科医生", None),
    (ROOMS, "1", "缺少康复医学科等", None),
    (ROOMS, "1", "未设置康复医学科，拟明年设置", None),
    ("缺一项制度扣1分", "5", "缺少考勤制度和财务管理办法", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "weight", "note", "score"), NAMED_LACKING)
def test_missing_things_named(text: str, weight: str, note: str, score: str | None) -> None:
    got = trial_score(text, weight, note=note)
    assert got == (None if score is None else pytest.approx(float(score))), (text, note, got)
