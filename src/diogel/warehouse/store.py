"""Where the warehouse lives and whether it is usable."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

import duckdb

#: DuckDB's per-process cache of open database files races when two threads open the
#: same file at once ("Unique file handle conflict"); the threaded server does, so
#: opening is serialised (queries on the connections still run in parallel).
_OPEN_LOCK = threading.Lock()


#: The databases open for reuse in this context (see :func:`reuse_connections`), by
#: catalogue file; None outside one.
_REUSED: ContextVar[dict[Path, duckdb.DuckDBPyConnection] | None] = ContextVar(
    "diogel_warehouse_reused", default=None
)


@contextmanager
def reuse_connections() -> Iterator[None]:
    """Inside, every :meth:`Warehouse.connect` of one warehouse shares one open database.

    Opening the DuckDB file costs more than most answers (reading its catalogue, and
    replaying its WAL): one figure asks for a connection several times, a page or a
    report for many figures. Inside this context the file is opened once, on first
    use, and each ``connect`` returns a new connection to that open database (a
    DuckDB cursor: its own transactions, closed by its caller as before). The file is
    closed on leaving, so another process can write to it between requests, as it
    could before. Nested uses share the outermost one's.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> warehouse = Warehouse(Path(tempfile.mkdtemp()))
    >>> with reuse_connections():
    ...     with warehouse.connect() as con:
    ...         _ = con.execute("create table t as select 42 as answer")
    ...     with warehouse.connect() as con:
    ...         con.execute("select answer from t").fetchone()
    (42,)
    """
    if _REUSED.get() is not None:
        yield
        return
    opened: dict[Path, duckdb.DuckDBPyConnection] = {}
    token = _REUSED.set(opened)
    try:
        yield
    finally:
        _REUSED.reset(token)
        for con in opened.values():
            con.close()


class WarehouseBusyError(RuntimeError):
    """Another process holds the warehouse for writing."""


class WarehouseUnreadableError(RuntimeError):
    """DuckDB cannot read the warehouse catalogue: it is corrupt, truncated, not a
    DuckDB file, or not a file at all. Waiting will not mend it, so it is raised at once.

    ``reason`` is DuckDB's, with the file's full path shortened to its name (it is shown
    on public answers, which need not describe the host).
    """

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"the warehouse {path} cannot be read: {reason}")


#: How DuckDB begins the message of a lock it could not take (another process has
#: the file open). Only this is waited out: matching any "lock" in the message also
#: caught a corrupt file ("checksum ... in block at location ...") and a directory
#: named, say, "blocklists", which then hung for the whole wait and was called busy.
_LOCK_CONFLICT = "Could not set lock on file"


def _reason(exc: duckdb.Error, path: Path) -> str:
    """DuckDB's message without its "IO Error: " prefix or the file's full path."""
    message = str(exc).strip()
    prefix, sep, rest = message.partition(": ")
    if sep and prefix.endswith("Error"):
        message = rest
    return message.replace(str(path), path.name)


@dataclass(frozen=True)
class WarehouseStatus:
    """Result of probing the warehouse directory."""

    ok: bool
    path: str
    duckdb_version: str
    detail: str
    #: What is wrong, without the host's paths (for public answers); "" when ok.
    problem: str = ""


class Warehouse:
    """The warehouse directory and its DuckDB catalogue file.

    Parameters
    ----------
    directory
        Folder holding ``catalogue.duckdb`` and the Parquet partitions.
    """

    CATALOGUE = "catalogue.duckdb"
    LOCK_WAIT_SECONDS = 30.0

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @property
    def catalogue_path(self) -> Path:
        return self.directory / self.CATALOGUE

    def connect(self, read_only: bool = False) -> duckdb.DuckDBPyConnection:
        """Open the catalogue (creating it and its tables on first use).

        DuckDB lets one process write at a time; a second writer waits up to
        ``LOCK_WAIT_SECONDS`` and then gets :class:`WarehouseBusyError`. A catalogue
        DuckDB cannot read raises :class:`WarehouseUnreadableError` at once. Inside
        :func:`reuse_connections`, a new connection to the database already open.
        """
        reused = _REUSED.get()
        if reused is not None:
            key = self.catalogue_path.absolute()
            database = reused.get(key)
            if database is None:
                database = reused[key] = self._open(read_only=False)
            return database.cursor()
        return self._open(read_only)

    def _open(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        if not read_only:
            self.directory.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + self.LOCK_WAIT_SECONDS
        while True:
            try:
                with _OPEN_LOCK:
                    con = duckdb.connect(str(self.catalogue_path), read_only=read_only)
                break
            except duckdb.Error as exc:
                if _LOCK_CONFLICT not in str(exc):
                    raise WarehouseUnreadableError(
                        self.catalogue_path, _reason(exc, self.catalogue_path)
                    ) from exc
                if time.monotonic() > deadline:
                    raise WarehouseBusyError(
                        f"the warehouse {self.catalogue_path} is in use by another process"
                    ) from exc
                time.sleep(0.2)
        if not read_only:
            from diogel.warehouse.schema import ensure_schema

            ensure_schema(con)
            # Checkpoint every 256 MB of WAL (and on closing), not every 16 MB (DuckDB's
            # default): a batch of imports over one connection otherwise rewrites the
            # table's last row group again and again (a quarter of the CPU of a 1.3 M-row
            # batch). Commits still go to the WAL first, so a crash loses nothing committed.
            con.execute("set checkpoint_threshold = '256MB'")
            # No progress bar on the terminal of whoever writes (the CLI shows its own).
            con.execute("set enable_progress_bar = false")
        return con

    def status(self) -> WarehouseStatus:
        """Probe the warehouse: can the directory be created and DuckDB answer?"""
        problem = ""
        try:
            with self.connect() as con:
                row = con.execute("select 1").fetchone()
            ok = row == (1,)
            detail = "DuckDB answered" if ok else "DuckDB gave an unexpected answer"
        except WarehouseUnreadableError as exc:
            ok, detail, problem = False, str(exc), f"the warehouse cannot be read: {exc.reason}"
        except WarehouseBusyError as exc:
            ok, detail, problem = False, str(exc), "the warehouse is in use by another process"
        except (OSError, duckdb.Error) as exc:
            ok, detail = False, f"{type(exc).__name__}: {exc}"
        if not ok and not problem:
            problem = "the warehouse cannot be opened"
        return WarehouseStatus(ok, str(self.directory), duckdb.__version__, detail, problem)


def idle_cores() -> int:
    """How many cores other work leaves idle (this process's own thread included), by
    the last minute's load average; at least one.

    DuckDB's default of a thread per core slows its work down when the cores are busy
    with other processes (on two cores shared with two busy processes, a 1.3 M-row
    ingest took twice as long with two threads as with one).
    """
    cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except OSError:  # no load average on this system
        return cores
    return max(1, min(cores, round(cores + 1 - load)))


@contextmanager
def bulk_threads(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """DuckDB's threads set to :func:`idle_cores` for a bulk read and write on ``con``,
    and put back afterwards (the setting is the database's, shared by its connections)."""
    before = con.execute("select current_setting('threads')").fetchone()
    threads = idle_cores()
    con.execute(f"set threads = {threads}")
    try:
        yield
    finally:
        if before is not None and int(before[0]) != threads:
            con.execute(f"set threads = {int(before[0])}")
