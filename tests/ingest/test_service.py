"""The one import pipeline: agreements, supersession by period, confirmations,
reinstatement, one audit entry per file and the hooks (core, with an in-memory trail)."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from diogel.audit import AuditEntry, AuditRecord, MemoryAuditTrail
from diogel.figures.base import count_incidents
from diogel.geography import Geography
from diogel.governance.agreements import Agreement, AgreementKind, AgreementStatus, DataLevel
from diogel.ingest import (
    ConfirmationKind,
    IngestFile,
    IngestOptions,
    OutcomeStatus,
    Reason,
    ingest_batch,
    reinstate_import,
)
from diogel.services import Services
from diogel.sources.base import ParsedFile
from diogel.sources.istv import CSV_COLUMNS, parse_istv_file
from diogel.sources.synthetic.istv import site_health_boards, write_months
from diogel.warehouse import Warehouse
from diogel.warehouse.imports import ImportResult, ReinstateError
from diogel.warehouse.purge import purge_imports
from diogel.warehouse.queries import list_imports
from tests.helpers import GWENT, parse_police_uk

DAY = dt.date(2026, 6, 1)
PROVIDER = "synthetic-ed"
TABLES = ("imports", "import_coverage", "incidents", "incident_detail", "quarantine")


def ed_agreement(**changes: object) -> Agreement:
    values: dict[str, object] = {
        "reference": "dda-ed",
        "kind": AgreementKind.DISCLOSURE,
        "status": AgreementStatus.ACTIVE,
        "parties": frozenset({"gwent-police"}),
        "sources": frozenset({"istv"}),
        "purposes": frozenset({"violence-prevention"}),
        "level": DataLevel.AGGREGATE,
        "starts": dt.date(2025, 1, 1),
        "disclosing_parties": frozenset({PROVIDER}),
    }
    values.update(changes)
    return Agreement(**values)  # type: ignore[arg-type]


class Recorder:
    """An after-import hook that remembers what it was called with."""

    def __init__(self) -> None:
        self.calls: list[ImportResult] = []

    def __call__(self, result: ImportResult) -> list[str]:
        self.calls.append(result)
        return [f"recorded import {result.import_id}"]


def services(*agreements: Agreement, hook: Recorder | None = None) -> Services:
    return Services(
        audit=MemoryAuditTrail(),
        agreements=lambda: agreements,
        after_import=(hook,) if hook else (),
    )


def trail(of: Services) -> MemoryAuditTrail:
    assert isinstance(of.audit, MemoryAuditTrail)
    return of.audit


def parse_istv(path: Path, name: str, geo: Geography, agreement: str | None) -> ParsedFile:
    return parse_istv_file(path, site_health_boards=site_health_boards(), name=name)


def istv(path: Path) -> IngestFile:
    return IngestFile(path, "istv", parse_istv)


def police(path: Path, name: str = "") -> IngestFile:
    return IngestFile(path, "police_uk_street", parse_police_uk, name=name)


ED = IngestOptions(agreement="dda-ed", provider=PROVIDER, today=DAY)


def table_rows(warehouse: Warehouse) -> dict[str, object]:
    """Rows in every table an import writes, and every import's status."""
    with warehouse.connect() as con:
        counts: dict[str, object] = {
            t: con.execute(f"select count(*) from {t}").fetchone()[0]  # type: ignore[index]
            for t in TABLES
        }
    counts["statuses"] = [(i["import_id"], i["status"]) for i in list_imports(warehouse)]
    return counts


def counted(warehouse: Warehouse, source: str) -> int:
    return sum(r.count for r in count_incidents(warehouse, [], source=source))


