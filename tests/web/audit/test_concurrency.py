"""Writers at the same time never fork the chain: threads and processes appending
together leave one chain, numbered without gaps, on SQLite and PostgreSQL (whichever
DATABASE_URL the run uses)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection, connections

from diogel.audit import AuditRecord
from diogel.audit.verify import verify
from diogel.governance.chain import GENESIS
from diogel.web.audit.models import ChainHead, Entry
from diogel.web.audit.trail import site_trail
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS, EACH = 4, 6


def _in_memory() -> bool:
    return bool(getattr(connection, "is_in_memory_db", lambda: False)())


def _one_chain(expected: int) -> None:
    """Checked here from the stored columns: ids 1..n, each chained to the one before."""
    rows = list(Entry.objects.order_by("entry_id").values_list("entry_id", "previous_hash"))
    hashes = dict(Entry.objects.values_list("entry_id", "entry_hash"))
    assert [r[0] for r in rows] == list(range(1, expected + 1))
    assert [r[1] for r in rows] == [GENESIS] + [hashes[i] for i in range(1, expected)]
    head = ChainHead.objects.get(pk=1)
    assert (head.entries, head.last_hash) == (expected, hashes[expected])
    assert verify(site_trail(), full=True).intact


def test_threads_appending_together_keep_one_chain() -> None:
    if connection.vendor == "sqlite" and _in_memory():
        # Its shared cache refuses a second writer at once ("table is locked") where a
        # file waits: the SQLite file is covered by the next tests.
        pytest.skip("an in-memory SQLite database is not how the site runs")
    start = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            start.wait()
            for i in range(EACH):
                site_trail().append(AuditRecord(f"writer{n}", "view records", f"page {i}"))
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    _one_chain(WRITERS * EACH)


WRITER = """
import django, sys, threading
django.setup()
from django.db import connections
from diogel.audit import AuditRecord
from diogel.web.audit.trail import site_trail
def write(name):
    for i in range(int(sys.argv[2])):
        site_trail().append(AuditRecord(name, "view records", f"page {i}", channel="cli"))
    connections.close_all()
threads = [threading.Thread(target=write, args=(f"{sys.argv[1]}-{t}",)) for t in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
"""

CHECK = """
import django
django.setup()
from diogel.audit.verify import verify
from diogel.web.audit.models import Entry
from diogel.web.audit.trail import site_trail
ids = list(Entry.objects.order_by("entry_id").values_list("entry_id", flat=True))
print(len(ids), ids == list(range(1, len(ids) + 1)), verify(site_trail(), full=True).intact)
"""


def _run_writers(env: dict[str, str]) -> None:
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, f"process{n}", str(EACH)], env=env)
        for n in range(WRITERS)
    ]
    assert [w.wait(timeout=600) for w in writers] == [0] * WRITERS


@pytest.mark.slow
def test_processes_and_threads_on_an_sqlite_file_keep_one_chain(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "DIOGEL_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "diogel.web.settings.test",
        "PYTHONPATH": str(REPO_ROOT / "src"),
    }
    migrate = [sys.executable, "-m", "django", "migrate", "-v", "0"]
    subprocess.run(migrate, env=env, check=True, timeout=600)
    _run_writers(env)
    done = subprocess.run(
        [sys.executable, "-c", CHECK], env=env, check=True, capture_output=True, text=True
    )
    assert done.stdout.split() == [str(WRITERS * EACH * 2), "True", "True"]


def test_processes_appending_together_keep_one_chain() -> None:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        if _in_memory():
            pytest.skip("an in-memory SQLite database is not shared: the SQLite file test is")
        url = f"sqlite:///{settings['NAME']}"
    else:
        url = (
            f"postgresql://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
            f"{settings['PORT'] or 5432}/{settings['NAME']}"
        )
    from django.conf import settings as django_settings

    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "diogel.web.settings.test",
        "PYTHONPATH": str(REPO_ROOT / "src"),
        # The same seal key as this process, so the head's seal verifies here.
        "DIOGEL_PSEUDONYM_KEYS_DIR": str(django_settings.DIOGEL.pseudonym_keys_dir),
    }
    site_trail().append(AuditRecord("first", "view records", "page 0"))  # the head exists
    _run_writers(env)
    _one_chain(1 + WRITERS * EACH * 2)
