"""A workspace: one folder per programme and year, with its settings, store and key.

```
DIR/
  medaid.yaml      settings (region, year, framework, thresholds), checked on open (medaid.settings)
  store.duckdb     the analytics store (embedded DuckDB): what is small, and which Parquet files are current
  tables/          the bulk tables as Parquet, tables/settlements/year=2024/month=3/*.parquet (store.bulk)
  medaid.key       the key for personal data (owner-only); or MEDAID_KEY in the environment
  rejects/         rows refused at import, one CSV per import
  ledgers/         verification ledgers (核查台账), one folder per run
  .medaid-tmp/     private scratch space (transcodings, DuckDB spill files); never outlives a crash
```

The folder is owner-only (0700) and every file in it 0600, whatever the umask (``store.scratch``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

import duckdb

from medaid.environment import variable_set
from medaid.errors import Location, MedaidError
from medaid.settings import DEFAULT_WARNING_THRESHOLD, KEY_FILE, Settings
from medaid.store import bulk, bulk_life, engine, schema, scratch
from medaid.store.crypto import ENV_VAR, KeyRing, create_key_file, load_key
from medaid.store.keys import check_key

SETTINGS_FILE = "medaid.yaml"
STORE_FILE = "store.duckdb"
# The workspaces this process serves (Workspace.serve), with their settings as last read and the
# (modification time, size) of medaid.yaml they were read at.
_SERVED: dict[Path, tuple[tuple[int, int], Settings]] = {}


def _settings_mark(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


__all__ = ["DEFAULT_WARNING_THRESHOLD", "KEY_FILE", "SETTINGS_FILE", "STORE_FILE", "Settings", "Workspace",
           "WorkspaceError"]  # fmt: skip


class WorkspaceError(MedaidError):
    """A workspace cannot be made or opened."""


@dataclass
class Workspace:
    root: Path
    settings: Settings

    @property
    def store_path(self) -> Path:
        return self.root / STORE_FILE

    @property
    def key_path(self) -> Path:
        return self.settings.key_path(self.root)

    @property
    def rejects_dir(self) -> Path:
        return self.root / "rejects"

    @property
    def ledgers_dir(self) -> Path:
        return self.root / "ledgers"

    def key(self) -> KeyRing:
        """The workspace's key, checked against the store's fingerprint: a wrong key is refused before
        anything is read or written (``store.keys``). Call it before opening a connection of your own."""
        ring = load_key(self.key_path)
        with self.connect(read_only=True) as con:
            check_key(con, ring, key_path=self.key_path)
        return ring

    def scratch(self) -> Path:
        """This process's private scratch directory in the workspace (``store.scratch``)."""
        return scratch.process_dir(self.root)

    def connect(self, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
        """The store, through the engine factory (MEDAID_DUCKDB_MEMORY and MEDAID_DUCKDB_THREADS bound it);
        DuckDB spills into the private scratch directory, and a second writer waits for the first. The bulk
        tables (``settlements``) are TEMP VIEWs of this connection over their current Parquet files."""
        con = engine.connect(self.store_path, read_only=read_only, temp_directory=self.scratch() / "duckdb")
        try:
            bulk.show(con)  # the bulk tables (Parquet files under tables/) by their names, as views
        except bulk.MissingFileError as err:
            con.close()
            raise WorkspaceError(err.what, where=err.where, fix=err.fix) from err
        except BaseException:
            con.close()
            raise
        return con

    @staticmethod
    def init(
        root: Path,
        *,
        region: str = "",
        year: int | None = None,
        framework: str | None = None,
        report: dict[str, str] | None = None,
    ) -> Workspace:
        """Make a workspace folder with settings, store and key; refuse to overwrite one."""
        if (root / SETTINGS_FILE).exists():
            raise WorkspaceError(
                "这里已经是一个工作区", where=Location(file=str(root)), fix="请换一个文件夹，或直接使用现有工作区"
            )
        root.mkdir(parents=True, exist_ok=True)
        settings = Settings(region=region, year=year, framework=framework, report=dict(report or {}))
        workspace = Workspace(root, settings)
        scratch.protect(root, keys=(workspace.key_path,))
        from_environment = variable_set(ENV_VAR)  # the operator holds the key: no key file is made
        if workspace.store_path.exists() and not from_environment and not workspace.key_path.exists():
            raise WorkspaceError(
                "这里已有数据库 store.duckdb，却没有它的密钥文件",
                where=Location(file=str(workspace.store_path)),
                fix=f"若这是原来的工作区，请把它的密钥文件恢复为 {workspace.key_path}（或设置 {ENV_VAR}）后再运行 "
                "medaid init 补回设置文件；若要新建工作区，请换一个空文件夹。新密钥打不开已有的数据",
            )
        if not from_environment and not workspace.key_path.exists():
            create_key_file(workspace.key_path)
        ring = load_key(workspace.key_path)
        with workspace.connect() as con:
            dropped = schema.create(con)
            check_key(con, ring, key_path=workspace.key_path)  # a new store records the key; an old one refuses another
        if dropped:
            engine.rewrite(workspace.store_path, workspace.scratch())
        (root / SETTINGS_FILE).write_text(settings.to_yaml(), encoding="utf-8")
        return workspace

    @staticmethod
    def serve(root: Path, *, keep_open: bool = False) -> Workspace:
        """Open the workspace once for a server process, which then opens it on every request: the
        permissions, the scratch space and the store's tables are seen to here, not per request (a
        request's private upload in the scratch space must not be cleaned away by another's), and the
        settings are read again only when medaid.yaml changes. ``keep_open``: see ``engine.share_connections``."""
        workspace = Workspace.open(root)
        _SERVED[workspace.root.resolve()] = _settings_mark(root / SETTINGS_FILE), workspace.settings
        engine.share_connections(workspace.store_path, keep_open=keep_open)
        bulk_life.serve(workspace.root)  # replaced Parquet files outlive an import's COMMIT for its requests
        return workspace

    @staticmethod
    def open(root: Path) -> Workspace:
        path = root / SETTINGS_FILE
        if not path.exists():
            raise WorkspaceError(
                "不是 medaid 工作区（找不到 medaid.yaml）",
                where=Location(file=str(root)),
                fix="请先运行 medaid init 创建工作区",
            )
        served = _SERVED.get(root.resolve())
        if served is not None:  # opened once when the server started: checked, cleaned, up to date
            mark = _settings_mark(path)
            if served[0] != mark:
                served = _SERVED[root.resolve()] = mark, Settings.from_file(path)
            return Workspace(root, copy.copy(served[1]))  # a request may set a field: not on the kept one
        workspace = Workspace(root, Settings.from_file(path))
        scratch.protect(root, keys=(workspace.key_path,))
        scratch.clean(root)  # what a killed command left in clear is removed before anything else runs
        with workspace.connect(read_only=True) as con:  # readers never take the write lock
            up_to_date = schema.current(con)
            bulk.sweep(con)  # Parquet files a killed import wrote and never recorded (no writer while we hold it)
        if not up_to_date:
            with workspace.connect() as con:
                dropped = schema.create(con)  # brings an older store up to the current tables
            if dropped:  # the dropped birth dates are still in the file's freed blocks: copy it afresh
                engine.rewrite(workspace.store_path, workspace.scratch())
        return workspace
