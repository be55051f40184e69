"""A police force's own recorded total against the figure located in its area.

A force's police.uk files hold every record the force recorded, wherever it
happened; the figure for the force *area* counts the records placed in it, from
any force's files. The two differ by the force's records with no location, those
located over the border in England, those located in another Welsh force's area,
and, the other way, other forces' records located in this area (for example the
British Transport Police's). :func:`force_reconciliation` gives both figures and
the parts, which add up exactly::

    located = recorded - no_location - located_in_england
              - elsewhere_in_wales + from_other_forces

Only police.uk street data (``police_uk_street``) is reconciled. It is open data,
already published at point level, so no disclosure control applies (the answer
says so: ``suppressed`` is always false).

How the importer records the parts (:mod:`diogel.sources.police_uk`,
:func:`diogel.warehouse.imports.assign_locations`): ``reporting_area`` is the area
of the force whose file the record is in (``NULL`` for a force with no area of its
own, such as the British Transport Police); ``police_force_area`` is the area of
the record's Welsh LSOA. A record in no Welsh area is flagged ``outside_wales``
when the file gives an English LSOA code (or a point outside Wales) and
``no_location`` when it gives no LSOA.
"""

from __future__ import annotations

from collections import defaultdict

from pydantic import Field

from diogel.figures.answers import Answer, ImportUsed, State
from diogel.figures.base import CountQueryError, check_filters, record_filters
from diogel.figures.coverage import months_between
from diogel.figures.query import FigureError
from diogel.geography import Area, Geography, Level
from diogel.warehouse import Warehouse
from diogel.warehouse.coverage import reported_months

SOURCE = "police_uk_street"

# Where a record is placed, as the importer left it.
_IN_WALES, _ENGLAND, _NO_LOCATION = "wales", "england", "none"


class ForcePart(Answer):
    """Records of one part of the difference, for one other force."""

    code: str | None = Field(
        description="The other force's police force area; null for a force with no area "
        "of its own (e.g. the British Transport Police)."
    )
    name_en: str
    name_cy: str
    count: int | None


class ForceReconciliation(Answer):
    """A force's recorded total, the figure located in its area, and the difference.

    ``located = recorded - no_location - located_in_england - elsewhere_in_wales
    + from_other_forces``, exactly. Every count is null when the force sent no file
    for a month of the period (state ``no_data``): a total missing a month is not
    the force's total.
    """

    force: str = Field(description="The police force area's code.")
    name_en: str
    name_cy: str
    source: str
    category: str | None
    month_from: str = Field(alias="from")
    month_to: str = Field(alias="to")
    suppressed: bool = Field(
        default=False,
        description="Always false: police.uk data is open, not disclosure controlled.",
    )
    state: State
    months_without_data: list[str] = Field(
        description="Months of the period with no file from the force in the warehouse."
    )
    recorded: int | None = Field(description="Records in the force's own files.")
    no_location: int | None = Field(description="Of those, records with no location.")
    located_in_england: int | None = Field(
        description="Of those, records located outside Wales (an English LSOA)."
    )
    elsewhere_in_wales: int | None = Field(
        description="Of those, records located in another Welsh force's area."
    )
    elsewhere_in_wales_by_force: list[ForcePart]
    recorded_and_located: int | None = Field(
        description="Records in the force's own files located in its area."
    )
    from_other_forces: int | None = Field(
        description="Records in other forces' files located in this force's area."
    )
    from_other_forces_by_force: list[ForcePart]
    located: int | None = Field(description="Records located in the force's area, any files.")
    imports: list[ImportUsed]


