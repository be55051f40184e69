"""police.uk stop and search files (``YYYY-MM-<force>-stop-and-search.csv``).

Columns, as police.uk publishes them::

    Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,
    Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,
    Object of search,Outcome,Outcome linked to object of search,
    Removal of more than just outer clothing

Each stop becomes one record of category ``stop_and_search`` (not a crime), with
its point located to an LSOA; the search's own fields go to the detail table.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd

from diogel.sources.base import HARMONISED_COLUMNS, BadFileError, ParsedFile, RowRejections
from diogel.sources.csvfile import read_csv
from diogel.sources.police_uk import FORCE_AREAS

SOURCE = "police_uk_stop_search"
COLUMNS = (
    "Type",
    "Date",
    "Part of a policing operation",
    "Policing operation",
    "Latitude",
    "Longitude",
    "Gender",
    "Age range",
    "Self-defined ethnicity",
    "Officer-defined ethnicity",
    "Legislation",
    "Object of search",
    "Outcome",
    "Outcome linked to object of search",
    "Removal of more than just outer clothing",
)
TYPES = {"Person search", "Vehicle search", "Person and Vehicle search"}
DETAIL = (
    "Legislation",
    "Object of search",
    "Outcome",
    "Gender",
    "Age range",
    "Officer-defined ethnicity",
)
_FILE_NAME = re.compile(r"^(?P<month>\d{4}-\d{2})-(?P<force>[a-z-]+)-stop-and-search\.csv$")


def parse_stop_search_file(path: Path, supplier: str, name: str | None = None) -> ParsedFile:
    """Read a police.uk stop and search file for ``supplier`` (e.g. "Gwent Police")."""
    label = name or path.name
    table = read_csv(path, COLUMNS, label)
    lines = np.array(table.lines)
    when = pd.to_datetime(
        pd.Series(table.columns["Date"]), errors="coerce", utc=True, format="ISO8601"
    )
    types = pd.Series(table.columns["Type"])
    declared = _FILE_NAME.match(label)
    checks = RowRejections(lines, table.columns)
    reject = checks.reject

    reject(when.isna().to_numpy(), "Date", "not an ISO 8601 date and time")
    reject(~types.isin(TYPES).to_numpy(), "Type", "not a police.uk search type")
    # police.uk gives UTC; the month a stop belongs to is the month in Wales.
    local = when.dt.tz_convert("Europe/London")
    months = local.dt.strftime("%Y-%m")
    if declared:
        reject(
            (months != declared["month"]).to_numpy() & checks.keep,
            "Date",
            f"not in the file's month {declared['month']}",
        )
    lon = pd.to_numeric(pd.Series(table.columns["Longitude"]), errors="coerce").to_numpy(float)
    lat = pd.to_numeric(pd.Series(table.columns["Latitude"]), errors="coerce").to_numpy(float)
    given = (np.array(table.columns["Longitude"]) != "") | (
        np.array(table.columns["Latitude"]) != ""
    )
    reject(given & (np.isnan(lon) | np.isnan(lat)), "Longitude", "coordinates are not numbers")
    keep = checks.keep
    if not keep.any():
        raise BadFileError(f"{label}: no usable rows (every row was rejected)")
    local = when.dt.tz_convert("Europe/London")
    rows = pd.DataFrame(
        {
            "line": lines,
            "category": "stop_and_search",
            "subcategory": types.str.lower().str.replace(" ", "_"),
            "source_type": types,
            "month": [t.date().replace(day=1) if not pd.isna(t) else None for t in local],
            "occurred_date": [t.date() if not pd.isna(t) else None for t in local],
            "occurred_time": [t.time() if not pd.isna(t) else None for t in local],
            "lsoa11": None,
            "longitude": np.where(given, lon, np.nan),
            "latitude": np.where(given, lat, np.nan),
            "location_text": None,
            "outcome": pd.Series(table.columns["Outcome"]).replace("", None),
            "reference": None,
            "flags": np.where(given, "", "no_location"),
        }
    )[list(HARMONISED_COLUMNS)][keep].reset_index(drop=True)
    detail = pd.DataFrame(
        {
            "line": lines,
            **{c.lower().replace(" ", "_").replace("-", "_"): table.columns[c] for c in DETAIL},
        }
    )[keep].reset_index(drop=True)
    valid = [m for m in rows["month"] if isinstance(m, dt.date)]
    start, last = min(valid), max(valid)
    end = (last + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return ParsedFile(
        SOURCE,
        supplier,
        start,
        end,
        len(lines),
        rows,
        checks.sorted(),
        detail,
        FORCE_AREAS.get(supplier),
    )
