"""police.uk street-level crime and anti-social behaviour files.

Format (data.police.uk, "street" files, one force and month per file)::

    Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,
    LSOA code,LSOA name,Crime type,Last outcome category,Context

Facts the adapter respects: ASB rows have no Crime ID, and identical rows are
distinct incidents (never deduplicated); coordinates are snapped for anonymity,
so the file's LSOA code, not the point, decides the area; rows with no location
and rows with English LSOA codes belong to the force's totals.

The file names its force: "Reported by" (the force that recorded the row) and
"Falls within" (the force area). A supplier named for the import must be that
force (see :func:`check_supplier`); a file from another force is refused unless a
reason is given, which is recorded with the import.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from diogel.geography import Geography
from diogel.sources.base import (
    HARMONISED_COLUMNS,
    BadFileError,
    BulkRead,
    ParsedFile,
    Rejection,
    SupplierMismatchError,
    same_body,
)
from diogel.sources.categories import POLICE_UK_CRIME_TYPES
from diogel.sources.csvfile import (
    MAX_FIELD,
    PlainText,
    in_line_order,
    parser_connection,
    plain_records_sql,
    plain_text,
    plain_texts_table,
    query_csv,
)

SOURCE = "police_uk_street"
COLUMNS = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
)
_FILE_NAME = re.compile(r"^(?P<month>\d{4}-\d{2})-(?P<force>[a-z-]+)-street\.csv$")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")

#: police.uk force names -> police force area codes (Welsh forces).
FORCE_AREAS = {
    "Dyfed-Powys Police": "W15000002",
    "Gwent Police": "W15000003",
    "North Wales Police": "W15000001",
    "South Wales Police": "W15000004",
}

#: Forces that record crimes in other forces' areas: their files' "Falls within" names
#: the territorial force, not them.
NON_TERRITORIAL = ("British Transport Police",)

# Wales and its border, generously: a point outside is flagged, not rejected.
WALES_BOUNDS = (-5.8, 51.2, -2.6, 53.6)


def check_supplier(
    label: str,
    supplier: str | None,
    reported_by: Iterable[str],
    falls_within: Iterable[str],
    mismatch_reason: str | None = None,
) -> tuple[str, str | None]:
    """The supplier to record for a police.uk file, and the mismatch note if any.

    The supplier agrees with the file when every row's "Reported by" is the supplier
    and so is every "Falls within" (except for a non-territorial force such as the
    British Transport Police, whose rows fall within other forces); names are
    compared ignoring case and spacing, and the file's spelling is kept. With no
    supplier given, the file's one "Reported by" force is the supplier.

    Raises
    ------
    SupplierMismatchError
        When the supplier does not agree with the file and no ``mismatch_reason``
        is given (the message names both).
    BadFileError
        When no supplier is given and the file names no force, or several.
    """
    reported = sorted({v.strip() for v in reported_by} - {""})
    within = sorted({v.strip() for v in falls_within} - {""})
    if supplier is None or not supplier.strip():
        if len(reported) != 1:
            found = (
                f"rows from several forces ({', '.join(reported[:3])})"
                if reported
                else "no force in its 'Reported by' column"
            )
            raise BadFileError(f"{label}: {found}; give the supplier")
        supplier = reported[0]
    territorial = not any(same_body(supplier, f) for f in NON_TERRITORIAL)
    agrees = all(same_body(supplier, r) for r in reported) and (
        not territorial or all(same_body(supplier, w) for w in within)
    )
    if agrees:
        return (reported[0] if reported else supplier.strip()), None
    named = (
        f"Reported by {', '.join(reported) or '(empty)'}; "
        f"Falls within {', '.join(within) or '(empty)'}"
    )
    if not mismatch_reason or not mismatch_reason.strip():
        raise SupplierMismatchError(
            f"{label}: the supplier {supplier!r} does not agree with the file ({named}); "
            "the import is refused and nothing was imported. To import it all the same, "
            "give the reason, which is recorded with the import"
        )
    note = f"{named}; accepted because: {mismatch_reason.strip()}"
    known = [force for force in FORCE_AREAS if same_body(force, supplier)]
    return (known[0] if known else supplier.strip()), note


def parse_street_file(
    path: Path,
    known_lsoas: Iterable[str],
    supplier: str | None = None,
    name: str | None = None,
    supplier_mismatch_reason: str | None = None,
) -> ParsedFile:
    """Read a police.uk street file into harmonised rows and rejections.

    ``supplier`` must agree with the file's force (:func:`check_supplier`) unless
    ``supplier_mismatch_reason`` says why not.

    The file is read and checked in one DuckDB query
    (:func:`~diogel.sources.csvfile.query_csv`) on this thread's own in-memory
    connection; the checks that need the file's period or the known LSOAs are made on
    its Arrow result. No Python code runs per row, except for rejected rows.
    """
    label = name or path.name
    con = parser_connection(path)
    checked = in_line_order(
        query_csv(con, path, COLUMNS, _CHECK_SQL.replace("{keys}", ""), name=label).result
    )
    month = checked.column("month")

    period = _period(label, sorted(pc.unique(month).to_pylist()))
    # The row checks never refuse the whole file, so the supplier is checked first.
    supplier_name, mismatch = check_supplier(
        label,
        supplier,
        pc.unique(checked.column("reported_by")).to_pylist(),
        pc.unique(checked.column("falls_within")).to_pylist(),
        supplier_mismatch_reason,
    )

    # The first fault of each row: 1 (the month) before the query's (2 to 9, 11), and 10
    # (a Welsh code not known) where there is none; 10 and 11 cannot both apply.
    found = checked.column("fault")
    fault = pc.if_else(pc.not_equal(month, period), pa.scalar(1, found.type), found)
    unknown = pc.and_(
        checked.column("welsh"),
        pc.invert(pc.is_in(checked.column("lsoa11"), _known(known_lsoas))),
    )
    fault = pc.if_else(pc.and_(pc.is_null(fault), unknown), pa.scalar(10, found.type), fault)
    good = pc.is_null(fault)
    bad = checked.filter(pc.invert(good)).select(["line", "month", "value"]).to_pydict()
    rejections = _rejections(
        bad["line"], fault.filter(pc.invert(good)).to_pylist(), bad["month"], bad["value"], period
    )
    start, end = _month_bounds(period)
    kept = checked.filter(good)
    n = kept.num_rows
    rows = pa.table(
        {
            **{c: kept.column(c) for c in HARMONISED_COLUMNS[:4]},
            "month": pa.repeat(pa.scalar(start, pa.date32()), n),
            "occurred_date": pa.nulls(n, pa.date32()),
            "occurred_time": pa.nulls(n, pa.time64("us")),
            **{c: kept.column(c) for c in HARMONISED_COLUMNS[7:]},
        }
    ).to_pandas(types_mapper=pd.ArrowDtype)  # columns stay Arrow arrays: no copy
    return ParsedFile(
        source=SOURCE,
        supplier=supplier_name,
        period_start=start,
        period_end=end,
        rows_read=checked.num_rows,
        rows=rows,
        rejections=rejections,
        reporting_area=FORCE_AREAS.get(supplier_name),
        supplier_mismatch=mismatch,
    )


@dataclass(frozen=True, eq=False)
class StreetParser:
    """How the ingest pipeline reads police.uk street files: one at a time
    (:func:`parse_street_file`, calling it) or many together (:meth:`read_bulk`).

    ``known_lsoas`` default to the geography's LSOA (2011) codes. Files are read
    together only with the same parser (compared by identity: the codes may be a
    pandas Series, which has no single truth value).
    """

    supplier: str | None = None
    supplier_mismatch_reason: str | None = None
    known_lsoas: Iterable[str] | None = None

    def __call__(
        self, path: Path, name: str, geography: Geography, agreement: str | None
    ) -> ParsedFile:
        return parse_street_file(
            path,
            self._known(geography),
            self.supplier,
            name=name,
            supplier_mismatch_reason=self.supplier_mismatch_reason,
        )

    def read_bulk(
        self,
        files: Sequence[tuple[Path, str]],
        geography: Geography,
        con: duckdb.DuckDBPyConnection,
    ) -> BulkRead:
        """Read and check ``(path, name)`` files together in ``con``
        (:func:`read_street_files`)."""
        return read_street_files(
            files, self._known(geography), self.supplier, self.supplier_mismatch_reason, con
        )

    def _known(self, geography: Geography) -> Iterable[str]:
        if self.known_lsoas is not None:
            return self.known_lsoas
        return geography.hierarchy.lsoa11["code"]


#: What a bulk reading leaves in its connection (its rows) and registers (their files
#: and rejected lines) for the rows' SQL.
_ROWS, _FILES, _REJECTED = "diogel_street_rows", "diogel_street_files", "diogel_street_rejected"
_TEXTS, _UNKNOWN = "diogel_street_texts", "diogel_street_unknown"


def read_street_files(
    files: Sequence[tuple[Path, str]],
    known_lsoas: Iterable[str],
    supplier: str | None = None,
    supplier_mismatch_reason: str | None = None,
    con: duckdb.DuckDBPyConnection | None = None,
) -> BulkRead:
    """Read and check many police.uk street files (``(path, name)``) in one DuckDB pass.

    Each plain file (see :func:`~diogel.sources.csvfile.query_csv`) whose header is
    the first one's is read from its bytes by DuckDB, all the files in one query,
    into a temporary table of ``con`` (default: this thread's parser connection)
    holding every row checked and harmonised; what :func:`parse_street_file` would
    make of each file is decided from per-file summaries and the faulty rows. A file
    that parse would refuse, or whose rows it would reject for their month, or whose
    rows could be one block repeated (some row's content must appear once only for
    it not to be), is left to be read alone (``None``): its outcome is then exactly
    that parse's. The accepted rows stay in ``con``
    (:class:`~diogel.sources.base.BulkRead`: drop its ``temporary`` tables once done).
    """
    texts: dict[int, PlainText] = {}
    for i, (path, _name) in enumerate(files):
        try:
            text = plain_text(path.read_bytes(), COLUMNS)
        except OSError:
            continue
        if text is not None and (not texts or text.header == next(iter(texts.values())).header):
            texts[i] = text
    parsed: list[ParsedFile | None] = [None] * len(files)
    accepted = [0] * len(files)
    if not texts:
        return BulkRead(parsed, accepted)
    header = next(iter(texts.values())).header
    con = con if con is not None else parser_connection(parallel=True)
    checked = _CHECK_SQL.replace("{keys}", "file_index, n_fields, n_bytes, ")
    con.register(_TEXTS, plain_texts_table(texts))
    try:
        # Every row, checked and harmonised, once: the summaries below and the write
        # read this table (the text is split and its numbers parsed once).
        con.execute(
            f"create or replace temp table {_ROWS} as select c.*, "
            f"hash({', '.join('c.' + h for h in _CONTENT)}) as content "
            f"from ({checked.format(csv=plain_records_sql(_TEXTS, header, COLUMNS))}) c"
        )
    finally:
        con.unregister(_TEXTS)
    summary = {
        row[0]: row[1:]
        for row in con.execute(
            f"select file_index, count(*), bool_or(n_fields <> {len(header)}), "
            "max(n_bytes), list(distinct month), list(distinct reported_by), "
            f"list(distinct falls_within) from {_ROWS} group by file_index"
        ).fetchall()
    }
    # Welsh codes not known (fault 10): found among the few distinct codes, not per row.
    known = set(_known(known_lsoas).to_pylist())
    unknown = [
        code
        for (code,) in con.execute(f"select distinct lsoa11 from {_ROWS} where welsh").fetchall()
        if code not in known
    ]
    con.register(_UNKNOWN, pa.table({"code": pa.array(unknown, pa.string())}))
    try:
        is_unknown = f"coalesce(lsoa11 in (select code from {_UNKNOWN}), false)"
        # A file k times one block has every row's content k times or more.
        singles = {
            row[0]
            for row in con.execute(
                f"select file_index from (select file_index, content, count(*) as n "
                f"from {_ROWS} where fault is null and not {is_unknown} group by all) "
                "group by file_index having min(n) = 1"
            ).fetchall()
        }
        faulty = con.execute(
            "select file_index, line, month, coalesce(fault, 10) as fault, value "
            f"from {_ROWS} where fault is not null or {is_unknown} order by file_index, line"
        ).to_arrow_table()
    finally:
        con.unregister(_UNKNOWN)
    faults: dict[int, dict[str, list[Any]]] = {}
    for part in faulty.to_pylist():
        columns = faults.setdefault(part["file_index"], {c: [] for c in part})
        for c, v in part.items():
            columns[c].append(v)
    no_rows = pd.DataFrame({c: [] for c in HARMONISED_COLUMNS})  # the rows are in DuckDB
    for i in texts:
        if i not in summary:
            continue  # a header and no rows
        count, ragged, longest, distinct_months, reported, within = summary[i]
        if ragged or longest > MAX_FIELD or (count > 1 and i not in singles):
            continue
        label = files[i][1]
        try:
            period = _period(label, sorted(distinct_months))
            supplier_name, mismatch = check_supplier(
                label, supplier, reported, within, supplier_mismatch_reason
            )
            start, end = _month_bounds(period)
        except ValueError:  # refused (BadFileError), or a month 13: as the file alone is
            continue
        if distinct_months != [period]:
            continue  # rows to reject for their month
        bad = faults.get(i, {"line": [], "fault": [], "month": [], "value": []})
        rejections = _rejections(bad["line"], bad["fault"], bad["month"], bad["value"], period)
        parsed[i] = ParsedFile(
            source=SOURCE,
            supplier=supplier_name,
            period_start=start,
            period_end=end,
            rows_read=count,
            rows=no_rows,
            rejections=rejections,
            reporting_area=FORCE_AREAS.get(supplier_name),
            supplier_mismatch=mismatch,
        )
        accepted[i] = count - len(rejections)
    kept = [i for i, p in enumerate(parsed) if p is not None]
    tables = {_FILES: pa.table({"file_index": pa.array(kept, pa.int64())})}
    rejected = [(i, r.line) for i in kept for r in parsed[i].rejections]  # type: ignore[union-attr]
    # Every row of a file read together is for its period (a file with rows for
    # another month is read alone): its month is its own.
    rows_sql = (
        "(select c.file_index, c.line, c.category, c.subcategory, c.source_type, "
        "cast(c.month || '-01' as date) as month, cast(null as date) as occurred_date, "
        "cast(null as time) as occurred_time, c.lsoa11, c.longitude, c.latitude, "
        f"c.location_text, c.outcome, c.reference, c.flags from {_ROWS} c "
        f"semi join {_FILES} f on c.file_index = f.file_index"
    )
    if rejected:
        tables[_REJECTED] = pa.table(
            {
                "file_index": pa.array([i for i, _ in rejected], pa.int64()),
                "line": pa.array([line for _, line in rejected], pa.int64()),
            }
        )
        rows_sql += f" anti join {_REJECTED} r on c.file_index = r.file_index and c.line = r.line"
    rows_sql += ")"
    return BulkRead(parsed, accepted, rows_sql, tables, temporary=(_ROWS,))


#: The columns a file's accepted rows are compared on for repetition (those of
#: :func:`~diogel.ingest.supersession.repeated_rows` that vary within a file).
_CONTENT = (
    "category",
    "subcategory",
    "source_type",
    "lsoa11",
    "longitude",
    "latitude",
    "location_text",
    "outcome",
    "reference",
    "flags",
)


def _period(label: str, distinct_months: list[str]) -> str:
    """The file's month (``YYYY-MM``): its name's, which its rows must include, or
    else the one valid month among its rows."""
    declared = _FILE_NAME.match(label)
    if declared:
        period = declared["month"]
        if period not in distinct_months:
            raise BadFileError(
                f"{label}: the file name says {period} but its rows are for "
                f"{', '.join(distinct_months[:3])}; wrong period"
            )
        return period
    valid = [m for m in distinct_months if _MONTH.match(m)]
    if len(valid) != 1:
        raise BadFileError(
            f"{label}: a police.uk street file covers one month; this one has "
            f"{', '.join(distinct_months[:4]) or 'none'}"
        )
    return valid[0]


def _month_bounds(period: str) -> tuple[dt.date, dt.date]:
    start = dt.date(int(period[:4]), int(period[5:]), 1)
    return start, (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def _rejections(
    lines: list[int], faults: list[int], months: list[str], values: list[str], period: str
) -> list[Rejection]:
    """One rejection per faulty row (in the order given), naming its first fault."""
    return [
        Rejection(
            line,
            _FAULTS[f][0],
            month_text[:200] if f == 1 else value,
            _FAULTS[f][1].format(period=period),
        )
        for line, f, month_text, value in zip(lines, faults, months, values, strict=True)
    ]


def _known(known_lsoas: Iterable[str]) -> pa.Array:
    """The known LSOA codes as Arrow strings (NULLs dropped)."""
    if isinstance(known_lsoas, pd.Series | pd.Index) and known_lsoas.dtype != object:
        codes = pa.array(known_lsoas)  # already Arrow strings: no copy
    else:
        codes = pa.array(list(known_lsoas), pa.string(), from_pandas=True)
    return codes.filter(pc.is_valid(codes))


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


# What ``pd.to_numeric(errors="coerce")`` reads as a number (the checks before this
# version used it): a decimal numeral between ASCII white space, or an infinity with
# no white space; anything else (NaN spelt out included) is "not a number".
_SPACE = " \t\n\r\x0b\x0c"
_NUMBER = f"[{_SPACE}]*[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?[{_SPACE}]*"
_INFINITY = "(?i)[+-]?inf(inity)?"


def _as_number(column: str) -> str:
    return (
        f"case when regexp_full_match({column}, {_sql_text(_NUMBER)}) "
        f"then try_cast(trim({column}, {_sql_text(_SPACE)}) as double) "
        f"when regexp_full_match({column}, {_sql_text(_INFINITY)}) "
        f"then try_cast({column} as double) end"
    )


def _crime_type_map(index: int) -> str:
    cases = " ".join(
        f"when {_sql_text(t)} then {_sql_text(pair[index])}"
        for t, pair in POLICE_UK_CRIME_TYPES.items()
    )
    return f"case crime_type {cases} end"


#: Each fault: the column named and the reason, in the order the checks apply (a row
#: is rejected for its first fault only, and the value of the column named is shown).
_FAULTS = {
    1: ("Month", "month is not the file's period {period}"),
    2: ("Crime type", "not a police.uk crime type"),
    3: ("Crime ID", "Crime ID must be 64 hexadecimal characters"),
    4: ("Crime ID", "crimes (other than anti-social behaviour) must have a Crime ID"),
    5: ("Longitude", "not a number"),
    6: ("Latitude", "not a number"),
    7: ("Longitude", "longitude and latitude must both be given or both empty"),
    8: ("Longitude", "out of range"),
    9: ("Latitude", "out of range"),
    10: ("LSOA code", "not a known Welsh LSOA (2011) code"),
    11: ("LSOA code", "not an LSOA code"),
}
_SHOWN = {"Month": "month", "Crime type": "crime_type", "Crime ID": "id"} | {
    "Longitude": "lon_text",
    "Latitude": "lat_text",
    "LSOA code": "lsoa",
}
_SHOWN_SQL = " ".join(f"when fault = {k} then {_SHOWN[c]}" for k, (c, _) in _FAULTS.items())
_WEST, _SOUTH, _EAST, _NORTH = WALES_BOUNDS

_CHECK_SQL = f"""
with cells as (
    select {{keys}}line, "Crime ID" as id, "Month" as month, "Reported by", "Falls within",
        "Longitude" as lon_text,
        "Latitude" as lat_text, "Location" as location, "LSOA code" as lsoa,
        "Crime type" as crime_type, "Last outcome category" as outcome_text,
        {_as_number("lon_text")} as lon,
        {_as_number("lat_text")} as lat,
        starts_with(lsoa, 'W01') as welsh,
        starts_with(lsoa, 'E01') as english,
        {_crime_type_map(0)} as category
    from {{csv}}
), faults as (
    select *,
        case
            -- 1, a month not the file's period, is checked on the result
            when category is null then 2
            when id <> '' and not regexp_full_match(id, '[0-9a-f]{{{{64}}}}') then 3
            when id = '' and crime_type <> 'Anti-social behaviour' then 4
            when lon_text <> '' and (lon is null or isnan(lon)) then 5
            when lat_text <> '' and (lat is null or isnan(lat)) then 6
            when (lon_text <> '') <> (lat_text <> '') then 7
            when lon_text <> '' and (lon < -180 or lon > 180) then 8
            when lat_text <> '' and (lat < -90 or lat > 90) then 9
            -- 10, a Welsh code not known, is checked on the result
            when lsoa <> '' and not welsh and not english then 11
        end as fault
    from cells
)
select {{keys}}line, month, "Reported by" as reported_by, "Falls within" as falls_within,
    fault, welsh,
    left(case {_SHOWN_SQL} else lsoa end, 200) as value,
    category, {_crime_type_map(1)} as subcategory, crime_type as source_type,
    case when welsh then lsoa end as lsoa11,
    case when lon_text <> '' then lon end as longitude,
    case when lat_text <> '' then lat end as latitude,
    location as location_text,
    case when outcome_text <> '' then outcome_text end as outcome,
    case when id <> '' then id end as reference,
    case
        when lsoa = '' then 'no_location'
        when english or (lon_text <> '' and not (lon >= {_WEST} and lon <= {_EAST}
            and lat >= {_SOUTH} and lat <= {_NORTH})) then 'outside_wales'
        else ''
    end as flags
from faults
"""