def site_months(tmp_path: Path) -> tuple[list[Path], Path]:
    """One site's SYNTHETIC January to March files, and the same attendances sent
    again as one quarterly file (its header period the whole quarter)."""
    written = write_months(tmp_path / "months", dt.date(2021, 1, 1), 3)
    site = sorted(written)[0].name.split("-istv-")[1][:-12]  # SYNTHETIC-istv-<site>-YYYY-MM.csv
    months = sorted(p for p in written if f"-istv-{site}-" in p.name)
    frame = pd.concat(pd.read_csv(p, dtype=str, keep_default_na=False) for p in months)
    frame["REPORTING_PERIOD_START_DATE"] = "2021-01-01"
    frame["REPORTING_PERIOD_END_DATE"] = "2021-03-31"
    quarter = tmp_path / f"SYNTHETIC-istv-{site}-2021-Q1.csv"
    frame[list(CSV_COLUMNS)].to_csv(quarter, index=False, quoting=csv.QUOTE_MINIMAL)
    return months, quarter


def test_a_quarterly_file_replaces_its_monthly_files_and_counts_once(
    tmp_path: Path, geo: Geography
) -> None:
    warehouse = Warehouse(tmp_path / "w")
    months, quarter = site_months(tmp_path)
    attendances = len(pd.read_csv(quarter, dtype=str))  # independent: rows in the file
    assert attendances == sum(len(pd.read_csv(p, dtype=str)) for p in months)
    hook = Recorder()
    s = services(ed_agreement(), hook=hook)
    first = ingest_batch(warehouse, geo, map(istv, months), s, "analyst", "cli", ED)
    assert [o.status for o in first] == [OutcomeStatus.IMPORTED] * 3
    assert counted(warehouse, "istv") == attendances

    [resent] = ingest_batch(warehouse, geo, [istv(quarter)], s, "analyst", "cli", ED)
    assert resent.status is OutcomeStatus.IMPORTED, resent.message
    assert resent.result is not None
    monthly_ids = [o.result.import_id for o in first if o.result]
    assert sorted(resent.result.superseded) == sorted(monthly_ids)
    # Each attendance once, not twice (the monthly files are no longer counted).
    assert counted(warehouse, "istv") == attendances
    with warehouse.connect() as con:
        coverage = con.execute(
            "select distinct import_id, month from current_coverage order by month"
        ).fetchall()
    assert coverage == [(resent.result.import_id, dt.date(2021, m, 1)) for m in (1, 2, 3)]
    assert [c.import_id for c in hook.calls] == [*monthly_ids, resent.result.import_id]


def test_a_month_inside_a_current_quarter_is_refused_and_changes_nothing(
    tmp_path: Path, geo: Geography
) -> None:
    warehouse = Warehouse(tmp_path / "w")
    months, quarter = site_months(tmp_path)
    s = services(ed_agreement())
    [q] = ingest_batch(warehouse, geo, [istv(quarter)], s, "analyst", "cli", ED)
    assert q.result is not None
    before = table_rows(warehouse)
    [february] = ingest_batch(warehouse, geo, [istv(months[1])], s, "analyst", "cli", ED)
    assert february.status is OutcomeStatus.REFUSED
    assert february.reason is Reason.PARTIAL_OVERLAP
    assert f"import {q.result.import_id} ({quarter.name}, 2021-01-01 to 2021-03-31)" in (
        february.message
    )
    assert [c.import_id for c in february.conflicts] == [q.result.import_id]
    assert table_rows(warehouse) == before
    # The refusal is recorded: one entry per file given.
    assert [e.record.action for e in trail(s).entries] == ["import", "import_refused"]


@pytest.fixture
def december(shared_data: Path) -> Path:
    return shared_data / GWENT / "2021-12-gwent-street.csv"


