"""A kind of case of a rule with several kinds (``CaseKind``) and what an actual says of them (``Tally``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from medaid.evaluation.numbers import fmt


@dataclass(frozen=True)
class CaseKind:
    """One kind of case: ``what`` it is called, the ``points`` for each ``per`` cases, its counter (None: any);
    ``words`` an actual may name it by; ``once``: a one-off ("未建立信访台账扣2.5分"); ``full`` and ``cap``:
    the part's own full marks and the most it moves."""

    what: str
    points: Decimal
    per: Decimal = Decimal(1)
    unit: str | None = None
    words: str = ""
    once: bool = False
    full: Decimal | None = None
    cap: Decimal | None = None
    within: int | None = None  # "其中…加扣2分": counted within the kind at this index, deducted on top of it

    def to_dict(self) -> dict[str, object]:
        def num(x: Decimal | None) -> float | None:
            return None if x is None else float(x)

        return {"what": self.what, "points": float(self.points), "per": float(self.per), "unit": self.unit,
                "words": self.words or None, "once": self.once, "full": num(self.full),
                "cap": num(self.cap), "within": self.within}  # fmt: skip

    @property
    def text(self) -> str:
        return self.words or self.what

    def each(self) -> str:
        if self.once:
            return f"出现即{fmt(self.points)}分"
        return f"每{fmt(self.per) if self.per != 1 else ''}{self.unit or '处'}{fmt(self.points)}分"


@dataclass(frozen=True)
class Tally:
    """What an actual says: counts by kind, a veto it names, or why it is not read; ``total``: a bare total."""

    counts: dict[int, Decimal]
    why: str | None = None
    veto: str | None = None
    total: Decimal | None = None
    notes: tuple[str, ...] = ()  # how statements were read ("“应巡访24次,实巡访22次”读作“缺巡访2次”")
