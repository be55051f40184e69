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
- **Superseding**: what a new file replaces is decided by the caller
  (``decide``, given the current imports of the same source and supplier whose
  period overlaps the file's; :mod:`diogel.ingest` applies the rules of
  :mod:`diogel.ingest.supersession`) inside the import's transaction; the imports
  it replaces are kept, marked superseded, and no longer counted. Without a
  ``decide``, a file overlapping a current import is refused: nothing here
  decides supersession on its own.
- **Coverage**: every import records, in ``import_coverage``, the reporting body
  (its area) and each month of its period, whether or not it has rows, so a nil
  return (a file with no records) is a reported zero, not a missing file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
import weakref
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from diogel.geography import Geography, Level
from diogel.sources.base import BulkRead, ParsedFile
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
    status: str  # imported | already_imported | reinstated
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


@dataclass(frozen=True)
class CurrentImport:
    """A current import, as the supersession rules need it."""

    import_id: int
    file_name: str
    period_start: dt.date
    period_end: dt.date
    rows_accepted: int

    def describe(self) -> str:
        """``import 7 (2021-12-gwent-street.csv, 2021-12-01 to 2021-12-31)``."""
        return (
            f"import {self.import_id} ({self.file_name}, {self.period_start} to {self.period_end})"
        )


#: Given the current imports overlapping a new file (same source and supplier), the
#: ids of those it replaces; raises to refuse the file (nothing is written).
SupersessionDecision = Callable[[Sequence[CurrentImport]], Sequence[int]]


class OverlapError(ValueError):
    """A file overlaps current imports and no rule was given to decide what it replaces."""


def refuse_overlap(current: Sequence[CurrentImport]) -> Sequence[int]:
    """The default decision: replace nothing, and refuse a file overlapping a current
    import (supersession is decided by :mod:`diogel.ingest`)."""
    if current:
        raise OverlapError(
            "the file overlaps "
            + ", ".join(c.describe() for c in current)
            + ": import it through diogel.ingest, which decides what it replaces"
        )
    return ()


