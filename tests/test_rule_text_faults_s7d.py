"""Fix round of session 7 (faults family): the adversarial review's wrong numbers, refused or scored right."""

from __future__ import annotations

import pytest

from tests.rule_checks import trial_score

FOUND = "无缺少要素、无重复章节"
ELEMENTS = "每缺少一项要素或重复一个章节扣1分"
MEETINGS = "每季度召开住户议事会议,每少开展一次活动的扣5分。标识标牌损坏未及时更换的,每处扣1分。"
BRIEFS = "每月報送一次工作简报,每少一次扣1分;简报内容不真实的每份扣0.5分。"
VETO = "宣传栏内容陈旧的扣1分，未按要求开展宣传活动的，不得分"

REFUSED = [
    # A: 建立档案 inside another noun, another fund, a negation on another verb
    ("未建档的扣1分；档案不完整的扣1分", 2, "未建立档案室"),
    ("未建档的扣1分；档案不完整的扣1分", 2, "已建立档案柜"),
    ("未建档的扣1分；档案不完整的扣1分", 2, "未建立档案馆"),
    ("未建档的扣1分", 2, "已建立档案管理制度"),
    ("未建档的扣1分", 2, "未建立档案管理制度"),
    ("未建档的扣1分", 2, "未建立档案盒"),
    ("未建档的扣1分", 2, "已建立档案袋"),
    ("未建档的每户扣0.5分；档案不完整的每户扣0.2分", 3, "未建立档案室1户"),
    ("项目资金未到位的扣2分；人员未落实的扣1分", 3, "工作经费未到位"),
    ("配套资金未落实的扣2分", 2, "工作经费未落实"),
    ("配套资金未落实的扣2分", 2, "办公经费未落实"),
    # B: hedges, narrower subjects, half of a compound
    ("河长牌不干净整洁的扣1分", 3, "河长牌干净"),
    ("河长牌不干净整洁的扣1分；联系方式不通的扣1分", 3, "河长牌干净"),
    ("河长牌不干净、不整洁的扣1分", 3, "河长牌干净"),
    ("河长牌不干净整洁的扣1分", 3, "河长牌整洁"),
    ("资料不详实的扣1分", 3, "过程性资料详实"),
    ("资料不详实的扣1分；记录不清的扣1分", 2, "过程性资料详实"),
    ("记录不清的扣1分；签字不全的扣1分", 2, "会议记录清楚"),
    ("记录不清的扣1分", 2, "会议记录清晰"),
    *[("联系方式不畅的扣1分", 2, f"联系方式{h}畅通") for h in
      ("多数", "大多", "总体", "整体", "绝大多数", "一般", "大都", "相对", "还算", "多半", "个别", "大体上")],
    ("资料不详实的扣1分", 1, "资料总体详实"),
    ("资料不详实的扣1分", 1, "资料大多详实"),
    ("资料不详实的扣1分", 1, "资料多数翔实"),
    ("资料不详实的扣1分", 1, "资料整体详实"),
    ("河长牌不整洁的扣1分", 1, "河长牌大都整洁"),
    ("发现河长牌联系方式不通的每处扣0.5分；河长牌不整洁的每处扣0.5分，扣完为止。", 3, "联系方式总体畅通，河长牌不整洁1处"),
    # C: one of two negated predicates
    ("台账不齐全不规范的每本扣1分；制度未上墙的每项扣0.5分", 3, "台账齐全，制度未上墙1项"),
    ("台账不齐全不规范的每本扣1分", 3, "台账规范"),
    # E: the negation after the subject, counts of what was done
    (MEETINGS, 10, "本季度议事会议未召开；标识标牌无损坏"),
    (MEETINGS, 10, "本季度议事会议没有召开；标识标牌无损坏"),
    (MEETINGS, 10, "本季度没有召开议事会议；标识标牌无损坏"),
    (MEETINGS, 10, "本季度召开议事会议0次；标识标牌无损坏"),
    (MEETINGS, 10, "本季度召开议事会议1次；标识标牌无损坏"),
    (MEETINGS, 10, "本季度已召开议事会议2次；标识标牌无损坏"),
    (MEETINGS, 10, "本季度已召开议事会议3次；标识标牌无损坏"),
    (BRIEFS, 3, "本月工作简报未报送"),
    (BRIEFS, 3, "本月工作简报没有报送"),
    (BRIEFS, 3, "本月共报送工作简报2次"),
    # F: a quality added to the veto
    *[(VETO, 3, f"未{q}开展宣传活动") for q in
      ("单独", "集中", "广泛", "深入", "经常", "主动", "有效", "统一", "专门", "定期", "切实", "积极")],
    # a negation on a later verb (session 8, faults family: "年内档案管理员未调整", "人员未变动" deny the fault's event
    # and are read, with hand scores, in tests/test_rule_text_faults_s8.py; what stays refused is the event named)
    ("档案管理员调整未报上级备案的,扣2分", 4, "年内档案管理员调整1次"),
    ("人员变动未报备的扣1分", 2, "人员变动2次"),
]  # fmt: skip