def test_a_13_row_december_needs_confirming_before_it_replaces_4546(
    tmp_path: Path, geo: Geography, december: Path
) -> None:
    warehouse = Warehouse(tmp_path / "w")
    raw = pd.read_csv(december, dtype=str)
    assert len(raw) == 4546
    s = services()
    [original] = ingest_batch(warehouse, geo, [police(december)], s, "analyst", "cli")
    assert original.result is not None
    short = tmp_path / "2021-12-gwent-street.csv"
    raw.head(13).to_csv(short, index=False)
    before = table_rows(warehouse)

    [refused] = ingest_batch(warehouse, geo, [police(short)], s, "analyst", "cli")
    assert refused.status is OutcomeStatus.NEEDS_CONFIRMATION
    [needed] = refused.confirmations_needed
    assert (needed.kind, needed.new_rows, needed.replaced_rows) == (
        ConfirmationKind.SHRINK,
        13,
        4546,
    )
    assert "13 rows would replace 4,546" in refused.message
    assert table_rows(warehouse) == before
    assert counted(warehouse, "police_uk_street") == len(raw)

    confirmed = IngestOptions(confirm_shrink=True)
    [replaced] = ingest_batch(warehouse, geo, [police(short)], s, "analyst", "cli", confirmed)
    assert replaced.status is OutcomeStatus.IMPORTED
    assert replaced.result is not None
    assert replaced.result.superseded == (original.result.import_id,)
    assert counted(warehouse, "police_uk_street") == 13
    detail = json.loads(trail(s).entries[-1].record.detail)
    assert detail["confirmations"] == ["shrink"]
    assert detail["superseded"] == [original.result.import_id]


def test_a_file_of_its_rows_repeated_60_times_needs_confirming(
    tmp_path: Path, geo: Geography, december: Path
) -> None:
    warehouse = Warehouse(tmp_path / "w")
    block = pd.read_csv(december, dtype=str).head(50)
    repeated = tmp_path / "2021-12-gwent-street.csv"
    pd.concat([block] * 60).to_csv(repeated, index=False)
    s = services()
    [refused] = ingest_batch(warehouse, geo, [police(repeated)], s, "analyst", "cli")
    assert refused.status is OutcomeStatus.NEEDS_CONFIRMATION
    [needed] = refused.confirmations_needed
    assert (needed.kind, needed.repeats, needed.block_rows) == (ConfirmationKind.REPEATED, 60, 50)
    assert list_imports(warehouse) == []
    options = IngestOptions(confirm_repeated=True)
    [accepted] = ingest_batch(warehouse, geo, [police(repeated)], s, "analyst", "cli", options)
    assert accepted.status is OutcomeStatus.IMPORTED
    assert counted(warehouse, "police_uk_street") == 3000


def test_identical_anti_social_behaviour_rows_are_not_repetition(
    tmp_path: Path, geo: Geography, december: Path
) -> None:
    raw = pd.read_csv(december, dtype=str)
    asb = raw[raw["Crime type"] == "Anti-social behaviour"].head(1)
    path = tmp_path / "2021-12-gwent-street.csv"
    pd.concat([asb] * 30).to_csv(path, index=False)
    warehouse = Warehouse(tmp_path / "w")
    [outcome] = ingest_batch(warehouse, geo, [police(path)], services(), "analyst", "cli")
    assert outcome.status is OutcomeStatus.IMPORTED
    assert counted(warehouse, "police_uk_street") == 30


def test_reinstate_brings_back_exactly_the_earlier_rows(
    tmp_path: Path, geo: Geography, december: Path
) -> None:
    warehouse = Warehouse(tmp_path / "w")
    raw = pd.read_csv(december, dtype=str)
    hook = Recorder()
    s = services(hook=hook)
    [original] = ingest_batch(warehouse, geo, [police(december)], s, "analyst", "cli")
    short = tmp_path / "2021-12-gwent-street.csv"
    raw.head(13).to_csv(short, index=False)
    confirmed = IngestOptions(confirm_shrink=True)
    [newer] = ingest_batch(warehouse, geo, [police(short)], s, "analyst", "cli", confirmed)
    assert original.result
    assert newer.result
    assert counted(warehouse, "police_uk_street") == 13

    back = reinstate_import(
        warehouse, original.result.import_id, s, "controller", "cli", "13-row file in error"
    )
    assert back.replaced == (newer.result.import_id,)
    assert counted(warehouse, "police_uk_street") == len(raw)
    months = {r.keys["month"]: r.count for r in count_incidents(warehouse, ["month"])}
    assert months == {m: int(n) for m, n in raw.groupby("Month").size().items()}
    statuses = {i["import_id"]: (i["status"], i["superseded_by"]) for i in list_imports(warehouse)}
    assert statuses[original.result.import_id] == ("current", None)
    assert statuses[newer.result.import_id] == ("superseded", original.result.import_id)
    entry = trail(s).entries[-1]
    assert (entry.record.action, entry.record.target) == (
        "reinstate",
        f"import {original.result.import_id}",
    )
    assert json.loads(entry.record.detail)["reason"] == "13-row file in error"
    assert hook.calls[-1].import_id == original.result.import_id
    with pytest.raises(ReinstateError, match="current already"):
        reinstate_import(warehouse, original.result.import_id, s, "c", "cli", "again")
    # A purged import's rows are gone: it cannot come back.
    purge_imports(warehouse, [newer.result.import_id], "controller", "test", trail(s))
    with pytest.raises(ReinstateError, match="purged"):
        reinstate_import(warehouse, newer.result.import_id, s, "c", "cli", "undo")


