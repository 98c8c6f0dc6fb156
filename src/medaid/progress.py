"""Progress of long steps, reported by the core and drawn by a face.

Services and the domain call :class:`Progress`; by default it draws nothing. The CLI passes
one that draws rich progress bars on stderr when stderr is a terminal; the web app will pass
one that records progress for the page. The core never prints.

```python
with progress.task("导入 结算明细.csv", total=rows) as task:
    ...
    task.advance(chunk)
```
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType


class Task:
    """One step being done; ``total`` None when its size is unknown."""

    def __init__(self, label: str, total: float | None = None) -> None:
        self.label = label
        self.total = total
        self.done = 0.0

    def advance(self, amount: float = 1) -> None:
        self.done += amount

    def describe(self, label: str) -> None:
        """A new label for the same step (e.g. the stage it has reached)."""
        self.label = label

    def __enter__(self) -> Task:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """The step is over."""


class Progress:
    """Silent progress: what every service gets when its caller shows none."""

    def task(self, label: str, total: float | None = None) -> Task:
        return Task(label, total)


SILENT = Progress()


class Waiting:
    """Told while a command waits for another to release the workspace; a face may say so.

    Process-wide because the wait happens deep in the store (the engine factory), far below the
    service that knows its caller's progress; the CLI sets ``notify`` once at start."""

    def __init__(self) -> None:
        self.notify: Callable[[str], None] = lambda _message: None


WAITING = Waiting()