def overlapping_current(
    con: duckdb.DuckDBPyConnection,
    source: str,
    supplier: str,
    start: dt.date,
    end: dt.date,
    exclude: int | None = None,
) -> list[CurrentImport]:
    """The current imports of ``source`` from ``supplier`` whose period overlaps
    ``start``..``end`` (inclusive), oldest first."""
    rows = con.execute(
        "select import_id, file_name, period_start, period_end, rows_accepted from imports "
        "where source = ? and supplier = ? and status = 'current' and period_start <= ? "
        "and period_end >= ? and import_id is distinct from ? order by import_id",
        [source, supplier, end, start, exclude],
    ).fetchall()
    return [CurrentImport(int(r[0]), r[1], r[2], r[3], int(r[4])) for r in rows]


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

    The work is done on Arrow columns (:func:`located_table`, which the import uses
    directly); this returns ``rows`` with the columns it adds or changes.
    """
    added = _located_columns(_arrow(rows), geography, reporting_area)
    return rows.assign(
        **{name: pd.Series(column.to_pandas(), index=rows.index) for name, column in added.items()}
    )


def located_table(rows: pd.DataFrame, geography: Geography, reporting_area: str | None) -> pa.Table:
    """``rows`` as an Arrow table with their locations assigned (see :func:`assign_locations`)."""
    table = _arrow(rows)
    for name, column in _located_columns(table, geography, reporting_area).items():
        if name in table.column_names:
            table = table.set_column(table.column_names.index(name), name, column)
        else:
            table = table.append_column(name, column)
    return table


def _arrow(rows: pd.DataFrame) -> pa.Table:
    """A parsed frame as Arrow (columns backed by Arrow already are not copied)."""
    table = pa.Table.from_pandas(rows, preserve_index=False, nthreads=1)
    # A column of nothing but missing values has Arrow's null type: give it its type.
    for name, kind in (("lsoa11", pa.string()), ("flags", pa.string())):
        if pa.types.is_null(table.schema.field(name).type):
            table = table.set_column(
                table.column_names.index(name), name, table.column(name).cast(kind)
            )
    for name in ("longitude", "latitude"):
        if not pa.types.is_floating(table.schema.field(name).type):
            table = table.set_column(
                table.column_names.index(name), name, table.column(name).cast(pa.float64())
            )
    return table


@dataclass(frozen=True)
class _Lookup:
    """What location assignment needs from a geography, built once per geography."""

    codes: pa.Array
    parents: pa.Table
    health_boards: frozenset[str]


_LOOKUPS: weakref.WeakKeyDictionary[Geography, _Lookup] = weakref.WeakKeyDictionary()


def _lookup(geography: Geography) -> _Lookup:
    found = _LOOKUPS.get(geography)
    if found is None:
        lsoas = geography.hierarchy.lsoa11
        found = _Lookup(
            codes=pa.array(lsoas["code"].astype(object).to_numpy(), pa.string()),
            parents=pa.table(
                {
                    c: pa.array(lsoas[c].astype(object).to_numpy(), pa.string(), from_pandas=True)
                    for c in PARENT_COLUMNS
                }
            ),
            health_boards=frozenset(
                a.code for a in geography.hierarchy.areas_at(Level.HEALTH_BOARD)
            ),
        )
        _LOOKUPS[geography] = found
    return found


def _located_columns(
    rows: pa.Table, geography: Geography, reporting_area: str | None
) -> dict[str, pa.ChunkedArray | pa.Array]:
    """The columns location assignment adds or changes (lsoa11 and flags among them)."""
    lookup = _lookup(geography)
    lsoa = rows.column("lsoa11")
    flags = rows.column("flags")
    basis = pc.if_else(pc.is_valid(lsoa), "file_lsoa", "none")
    needs_point = pc.and_(
        pc.and_(pc.is_null(lsoa), pc.is_valid(rows.column("longitude"))),
        pc.fill_null(pc.equal(flags, ""), False),
    )
    if pc.any(needs_point).as_py():
        # Only the rows with a point and no LSOA (never police.uk's) go to the locator.
        where = np.flatnonzero(needs_point.to_numpy(zero_copy_only=False))
        lon = rows.column("longitude").to_numpy(zero_copy_only=False)[where]
        lat = rows.column("latitude").to_numpy(zero_copy_only=False)[where]
        located = geography.locator.locate(lon, lat)
        codes = lsoa.to_numpy(zero_copy_only=False).astype(object)
        codes[where] = located
        found = np.zeros(len(codes), dtype=bool)
        found[where] = pd.notna(located)
        missed = needs_point.to_numpy(zero_copy_only=False) & ~found
        lsoa = pa.array(codes, pa.string(), from_pandas=True)
        basis = pc.if_else(pa.array(found), "point", basis)
        flags = pc.if_else(pa.array(missed), "outside_wales", flags)
    parents = lookup.parents.take(pc.index_in(lsoa, value_set=lookup.codes))
    columns: dict[str, pa.ChunkedArray | pa.Array] = {"lsoa11": lsoa, "flags": flags}
    columns.update({c: parents.column(c) for c in PARENT_COLUMNS})
    columns["reporting_area"] = pa.repeat(pa.scalar(reporting_area, pa.string()), len(rows))
    if reporting_area in lookup.health_boards:
        # An ED attendance not placed where it happened belongs to the health board
        # whose department treated it: countable by health board, by nothing smaller.
        board = columns["health_board"]
        unplaced = pc.is_null(board)
        columns["health_board"] = pc.fill_null(board, reporting_area)
        basis = pc.if_else(pc.and_(unplaced, pc.equal(basis, "none")), "site", basis)
    columns["location_basis"] = basis
    return columns


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
    *,
    con: duckdb.DuckDBPyConnection | None = None,
    decide: SupersessionDecision = refuse_overlap,
    before_commit: Callable[[ImportResult], None] | None = None,
) -> ImportResult:
    """Write one parsed file to the warehouse (see the module notes).

    ``agreement`` is the reference of the data-sharing agreement the file came
    under; a file pseudonymised under an agreement is recorded under that one.
    ``provider`` is the organisation (slug) that disclosed the file under it.
    ``con`` is a connection to use (and leave open), e.g. one for a whole batch.
    ``decide`` says which overlapping current imports a new file replaces, or
    raises to refuse it; ``before_commit`` runs with the result just before the
    commit (an audit entry: if it raises, nothing is written). Neither runs for a
    file already imported.

    Raises
    ------
    ValueError
        When ``agreement`` differs from the agreement the file was pseudonymised under.
    OverlapError
        From the default ``decide``, when the file overlaps a current import.
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
        located_table(parsed.rows, geography, parsed.reporting_area) if len(parsed.rows) else None
    )
    accepted = 0 if rows is None else rows.num_rows
    rejected = len(parsed.rejected_lines)
    with nullcontext(con) if con is not None else warehouse.connect() as con:
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
            current = overlapping_current(
                con, parsed.source, parsed.supplier, parsed.period_start, parsed.period_end
            )
            chosen = set(decide(current))
            if not chosen <= {c.import_id for c in current}:
                raise ValueError(f"only current overlapping imports can be replaced: {chosen}")
            older = [c.import_id for c in current if c.import_id in chosen]
            import_id = int(con.execute("select nextval('import_ids')").fetchone()[0])  # type: ignore[index]
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
                    accepted,
                    rejected,
                    imported_by,
                    dt.datetime.now(dt.UTC).replace(tzinfo=None),
                    agreement,
                    mapping,
                    parsed.supplier_mismatch,
                    provider,
                ],
            )
            # A few rows (one per reporting body and month): no frame to build.
            con.executemany(
                "insert into import_coverage (import_id, source, reporting_area, month) "
                "values (?, ?, ?, ?)",
                [
                    [import_id, parsed.source, area, month]
                    for area in dict.fromkeys(parsed.coverage_areas)
                    for month in months_of(parsed.period_start, parsed.period_end)
                ],
            )
            # A nil return (no rows) writes its provenance and coverage only. Rows go in
            # as Arrow, which DuckDB reads without converting them value by value.
            if rows is not None and parsed.target == "outcomes":
                con.register("new_outcomes", rows)
                con.execute(
                    "insert into crime_outcomes select ?, line, reference, "
                    "month, lsoa11, outcome from new_outcomes",
                    [import_id],
                )
                con.unregister("new_outcomes")
            elif rows is not None:
                con.register("new_incidents", rows)
                # Columns named: a warehouse upgraded in place has them in another order.
                values = {
                    "import_id": "$import_id",
                    "source": "$source",
                    "supplier": "$supplier",
                    "person_pseudonym": "person_pseudonym"
                    if "person_pseudonym" in rows.column_names
                    else "null",
                }
                con.execute(
                    f"insert into incidents ({', '.join(INCIDENT_COLUMNS)}) select "
                    f"{', '.join(values.get(c, c) for c in INCIDENT_COLUMNS)} from new_incidents",
                    {"import_id": import_id, "source": parsed.source, "supplier": parsed.supplier},
                )
                con.unregister("new_incidents")
            if parsed.rejections:
                quarantine = pa.table(
                    {
                        "line": [r.line for r in parsed.rejections],
                        "column_name": [r.column for r in parsed.rejections],
                        "value": [r.value for r in parsed.rejections],
                        "reason": [r.reason for r in parsed.rejections],
                    }
                )
                con.register("new_quarantine", quarantine)
                con.execute(
                    "insert into quarantine select ?, line, column_name, value, "
                    "reason from new_quarantine",
                    [import_id],
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
            result = _result(con, import_id, "imported", tuple(older))
            if before_commit is not None:
                before_commit(result)
            _failpoint("import-before-commit")
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
        return result


class ReinstateError(ValueError):
    """An import that cannot be made current again; the message says why."""


def reinstate(
    con: duckdb.DuckDBPyConnection,
    import_id: int,
    decide: SupersessionDecision = refuse_overlap,
    before_commit: Callable[[ImportResult], None] | None = None,
) -> ImportResult:
    """Make a superseded import current again, in one transaction.

    ``decide`` is given the imports now current for an overlapping period (same
    source and supplier) and says which the reinstated import replaces (they are
    marked superseded by it), or raises to refuse. ``before_commit`` runs with the
    result (status ``reinstated``) just before the commit.

    Raises
    ------
    ReinstateError
        When there is no such import, it is current already, or it was purged (its
        rows are gone).
    """
    row = con.execute(
        "select source, supplier, period_start, period_end, status, purged_at "
        "from imports where import_id = ?",
        [import_id],
    ).fetchone()
    if row is None:
        raise ReinstateError(f"there is no import {import_id}")
    source, supplier, start, end, status, purged_at = row
    if status == "purged":
        raise ReinstateError(
            f"import {import_id} was purged on {purged_at:%Y-%m-%d}: its records are deleted, "
            "so it cannot be reinstated; import the file again"
        )
    if status == "current":
        raise ReinstateError(f"import {import_id} is current already: nothing to reinstate")
    con.execute("begin transaction")
    try:
        current = overlapping_current(con, source, supplier, start, end, exclude=import_id)
        chosen = set(decide(current))
        if not chosen <= {c.import_id for c in current}:
            raise ValueError(f"only current overlapping imports can be replaced: {chosen}")
        replaced = tuple(c.import_id for c in current if c.import_id in chosen)
        con.execute(
            "update imports set status = 'current', superseded_by = null where import_id = ?",
            [import_id],
        )
        if replaced:
            con.execute(
                "update imports set status = 'superseded', superseded_by = ? "
                f"where import_id in ({', '.join('?' * len(replaced))})",
                [import_id, *replaced],
            )
        result = _result(con, import_id, "reinstated", replaced)
        if before_commit is not None:
            before_commit(result)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return result


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


# ---- many files at once ----------------------------------------------------------------


@dataclass(frozen=True)
class BulkFile:
    """One file of :func:`import_bulk`: its reading (rows in the bulk's SQL) and identity."""

    #: Its place in the :class:`~diogel.sources.base.BulkRead` (``file_index`` of its rows).
    index: int
    parsed: ParsedFile
    accepted: int
    sha256: str
    file_name: str


#: Given a file's place in the bulk and the current imports overlapping it (same source
#: and supplier), the ids of those it replaces; raises to refuse it (nothing written).
BulkDecision = Callable[[int, Sequence[CurrentImport]], Sequence[int]]


def existing_imports(
    con: duckdb.DuckDBPyConnection, files: Sequence[tuple[ParsedFile, str]]
) -> dict[int, int]:
    """For each ``(parsed, sha256)`` already imported (same source, supplier, bytes and
    period: see :func:`import_parsed`), its place in ``files`` and the newest such import."""
    if not files:
        return {}
    keys = pa.table(
        {
            "k": pa.array(range(len(files)), pa.int64()),
            "source": [p.source for p, _ in files],
            "supplier": [p.supplier for p, _ in files],
            "sha256": [sha for _, sha in files],
            "period_start": pa.array([p.period_start for p, _ in files], pa.date32()),
            "period_end": pa.array([p.period_end for p, _ in files], pa.date32()),
        }
    )
    con.register("diogel_bulk_keys", keys)
    try:
        rows = con.execute(
            "select k.k, max(i.import_id) from diogel_bulk_keys k join imports i "
            "using (source, supplier, sha256, period_start, period_end) group by k.k"
        ).fetchall()
    finally:
        con.unregister("diogel_bulk_keys")
    return {int(k): int(i) for k, i in rows}


def already_imported(con: duckdb.DuckDBPyConnection, import_id: int) -> ImportResult:
    """The result for a file sent again whose import is ``import_id`` (nothing written)."""
    return _result(con, import_id, "already_imported")


def import_bulk(
    con: duckdb.DuckDBPyConnection,
    files: Sequence[BulkFile],
    bulk: BulkRead,
    geography: Geography,
    imported_by: str,
    decide: BulkDecision,
    before_commit: Callable[[int, ImportResult | Exception], None],
    agreement: str | None = None,
    mapping: str | None = None,
    provider: str | None = None,
) -> list[ImportResult | Exception]:
    """Write many files read together, each its own import, in one transaction.

    The same as :func:`import_parsed` for each file in turn, for files no two of which
    have the same source and supplier and overlapping periods (the caller's to ensure:
    each file's supersession is then decided on the warehouse as it would be for it
    alone). A file already imported adds nothing: its result says so.
    ``decide(i, current)`` says which of the current imports overlapping ``files[i]``
    it replaces, or raises to refuse it (its result is then the exception, and nothing
    of it is written). The rows go in with one statement per table: the accepted rows
    straight from ``bulk.rows_sql``, their areas by a join with the geography's LSOAs
    (never a point: see :class:`~diogel.sources.base.BulkRead`).

    ``before_commit(i, result)`` runs for each file in order (imported, already
    imported, or refused) once everything is written and before the commit. If it
    raises for ``files[i]``, that file and those after it are taken out again and the
    others committed, as if each had been imported alone, and the exception is raised.
    """
    lookup = _lookup(geography)
    for f in files:
        if (
            f.parsed.reporting_area in lookup.health_boards
            or f.parsed.target != "incidents"
            or f.parsed.pseudonymised_under
        ):
            raise ValueError(f"{f.file_name}: not for a bulk import (see import_parsed)")
    results: list[ImportResult | Exception] = []
    existing = existing_imports(con, [(f.parsed, f.sha256) for f in files])
    con.execute("begin transaction")
    open_transaction = True
    try:
        current = _current_by_supplier(con, {(f.parsed.source, f.parsed.supplier) for f in files})
        chosen: dict[int, tuple[int, ...]] = {}
        for position, f in enumerate(files):
            p = f.parsed
            if position in existing:
                results.append(already_imported(con, existing[position]))
                continue
            overlapping = [
                c
                for c in current.get((p.source, p.supplier), [])
                if c.period_start <= p.period_end and c.period_end >= p.period_start
            ]
            try:
                replaced = set(decide(position, overlapping))
            except Exception as exc:  # a refusal: this file only is not written
                results.append(exc)
                continue
            if not replaced <= {c.import_id for c in overlapping}:
                raise ValueError(f"only current overlapping imports can be replaced: {replaced}")
            chosen[position] = tuple(c.import_id for c in overlapping if c.import_id in replaced)
            results.append(ValueError("not yet written"))  # its result, once it has an id
        # Ids for the files written only, in order: as they would be one file at a time.
        ids = iter(
            int(r[0])
            for r in con.execute(
                "select nextval('import_ids') from range(?) order by 1", [len(chosen)]
            ).fetchall()
        )
        for position, superseded in chosen.items():
            f, p = files[position], files[position].parsed
            results[position] = ImportResult(
                next(ids),
                "imported",
                p.source,
                p.supplier,
                f.file_name,
                f.sha256,
                p.period_start,
                p.period_end,
                p.rows_read,
                f.accepted,
                len(p.rejected_lines),
                superseded,
                supplier_mismatch_reason=p.supplier_mismatch,
            )
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        written = [
            (f, r)
            for f, r in zip(files, results, strict=True)
            if isinstance(r, ImportResult) and r.status == "imported"
        ]
        _write_bulk(con, written, bulk, lookup, imported_by, now, agreement, mapping, provider)
        for position, result in enumerate(results):
            try:
                before_commit(position, result)
            except BaseException:
                _take_out(con, [r for _, r in written if r in results[position:]])
                con.execute("commit")
                open_transaction = False
                raise
        con.execute("commit")
        open_transaction = False
    except BaseException:
        if open_transaction:
            con.execute("rollback")
        raise
    return results


def _current_by_supplier(
    con: duckdb.DuckDBPyConnection, pairs: set[tuple[str, str]]
) -> dict[tuple[str, str], list[CurrentImport]]:
    """The current imports of each (source, supplier), oldest first."""
    found: dict[tuple[str, str], list[CurrentImport]] = {}
    for source, supplier in sorted(pairs):
        rows = con.execute(
            "select import_id, file_name, period_start, period_end, rows_accepted from imports "
            "where source = ? and supplier = ? and status = 'current' order by import_id",
            [source, supplier],
        ).fetchall()
        found[(source, supplier)] = [
            CurrentImport(int(r[0]), r[1], r[2], r[3], int(r[4])) for r in rows
        ]
    return found


def _write_bulk(
    con: duckdb.DuckDBPyConnection,
    written: Sequence[tuple[BulkFile, ImportResult]],
    bulk: BulkRead,
    lookup: _Lookup,
    imported_by: str,
    now: dt.datetime,
    agreement: str | None,
    mapping: str | None,
    provider: str | None,
) -> None:
    """Every table's rows for the files ``written``, one statement per table."""
    if not written:
        return
    imports = pa.table(
        {
            "import_id": pa.array([r.import_id for _, r in written], pa.int64()),
            "source": [r.source for _, r in written],
            "supplier": [r.supplier for _, r in written],
            "file_name": [r.file_name for _, r in written],
            "sha256": [r.sha256 for _, r in written],
            "period_start": pa.array([r.period_start for _, r in written], pa.date32()),
            "period_end": pa.array([r.period_end for _, r in written], pa.date32()),
            "rows_read": pa.array([r.rows_read for _, r in written], pa.int64()),
            "rows_accepted": pa.array([r.rows_accepted for _, r in written], pa.int64()),
            "rows_rejected": pa.array([r.rows_rejected for _, r in written], pa.int64()),
            "imported_by": [imported_by] * len(written),
            "imported_at": pa.array([now] * len(written), pa.timestamp("us")),
            "agreement": pa.array([agreement] * len(written), pa.string()),
            "mapping": pa.array([mapping] * len(written), pa.string()),
            "supplier_mismatch_reason": pa.array(
                [r.supplier_mismatch_reason for _, r in written], pa.string()
            ),
            "provider": pa.array([provider] * len(written), pa.string()),
            "file_index": pa.array([f.index for f, _ in written], pa.int64()),
            "reporting_area": pa.array([f.parsed.reporting_area for f, _ in written], pa.string()),
        }
    )
    coverage = [
        (r.import_id, r.source, area, month)
        for f, r in written
        for area in dict.fromkeys(f.parsed.coverage_areas)
        for month in months_of(r.period_start, r.period_end)
    ]
    quarantine = [
        (r.import_id, q.line, q.column, q.value, q.reason)
        for f, r in written
        for q in f.parsed.rejections
    ]
    tables = {
        "diogel_bulk_imports": imports,
        "diogel_bulk_coverage": pa.table(
            {
                "import_id": pa.array([c[0] for c in coverage], pa.int64()),
                "source": pa.array([c[1] for c in coverage], pa.string()),
                "reporting_area": pa.array([c[2] for c in coverage], pa.string()),
                "month": pa.array([c[3] for c in coverage], pa.date32()),
            }
        ),
        "diogel_bulk_quarantine": pa.table(
            {
                name: pa.array([q[i] for q in quarantine], kind)
                for i, (name, kind) in enumerate(
                    [
                        ("import_id", pa.int64()),
                        ("line", pa.int64()),
                        ("column_name", pa.string()),
                        ("value", pa.string()),
                        ("reason", pa.string()),
                    ]
                )
            }
        ),
        "diogel_bulk_parents": lookup.parents.append_column("code", lookup.codes),
        **bulk.tables,
    }
    for name, table in tables.items():
        con.register(name, table)
    try:
        columns = ", ".join(_IMPORT_INSERT)
        con.execute(
            f"insert into imports ({columns}) select "
            f"{', '.join(c for c in _IMPORT_INSERT if c != 'status')}, 'current' "
            "from diogel_bulk_imports"
        )
        con.execute(
            "insert into import_coverage (import_id, source, reporting_area, month) "
            "select import_id, source, reporting_area, month from diogel_bulk_coverage"
        )
        con.execute(
            "insert into quarantine (import_id, line, column_name, value, reason) "
            "select import_id, line, column_name, value, reason from diogel_bulk_quarantine"
        )
        values = {
            "import_id": "m.import_id",
            "source": "m.source",
            "supplier": "m.supplier",
            "reporting_area": "m.reporting_area",
            "location_basis": "case when r.lsoa11 is null then 'none' else 'file_lsoa' end",
            "person_pseudonym": "null",
            **{c: f"p.{c}" for c in PARENT_COLUMNS},
        }
        # Columns named: a warehouse upgraded in place has them in another order.
        con.execute(
            f"insert into incidents ({', '.join(INCIDENT_COLUMNS)}) select "
            f"{', '.join(values.get(c, f'r.{c}') for c in INCIDENT_COLUMNS)} "
            f"from {bulk.rows_sql} r join diogel_bulk_imports m using (file_index) "
            "left join diogel_bulk_parents p on p.code = r.lsoa11"
        )
        for _, r in written:
            if r.superseded:
                con.execute(
                    "update imports set status = 'superseded', superseded_by = ? "
                    f"where import_id in ({', '.join('?' * len(r.superseded))})",
                    [r.import_id, *r.superseded],
                )
    finally:
        for name in tables:
            con.unregister(name)


def _take_out(con: duckdb.DuckDBPyConnection, results: Sequence[ImportResult]) -> None:
    """Undo, inside the open transaction, what :func:`_write_bulk` wrote for ``results``
    (the imports they superseded are current again, as they were)."""
    if not results:
        return
    ids = [r.import_id for r in results]
    marks = ", ".join("?" * len(ids))
    for table in ("incidents", "import_coverage", "quarantine"):
        con.execute(f"delete from {table} where import_id in ({marks})", ids)
    con.execute(
        "update imports set status = 'current', superseded_by = null "
        f"where superseded_by in ({marks})",
        ids,
    )
    con.execute(f"delete from imports where import_id in ({marks})", ids)