def test_reinstating_over_a_partial_overlap_is_refused(tmp_path: Path, geo: Geography) -> None:
    warehouse = Warehouse(tmp_path / "w")
    months, quarter = site_months(tmp_path)
    s = services(ed_agreement())
    ingest_batch(warehouse, geo, map(istv, months[:1]), s, "a", "cli", ED)
    [q] = ingest_batch(warehouse, geo, [istv(quarter)], s, "a", "cli", ED)
    assert q.result is not None
    before = table_rows(warehouse)
    # January alone would leave February and March of the quarter counted twice or lost.
    with pytest.raises(ReinstateError, match="partly overlaps"):
        reinstate_import(warehouse, q.result.superseded[0], s, "c", "cli", "try")
    assert table_rows(warehouse) == before
    with pytest.raises(ReinstateError, match="no import 999"):
        reinstate_import(warehouse, 999, s, "c", "cli", "try")


@pytest.mark.parametrize(
    ("agreement", "options", "reason"),
    [
        (ed_agreement(), IngestOptions(provider=PROVIDER, today=DAY), Reason.AGREEMENT_NEEDED),
        (ed_agreement(), dataclasses.replace(ED, agreement="nope"), Reason.AGREEMENT_UNKNOWN),
        (ed_agreement(kind=AgreementKind.PROTOCOL), ED, Reason.AGREEMENT_NOT_DISCLOSURE),
        (ed_agreement(ends=dt.date(2025, 12, 31)), ED, Reason.AGREEMENT_NOT_IN_FORCE),
        (ed_agreement(status=AgreementStatus.REVOKED), ED, Reason.AGREEMENT_NOT_IN_FORCE),
        (ed_agreement(sources=frozenset({"fire"})), ED, Reason.AGREEMENT_NOT_COVERING),
        (ed_agreement(), dataclasses.replace(ED, provider=None), Reason.PROVIDER_NEEDED),
        (
            ed_agreement(),
            dataclasses.replace(ED, provider="gwent-police"),
            Reason.PROVIDER_NOT_DISCLOSING,
        ),
    ],
)
def test_protected_data_needs_a_disclosure_agreement_naming_its_provider(
    tmp_path: Path, geo: Geography, agreement: Agreement, options: IngestOptions, reason: Reason
) -> None:
    warehouse = Warehouse(tmp_path / "w")
    [path] = write_months(tmp_path / "m", dt.date(2021, 3, 1), 1)[:1]
    s = services(agreement)
    [outcome] = ingest_batch(warehouse, geo, [istv(path)], s, "analyst", "cli", options)
    assert (outcome.status, outcome.reason) == (OutcomeStatus.REFUSED, reason)
    assert list_imports(warehouse) == []
    [entry] = trail(s).entries
    assert entry.record.action == "import_refused"
    assert json.loads(entry.record.detail)["reason"] == reason.value


def test_the_provider_defaults_to_the_actors_organisation(tmp_path: Path, geo: Geography) -> None:
    [path] = write_months(tmp_path / "m", dt.date(2021, 3, 1), 1)[:1]
    s = dataclasses.replace(
        services(ed_agreement()), organisation_of=lambda actor: {"nurse": PROVIDER}.get(actor)
    )
    options = dataclasses.replace(ED, provider=None)
    warehouse = Warehouse(tmp_path / "w")
    [outcome] = ingest_batch(warehouse, geo, [istv(path)], s, "nurse", "site", options)
    assert outcome.status is OutcomeStatus.IMPORTED
    [made] = list_imports(warehouse)
    assert (made["provider"], made["agreement"]) == (PROVIDER, "dda-ed")
    [entry] = trail(s).entries
    assert (entry.record.organisation, entry.record.channel) == (PROVIDER, "site")


