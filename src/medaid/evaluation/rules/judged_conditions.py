"""A full-marks condition that is a judgement, with nothing said of the rest (affirm family, session 6, round 3).

The family: a text states ONE scoring condition and its marks and nothing else — no 否则, no "未…不得分", no
"不…的不得分", no lower level: "资金管理制度健全规范,得2分"; "项目立项符合《…》的规定,得1分"; "绩效目标设置合理
(2分)"; "档案资料完整、规范,得1分". When the condition's predicate is a judgement of quality or conformity (符合…规定/
要求/标准, 规范, 健全, 完善, 合理, 到位, 有效, 良好, 较好, 科学, 准确…) an evaluator must judge how far it holds, and
the text leaves room for part of the marks: the evaluator's "资金管理制度健全规范" repeats the judgement, it does not
report what was checked, and "不符合规定" does not say the item scores 0. Such a text is refused, unless the
evaluator answers with a bare verdict (是/否, 符合/不符合, 满足/不满足): the judgement is then made by the evaluator,
and is taken as given (met: the marks; not met: 0, part of them being the evaluator's to give by a note).

Not a judgement (read as before): an act or a fact (建立, 制定, 成立, 签订, 召开, 有X, 完成, a number): "建立资金
管理制度,得2分"; "建立健全…" (the set phrase for setting up); a quality that qualifies an act ("及时上报…", "制定规范
的…"): the predicate is the act; a condition with a number (a bound, a count, a date).
"""

from __future__ import annotations

import re

from medaid.evaluation.rules.answers import answer, standard_answer
from medaid.evaluation.rules.base import Inputs
from medaid.evaluation.rules.evidence_clauses import findings
from medaid.evaluation.rules.naming import canon

# Words that judge quality or conformity, as a predicate (at the end of a clause): "制度健全规范", "运行有效".
_JUDGED_END = re.compile(
    r"(?:规范|健全|完善|合理|到位|有效|良好|较好|科学|准确|完整|齐全|合规|明确|清晰|严密|扎实|显著|明显|突出"
    r"|得力|有力|妥善|高效|优良|优秀|可行|充分|适当|适宜|恰当|严格|细化|量化)(?:的|者)?$"
)
# Conformity to a norm: "符合《…》的规定", "满足…需要". Not 达到 ("达到省定扶贫标准": a standard that is an amount,
# compared as a fact) nor 执行 (an act).
_CONFORMS = re.compile(r"(?:符合|满足|遵守|遵循).*(?:规定|要求|标准|规范|条件|政策|程序|办法|制度|需要|需求)")
# The set phrases for setting something up: "建立健全", "建立完善", "健全完善"; a form the text names, "规范化".
_SET_PHRASES = re.compile(r"建立健全|建立完善|健全完善|完善健全|规范化|标准化|制度化")
# A stated alternative: what not meeting it (or meeting it in part) scores.
ALTERNATIVE = re.compile(r"否则|反之|不得分|不计分|不给分|不记分|得?0分|扣|酌情|视情|基本|部分|不[^,，;；。]*的?得")
_CLAUSES = re.compile(r"[,，;；。、]")
TITLE = re.compile(r"《[^《》]*》")  # the title of a document, law or plan


def judged_condition(condition: str) -> bool:
    """Whether a condition's predicate is a judgement of quality or conformity rather than an act or a fact."""
    condition = TITLE.sub("《》", condition)  # "符合《…2021年实施33项民生工程的通知》的规定": a name holds no quantity
    if re.search(r"\d|[一二两三四五六七八九十百]+(?:个|次|项|人|名|份|家|处|天|日|月|年)", condition):
        return False
    plain = _SET_PHRASES.sub("", re.sub(r"[（(][^）)]*[）)]", "", condition))
    clauses = [c.strip() for c in _CLAUSES.split(plain) if c.strip()]
    return any(_JUDGED_END.search(c) or _CONFORMS.search(c) for c in clauses)


def judged_alone(text: str | None, condition: str, inputs: Inputs) -> str | None:
    """The refusal for a text that states only a judged full-marks condition; None when it states more, the
    condition is an act or a fact, or the evaluator gives a bare verdict (是/否, 符合/不符合, 满足/不满足): the
    judgement is then made, and the verdict is taken as given (met: the marks; not met: 0)."""
    if not text or ALTERNATIVE.search(text) or not judged_condition(condition):
        return None
    said = inputs.actual.text if inputs.actual is not None else findings(inputs.note or "")  # (s9) "经核查，…"
    if answer(canon(said), condition) is not None or standard_answer(said, text) is not None:
        return None  # (affirm s9) "藏书量达到标准要求" against "符合标准，得1分": the verdict with its subject
    return "评分标准只写明满分条件，且条件是对质量或合规的判断，未写明不满足时如何计分，需评价人员判断"
