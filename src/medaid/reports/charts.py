"""Charts where people would rather look than read, drawn with matplotlib as PNG for Word
and the PDF: scores by dimension, fund income by source and spending by use, monthly
spending progress against the time-proportional line, assistance by category and visit
type, and months of fund coverage month by month.

A chart is decided (its title, caption and numbers) when the report is built, and drawn the
first time a renderer asks for its PNG: scoring a report, or writing it as xlsx or json, draws
nothing and does not import matplotlib.

Chinese labels use the CJK fonts ``scripts/system-deps.sh`` installs (文泉驿微米黑).
"""

from __future__ import annotations

import functools
import io
import threading
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from medaid.analytics.chart_data import ChartData
from medaid.money import to_yuan
from medaid.reports.numbers import yuan_text

if TYPE_CHECKING:
    from matplotlib.axes import Axes

FONT_FILES = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/arphic/uming.ttc")
MONTHS = [f"{m}月" for m in range(1, 13)]


class Chart:
    """A chart's title and caption, and its PNG: given, or drawn the first time it is asked for (once)."""

    def __init__(self, title: str, png: bytes | Callable[[], bytes], caption: str) -> None:
        self.title = title
        self.caption = caption  # what the chart shows, in a sentence, for readers who cannot see it
        self._png = png if isinstance(png, bytes) else None
        self._draw = png if callable(png) else None
        self._lock = threading.Lock()

    @property
    def png(self) -> bytes:
        with self._lock:  # two renderers of one report in two threads draw it once
            if self._png is None and self._draw is not None:
                self._png, self._draw = self._draw(), None
            return self._png or b""

    def __repr__(self) -> str:
        return f"Chart({self.title!r}, caption={self.caption!r})"


@functools.cache
def _fonts() -> tuple[str, ...]:
    """The CJK fonts' names, each font file read once a process (reading one takes about 0.1 s)."""
    from matplotlib import font_manager

    names = []
    for file in FONT_FILES:
        if Path(file).exists():
            font_manager.fontManager.addfont(file)
            names.append(font_manager.FontProperties(fname=file).get_name())
    return tuple(names)


def _pyplot() -> ModuleType:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    pyplot.rcParams["font.sans-serif"] = [*_fonts(), "DejaVu Sans"]
    pyplot.rcParams["font.family"] = "sans-serif"
    pyplot.rcParams["axes.unicode_minus"] = False
    return pyplot


def _figure(draw: Callable[[Axes], None], size: tuple[float, float] = (6.4, 3.4)) -> Callable[[], bytes]:
    """What draws the PNG, when a renderer asks for it."""
    return lambda: _drawn(draw, size)


def _drawn(draw: Callable[[Axes], None], size: tuple[float, float]) -> bytes:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=size, dpi=150)
    try:
        draw(ax)
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
        return buffer.getvalue()
    finally:
        plt.close(fig)


def _wan(fen: int) -> float:
    return fen / 1_000_000  # 万元


def dimension_chart(names: list[str], weights: list[float], scores: list[float]) -> Chart:
    def draw(ax: Axes) -> None:
        x = range(len(names))
        ax.bar([i - 0.2 for i in x], weights, width=0.4, label="分值", color="#c8d6e5")
        ax.bar([i + 0.2 for i in x], scores, width=0.4, label="得分", color="#2e86de")
        for i, s in zip(x, scores, strict=True):
            ax.annotate(f"{s:g}", (i + 0.2, s), ha="center", va="bottom", fontsize=8)
        ax.set_xticks(list(x), names)
        ax.set_ylabel("分")
        ax.legend()

    parts = "，".join(f"{n} {s:g}/{w:g}" for n, s, w in zip(names, scores, weights, strict=True))
    return Chart("各维度得分", _figure(draw), f"各一级指标的得分与分值：{parts}。")


