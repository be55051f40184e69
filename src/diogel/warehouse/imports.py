"""Importing a parsed file into the warehouse: atomic, idempotent, superseding.

- **Atomic**: everything an import writes (its provenance row, incidents,
  quarantined values, detail, and the supersession of an older file) happens in
  one DuckDB transaction; a crash or kill before commit leaves the warehouse as
  it was.
- **Idempotent**: a file whose SHA-256 is already imported for the same source,
  supplier and period adds nothing (the period too: nil returns, a header row
  only, have the same bytes every month). The result says what that earlier
  import is now (``existing_status``): current (counted), superseded (by
  ``superseded_by``: not counted, and sending it again does not make it current)
  or purged (not counted, its rows deleted).
- **Superseding**: a different file for the same source, supplier and period
  becomes current; the older import is kept, marked superseded, and no longer
  counted.
- **Coverage**: every import records, in ``import_coverage``, the reporting body
  (its area) and each month of its period, whether or not it has rows, so a nil
  return (a file with no records) is a reported zero, not a missing file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from diogel.geography import Geography, Level
from diogel.sources.base import ParsedFile
from diogel.warehouse.schema import IMPORT_COLUMNS
from diogel.warehouse.store import Warehouse

PARENT_COLUMNS = (
    "msoa11",
    "local_authority",
    "health_board",
    "police_force_area",
    "psb",
    "csp",
    "region",
)


@dataclass(frozen=True)
class ImportResult:
    import_id: int
    status: str  # imported | already_imported
    source: str
    supplier: str
    file_name: str
    sha256: str
    period_start: dt.date
    period_end: dt.date
    rows_read: int
    rows_accepted: int
    rows_rejected: int
    superseded: tuple[int, ...] = ()
    #: The import's status now: current, or (for a file sent again) superseded or purged.
    existing_status: str = "current"
    superseded_by: int | None = None
    supplier_mismatch_reason: str | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def assign_locations(
    rows: pd.DataFrame, geography: Geography, reporting_area: str | None
) -> pd.DataFrame:
    """Add LSOA parents: from the file's LSOA where given, else by point look-up.

    Rows with neither (or outside Wales) keep no LSOA and no Welsh area; police
    records still count in their force's totals through ``reporting_area`` (the
    area of the organisation that recorded them: a police force area, or for an
    emergency department its health board).
    """
    rows = rows.copy()
    basis = np.where(rows["lsoa11"].notna(), "file_lsoa", "none").astype(object)
    needs_point = rows["lsoa11"].isna() & rows["longitude"].notna() & (rows["flags"] == "")
    if needs_point.any():
        located = geography.locator.locate(
            rows.loc[needs_point, "longitude"].to_numpy(float),
            rows.loc[needs_point, "latitude"].to_numpy(float),
        )
        rows.loc[needs_point, "lsoa11"] = located
        found = needs_point.to_numpy() & rows["lsoa11"].notna().to_numpy()
        basis[found] = "point"
        missed = needs_point.to_numpy() & ~found
        rows.loc[missed, "flags"] = "outside_wales"
    parents = geography.hierarchy.lsoa11.set_index("code")
    for column in PARENT_COLUMNS:
        rows[column] = rows["lsoa11"].map(parents[column])
    rows["reporting_area"] = reporting_area
    if reporting_area in _health_boards(geography):
        # An ED attendance not placed where it happened belongs to the health board
        # whose department treated it: countable by health board, by nothing smaller.
        unplaced = rows["health_board"].isna().to_numpy()
        rows.loc[unplaced, "health_board"] = reporting_area
        basis[unplaced & (basis == "none")] = "site"
    rows["location_basis"] = basis
    return rows


def _health_boards(geography: Geography) -> set[str]:
    return {a.code for a in geography.hierarchy.areas_at(Level.HEALTH_BOARD)}


def _failpoint(name: str) -> None:
    """Test hook: ``DIOGEL_FAILPOINT=<name>:<seconds>`` pauses here (for kill tests)."""
    spec = os.environ.get("DIOGEL_FAILPOINT", "")
    if spec.startswith(f"{name}:"):
        time.sleep(float(spec.split(":", 1)[1]))


def import_parsed(
    warehouse: Warehouse,
    parsed: ParsedFile,
    path: Path,
    geography: Geography,
    imported_by: str,
    agreement: str | None = None,
    mapping: str | None = None,
    file_name: str | None = None,
    provider: str | None = None,
) -> ImportResult:
    """Write one parsed file to the warehouse (see the module notes).

    ``agreement`` is the reference of the data-sharing agreement the file came
    under; a file pseudonymised under an agreement is recorded under that one.
    ``provider`` is the organisation (slug) that disclosed the file under it.

    Raises
    ------
    ValueError
        When ``agreement`` differs from the agreement the file was pseudonymised under.
    """
    if parsed.pseudonymised_under:
        if agreement and agreement != parsed.pseudonymised_under:
            raise ValueError(
                f"the file was pseudonymised under {parsed.pseudonymised_under}, not {agreement}"
            )
        agreement = parsed.pseudonymised_under
    sha = sha256_of(path)
    name = file_name or path.name
    rows = (
        assign_locations(parsed.rows, geography, parsed.reporting_area)
        if len(parsed.rows)
        else parsed.rows
    )
    rejected = len(parsed.rejected_lines)
    with warehouse.connect() as con:
        # The period is part of a file's identity: a nil return (a header row only)
        # has the same bytes every month.
        existing = con.execute(
            "select import_id, status from imports where source = ? and supplier = ? "
            "and sha256 = ? and period_start = ? and period_end = ? "
            "order by import_id desc limit 1",
            [parsed.source, parsed.supplier, sha, parsed.period_start, parsed.period_end],
        ).fetchone()
        if existing is not None:
            return _result(con, int(existing[0]), "already_imported")
        con.execute("begin transaction")
        try:
            import_id = int(con.execute("select nextval('import_ids')").fetchone()[0])  # type: ignore[index]
            older = [
                int(r[0])
                for r in con.execute(
                    "select import_id from imports where source = ? and supplier = ? and "
                    "period_start = ? and period_end = ? and status = 'current'",
                    [parsed.source, parsed.supplier, parsed.period_start, parsed.period_end],
                ).fetchall()
            ]
            con.execute(
                f"insert into imports ({', '.join(_IMPORT_INSERT)}) values "
                f"({', '.join('?' * (len(_IMPORT_INSERT) - 1))}, 'current')",
                [
                    import_id,
                    parsed.source,
                    parsed.supplier,
                    name,
                    sha,
                    parsed.period_start,
                    parsed.period_end,
                    parsed.rows_read,
                    len(rows),
                    rejected,
                    imported_by,
                    dt.datetime.now(dt.UTC).replace(tzinfo=None),
                    agreement,
                    mapping,
                    parsed.supplier_mismatch,
                    provider,
                ],
            )
            coverage = pd.DataFrame(
                [
                    (import_id, parsed.source, area, month)
                    for area in dict.fromkeys(parsed.coverage_areas)
                    for month in months_of(parsed.period_start, parsed.period_end)
                ],
                columns=["import_id", "source", "reporting_area", "month"],
            ).astype({"reporting_area": object})
            con.register("new_coverage", coverage)
            con.execute(
                "insert into import_coverage (import_id, source, reporting_area, month) "
                "select import_id, source, reporting_area, month from new_coverage"
            )
            con.unregister("new_coverage")
            # A nil return (no rows) writes its provenance and coverage only.
            if len(rows) and parsed.target == "outcomes":
                outcomes = rows.assign(import_id=import_id)
                con.register("new_outcomes", outcomes)
                con.execute(
                    "insert into crime_outcomes select import_id, line, reference, "
                    "month, lsoa11, outcome from new_outcomes"
                )
                con.unregister("new_outcomes")
            elif len(rows):
                incidents = rows.assign(
                    import_id=import_id, source=parsed.source, supplier=parsed.supplier
                )
                if "person_pseudonym" not in incidents:
                    incidents["person_pseudonym"] = None
                incidents["person_pseudonym"] = incidents["person_pseudonym"].astype(object)
                con.register("new_incidents", incidents[INCIDENT_COLUMNS])
                # Columns named: a warehouse upgraded in place has them in another order.
                columns = ", ".join(INCIDENT_COLUMNS)
                con.execute(
                    f"insert into incidents ({columns}) select {columns} from new_incidents"
                )
                con.unregister("new_incidents")
            if parsed.rejections:
                quarantine = pd.DataFrame(
                    [
                        {
                            "import_id": import_id,
                            "line": r.line,
                            "column_name": r.column,
                            "value": r.value,
                            "reason": r.reason,
                        }
                        for r in parsed.rejections
                    ]
                )
                con.register("new_quarantine", quarantine)
                con.execute(
                    "insert into quarantine select import_id, line, column_name, value, "
                    "reason from new_quarantine"
                )
                con.unregister("new_quarantine")
            if parsed.detail is not None and len(parsed.detail):
                detail = parsed.detail.melt(id_vars="line", var_name="field", value_name="value")
                detail = detail.assign(import_id=import_id)
                detail["value"] = detail["value"].astype("string")
                con.register("new_detail", detail)
                con.execute(
                    "insert into incident_detail select import_id, line, field, value "
                    "from new_detail"
                )
                con.unregister("new_detail")
            if older:
                con.execute(
                    "update imports set status = 'superseded', superseded_by = ? "
                    f"where import_id in ({', '.join('?' * len(older))})",
                    [import_id, *older],
                )
            _failpoint("import-before-commit")
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
        return _result(con, import_id, "imported", tuple(older))


INCIDENT_COLUMNS = [
    "import_id",
    "line",
    "source",
    "supplier",
    "category",
    "subcategory",
    "source_type",
    "month",
    "occurred_date",
    "occurred_time",
    "lsoa11",
    *PARENT_COLUMNS,
    "reporting_area",
    "location_basis",
    "longitude",
    "latitude",
    "location_text",
    "outcome",
    "reference",
    "flags",
    "person_pseudonym",
]

# What an import writes (status last); superseded_by and purged_at are set later, if ever.
_IMPORT_INSERT = (
    *IMPORT_COLUMNS[: IMPORT_COLUMNS.index("status")],
    "supplier_mismatch_reason",
    "provider",
    "status",
)


def months_of(start: dt.date, end: dt.date) -> list[dt.date]:
    """First days of the months a period touches, in order.

    >>> months_of(dt.date(2021, 1, 1), dt.date(2021, 3, 31))
    [datetime.date(2021, 1, 1), datetime.date(2021, 2, 1), datetime.date(2021, 3, 1)]
    """
    month = start.replace(day=1)
    months = []
    while month <= end:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def _result(
    con: object, import_id: int, status: str, superseded: tuple[int, ...] = ()
) -> ImportResult:
    row = con.execute(  # type: ignore[attr-defined]
        "select source, supplier, file_name, sha256, period_start, period_end, rows_read, "
        "rows_accepted, rows_rejected, status, superseded_by, supplier_mismatch_reason "
        "from imports where import_id = ?",
        [import_id],
    ).fetchone()
    (source, supplier, file_name, sha, start, end, read, accepted, rejected, now, by, why) = row
    return ImportResult(
        import_id,
        status,
        source,
        supplier,
        file_name,
        sha,
        start,
        end,
        read,
        accepted,
        rejected,
        superseded,
        now,
        by,
        why,
    )
