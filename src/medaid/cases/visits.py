"""Follow-up visits (回访): who to visit, what a visit records, and the rates that come out of them. Pure.

- The frame (抽样框) is a population — the recipients on the workspace's lists on a day (by 认定部门, category,
  area), or the people of paid cases — and a plan visits all of it or a sample. The sample's size is the
  survey's (Cochran with the finite-population correction: ``medaid.evaluation.sampling.sample_size``, which
  ``medaid.survey.stats`` re-exports), for the frame's size.
- The draw is reproducible by anyone holding the seed and the frame: order the frame by SHA-256 of
  ``"<seed>:<身份证号>"`` and take the first n (:func:`draw`). No random-number generator whose algorithm
  could change with the Python version. On the 身份证号, not the keyed hash: the hash changes with a key
  rotation (``medaid key rotate``), the number does not, so a plan's draw can still be checked after one, and
  an auditor holding the list in clear can redo it without medaid's key. The order is computed in memory
  from the decrypted numbers and never stored.
- Satisfaction uses the survey's scale (``survey.model``: 非常满意/满意/一般/不满意, 满意率 = the two best),
  handed over as a :class:`Scale` by the service, since ``cases`` and ``survey`` are independent layers.
- :func:`tally` computes the rates: visit rate = visited ÷ planned (and ÷ frame), satisfaction rate =
  satisfied ÷ visited people who answered, needs found per kind. Each rate keeps its numerator and denominator.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from medaid.errors import Location, MedaidError
from medaid.evaluation.sampling import sample_size
from medaid.store.crypto import KeyRing
from medaid.store.visits import METHODS, NEED_KINDS, POPULATIONS, VISIT_MODES, VISIT_OUTCOMES


class VisitError(MedaidError):
    """A plan or a visit record that is not complete or not consistent."""


@dataclass(frozen=True)
class Scale:
    """The answers to 'how satisfied are you' and those that count as satisfied (the survey's)."""

    options: tuple[str, ...]
    satisfied: tuple[str, ...]


@dataclass(frozen=True)
class Frame:
    """Who may be visited: a population, its filters, and the day it is read on."""

    population: str  # POPULATIONS: recipients | paid_cases
    as_of: dt.date
    department: str | None = None
    category: str | None = None
    area: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {"population": self.population, "as_of": self.as_of.isoformat(), "department": self.department,
                "category": self.category, "area": self.area}  # fmt: skip

    def describe(self) -> str:
        when = "在册" if self.population == "recipients" else "前已发放"
        parts = [f"{POPULATIONS[self.population]}（{self.as_of.isoformat()} {when}）"]
        parts += [f"{k} {v}" for k, v in (("认定部门", self.department), ("救助类别", self.category),
                                          ("区划", self.area)) if v]  # fmt: skip
        return "，".join(parts)


@dataclass(frozen=True)
class Candidate:
    """A person of the frame, as the workspace (or the case) keeps them: keyed hash, ciphertexts, masks."""

    person_key: str
    id_cipher: bytes
    name_cipher: bytes | None
    id_masked: str
    name_masked: str | None
    categories: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    area: str | None = None
    case_id: int | None = None


@dataclass(frozen=True)
class Sample:
    """A sample for a rate within ± margin at this confidence (e.g. 0.05 and 0.95), drawn with ``seed``."""

    margin: Decimal
    confidence: Decimal
    seed: str


def check_frame(frame: Frame) -> Frame:
    if frame.population not in POPULATIONS:
        raise VisitError(f"未知的回访总体“{frame.population}”", where=Location(key="回访总体"),
                         fix=f"可选：{'、'.join(f'{c}（{n}）' for c, n in POPULATIONS.items())}")  # fmt: skip
    area = (frame.area or "").strip() or None
    return Frame(frame.population, frame.as_of, (frame.department or "").strip() or None,
                 (frame.category or "").strip() or None, area)  # fmt: skip


def planned_size(frame_size: int, sample: Sample | None) -> int:
    """How many people a plan visits: all of the frame, or the survey's sample size for it (at most the frame)."""
    if sample is None:
        return frame_size
    if not (Decimal(0) < sample.margin < Decimal(1)) or not (Decimal(0) < sample.confidence < Decimal(1)):
        raise VisitError(f"误差界 {sample.margin} 或置信水平 {sample.confidence} 无效", where=Location(key="误差界"),
                         fix="误差界和置信水平都在 0 与 1 之间，如误差界 0.05、置信水平 0.95")  # fmt: skip
    if frame_size == 0:
        return 0
    return min(frame_size, sample_size(float(sample.margin), frame_size, float(sample.confidence)))


def draw_order(seed: str, id_number: str) -> str:
    """A person's place in the draw: SHA-256 of ``"<seed>:<身份证号>"`` (hex); smallest first."""
    return hashlib.sha256(f"{seed}:{id_number}".encode()).hexdigest()


def draw(candidates: Sequence[Candidate], size: int, seed: str | None, ring: KeyRing) -> list[Candidate]:
    """The first ``size`` people of the frame in the seed's order; the whole frame (by masked ID, then ID) without
    a seed. ``ring`` opens the 身份证号 the order is computed on (the same before and after a key rotation)."""
    numbers = {id(c): ring.decrypt(c.id_cipher) for c in candidates}
    if seed is None:
        return sorted(candidates, key=lambda c: (c.id_masked, numbers[id(c)]))[:size]
    return sorted(candidates, key=lambda c: draw_order(seed, numbers[id(c)]))[:size]


def check_method(method: str) -> str:
    if method not in METHODS:
        raise VisitError(f"未知的抽样方式“{method}”", where=Location(key="抽样方式"),
                         fix="可选：all（全部回访）、sample（抽样回访）")  # fmt: skip
    return method


def check_plan(name: str, period: tuple[dt.date, dt.date], frame: Frame, frame_size: int) -> str:
    """The plan's name, tidied; VisitError when it is empty, the period is backwards or the frame is empty."""
    text = " ".join(name.split())
    if not text:
        raise VisitError("回访计划须有名称", where=Location(key="计划名称"), fix="如：2026年第一季度困难群众回访")
    if period[1] < period[0]:
        raise VisitError(f"回访期间 {period[0].isoformat()} 至 {period[1].isoformat()} 无效",
                         where=Location(key="回访期间"), fix="结束日期不能早于开始日期")  # fmt: skip
    if frame_size == 0:
        raise VisitError(f"回访总体为空：{frame.describe()}", where=Location(key="回访总体"),
                         fix="请核对认定部门、救助类别、区划和日期；名单或案件尚未导入的，请先导入")  # fmt: skip
    return text


@dataclass(frozen=True)
class Outcome:
    """What one attempt to visit found. ``outcome``/``mode``/``needs`` take codes or their Chinese labels."""

    outcome: str  # VISIT_OUTCOMES
    visited_on: dt.date
    visitor: str
    mode: str  # VISIT_MODES: home (入户) | phone (电话)
    needs: tuple[str, ...] = ()  # NEED_KINDS
    needs_text: str | None = None
    satisfaction: str | None = None  # one of the scale's options; only when visited
    reason: str | None = None  # required when not reached or refused
    note: str | None = None


def _code(value: str, table: dict[str, str], what: str) -> str:
    text = value.strip()
    found = text if text in table else next((c for c, label in table.items() if label == text), None)
    if found is None:
        raise VisitError(f"未知的{what}“{value}”", where=Location(key=what),
                         fix=f"可填：{'、'.join(table.values())}")  # fmt: skip
    return found


def _clean(text: str | None) -> str | None:
    return (text or "").strip() or None


def check_outcome(o: Outcome, scale: Scale, *, today: dt.date) -> Outcome:
    """The outcome with codes for its labels; VisitError naming what is missing or inconsistent."""
    outcome = _code(o.outcome, VISIT_OUTCOMES, "回访结果")
    mode = _code(o.mode, VISIT_MODES, "回访方式")
    needs = tuple(dict.fromkeys(_code(n, NEED_KINDS, "需求类别") for n in o.needs))
    visitor, reason = " ".join(o.visitor.split()), _clean(o.reason)
    satisfaction = _clean(o.satisfaction)
    if not visitor:
        raise VisitError("未填写回访人", where=Location(key="回访人"), fix="请填写入户或电话回访的工作人员姓名")
    if o.visited_on > today:
        raise VisitError(f"回访日期 {o.visited_on.isoformat()} 晚于今天", where=Location(key="回访日期"),
                         fix="请填写实际回访的日期")  # fmt: skip
    if outcome != "visited":
        if not reason:
            raise VisitError(f"“{VISIT_OUTCOMES[outcome]}”须写明原因", where=Location(key="原因"),
                             fix="如：外出务工，电话无法接通；或：本人表示不需要回访")  # fmt: skip
        if satisfaction or needs or _clean(o.needs_text):
            raise VisitError(f"“{VISIT_OUTCOMES[outcome]}”时不能登记需求或满意度", where=Location(key="回访结果"),
                             fix="只有已回访的对象才有需求和满意度；请核对回访结果")  # fmt: skip
    if satisfaction is not None and satisfaction not in scale.options:
        raise VisitError(f"满意度“{satisfaction}”不在选项中", where=Location(key="满意度"),
                         fix=f"可填：{'、'.join(scale.options)}；对象未作答时留空")  # fmt: skip
    return Outcome(outcome, o.visited_on, visitor, mode, needs, _clean(o.needs_text), satisfaction, reason,
                   _clean(o.note))  # fmt: skip


@dataclass(frozen=True)
class Seen:
    """A target as the tally needs it: its latest outcome (None: not attempted yet), answer and needs."""

    outcome: str | None
    satisfaction: str | None = None
    needs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Ratio:
    """A rate with what it is made of: numerator ÷ denominator (None when the denominator is 0)."""

    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    def as_dict(self) -> dict[str, object]:
        value = self.value
        return {"numerator": self.numerator, "denominator": self.denominator,
                "value": None if value is None else round(value, 6)}  # fmt: skip


@dataclass(frozen=True)
class Tally:
    """A plan's counts and rates (over the targets in the reader's scope)."""

    planned: int
    frame_size: int | None
    outcomes: dict[str, int]  # VISIT_OUTCOMES codes and "pending" (待回访)
    visit_rate: Ratio  # visited ÷ planned (回访率)
    coverage: Ratio | None  # visited ÷ frame size (回访覆盖率); None: the frame within the reader's scope is unknown
    satisfaction_rate: Ratio  # the scale's satisfied answers ÷ visited people who answered (回访满意率)
    answers: dict[str, int]  # per option of the scale
    needs: dict[str, int] = field(default_factory=dict)  # per NEED_KINDS code: visited people who had it

    def as_dict(self) -> dict[str, object]:
        return {"planned": self.planned, "frame_size": self.frame_size, "outcomes": self.outcomes,
                "visit_rate": self.visit_rate.as_dict(),
                "coverage": None if self.coverage is None else self.coverage.as_dict(),
                "satisfaction_rate": self.satisfaction_rate.as_dict(), "answers": self.answers,
                "needs": {NEED_KINDS[k]: n for k, n in self.needs.items()}}  # fmt: skip


def tally(seen: Iterable[Seen], scale: Scale, *, frame_size: int | None) -> Tally:
    """Counts and rates of a plan's targets. ``frame_size``: the frame's size within the reader's scope — the
    plan's for a reader who sees all of it; None when unknown (a sample seen by an area or department account)."""
    rows = list(seen)
    outcomes = dict.fromkeys((*VISIT_OUTCOMES, "pending"), 0)
    answers = dict.fromkeys(scale.options, 0)
    needs = dict.fromkeys(NEED_KINDS, 0)
    for row in rows:
        outcomes[row.outcome or "pending"] += 1
        if row.outcome != "visited":
            continue
        if row.satisfaction in answers:
            answers[row.satisfaction] += 1
        for need in set(row.needs):
            needs[need] += 1
    visited = outcomes["visited"]
    satisfied = sum(answers[o] for o in scale.satisfied if o in answers)
    coverage = None if frame_size is None else Ratio(visited, frame_size)
    return Tally(len(rows), frame_size, outcomes, Ratio(visited, len(rows)), coverage,
                 Ratio(satisfied, sum(answers.values())), answers, needs)  # fmt: skip


__all__ = ["NEED_KINDS", "VISIT_MODES", "VISIT_OUTCOMES", "Candidate", "Frame", "Outcome", "Ratio", "Sample",
           "Scale", "Seen", "Tally", "VisitError", "check_frame", "check_method", "check_outcome", "check_plan", "draw",
           "planned_size", "tally"]  # fmt: skip