def force_reconciliation(
    geo: Geography,
    warehouse: Warehouse,
    force: Area,
    first: str,
    last: str,
    category: str | None = None,
) -> ForceReconciliation:
    """Reconcile ``force``'s own recorded total with the figure located in its area,
    police.uk street records of ``first``…``last`` (YYYY-MM, inclusive).

    Raises
    ------
    FigureError
        When ``force`` is not a police force area, a month is not YYYY-MM, the first
        is after the last, or the category is unknown.
    """
    if force.level is not Level.POLICE_FORCE_AREA:
        raise FigureError(f"{force.name_en} is not a police force area")
    try:
        check_filters(warehouse, SOURCE, category, first, last)
    except CountQueryError as exc:
        raise FigureError(str(exc)) from exc
    sent = reported_months(warehouse, SOURCE, first, last).get(force.code, set())
    missing = [m for m in months_between(first, last) if m not in sent]
    rows, import_ids = _placed_counts(warehouse, force.code, first, last, category)

    own = {k: n for k, n in rows.items() if k[0] == force.code}
    other = {k: n for k, n in rows.items() if k[0] != force.code}
    recorded = sum(own.values())
    no_location = sum(n for (_, _, place, _), n in own.items() if place == _NO_LOCATION)
    england = sum(n for (_, _, place, _), n in own.items() if place == _ENGLAND)
    kept = sum(n for (_, _, _, pfa), n in own.items() if pfa == force.code)
    elsewhere: dict[str, int] = defaultdict(int)
    for (_, _, place, pfa), n in own.items():
        if place == _IN_WALES and pfa != force.code:
            elsewhere[str(pfa)] += n
    incoming: dict[tuple[str | None, str], int] = defaultdict(int)
    for (area, supplier, _, _), n in other.items():
        # A force with an area is named by it; one without (BTP), by its supplier name.
        incoming[(area, "" if area else supplier)] += n
    located = kept + sum(incoming.values())

    value = not missing
    elsewhere_parts = [
        _part(geo, code, "", n if value else None) for code, n in sorted(elsewhere.items())
    ]
    incoming_parts = [
        _part(geo, code, supplier, n if value else None)
        for (code, supplier), n in sorted(
            incoming.items(), key=lambda kv: (kv[0][0] or "~", kv[0][1])
        )
    ]

    def shown(count: int) -> int | None:
        return count if value else None

    return ForceReconciliation(
        force=force.code,
        name_en=force.name_en,
        name_cy=force.name_cy,
        source=SOURCE,
        category=category,
        month_from=first,
        month_to=last,
        state="value" if value else "no_data",
        months_without_data=missing,
        recorded=shown(recorded),
        no_location=shown(no_location),
        located_in_england=shown(england),
        elsewhere_in_wales=shown(sum(elsewhere.values())),
        elsewhere_in_wales_by_force=elsewhere_parts,
        recorded_and_located=shown(kept),
        from_other_forces=shown(sum(incoming.values())),
        from_other_forces_by_force=incoming_parts,
        located=shown(located),
        imports=_imports(warehouse, import_ids),
    )


def _part(geo: Geography, code: str | None, supplier: str, count: int | None) -> ForcePart:
    if code is None:
        return ForcePart(code=None, name_en=supplier, name_cy=supplier, count=count)
    try:
        area = geo.hierarchy.area(code)
    except KeyError:
        return ForcePart(code=code, name_en=code, name_cy=code, count=count)
    return ForcePart(code=code, name_en=area.name_en, name_cy=area.name_cy, count=count)


def _placed_counts(
    warehouse: Warehouse, force: str, first: str, last: str, category: str | None
) -> tuple[dict[tuple[str | None, str, str, str | None], int], list[int]]:
    """Counts of the records in the force's files or located in its area, by
    (reporting area, supplier, where placed, police force area), and their imports."""
    if not warehouse.catalogue_path.exists():
        return {}, []
    where, params = record_filters(SOURCE, category, first, last)
    where.append("(reporting_area = ? or police_force_area = ?)")
    params.extend([force, force])
    placed = (
        f"case when police_force_area is not null then '{_IN_WALES}' "
        f"when flags = 'outside_wales' then '{_ENGLAND}' else '{_NO_LOCATION}' end"
    )
    sql = (
        f"select reporting_area, supplier, {placed}, police_force_area, count(*) "
        f"from current_incidents where {' and '.join(where)} group by 1, 2, 3, 4"
    )
    imports_sql = (
        f"select distinct import_id from current_incidents where {' and '.join(where)} "
        "order by import_id"
    )
    with warehouse.connect() as con:
        rows = con.execute(sql, params).fetchall()
        ids = [int(r[0]) for r in con.execute(imports_sql, params).fetchall()]
    counts = {(r[0], str(r[1]), str(r[2]), r[3]): int(r[4]) for r in rows}
    return counts, ids


def _imports(warehouse: Warehouse, ids: list[int]) -> list[ImportUsed]:
    if not ids:
        return []
    sql = (
        "select import_id, source, supplier, strftime(period_start, '%Y-%m-%d'), "
        "strftime(period_end, '%Y-%m-%d') from imports "
        f"where import_id in ({', '.join('?' for _ in ids)}) "
        "order by source, period_start, supplier, import_id"
    )
    with warehouse.connect() as con:
        rows = con.execute(sql, ids).fetchall()
    keys = ("import_id", "source", "supplier", "period_start", "period_end")
    return [ImportUsed.model_validate(dict(zip(keys, r, strict=True))) for r in rows]
