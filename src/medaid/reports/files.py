"""Writing a report file so that an interrupted write leaves no half-written file."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; it replaces ``path`` only on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.part")
    try:
        yield temp
        temp.replace(path)
    finally:
        temp.unlink(missing_ok=True)


@contextmanager
def atomic_private(path: Path, scratch: Path) -> Iterator[Path]:
    """As :func:`atomic`, for a file of identities in clear: the temporary file is written in the
    workspace's private scratch directory (removed at the next start if the process is killed)
    when that is on the same file system as ``path``, so that the final rename stays atomic."""
    path.parent.mkdir(parents=True, exist_ok=True)
    same_device = scratch.stat().st_dev == path.parent.stat().st_dev
    temp = (scratch if same_device else path.parent) / f".{path.name}.part"
    try:
        yield temp
        temp.replace(path)
    finally:
        temp.unlink(missing_ok=True)
