"""Record-level rows of a query: shown only to people an agreement lets see them.

The caller decides access (``diogel.governance.decide_access``) and audits the
view; this module only reads, and leaves out what the granted level withholds.
"""

from __future__ import annotations

from typing import Any

from diogel.figures.base import AREA_COLUMNS, record_filters
from diogel.figures.query import FigureError, FigureQuery
from diogel.geography import Level
from diogel.governance import DataLevel
from diogel.warehouse import Warehouse

#: Columns any record-level grant shows.
RECORD_COLUMNS: tuple[str, ...] = (
    "import_id",
    "line",
    "source",
    "supplier",
    "month",
    "occurred_date",
    "occurred_time",
    "category",
    "subcategory",
    "source_type",
    "lsoa11",
    "local_authority",
    "person_pseudonym",  # keyed hash: links records of one person without naming them
)
#: Columns only a personal-level grant shows: exact points and free text can identify.
PERSONAL_COLUMNS: tuple[str, ...] = ("longitude", "latitude", "location_text", "reference")

MAX_PAGE = 1000


def record_columns(level: DataLevel) -> tuple[str, ...]:
    """The columns ``level`` shows; none below record level.

    Examples
    --------
    >>> record_columns(DataLevel.AGGREGATE)
    ()
    >>> "latitude" in record_columns(DataLevel.PSEUDONYMISED)
    False
    """
    if not level.record_level:
        return ()
    return RECORD_COLUMNS + (PERSONAL_COLUMNS if level is DataLevel.PERSONAL else ())


def record_page(
    warehouse: Warehouse,
    query: FigureQuery,
    level: DataLevel,
    limit: int = 100,
    offset: int = 0,
) -> dict[str, Any]:
    """Up to ``limit`` records (in file order) matching ``query`` and the number in all.

    Raises :class:`FigureError` below record level: callers must never reach here
    without a record-level grant, and the error makes a slip loud.
    """
    columns = record_columns(level)
    if not columns:
        raise FigureError("record-level data needs a record-level agreement")
    if not 1 <= limit <= MAX_PAGE or offset < 0:
        raise FigureError(f"a page holds 1 to {MAX_PAGE} records from offset 0 or more")
    where, params = record_filters(query.source, query.category, *query.months)
    if query.within is not None and query.within.level is not Level.WALES:
        # A record not placed in any area still belongs to the body that sent it
        # (e.g. ED attendances, by health board): Wales, or that body, lists it.
        column = AREA_COLUMNS[query.within.level]
        where.append(f"({column} = ? or ({column} is null and reporting_area = ?))")
        params.extend([query.within.code, query.within.code])
    if not warehouse.catalogue_path.exists():
        return {"columns": list(columns), "total": 0, "records": []}
    condition = " and ".join(where)
    with warehouse.connect() as con:
        total_row = con.execute(
            f"select count(*) from current_incidents where {condition}", params
        ).fetchone()
        rows = con.execute(
            f"select {', '.join(columns)} from current_incidents where {condition} "
            "order by import_id, line limit ? offset ?",
            [*params, limit, offset],
        ).fetchall()
    return {
        "columns": list(columns),
        "total": int(total_row[0]) if total_row else 0,
        "records": [_plain(dict(zip(columns, r, strict=True))) for r in rows],
    }


def _plain(record: dict[str, Any]) -> dict[str, Any]:
    """Dates and times as ISO text, months as YYYY-MM: what JSON and CSV carry."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        if key == "month" and value is not None:
            out[key] = value.strftime("%Y-%m")
        elif hasattr(value, "isoformat"):
            out[key] = value.isoformat()
        else:
            out[key] = value
    return out
