"""Progress bars on stderr with rich, for steps that can take more than a couple of seconds."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, SpinnerColumn, TaskID, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as Bars

from medaid.progress import Progress, Task


class RichTask(Task):
    def __init__(self, bars: Bars, label: str, total: float | None) -> None:
        super().__init__(label, total)
        self.bars = bars
        self.id: TaskID = bars.add_task(label, total=total)

    def advance(self, amount: float = 1) -> None:
        super().advance(amount)
        self.bars.advance(self.id, amount)

    def describe(self, label: str) -> None:
        super().describe(label)
        self.bars.update(self.id, description=label)

    def close(self) -> None:
        total = self.total if self.total is not None else 1
        self.bars.update(self.id, total=total, completed=total)
        self.bars.remove_task(self.id)


class RichProgress(Progress):
    """Bars drawn while the service runs and wiped when it ends (the result is what stays)."""

    def __init__(self) -> None:
        self.bars = Bars(
            SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
            TimeElapsedColumn(), console=Console(stderr=True), transient=True,
        )  # fmt: skip

    def task(self, label: str, total: float | None = None) -> Task:
        return RichTask(self.bars, label, total)

    def __enter__(self) -> RichProgress:
        self.bars.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.bars.stop()
