"""police.uk outcome files (``YYYY-MM-<force>-outcomes.csv``).

Columns, as police.uk publishes them::

    Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,
    LSOA code,LSOA name,Outcome type

Each row is an outcome recorded in that month for a crime (identified by its
Crime ID, usually reported in an earlier month). Outcomes are not incidents:
they go to the warehouse's ``crime_outcomes`` table, so crimes are never counted
twice.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from diogel.sources.base import HARMONISED_COLUMNS, BadFileError, ParsedFile, RowRejections
from diogel.sources.csvfile import read_csv
from diogel.sources.police_uk import FORCE_AREAS

SOURCE = "police_uk_outcomes"
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
    "Outcome type",
)
_FILE_NAME = re.compile(r"^(?P<month>\d{4}-\d{2})-(?P<force>[a-z-]+)-outcomes\.csv$")


def parse_outcomes_file(
    path: Path, known_lsoas: Iterable[str], name: str | None = None
) -> ParsedFile:
    """Read a police.uk outcomes file."""
    label = name or path.name
    table = read_csv(path, COLUMNS, label)
    lines = np.array(table.lines)
    col = {c: pd.Series(table.columns[c], dtype=object) for c in COLUMNS}
    months = sorted(set(col["Month"]))
    declared = _FILE_NAME.match(label)
    period = declared["month"] if declared else (months[0] if len(months) == 1 else None)
    if period is None or not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", period):
        raise BadFileError(
            f"{label}: an outcomes file covers one month; found {', '.join(months[:4])}"
        )
    checks = RowRejections(lines, table.columns)
    reject = checks.reject

    reject((col["Month"] != period).to_numpy(), "Month", f"not the file's month {period}")
    reject(
        ~col["Crime ID"].str.fullmatch(r"[0-9a-f]{64}").to_numpy(bool),
        "Crime ID",
        "Crime ID must be 64 hexadecimal characters",
    )
    reject((col["Outcome type"].str.strip() == "").to_numpy(), "Outcome type", "empty")
    lsoa = col["LSOA code"]
    welsh = lsoa.str.startswith("W01").to_numpy(bool)
    reject(
        welsh & ~lsoa.isin(set(known_lsoas)).to_numpy(),
        "LSOA code",
        "not a known Welsh LSOA (2011) code",
    )
    keep = checks.keep
    forces = sorted(set(col["Reported by"]))
    start = dt.date.fromisoformat(f"{period}-01")
    end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    rows = pd.DataFrame({c: None for c in HARMONISED_COLUMNS}, index=range(len(lines)))
    rows["line"] = lines
    rows["reference"] = col["Crime ID"]
    rows["month"] = start
    rows["lsoa11"] = lsoa.where(pd.Series(welsh), None)
    rows["outcome"] = col["Outcome type"].str.strip()
    rows["flags"] = ""
    rows["longitude"] = np.nan
    rows["latitude"] = np.nan
    supplier = forces[0] if len(forces) == 1 else ", ".join(forces)
    return ParsedFile(
        SOURCE,
        supplier,
        start,
        end,
        len(lines),
        rows[keep].reset_index(drop=True),
        checks.sorted(),
        None,
        FORCE_AREAS.get(supplier),
        target="outcomes",
    )
