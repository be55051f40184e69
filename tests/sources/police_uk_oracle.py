"""The police.uk street parser as it was before validation moved into DuckDB.

The independent oracle for ``tests/sources/test_police_uk_oracle.py``: the row-by-row
Python implementation (its CSV reader, row checks and supplier check), copied unchanged
from ``diogel.sources`` so the DuckDB parser can be compared against it on any file.
Only the shared result types and errors are imported. One rule was added since the copy:
a header wider than :data:`MAX_COLUMNS` is refused.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from diogel.sources.base import (
    BadFileError,
    ParsedFile,
    Rejection,
    SupplierMismatchError,
    same_body,
)
from diogel.sources.categories import POLICE_UK_CRIME_TYPES

MAX_FIELD = 1_000_000
MAX_COLUMNS = 1000


@dataclass(frozen=True)
class CsvTable:
    header: list[str]
    columns: dict[str, list[str]]
    lines: list[int]


def read_csv(
    path: Path, required: tuple[str, ...], name: str | None = None, allow_empty: bool = False
) -> CsvTable:
    """Parse ``path`` as UTF-8 CSV with a header row containing ``required``.

    A header with no rows is refused unless ``allow_empty`` (a nil return, for
    sources whose period can be known without rows).
    """
    label = name or path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BadFileError(f"{label}: cannot be read ({exc.strerror})") from exc
    if not raw.strip():
        raise BadFileError(f"{label}: the file is empty")
    if b"\x00" in raw[:8192]:
        raise BadFileError(f"{label}: this is not a CSV text file (it contains binary data)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BadFileError(
            f"{label}: line {line} is not UTF-8 text (byte {raw[exc.start]:#04x}); "
            "save the file as UTF-8 CSV and send it again"
        ) from exc
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except (csv.Error, StopIteration) as exc:
        raise BadFileError(f"{label}: the header row cannot be read ({exc})") from exc
    header = [h.strip() for h in header]
    if len(header) > MAX_COLUMNS:
        raise BadFileError(
            f"{label}: the header has {len(header):,} columns; a file may have at most "
            f"{MAX_COLUMNS:,}"
        )
    missing = [c for c in required if c not in header]
    if missing:
        raise BadFileError(
            f"{label}: missing column(s) {', '.join(repr(c) for c in missing)}; "
            f"found {', '.join(repr(h) for h in header[:15])}"
        )
    if len(set(header)) != len(header):
        repeated = sorted({h for h in header if header.count(h) > 1})
        raise BadFileError(f"{label}: column(s) named twice: {', '.join(repeated)}")
    width = len(header)
    values: list[list[str]] = [[] for _ in header]
    lines: list[int] = []
    previous_end = reader.line_num
    try:
        for record in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if not record or (len(record) == 1 and not record[0].strip()):
                continue  # blank line
            if len(record) != width:
                raise BadFileError(
                    f"{label}: line {start} has {len(record)} fields, the header has {width}"
                )
            for column, value in zip(values, record, strict=True):
                column.append(value)
            lines.append(start)
    except csv.Error as exc:
        raise BadFileError(
            f"{label}: line {reader.line_num} cannot be parsed as CSV ({exc})"
        ) from exc
    if not lines and not allow_empty:
        raise BadFileError(f"{label}: the file has a header but no rows")
    return CsvTable(header, dict(zip(header, values, strict=True)), lines)


class RowRejections:
    """Rows rejected while checking a table, each with its first reason.

    ``reject(mask, column, reason)`` rejects the rows where ``mask`` holds, naming
    the column and quoting its value; a row already rejected is not reported again.
    """

    def __init__(self, lines: Sequence[int] | np.ndarray, values: Mapping[str, Any]) -> None:
        self.lines = np.asarray(lines)
        self.values = values
        self.bad = np.zeros(len(self.lines), dtype=bool)
        self.items: list[Rejection] = []

    def reject(self, mask: np.ndarray, column: str, reason: str, values: Any = None) -> None:
        shown = self.values[column] if values is None else values
        for i in np.flatnonzero(mask & ~self.bad):
            self.items.append(Rejection(int(self.lines[i]), column, str(shown[i])[:200], reason))
        self.bad |= mask

    @property
    def keep(self) -> np.ndarray:
        return ~self.bad

    def sorted(self) -> list[Rejection]:
        return sorted(self.items, key=lambda r: (r.line, r.column))


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
_CRIME_ID = re.compile(r"^[0-9a-f]{64}$")

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


def oracle_parse_street_file(
    path: Path,
    known_lsoas: Iterable[str],
    supplier: str | None = None,
    name: str | None = None,
    supplier_mismatch_reason: str | None = None,
) -> ParsedFile:
    """Read a police.uk street file into harmonised rows and rejections.

    ``supplier`` must agree with the file's force (:func:`check_supplier`) unless
    ``supplier_mismatch_reason`` says why not.
    """
    label = name or path.name
    table = read_csv(path, COLUMNS, label)
    col = {c: np.array(table.columns[c], dtype=object) for c in COLUMNS}
    series = {c: pd.Series(table.columns[c], dtype=object) for c in COLUMNS}
    lines = np.array(table.lines)
    months = col["Month"]

    declared = _FILE_NAME.match(label)
    distinct = sorted(set(months))
    if declared:
        period = declared["month"]
        if period not in distinct:
            raise BadFileError(
                f"{label}: the file name says {period} but its rows are for "
                f"{', '.join(distinct[:3])}; wrong period"
            )
    else:
        valid = [m for m in distinct if _MONTH.match(m)]
        if len(valid) != 1:
            raise BadFileError(
                f"{label}: a police.uk street file covers one month; this one has "
                f"{', '.join(distinct[:4]) or 'none'}"
            )
        period = valid[0]

    checks = RowRejections(lines, col)
    reject = checks.reject

    reject(months != period, "Month", f"month is not the file's period {period}")
    types = col["Crime type"]
    known_type = series["Crime type"].isin(POLICE_UK_CRIME_TYPES.keys()).to_numpy()
    reject(~known_type, "Crime type", "not a police.uk crime type")
    ids = col["Crime ID"]
    is_asb = types == "Anti-social behaviour"
    has_id = ids != ""
    valid_id = series["Crime ID"].str.fullmatch(_CRIME_ID.pattern).to_numpy(bool) | ~has_id
    reject(~valid_id, "Crime ID", "Crime ID must be 64 hexadecimal characters")
    reject(
        ~is_asb & ~has_id & known_type,
        "Crime ID",
        "crimes (other than anti-social behaviour) must have a Crime ID",
    )

    lon = pd.to_numeric(pd.Series(col["Longitude"]), errors="coerce").to_numpy(float)
    lat = pd.to_numeric(pd.Series(col["Latitude"]), errors="coerce").to_numpy(float)
    lon_given, lat_given = col["Longitude"] != "", col["Latitude"] != ""
    reject(lon_given & np.isnan(lon), "Longitude", "not a number")
    reject(lat_given & np.isnan(lat), "Latitude", "not a number")
    reject(
        lon_given != lat_given,
        "Longitude",
        "longitude and latitude must both be given or both empty",
    )
    reject(lon_given & ((lon < -180) | (lon > 180)), "Longitude", "out of range")
    reject(lat_given & ((lat < -90) | (lat > 90)), "Latitude", "out of range")

    lsoa = col["LSOA code"]
    welsh = series["LSOA code"].str.startswith("W01").to_numpy(bool)
    english = series["LSOA code"].str.startswith("E01").to_numpy(bool)
    known = series["LSOA code"].isin(set(known_lsoas)).to_numpy()
    reject(welsh & ~known, "LSOA code", "not a known Welsh LSOA (2011) code")
    reject((lsoa != "") & ~welsh & ~english, "LSOA code", "not an LSOA code")

    supplier_name, mismatch = check_supplier(
        label, supplier, col["Reported by"], col["Falls within"], supplier_mismatch_reason
    )

    keep = checks.keep
    category = series["Crime type"].map({t: c for t, (c, _) in POLICE_UK_CRIME_TYPES.items()})
    subcategory = series["Crime type"].map({t: s for t, (_, s) in POLICE_UK_CRIME_TYPES.items()})
    in_wales_box = (
        (lon >= WALES_BOUNDS[0])
        & (lon <= WALES_BOUNDS[2])
        & (lat >= WALES_BOUNDS[1])
        & (lat <= WALES_BOUNDS[3])
    )
    flags = np.where(
        lsoa == "",
        "no_location",
        np.where(english | (lon_given & ~in_wales_box), "outside_wales", ""),
    )
    year, month = int(period[:4]), int(period[5:])
    start = dt.date(year, month, 1)
    end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    rows = pd.DataFrame(
        {
            "line": lines[keep],
            "category": category.to_numpy(object)[keep],
            "subcategory": subcategory.to_numpy(object)[keep],
            "source_type": types[keep],
            "month": start,
            "occurred_date": None,
            "occurred_time": None,
            "lsoa11": _or_none(welsh, lsoa)[keep],
            "longitude": np.where(lon_given, lon, np.nan)[keep],
            "latitude": np.where(lat_given, lat, np.nan)[keep],
            "location_text": col["Location"][keep],
            "outcome": _or_none(col["Last outcome category"] != "", col["Last outcome category"])[
                keep
            ],
            "reference": _or_none(has_id, ids)[keep],
            "flags": flags[keep],
        }
    )
    rows["occurred_date"] = rows["occurred_date"].astype("object")
    rows["occurred_time"] = rows["occurred_time"].astype("object")
    return ParsedFile(
        source=SOURCE,
        supplier=supplier_name,
        period_start=start,
        period_end=end,
        rows_read=len(lines),
        rows=rows,
        rejections=checks.sorted(),
        reporting_area=FORCE_AREAS.get(supplier_name),
        supplier_mismatch=mismatch,
    )


def _or_none(mask: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``values`` where ``mask`` holds, ``None`` elsewhere (an object array)."""
    out = np.full(len(values), None, dtype=object)
    out[mask] = values[mask]
    return out
