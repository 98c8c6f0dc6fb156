"""Marks written for each kind of unit side by side (numbers family, s9): "全部完成项目建设任务的，产区得1.5分、
非产区得1分；年度工作任务完成率每减少10个百分点，产区扣0.15分、非产区扣0.1分，扣完为止".

Pattern: each score of the text is written once for every kind, in the same order, as "<kind>得/扣/加N分" joined by
、 or a comma ("产区得1.5分、非产区得1分"), the kind starting its clause. A kind is the name of a kind of
unit (ending in 区, 县, 市, 镇, 乡, 村, 社区, 街道, 单位, 部门, 学校, 企业, 地区, 城市; "主城各区",
"非产区"), never a condition
("完成的", "未达标的"). The text is rewritten once per kind with that kind's numbers ("…的,得1.5分;…每减少10个百分点,
扣0.15分,扣完为止") and each must be read by the other shapes; the kinds named nowhere else. Scored as
``rules.kind_choices.KindChoice``: the actual names the kind first.
"""

from __future__ import annotations

import re

from medaid.evaluation.rules import Rule
from medaid.evaluation.rules.kind_choices import KindChoice

_N = r"\d+(?:\.\d+)?"
_KIND = r"[\u4e00-\u9fa5]{0,6}?(?:区|县|市|镇|乡|村|社区|街道|单位|部门|学校|企业|地区|城市)"
_SCORE = rf"(?P<verb{{i}}>得|扣|加|计)(?P<n{{i}}>{_N})分"
_PAIR = re.compile(
    rf"(?:^|(?<=[,;。:]))(?P<k1>{_KIND}){_SCORE.format(i=1)}[、,](?P<k2>{_KIND}){_SCORE.format(i=2)}(?=[,;。]|$)"
)
# words that make a name a condition, not a kind: "完成的", "未达标", "不合格"
_NOT_A_KIND = re.compile(r"的|者|未|不|无|没|非|达|完成|超|低|高|每")


def kind_choice(text: str) -> Rule | None:
    """One rule per kind (module docstring); None for any other text."""
    from medaid.evaluation.ruletext import parse_rule_text  # the shapes import this module

    pairs = list(_PAIR.finditer(text))
    if not pairs:
        return None
    names = (pairs[0].group("k1"), pairs[0].group("k2"))
    if names[0] == names[1] or any(_NOT_A_KIND.search(n.removeprefix("非")) for n in names):
        return None
    if any((m.group("k1"), m.group("k2")) != names or m.group("verb1") != m.group("verb2") for m in pairs):
        return None
    rules: list[Rule] = []
    for i in (1, 2):
        pieces, at = [], 0
        for m in pairs:
            pieces += [text[at : m.start()], f"{m.group('verb1')}{m.group(f'n{i}')}分"]
            at = m.end()
        own = "".join([*pieces, text[at:]])
        if any(name in own for name in names):
            return None  # a kind named elsewhere: a condition on it the rewrite would lose
        rule = parse_rule_text(own)
        if rule is None:
            return None
        rules.append(rule)
    return KindChoice(names=names, choices=tuple(rules))