def test_one_audit_entry_per_file_and_hooks_only_for_imports(
    tmp_path: Path, geo: Geography, shared_data: Path
) -> None:
    warehouse = Warehouse(tmp_path / "w")
    files = sorted((shared_data / GWENT).glob("2021-0[12]-*.csv"))
    bad = tmp_path / "2021-03-gwent-street.csv"
    bad.write_text("not,a,police,file\n1,2,3,4\n", encoding="utf-8")
    hook = Recorder()
    s = services(hook=hook)
    outcomes = ingest_batch(
        warehouse, geo, [police(p) for p in [*files, bad, files[0]]], s, "analyst", "cli"
    )
    assert [o.status for o in outcomes] == [
        OutcomeStatus.IMPORTED,
        OutcomeStatus.IMPORTED,
        OutcomeStatus.FAILED,
        OutcomeStatus.ALREADY_IMPORTED,
    ]
    entries = trail(s).entries
    assert [e.record.action for e in entries] == ["import", "import", "import_refused", "import"]
    assert [o.audit_entry_id for o in outcomes] == [e.entry_id for e in entries]
    assert {e.record.channel for e in entries} == {"cli"}
    first = json.loads(entries[0].record.detail)
    assert first["file"] == files[0].name
    assert first["status"] == "imported"
    assert first["rows_accepted"] == len(pd.read_csv(files[0], dtype=str))
    assert "missing column" in json.loads(entries[2].record.detail)["message"]
    # The hooks ran once for each file imported, after the batch's writes.
    assert [c.file_name for c in hook.calls] == [p.name for p in files]
    assert outcomes[0].hook_messages == (f"recorded import {hook.calls[0].import_id}",)


def test_a_failing_hook_is_reported_and_the_import_stays(
    tmp_path: Path, geo: Geography, december: Path
) -> None:
    def broken(result: ImportResult) -> list[str]:
        raise RuntimeError("report queue down")

    warehouse = Warehouse(tmp_path / "w")
    s = Services(audit=MemoryAuditTrail(), after_import=(broken,))
    [outcome] = ingest_batch(warehouse, geo, [police(december)], s, "analyst", "cli")
    assert outcome.status is OutcomeStatus.IMPORTED
    assert outcome.hook_errors == ("broken: report queue down",)
    assert counted(warehouse, "police_uk_street") == 4546


def test_an_audit_trail_that_cannot_record_leaves_the_warehouse_unchanged(
    tmp_path: Path, geo: Geography, december: Path, shared_data: Path
) -> None:
    warehouse = Warehouse(tmp_path / "w")
    ingest_batch(warehouse, geo, [police(december)], services(), "a", "cli")
    before = table_rows(warehouse)

    class Down(MemoryAuditTrail):
        def append(self, record: AuditRecord) -> AuditEntry:
            raise ConnectionError("audit database unreachable")

    november = shared_data / GWENT / "2021-11-gwent-street.csv"
    with pytest.raises(ConnectionError):
        ingest_batch(warehouse, geo, [police(november)], Services(audit=Down()), "a", "cli")
    assert table_rows(warehouse) == before


def test_a_file_that_reads_as_another_source_is_refused(tmp_path: Path, geo: Geography) -> None:
    [path] = write_months(tmp_path / "m", dt.date(2021, 3, 1), 1)[:1]
    warehouse = Warehouse(tmp_path / "w")
    # Sent as open police.uk data (no agreement needed), but it is ED data.
    disguised = IngestFile(path, "police_uk_street", parse_istv)
    [outcome] = ingest_batch(warehouse, geo, [disguised], services(), "a", "cli")
    assert (outcome.status, outcome.reason) == (OutcomeStatus.FAILED, Reason.WRONG_SOURCE)
    assert list_imports(warehouse) == []