# C: a half of "X不A不B" is the fault (either reading), never full marks
HALVES = [
    ("台账不齐全不规范的扣1分", "台账不规范"), ("台账不齐全不规范的扣1分", "台账不齐全"),
    ("启闭器不灵活不能运转的扣2分", "启闭器不灵活"), ("启闭器不灵活不能运转的扣2分", "启闭器不能运转"),
    ("台账不齐全不规范的扣1分；制度未上墙的扣1分", "台账不规范"), ("资料不详实不完整的扣1分", "资料不完整"),
    ("制度不健全不完善的扣1分", "制度不完善"), ("设施不完好不整洁的扣1分", "设施不整洁"),
    ("档案不齐全不规范的扣1分", "档案不规范"), ("记录不完整不准确的扣1分", "记录不准确"),
    ("台账不齐全不规范的扣1分", "台账齐全但不规范"), ("闸门启闭不灵活不能正常运转的扣2分", "闸门启闭不灵活"),
    ("资料不真实不完整的扣1分", "资料不真实"), ("公示牌不清晰不完整的扣1分", "公示牌不完整"),
    ("管护不到位不及时的扣1分", "管护不及时"), ("台账不齐全不规范的扣1分", "台账不全"),
    ("资料不详实不完整的扣1分", "资料详实但不完整"), ("资料不详实不完整的扣1分", "资料不详实"),
    ("台账不齐全不规范的扣1分；制度未上墙的扣1分", "台账不齐全，制度未上墙"),
    ("账目不清楚不完整的扣1分", "账目不完整"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "weight", "note"), REFUSED)
def test_refused(text: str, weight: int, note: str) -> None:
    assert trial_score(text, weight=weight, note=note) is None


@pytest.mark.parametrize(("text", "note"), HALVES)
def test_half_of_two_negated_predicates_never_full(text: str, note: str) -> None:
    assert trial_score(text, weight=3, note=note) in (None, 3 - 1 if "扣1分" in text else 3 - 2, 1, 0)
    assert trial_score(text, weight=3, note=note) != 3


@pytest.mark.parametrize(
    ("note", "score"),
    [
        (FOUND, 6), ("没有缺少要素，没有重复章节", 6), ("无缺少要素；无重复章节", 6), ("无缺少要素,无重复章节", 6),
        ("无重复章节、无缺少要素", 6), ("无缺少要素，重复章节0个", 6), ("无缺少要素、重复章节1个", 5),
        ("无缺少要素，重复章节2个", 4), ("缺少要素2项", 4),
    ],
)  # fmt: skip
def test_denied_shortfalls(note: str, score: int) -> None:
    assert trial_score(ELEMENTS, weight=6, note=note) == score


def test_denied_shortfalls_other_spellings() -> None:
    assert trial_score("每缺失一项要素或重复一个章节扣1分", weight=6, note="无缺失要素、无重复章节") == 6


@pytest.mark.parametrize(
    ("text", "weight", "note", "score"),
    [
        ("河长牌不干净整洁的扣1分", 3, "河长牌干净整洁", 3),
        ("联系方式不畅的扣1分", 2, "联系方式畅通", 2),
        ("资料不详实的扣1分", 1, "资料翔实", 1),
        (MEETINGS, 10, "本季度已召开议事会议；标识标牌无损坏", 10),
        (MEETINGS, 10, "本季度未召开议事会议；标识标牌无损坏", 5),
        ("项目资金未落实的扣2分", 2, "项目经费已落实", 2),
    ],
)
def test_still_read(text: str, weight: int, note: str, score: int) -> None:
    assert trial_score(text, weight=weight, note=note) == score
