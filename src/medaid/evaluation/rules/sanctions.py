"""Sanctions that reach beyond the row (affirm family, session 6, round 2).

How tables write them: a condition of the row, then a sanction on something larger than the row — the whole
table ("发生一次,本表100分扣完", "累计超标本表分数扣完", "出现…的,全表不得分", "总分扣完"), or the whole assessment
("…的,实行一票否决", "少任一种证件不得分(实行“一票否决”)", "不得分,并一票否决"). For the row itself such a
sanction means no marks: the row scores 0 when its condition holds. What the sanction does beyond the row (the rest
of the table, the assessment) is for the evaluator, and the reason says so, in the words the counts family uses for
a veto (``rules/cases.py``): "评分标准写明“一票否决”：本项按不得分计，是否另影响整体考核（一票否决）由评估人员决定".

Not a sanction beyond the row: "扣完为止" after any of these ("总分扣完为止": a floor), a deduction of some points
from the table ("本表扣5分"), "本项…扣完" (the row itself).
"""

from __future__ import annotations

import re

# the larger whole a sanction speaks of, and how the reason names what is left to the evaluator
_SCOPES: tuple[tuple[str, str], ...] = (
    (r"本表|全表|整表|该表|此表|本考核表|本评分表|全部表", "本表其他各项"),
    (r"本大项|该大项|本类|本部分|本章|本节|本板块|本模块", "本大项其他各项"),
    (r"总分|考核总分|全部分数|全部得分|所有分数", "总分"),
)
_AMOUNT = r"(?:\d+(?:\.\d+)?分)?(?:的)?(?:分值|分数|得分|总分)?(?:全部|全)?"
_WIPE = r"(?:扣完|扣光|全扣|全部扣除|全部扣完|扣除全部分数|计0分|记0分|得0分|为0分|为零分|计零分|不得分)(?!为止|即止)"
VETO = r"(?:实行|给予|予以|实施|采取|执行)?一票否决(?:制|的办法)?"
WIDER = re.compile(
    "|".join(rf"(?P<s{i}>(?:{scope}){_AMOUNT}{_WIPE})" for i, (scope, _) in enumerate(_SCOPES)) + rf"|(?P<veto>{VETO})"
)
# what may stand between a condition and its sanction: "发生一次,本表…", "…的,则实行一票否决"
_BETWEEN = re.compile(r"^[,;:]?(?:的|者)?[,;:]?(?:则|即|均|并|同时)?[,;:]?$")


def _norm(text: str) -> str:
    return re.sub(r"[“”\"\s]", "", text).replace("，", ",").replace("；", ";").replace("（", "(").replace("）", ")")


def wider_sanctions(text: str) -> list[re.Match[str]]:
    """The sanctions beyond the row a text states, in order."""
    return list(WIDER.finditer(_norm(text)))


def _left_to_evaluator(found: re.Match[str]) -> str:
    if found.group("veto"):
        return "整体考核"
    return next(scope for i, (_, scope) in enumerate(_SCOPES) if found.group(f"s{i}"))


def beyond_row(text: str | None, condition: str | None = None) -> str:
    """The note a reason adds when a row scores 0 under a sanction beyond it ("" when the text states none, or when
    ``condition`` — the condition that scored 0 — is not the one the sanction follows)."""
    if not text:
        return ""
    norm = _norm(text)
    for found in wider_sanctions(norm):
        if condition is not None:
            head = _norm(condition)
            before = norm[: found.start()]
            at = before.rfind(head) if head else -1
            # the condition, then only punctuation or "不得分"/"0分" before the sanction ("不得分,并一票否决")
            gap = re.sub(r"不得分|得0分|计0分|\(", "", before[at + len(head) :]) if at >= 0 else None
            if gap is None or not _BETWEEN.match(gap):
                continue
        phrase = found.group(0)
        return (
            f"；评分标准写明“{phrase}”：本项按不得分计，是否另影响{_left_to_evaluator(found)}（{phrase}）由评估人员决定"
        )
    return ""
