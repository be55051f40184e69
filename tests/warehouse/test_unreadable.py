"""A warehouse DuckDB cannot read is said to be so at once; only a lock is waited out.

Each case is a file made here by hand (random bytes, a real catalogue cut short or with
a block overwritten, a directory where the file should be), so what is expected does
not come from the code under test. No wall-clock time is asserted: a spy on the
store's ``time.sleep`` shows whether any lock-wait happened.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest

from diogel.warehouse import Warehouse, store
from diogel.warehouse.store import (
    WarehouseBusyError,
    WarehouseUnreadableError,
    reuse_connections,
)


class WaitedError(Exception):
    """Raised by the sleep spy when a wait is not expected."""


@pytest.fixture
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """A lock-wait (a sleep in the store) fails the test at once, instead of hanging."""
    calls: list[float] = []

    def spy(seconds: float) -> None:
        calls.append(seconds)
        raise WaitedError(f"the store slept {seconds} s waiting for a lock")

    monkeypatch.setattr(store.Warehouse, "LOCK_WAIT_SECONDS", 3600.0)
    monkeypatch.setattr(store.time, "sleep", spy)
    return calls


def _real_catalogue(directory: Path) -> bytes:
    """The bytes of a real warehouse catalogue with some rows in it."""
    warehouse = Warehouse(directory)
    with warehouse.connect() as con:
        con.execute("create table filler as select range as i from range(200000)")
    return warehouse.catalogue_path.read_bytes()


def _random_bytes(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(random.Random(17).randbytes(64 * 1024))


def _truncated(path: Path) -> None:
    real = _real_catalogue(path.parent.parent / "source")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(real[: len(real) // 2])


def _overwritten_block(path: Path) -> None:
    # A block past the header with its bytes changed: DuckDB's checksum fails, and its
    # message ("... in block at location ...") holds the letters "lock".
    real = bytearray(_real_catalogue(path.parent.parent / "source"))
    real[8192 : 8192 + 64] = bytes(64)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(real))


def _directory(path: Path) -> None:
    # Root reads any file whatever its mode, so unreadable is a directory in its place.
    path.mkdir(parents=True)


BROKEN: dict[str, tuple[Callable[[Path], None], str]] = {
    "random bytes": (_random_bytes, "not a valid DuckDB database file"),
    "truncated": (_truncated, "Could not read enough bytes"),
    "overwritten block": (_overwritten_block, "Corrupt database file"),
    "a directory": (_directory, "Is a directory"),
}

OPENINGS: dict[str, Callable[[Warehouse], None]] = {
    "to write": lambda w: w.connect().close(),
    "read-only": lambda w: w.connect(read_only=True).close(),
    "reused in a request": lambda w: _reused(w),
}


def _reused(warehouse: Warehouse) -> None:
    with reuse_connections():
        warehouse.connect().close()


@pytest.mark.parametrize("opening", OPENINGS)
@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_catalogue_is_unreadable_at_once(
    tmp_path: Path, no_waiting: list[float], case: str, opening: str
) -> None:
    make, duckdb_says = BROKEN[case]
    warehouse = Warehouse(tmp_path / "w")
    make(warehouse.catalogue_path)
    with pytest.raises(WarehouseUnreadableError) as raised:
        OPENINGS[opening](warehouse)
    assert no_waiting == []
    assert raised.value.path == warehouse.catalogue_path
    assert duckdb_says in raised.value.reason
    assert str(tmp_path) not in raised.value.reason, "the reason names the file, not its path"
    assert str(warehouse.catalogue_path) in str(raised.value)
    assert "cannot be read" in str(raised.value)


def test_a_folder_named_like_a_lock_does_not_make_a_broken_file_busy(
    tmp_path: Path, no_waiting: list[float]
) -> None:
    warehouse = Warehouse(tmp_path / "blocklists" / "w")
    _random_bytes(warehouse.catalogue_path)
    with pytest.raises(WarehouseUnreadableError, match="not a valid DuckDB database file"):
        warehouse.connect()
    assert no_waiting == []


#: Another process opens the catalogue, says so, and holds it until its input closes.
HOLDER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
sys.stdin.read()
con.close()
"""


@pytest.fixture
def held(tmp_path: Path) -> Iterator[Warehouse]:
    """A warehouse another process has open (and so locked)."""
    warehouse = Warehouse(tmp_path / "w")
    warehouse.connect().close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(warehouse.catalogue_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "holding"
        yield warehouse
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=60)


def test_a_lock_held_by_another_process_is_waited_for_then_busy(
    held: Warehouse, monkeypatch: pytest.MonkeyPatch
) -> None:
    sleeps: list[float] = []
    real_sleep = time.sleep

    def spy(seconds: float) -> None:
        sleeps.append(seconds)
        real_sleep(seconds)

    monkeypatch.setattr(store.Warehouse, "LOCK_WAIT_SECONDS", 0.5)
    monkeypatch.setattr(store.time, "sleep", spy)
    with pytest.raises(WarehouseBusyError, match="in use by another process") as raised:
        held.connect()
    assert sleeps, "a lock is waited for before giving up"
    assert isinstance(raised.value.__cause__, duckdb.IOException)