def fund_chart(data: ChartData) -> Chart | None:
    if not data.income_by_subject and not data.spending_by_subject:
        return None

    def draw(ax: Axes) -> None:
        rows = [(f"收入·{s}", _wan(a)) for s, a in data.income_by_subject]
        rows += [(f"支出·{s}", _wan(a)) for s, a in data.spending_by_subject]
        labels, values = [r[0] for r in rows][::-1], [r[1] for r in rows][::-1]
        colors = ["#10ac84" if label.startswith("收入") else "#ee5253" for label in labels]
        ax.barh(labels, values, color=colors)
        ax.set_xlabel("万元")

    income = sum(a for _, a in data.income_by_subject)
    spending = sum(a for _, a in data.spending_by_subject)
    caption = f"当年基金收入 {yuan_text(to_yuan(income))}（按来源），支出 {yuan_text(to_yuan(spending))}（按用途）。"
    height = 0.35 * (len(data.income_by_subject) + len(data.spending_by_subject)) + 1.2
    return Chart("基金收入来源与支出用途", _figure(draw, (6.4, height)), caption)


def progress_chart(data: ChartData) -> Chart | None:
    if not data.available or not any(data.monthly_spending):
        return None
    cumulative, running = [], 0
    for amount in data.monthly_spending:
        running += amount
        cumulative.append(running / data.available * 100)

    def draw(ax: Axes) -> None:
        ax.plot(MONTHS, cumulative, marker="o", label="累计支出进度", color="#2e86de")
        ax.plot(MONTHS, [m / 12 * 100 for m in range(1, 13)], linestyle="--", color="#8395a7",
                label="时间进度")  # fmt: skip
        ax.set_ylabel("%")
        ax.legend()

    caption = f"累计支出占可用资金（上年结余 + 当年收入）的比例，年末为 {cumulative[-1]:.2f}%；虚线为时间进度。"
    return Chart("月度支出进度与时间进度", _figure(draw), caption)


def assistance_chart(data: ChartData) -> Chart | None:
    if not data.assistance:
        return None
    categories = sorted({c for c, _ in data.assistance}, key=lambda c: -sum(a for (k, _), a in data.assistance.items()
                                                                             if k == c))  # fmt: skip
    visits = sorted({v for _, v in data.assistance})

    def draw(ax: Axes) -> None:
        bottom = [0.0] * len(categories)
        for visit in visits:
            values = [_wan(data.assistance.get((c, visit), 0)) for c in categories]
            ax.bar(categories, values, bottom=bottom, label=visit)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ax.set_ylabel("万元")
        ax.tick_params(axis="x", labelrotation=30, labelsize=8)
        ax.legend()

    total = sum(data.assistance.values())
    return Chart("救助金额按类别与就诊类型", _figure(draw, (6.4, 3.8)),
                 f"医疗救助与倾斜救助支付合计 {yuan_text(to_yuan(total))}，按救助类别与就诊类型分列。")  # fmt: skip


def coverage_chart(data: ChartData) -> Chart | None:
    if data.opening is None or not any(data.monthly_spending):
        return None
    months: list[float] = []
    balance, spent = data.opening, 0
    for m in range(12):
        balance += data.monthly_income[m] - data.monthly_spending[m]
        spent += data.monthly_spending[m]
        average = spent / (m + 1)
        months.append(balance / average if average else 0.0)

    def draw(ax: Axes) -> None:
        ax.bar(MONTHS, months, color="#54a0ff")
        ax.set_ylabel("个月")

    return Chart("基金可支撑月数", _figure(draw),
                 f"各月末累计结余可支撑的月数（结余 ÷ 当年月均支出），年末为 {months[-1]:.2f} 个月。")  # fmt: skip


def data_charts(data: ChartData) -> list[Chart]:
    made = (fund_chart(data), progress_chart(data), assistance_chart(data), coverage_chart(data))
    return [c for c in made if c is not None]


def question_chart(number: int, text: str, counts: dict[str, int]) -> Chart:
    """One survey question's answers, as the share of those who answered."""
    answered = sum(counts.values()) or 1
    options = list(counts)

    def draw(ax: Axes) -> None:
        shares = [counts[o] / answered * 100 for o in options][::-1]
        ax.barh(options[::-1], shares, color="#48dbfb")
        for y, share in enumerate(shares):
            ax.annotate(f"{share:.1f}%", (share, y), va="center", fontsize=8)
        ax.set_xlabel("%")
        ax.set_xlim(0, 110)

    parts = "，".join(f"{o} {n} 人" for o, n in counts.items())
    return Chart(f"第{number}题 {text}", _figure(draw, (6.4, 0.3 * len(options) + 1.1)), f"各选项人数：{parts}。")
