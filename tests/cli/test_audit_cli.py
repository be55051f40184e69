"""``diogel audit``: list and verify the one trail, and carry the warehouse's old log
into it, from the command line (the site's trail, through load_services)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diogel.audit import AuditRecord
from diogel.cli.main import app
from diogel.governance.chain import GENESIS, chain_hash
from diogel.warehouse import Warehouse

runner = CliRunner()
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIOGEL_VAR_DIR", str(tmp_path / "var"))


def _append(n: int) -> None:
    from diogel.web.audit.trail import site_trail

    for i in range(n):
        site_trail().append(AuditRecord("analyst", "view records", f"page {i}", channel="site"))


def test_verify_checks_from_the_checkpoint_and_in_full() -> None:
    _append(5)
    result = runner.invoke(app, ["audit", "verify", "--json"])
    assert result.exit_code == 0
    first = json.loads(result.stdout)
    assert (first["intact"], first["checked"], first["new_checkpoint"]) == (True, 5, 5)
    _append(2)
    second = json.loads(runner.invoke(app, ["audit", "verify", "--json"]).stdout)
    assert (second["started_after"], second["checked"]) == (5, 2)
    full = json.loads(runner.invoke(app, ["audit", "verify", "--full", "--json"]).stdout)
    assert (full["full"], full["checked"]) == (True, 7)


def test_verify_fails_on_tampering() -> None:
    from diogel.web.audit.models import Entry

    _append(3)
    Entry.objects.filter(entry_id=2).update(actor="someone else")
    result = runner.invoke(app, ["audit", "verify", "--full"])
    assert result.exit_code == 1
    assert "entry 2: entry changed after it was written" in result.output


def test_list_shows_the_newest_entries() -> None:
    _append(4)
    result = runner.invoke(app, ["audit", "list", "--limit", "2", "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [(r["entry_id"], r["target"], r["channel"]) for r in rows] == [
        (4, "page 3", "site"),
        (3, "page 2", "site"),
    ]
    assert "page 3" in runner.invoke(app, ["audit", "list"]).output


def test_the_warehouse_log_is_adopted_once(tmp_path: Path) -> None:
    from diogel.settings import load_settings
    from diogel.web.audit.models import Entry

    warehouse = Warehouse(load_settings().warehouse_dir)
    seen = dt.datetime(2025, 6, 1, 12, 0)
    fields = {
        "seen_at": seen.isoformat(),
        "who": "operator",
        "action": "purge",
        "target": "import 2",
        "detail": "rows removed: incidents=5",
    }
    entry_hash = chain_hash(GENESIS, fields)
    with warehouse.connect() as con:
        con.execute(
            "insert into audit_log values (?, 'operator', 'purge', 'import 2', "
            "'rows removed: incidents=5', 1, ?, ?)",
            [seen, GENESIS, entry_hash],
        )
        con.execute("insert into audit_head values (?, 1)", [entry_hash])
    result = runner.invoke(app, ["audit", "adopt-warehouse-log"])
    assert result.exit_code == 0, result.output
    assert "adopted 1 entries; the old chain was intact" in result.output
    assert list(Entry.objects.order_by("entry_id").values_list("action", "target")) == [
        ("purge", "import 2"),
        ("adopt_warehouse_log", f"warehouse log {entry_hash}"),
    ]
    again = runner.invoke(app, ["audit", "adopt-warehouse-log"])
    assert "already adopted" in again.output
    assert Entry.objects.count() == 2
