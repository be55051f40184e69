"""Record-level rows of a query: shown only to people an agreement lets see them.

The caller decides access (``diogel.governance.record_scope``: which agreement and
provider pairs, at which level) and audits the view; this module only reads rows
of the imports the scope covers, and leaves out what each grant's level withholds.
The scope is applied in SQL, so a row outside it is never read, let alone counted.
"""

from __future__ import annotations

from typing import Any

from diogel.figures.base import AREA_COLUMNS, record_filters
from diogel.figures.query import FigureError, FigureQuery
from diogel.geography import Level
from diogel.governance import DataLevel, RecordScope
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
    scope: RecordScope,
    limit: int = 100,
    offset: int = 0,
) -> dict[str, Any]:
    """Up to ``limit`` records (in file order) matching ``query`` within ``scope``, and
    the number in all.

    Only rows of the scope's source are read, and (unless the source is open) only
    rows of imports whose ``(agreement, provider)`` pair the scope grants. The
    columns are those of the scope's highest level; a row granted at a lower level
    has the higher level's columns blank.

    Raises :class:`FigureError` for a scope that covers nothing: callers must never
    reach here without a record-level grant, and the error makes a slip loud.
    """
    columns = record_columns(scope.level)
    if not columns:
        raise FigureError("record-level data needs a record-level agreement")
    if query.source is not None and query.source != scope.source:
        raise FigureError(f"the records asked for are not of {scope.source}")
    if not 1 <= limit <= MAX_PAGE or offset < 0:
        raise FigureError(f"a page holds 1 to {MAX_PAGE} records from offset 0 or more")
    where, params = record_filters(scope.source, query.category, *query.months)
    if query.within is not None and query.within.level is not Level.WALES:
        # A record not placed in any area still belongs to the body that sent it
        # (e.g. ED attendances, by health board): Wales, or that body, lists it.
        column = AREA_COLUMNS[query.within.level]
        where.append(f"({column} = ? or ({column} is null and reporting_area = ?))")
        params.extend([query.within.code, query.within.code])
    if not warehouse.catalogue_path.exists():
        return {"columns": list(columns), "total": 0, "records": []}
    rows_from, from_params = _granted_rows(scope)
    selected = ", ".join(
        f"case when granted_personal then {c} end as {c}"
        if c in PERSONAL_COLUMNS and not scope.open
        else c
        for c in columns
    )
    condition = " and ".join(where)
    with warehouse.connect() as con:
        total_row = con.execute(
            f"select count(*) from {rows_from} where {condition}", [*from_params, *params]
        ).fetchone()
        rows = con.execute(
            f"select {selected} from {rows_from} where {condition} "
            "order by import_id, line limit ? offset ?",
            [*from_params, *params, limit, offset],
        ).fetchall()
    return {
        "columns": list(columns),
        "total": int(total_row[0]) if total_row else 0,
        "records": [_plain(dict(zip(columns, r, strict=True))) for r in rows],
    }


def _granted_rows(scope: RecordScope) -> tuple[str, list[object]]:
    """The ``from`` clause of the rows ``scope`` covers, and its parameters.

    Open data: every current row. Otherwise current rows joined to the imports whose
    ``(agreement, provider)`` pair has a grant, with ``granted_personal`` saying
    whether a personal-level grant covers the import. An import under no agreement,
    or with no provider recorded, never joins (NULL equals nothing).
    """
    if scope.open:
        return "current_incidents", []
    # A grant below record level (never made by ``record_scope``) covers no rows.
    grants = sorted(g for g in scope.grants if g.level.record_level)
    values = ", ".join("(?, ?, ?)" for _ in grants)
    params: list[object] = []
    for grant in grants:
        params.extend([grant.agreement, grant.provider, grant.level is DataLevel.PERSONAL])
    granted = (
        "(select m.import_id, bool_or(g.personal) as granted_personal from imports m "
        f"join (values {values}) g(agreement, provider, personal) "
        "on m.agreement = g.agreement and m.provider = g.provider group by m.import_id)"
    )
    return f"current_incidents join {granted} granted using (import_id)", params


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
