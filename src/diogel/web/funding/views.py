"""Funding: where the money comes from, what it is put to, and what has been spent.

The register is the funding file (``DIOGEL_FUNDING_FILE``, default the Gwent example
from seed 003), validated by :mod:`diogel.funding` on every request so a bad edit shows
as a clear error rather than wrong figures. Every figure is the core's
(:mod:`diogel.funding.views`), in exact pence; the page only labels it.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from diogel.funding import FundingError, load_funding, pounds
from diogel.funding.cost import CostError, cost_per_unit
from diogel.funding.export import csv_rows, tables, write_xlsx
from diogel.funding.model import Funding
from diogel.funding.views import (
    ViewRow,
    by_area,
    by_objective,
    by_source,
    by_theme,
    by_year,
    funding_lines,
    pool_shares,
    totals,
)
from diogel.landscape.areas import AreaIndex
from diogel.landscape.vocab import Theme
from diogel.web.accounts.permissions import Capability, require
from diogel.web.areas.loader import area_index, area_name
from diogel.web.core.downloads import XLSX_TYPE, csv_download

VIEWS = {
    "source": gettext_lazy("By source"),
    "theme": gettext_lazy("By theme"),
    "area": gettext_lazy("By area"),
    "objective": gettext_lazy("By programme objective"),
    "year": gettext_lazy("By financial year"),
}


def _areas() -> AreaIndex:
    return area_index()


def _funding() -> Funding:
    return load_funding(settings.DIOGEL.funding_file)


def _language() -> str:
    return "cy" if get_language() == "cy" else "en"


def _objective_names() -> dict[str, str]:
    from diogel.web.programme.models import Objective

    return dict(Objective.objects.values_list("code", "text"))


def _label(view: str, row: ViewRow) -> str:
    """The row's label in the page's language (the core's labels are English)."""
    if row.key is None:
        return _("not given")
    if view == "theme":
        theme = Theme(row.key)
        return str(theme.label_cy if _language() == "cy" else theme.label_en)
    if view == "area":
        return area_name(row.key)
    return row.label


def _view_rows(f: Funding, view: str) -> list[ViewRow]:
    if view == "source":
        return by_source(f)
    if view == "theme":
        return by_theme(f)
    if view == "area":
        return by_area(f, _areas())
    if view == "objective":
        return by_objective(f, _objective_names())
    return by_year(f)


def unit_costs(f: Funding) -> list[dict[str, Any]]:
    """Cost per unit for each allocation that names a measure: the allocation over the
    measure's latest stored value for the allocation's area; where there is no value,
    or it is withheld or nil, the reason instead of a figure."""
    from diogel.web.performance.models import Measure, MeasureValue

    out = []
    for allocation in f.allocations:
        for code in allocation.measures:
            measure = Measure.objects.filter(code=code).first()
            row = (
                MeasureValue.objects.filter(measure__code=code, area=allocation.area or "")
                .order_by("-period")
                .first()
            )
            line: dict[str, Any] = {
                "allocation": allocation,
                "measure": measure,
                "code": code,
                "row": row,
            }
            if row is None:
                line["problem"] = _("No value of the measure is recorded for this area.")
            elif not row.has_data:
                line["problem"] = _("No data for the latest period.")
            elif row.suppressed:
                line["problem"] = _("The value is withheld by disclosure control.")
            else:
                try:
                    line["cost"] = cost_per_unit(allocation, Decimal(row.value or 0))
                except CostError:
                    line["problem"] = _("The measure's value is nil, so no cost per unit.")
            out.append(line)
    return out


def _money(pence: int | None) -> Decimal | None:
    return None if pence is None else pounds(pence)


@require(Capability.VIEW_PUBLIC_PAGES)
def overview(request: HttpRequest) -> HttpResponse:
    try:
        f = _funding()
    except FundingError as exc:
        return render(request, "funding/problem.html", {"error": exc}, status=500)
    views: list[dict[str, Any]] = []
    for view, title in VIEWS.items():
        rows = _view_rows(f, view)
        views.append(
            {
                "code": view,
                "title": title,
                "rows": [
                    {
                        "key": r.key,
                        "label": _label(view, r),
                        "committed": _money(r.committed),
                        "allocated": _money(r.allocated),
                        "spent": _money(r.spent),
                    }
                    for r in rows
                ],
                "has_committed": any(r.committed is not None for r in rows),
            }
        )
    total = totals(f)
    return render(
        request,
        "funding/overview.html",
        {
            "funding": f,
            "totals": {
                "committed": pounds(total.committed),
                "allocated": pounds(total.allocated),
                "spent": pounds(total.spent),
            },
            "lines": [
                {
                    "line": x,
                    "committed": pounds(x.committed),
                    "allocated": pounds(x.allocated),
                    "spent": pounds(x.spent),
                    "unallocated": pounds(x.unallocated),
                }
                for x in funding_lines(f)
            ],
            "shares": [
                {"share": s, "amount": pounds(s.amount), "percent": s.share * 100}
                for s in pool_shares(f)
            ],
            "views": views,
            "allocations": [
                {
                    "allocation": a,
                    "amount": pounds(a.amount),
                    "area": area_name(a.area) if a.area else "",
                }
                for a in f.allocations
            ],
            "tables": [name.replace(" ", "-") for name in tables(f, _areas())],
            "unit_costs": unit_costs(f),
        },
    )


@require(Capability.VIEW_PUBLIC_PAGES)
def table_csv(request: HttpRequest, table: str) -> HttpResponse:
    """One view as CSV, as ``diogel funding export --csv`` writes it."""
    found = tables(_funding(), _areas()).get(table.replace("-", " "))
    if found is None:
        raise Http404("no such table")
    rows = csv_rows(found)
    return csv_download(f"funding-{table}.csv", rows[0], rows[1:])


@require(Capability.VIEW_PUBLIC_PAGES)
def workbook(request: HttpRequest) -> HttpResponse:
    """Every view, a sheet each, as ``diogel funding export --xlsx`` writes it."""
    with tempfile.TemporaryDirectory() as scratch:
        path = write_xlsx(_funding(), Path(scratch) / "funding.xlsx", _areas())
        data = path.read_bytes()
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="funding.xlsx"'
    return response
