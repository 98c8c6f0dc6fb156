"""The average of scores listed for each thing assessed (formulas family, session 6 round 2).

"统计考评单位每个项目的规范性检查得分,加权平均作为该项最终得分A=(A1+A2+…+An)*(1/n)": each project is scored
on its own, and the item's score is their mean. The scores come from the 扣分说明 (or the actual in words), written
as a list after 得分/分别/依次 ("成果规范性得分分别为28分、25分、30分", "得分依次为26、28分"); a count of the things
("项目3个", "共2个项目") when written must be the number of scores listed. A deduction beside the mean ("成果需要
整改的,每次扣5分") takes its count from the one clause of the explanation that names the fault's words ("收到整改
告知单1次"; "无整改告知单" is 0).

Refused, saying what to write: no list or two lists of scores, a count that is not the number of scores, a score
above the row's weight (the projects' scale is then another), a deduction whose count is not written once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import ZERO, fmt, to_decimal
from medaid.evaluation.rules.base import Inputs, Outcome, Rule

_NUM = r"\d+(?:\.\d+)?"
_LEAD = r"(?:得分|分数|成绩|评分)(?:分别|依次|各)?(?:为|是|:)?|分别(?:为|是|得)|依次(?:为|是|得)"
_LIST = re.compile(rf"(?:{_LEAD})(?P<list>{_NUM}分?(?:[、,和及]{_NUM}分?)*)")
_COUNT = re.compile(r"(?:项目|个数|共|合计)[^,;。\d]{0,6}?(\d+)个|(\d+)个(?:项目|[\u4e00-\u9fa5]{0,4}项目)")
_NONE = re.compile(r"^(?:无|未|没有|均未|未发现|未收到|没有收到)")


@dataclass(frozen=True)
class ListedAverage(Rule):
    """各项得分的平均：得分 = (A1 + A2 + … + An) ÷ n，另有每次扣分时再扣减。"""

    item: str = "项目"  # what each listed score is for
    step: Decimal | None = None  # "成果需要整改的,每次扣5分": the points per case
    counter: str = ""  # "次"
    fault: str = ""  # "成果需要整改", with the evidence's words ("整改告知单")

    kind = "listed_average"
    label = "各项得分平均"

    def params(self) -> dict[str, object]:
        out: dict[str, object] = {"item": self.item}
        if self.step is not None:
            out.update(step=float(self.step), counter=self.counter, fault=self.fault)
        return out

    def _ask(self, why: str, weight: Decimal) -> Outcome:
        said = f"；另{self.fault}的每{self.counter}扣 {fmt(self.step)} 分" if self.step is not None else ""
        return Outcome(
            None,
            f"{why}；本项得分为各{self.item}得分的平均{said}，需写明各{self.item}的得分（如“{self.item}3个，"
            f"得分分别为28分、25分、30分”）",
            allowed=(ZERO, weight),
            needs_judgement=True,
        )

    def _cases(self, clauses: list[str]) -> int | str:
        """The count of the deduction's cases from the one clause naming the fault's words."""
        words = {self.fault[i : i + 2] for i in range(len(self.fault) - 1)}
        named = [c for c in clauses if any(w in c for w in words)]
        if len(named) != 1:
            return f"未写明（或多处写明）{self.fault}的{self.counter}数"
        counted = re.findall(rf"(\d+){self.counter}", named[0])
        if len(counted) == 1:
            return int(counted[0])
        if not counted and _NONE.search(named[0]):
            return 0
        return f"“{named[0]}”未写明{self.fault}的{self.counter}数"

    def apply(self, inputs: Inputs) -> Outcome:
        text = inputs.note or (inputs.actual.text if inputs.actual is not None else None)
        if not text or not text.strip():
            return self._ask(f"未提供各{self.item}的得分", inputs.weight)
        from medaid.evaluation.ruletext.normalize import normalize_rule_text  # ruletext imports rules

        work = normalize_rule_text(text)
        lists = list(_LIST.finditer(work))
        if len(lists) != 1 or not lists[0].group("list").endswith("分"):
            return self._ask(f"说明“{text.strip()}”中{'没有' if not lists else '有多组'}所列得分", inputs.weight)
        scores = [Decimal(n) for n in re.findall(_NUM, lists[0].group("list"))]
        begin = max(work.rfind(sep, 0, lists[0].start()) for sep in ",;。") + 1
        ends = [i for sep in ",;。" if (i := work.find(sep, lists[0].end())) >= 0]
        rest = work[:begin] + "," + work[min(ends) if ends else len(work) :]  # without the list's clause
        counts = {int(a or b) for a, b in _COUNT.findall(work[: lists[0].start()])}
        if counts and counts != {len(scores)}:
            written = "、".join(str(c) for c in sorted(counts))
            return self._ask(f"写明的{self.item}个数（{written}）与所列得分个数 {len(scores)} 不一致", inputs.weight)
        if any(s > inputs.weight for s in scores):
            return self._ask(
                f"所列得分高于本项分值 {fmt(inputs.weight)} 分，各{self.item}得分的满分不明", inputs.weight
            )
        mean = sum(scores, ZERO) / len(scores)
        shown = " + ".join(fmt(s) for s in scores)
        how = (
            f"读作：得分为各{self.item}得分的平均；所列得分 {shown}，共 {len(scores)} 个；"
            f"平均 = ({shown}) ÷ {len(scores)} = {fmt(mean)}"
        )
        if self.step is None:
            return Outcome(mean, how)
        clauses = [c for c in re.split(r"[,;。]", rest) if c and not _COUNT.search(c)]
        cases = self._cases(clauses)
        if isinstance(cases, str):
            return self._ask(cases, inputs.weight)
        score = mean - self.step * cases
        if score < ZERO:
            taken = fmt(self.step * cases)
            return Outcome(None, f"{how}；{self.fault} {cases} {self.counter}，扣 {taken} 分后低于 0 分，"
                                 "评分标准未写明扣完为止，需人工判断", needs_judgement=True)  # fmt: skip
        return Outcome(
            score,
            f"{how}；{self.fault} {cases} {self.counter}，每{self.counter}扣 {fmt(self.step)} 分；"
            f"得分 = {fmt(mean)} − {fmt(self.step * cases)} = {fmt(score)}",
        )


def listed_average_from_mapping(spec: Mapping[str, object], text: str | None) -> ListedAverage:
    """{type: listed_average, item: 项目, step: 5, counter: 次, fault: 成果需要整改}."""
    from medaid.evaluation.rules.structured import RuleSpecError

    raw = spec.get("step")
    step = None if raw is None else to_decimal(str(raw))
    if raw is not None and (step is None or step <= ZERO):
        raise RuleSpecError(f"listed_average 的 step 应为正数，实际为“{raw}”")
    return ListedAverage(
        item=str(spec.get("item", "项目")), step=step, counter=str(spec.get("counter", "")),
        fault=str(spec.get("fault", "")), text=text,
    )  # fmt: skip
