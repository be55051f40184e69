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
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from diogel.sources.base import (
    HARMONISED_COLUMNS,
    BadFileError,
    ParsedFile,
    Rejection,
    SupplierMismatchError,
    same_body,
)
from diogel.sources.categories import POLICE_UK_CRIME_TYPES
from diogel.sources.csvfile import in_line_order, parser_connection, query_csv

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
    checked = in_line_order(query_csv(con, path, COLUMNS, _CHECK_SQL, name=label).result)
    month = checked.column("month")

    declared = _FILE_NAME.match(label)
    distinct_months = sorted(pc.unique(month).to_pylist())
    if declared:
        period = declared["month"]
        if period not in distinct_months:
            raise BadFileError(
                f"{label}: the file name says {period} but its rows are for "
                f"{', '.join(distinct_months[:3])}; wrong period"
            )
    else:
        valid = [m for m in distinct_months if _MONTH.match(m)]
        if len(valid) != 1:
            raise BadFileError(
                f"{label}: a police.uk street file covers one month; this one has "
                f"{', '.join(distinct_months[:4]) or 'none'}"
            )
        period = valid[0]
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
    rejections = [
        Rejection(
            line,
            _FAULTS[f][0],
            month_text[:200] if f == 1 else value,
            _FAULTS[f][1].format(period=period),
        )
        for line, f, month_text, value in zip(
            bad["line"],
            fault.filter(pc.invert(good)).to_pylist(),
            bad["month"],
            bad["value"],
            strict=True,
        )
    ]
    start = dt.date(int(period[:4]), int(period[5:]), 1)
    end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
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
    select line, "Crime ID" as id, "Month" as month, "Reported by", "Falls within",
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
select line, month, "Reported by" as reported_by, "Falls within" as falls_within,
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
