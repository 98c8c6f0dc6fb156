"""Private scratch space for copies of personal data that must exist for a moment.

A GBK file transcoded to UTF-8, or DuckDB spilling a large sort to disk, writes people's
身份证号 and names in clear. Such files go to ``DIR/.medaid-tmp/<pid>-<start>/`` inside the
workspace, owner-only (0700 directories, 0600 files), never to the shared ``$TMPDIR``. The
directory of a process is removed when the process is done with it; what a killed process
left behind is removed by the next process that opens the workspace (its process is gone).

Work without a workspace (a quick calculation over a list) gets a private directory under the
system's temporary folder, made owner-only and removed at the end.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

SCRATCH = ".medaid-tmp"
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
_STARTED = int(time.time())  # tells a process from a later one that reused its pid


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: not ours to judge
    return True


def private_dir(path: Path) -> Path:
    """``path`` made (with its parents inside the workspace) as an owner-only directory."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    path.chmod(PRIVATE_DIR)
    return path


_RELEASED_AT_EXIT: set[Path] = set()


def process_dir(root: Path) -> Path:
    """This process's scratch directory in the workspace at ``root`` (removed when the process ends)."""
    folder = private_dir(private_dir(root / SCRATCH) / f"{os.getpid()}-{_STARTED}")
    if root not in _RELEASED_AT_EXIT:
        _RELEASED_AT_EXIT.add(root)
        atexit.register(release, root)
    return folder


def clean(root: Path) -> list[Path]:
    """Remove what processes that are gone left in the workspace's scratch space; returns what was removed."""
    base = root / SCRATCH
    removed: list[Path] = []
    if not base.is_dir():
        return removed
    for entry in base.iterdir():
        pid_text = entry.name.split("-", 1)[0]
        mine = entry.name == f"{os.getpid()}-{_STARTED}"
        if mine or (pid_text.isdigit() and _alive(int(pid_text)) and entry.is_dir()):
            continue
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry)
    return removed


def release(root: Path) -> None:
    """This process is done with the workspace's scratch space: remove its directory."""
    shutil.rmtree(root / SCRATCH / f"{os.getpid()}-{_STARTED}", ignore_errors=True)


@contextlib.contextmanager
def scratch_file(folder: Path, suffix: str = "") -> Iterator[Path]:
    """A new owner-only file path in ``folder``, removed on exit whatever happens."""
    handle, name = tempfile.mkstemp(suffix=suffix, dir=folder)
    os.close(handle)
    path = Path(name)
    path.chmod(PRIVATE_FILE)
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


DETACHED = "medaid-"  # + <pid>-<start>-<random>: a private directory under the system temp


def clean_detached() -> list[Path]:
    """Remove what killed processes of this user left under the system temp (their process is gone)."""
    removed: list[Path] = []
    for entry in Path(tempfile.gettempdir()).glob(f"{DETACHED}*-*-*"):
        pid_text = entry.name.removeprefix(DETACHED).split("-", 1)[0]
        try:
            mine = entry.is_dir() and not entry.is_symlink() and entry.stat().st_uid == os.getuid()
        except OSError:
            continue
        if mine and pid_text.isdigit() and not _alive(int(pid_text)):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


@contextlib.contextmanager
def detached() -> Iterator[Path]:
    """A private directory for work with no workspace (owner-only, under the system temp), removed at the
    end; named by the process, so that what a killed one left is removed by the next (:func:`clean_detached`)."""
    clean_detached()
    folder = Path(tempfile.mkdtemp(prefix=f"{DETACHED}{os.getpid()}-{_STARTED}-"))  # mkdtemp makes it 0700
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def protect(root: Path, *, keys: tuple[Path, ...] = ()) -> None:
    """The workspace at ``root`` owner-only, whatever the umask: this process creates files 0600 and
    directories 0700 from now on, and what is already there (from an older medaid, or copied in) is
    made so. The workspace holds people's data: its store, app database, rejects, ledgers, push
    lists, reports and evidence. Key files (``keys``) are left as they are: one that others could
    read is refused when loaded, as ssh refuses one, because the key may already have leaked."""
    os.umask(0o077)
    root.chmod(PRIVATE_DIR)
    left = {k.resolve() for k in keys}
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            path = Path(folder) / name
            if not path.is_symlink() and path.stat().st_mode & 0o077:
                path.chmod(PRIVATE_DIR)
        for name in files:
            path = Path(folder) / name
            if path.is_symlink() or path.resolve() in left or name.endswith(".rotating"):
                continue
            if path.stat().st_mode & 0o077:
                path.chmod(PRIVATE_FILE)


def replace_durably(source: Path, target: Path) -> None:
    """Rename ``source`` over ``target`` (atomic on one file system) and flush the folder, so that the
    rename survives a power cut: a key file swapped in, a store file copied afresh."""
    source.replace(target)
    if os.name == "posix":
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
