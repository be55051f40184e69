"""``/api/v1/``: areas, totals, trends, hotspots and record pages as JSON.

The answers are the core's (:mod:`diogel.figures`), the same functions
``diogel analyse … --json`` prints, so the API and the command line agree to
the last digit. Access is decided by :mod:`diogel.web.api.gate` (the one core
policy); every record-level answer, and every refusal of one to a known
caller, leaves one entry in the audit chain.
"""

from __future__ import annotations

import json
import math
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import HttpError
from ninja.renderers import JSONRenderer

from diogel.figures import (
    FigureError,
    FigureQuery,
    area_totals,
    hotspot_result,
    record_page,
    trend_result,
)
from diogel.figures.answers import HotspotAnswer, TotalsAnswer, TrendAnswer
from diogel.figures.base import CountQueryError
from diogel.figures.query import check_month_range
from diogel.figures.records import MAX_PAGE
from diogel.geography import Area, Geography, Level, ReferenceDataError
from diogel.warehouse import Warehouse
from diogel.warehouse.store import WarehouseBusyError, WarehouseUnreadableError
from diogel.web.agreements.access import audit_agreements, audit_grants
from diogel.web.api.auth import Caller, RateLimitedError, TokenOrSession
from diogel.web.api.gate import RefusedError, check_aggregates, records_scope
from diogel.web.areas.loader import geography
from diogel.web.audit.trail import record_as

#: Months this century, in ASCII digits (``\d`` would take other scripts' digits). The
#: span and the years are bounded by :func:`~diogel.figures.query.check_month_range`.
MONTH = r"^20[0-9]{2}-(0[1-9]|1[0-2])$"
# Codes and purposes are printable text: a control character (a NUL, say) is refused
# before it reaches the database, which PostgreSQL could not store.
TEXT = r"^[^\x00-\x1f\x7f]*$"


def _finite(value: Any) -> Any:
    """NaN and infinities as null: JSON has no such numbers."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


class StrictJSON(JSONRenderer):
    """Valid JSON always: the answers may hold NaN (e.g. Gi* of a constant area)."""

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> Any:
        return json.dumps(_finite(data), cls=self.encoder_class, allow_nan=False)


api = NinjaAPI(
    title="Diogel API",
    version="1",
    description=(
        "Counts, trends, hotspots and record pages of the Diogel warehouse. Anonymous "
        "callers see open data; partners use a bearer token. See docs/api.md."
    ),
    urls_namespace="api",
    auth=TokenOrSession(),
    renderer=StrictJSON(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


class Problem(Schema):
    detail: Any = Field(description="What was wrong, for people (English).")


ERRORS: dict[int, Any] = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 429: Problem}


@api.exception_handler(RateLimitedError)
def _rate_limited(request: HttpRequest, exc: RateLimitedError) -> HttpResponse:
    response = api.create_response(request, {"detail": str(exc)}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(ReferenceDataError)
def _no_reference_data(request: HttpRequest, exc: ReferenceDataError) -> HttpResponse:
    return api.create_response(request, {"detail": "reference data unavailable"}, status=503)


@api.exception_handler(WarehouseBusyError)
def _busy(request: HttpRequest, exc: WarehouseBusyError) -> HttpResponse:
    response = api.create_response(request, {"detail": "the warehouse is busy"}, status=503)
    response["Retry-After"] = "30"
    return response


@api.exception_handler(WarehouseUnreadableError)
def _unreadable(request: HttpRequest, exc: WarehouseUnreadableError) -> HttpResponse:
    # No Retry-After: a corrupt file stays so until an administrator restores it.
    detail = f"the warehouse cannot be read: {exc.reason}"
    return api.create_response(request, {"detail": detail}, status=503)


def _warehouse() -> Warehouse:
    return Warehouse(settings.DIOGEL.warehouse_dir)


def _area(geo: Geography, code_or_name: str, level: Level | None = None) -> Area:
    """The area asked for, or 404 saying none (or which ones a name could mean)."""
    if level is not None:
        try:
            return geo.hierarchy.area(code_or_name, level)
        except KeyError as exc:
            raise HttpError(404, f"no area {code_or_name!r} at {level.value}") from exc
    try:
        return geo.hierarchy.resolve(code_or_name)
    except LookupError as exc:
        raise HttpError(404, str(exc.args[0]) if exc.args else "no such area") from exc


class QueryParams(Schema):
    """What an aggregate answer is asked for."""

    level: Level = Field(Level.LOCAL_AUTHORITY, description="Level of the areas answered.")
    within: str | None = Field(
        None,
        max_length=100,
        pattern=TEXT,
        description="Only areas within this one (code or exact name).",
    )
    category: str | None = Field(
        None, max_length=80, pattern=TEXT, description="Harmonised category, e.g. violence."
    )
    source: str | None = Field(
        None,
        max_length=80,
        pattern=TEXT,
        description="Only this source, e.g. police_uk_street (default all).",
    )
    month_from: str = Field("2020-01", alias="from", pattern=MONTH, description="YYYY-MM.")
    month_to: str = Field("2021-12", alias="to", pattern=MONTH, description="YYYY-MM.")
    purpose: str | None = Field(
        None,
        max_length=80,
        pattern=TEXT,
        description="Purpose to decide access under (default any).",
    )


class HotspotParams(QueryParams):
    level: Level = Field(Level.LSOA11, description="Level of the areas tested.")
    rate: bool = Field(False, description="Test rates per 1,000 residents, not counts.")
    correction: Literal["fdr_bh", "holm", "none"] = "fdr_bh"


class RecordParams(Schema):
    """What a page of records is asked for: one source, always a stated purpose."""

    source: str = Field(..., min_length=1, max_length=80, pattern=TEXT, description="e.g. istv.")
    purpose: str = Field(
        ..., min_length=1, max_length=80, pattern=TEXT, description="The agreement's purpose code."
    )
    within: str | None = Field(None, max_length=100, pattern=TEXT)
    category: str | None = Field(None, max_length=80, pattern=TEXT)
    month_from: str = Field("2020-01", alias="from", pattern=MONTH)
    month_to: str = Field("2021-12", alias="to", pattern=MONTH)
    limit: int = Field(100, ge=1, le=MAX_PAGE)
    offset: int = Field(0, ge=0, le=2**31)


def _query(geo: Geography, params: QueryParams | RecordParams, level: Level) -> FigureQuery:
    within = _area(geo, params.within) if params.within else None
    try:
        # Before anything is read: one request's cost is bounded (DIOGEL_MAX_MONTHS).
        check_month_range(params.month_from, params.month_to, max_months=settings.DIOGEL.max_months)
        return FigureQuery(
            level,
            within,
            params.category or None,
            params.source or None,
            params.month_from,
            params.month_to,
        )
    except FigureError as exc:
        raise HttpError(400, str(exc)) from exc


def _answer(request: HttpRequest, params: QueryParams) -> tuple[Geography, Warehouse, FigureQuery]:
    """The parsed query, after the access check every aggregate answer passes."""
    geo = geography()
    query = _query(geo, params, params.level)
    warehouse = _warehouse()
    try:
        query.check(warehouse)  # an unknown source is a bad question, before any access
    except FigureError as exc:
        raise HttpError(400, str(exc)) from exc
    caller: Caller = request.auth  # type: ignore[attr-defined]
    check_aggregates(caller, warehouse, query, params.purpose or None)
    return geo, warehouse, query


class AreaRow(Schema):
    code: str
    level: str
    name_en: str
    name_cy: str
    population: int | None
    parents: dict[str, str]


class AreaList(Schema):
    level: str
    within: str | None
    count: int
    areas: list[AreaRow]


class AreaDetail(AreaRow):
    households: int | None
    lsoa_count: int | None
    wimd_score: float | None
    wimd_rank: int | None
    most_deprived_10pc_share: float | None


@api.get("/areas", response={200: AreaList, **ERRORS}, url_name="areas", tags=["areas"])
def areas(
    request: HttpRequest,
    level: Level = Level.LOCAL_AUTHORITY,
    within: str | None = Query(None, max_length=100),
) -> dict[str, Any]:
    """Every area at ``level``, optionally only those within an area; code order."""
    geo = geography()
    container = _area(geo, within) if within else None
    found = sorted(geo.hierarchy.areas_at(level, container), key=lambda a: a.code)
    return {
        "level": level.value,
        "within": container.code if container else None,
        "count": len(found),
        "areas": [a.as_dict() for a in found],
    }


@api.get("/areas/{code}", response={200: AreaDetail, **ERRORS}, url_name="area", tags=["areas"])
def area(request: HttpRequest, code: str, level: Level | None = None) -> dict[str, object]:
    """One area by code (``level`` tells apart an LSOA 2011 and 2021 sharing a code)."""
    return _area(geography(), code, level).as_dict()


@api.get(
    "/totals",
    response={200: TotalsAnswer, **ERRORS},
    url_name="totals",
    tags=["answers"],
    by_alias=True,
)
def totals(request: HttpRequest, params: Query[QueryParams]) -> TotalsAnswer:
    """Each area's count and rate per 1,000 residents over the months, and their total.

    Counts of sources that need disclosure control are suppressed (null).
    """
    geo, warehouse, query = _answer(request, params)
    try:
        return area_totals(geo, warehouse, query)
    except (FigureError, CountQueryError) as exc:
        raise HttpError(400, str(exc)) from exc


@api.get(
    "/trends",
    response={200: TrendAnswer, **ERRORS},
    url_name="trends",
    tags=["answers"],
    by_alias=True,
)
def trends(request: HttpRequest, params: Query[QueryParams]) -> TrendAnswer:
    """Monthly counts, rates, rolling 12 months, year-on-year change and exceedance.

    Exactly what ``diogel analyse trends --json`` prints for the same query.
    """
    geo, warehouse, query = _answer(request, params)
    try:
        return trend_result(geo, warehouse, query)
    except (FigureError, CountQueryError) as exc:
        raise HttpError(400, str(exc)) from exc


@api.get(
    "/hotspots",
    response={200: HotspotAnswer, **ERRORS},
    url_name="hotspots",
    tags=["answers"],
    by_alias=True,
)
def hotspots(request: HttpRequest, params: Query[HotspotParams]) -> HotspotAnswer:
    """Getis-Ord Gi* over queen-contiguous areas with adjusted p-values and classes.

    Exactly what ``diogel analyse hotspots --json`` prints for the same query.
    """
    geo, warehouse, query = _answer(request, params)
    try:
        return hotspot_result(geo, warehouse, query, params.rate, params.correction)
    except (FigureError, CountQueryError) as exc:
        raise HttpError(400, str(exc)) from exc


@api.get("/records", response={200: dict[str, Any], **ERRORS}, url_name="records", tags=["records"])
def records(request: HttpRequest, params: Query[RecordParams]) -> dict[str, Any]:
    """A page of records of one source, for a stated purpose, audited.

    Needs a record-level agreement in force naming the caller's organisation,
    the source and the purpose, and returns only the rows its disclosing parties
    supplied under it (``grants``: each agreement and provider); the columns shown
    depend on the level.
    """
    caller: Caller = request.auth  # type: ignore[attr-defined]
    geo = geography()
    # Level is irrelevant to records; the query only carries the filters.
    query = _query(geo, params, Level.LOCAL_AUTHORITY)
    scope = records_scope(caller, params.source, params.purpose)
    asked = {
        "source": params.source,
        "within": query.within.code if query.within else None,
        "category": query.category,
        "from": query.month_from,
        "to": query.month_to,
        "limit": params.limit,
        "offset": params.offset,
        "via": caller.via,
    }
    if not scope.record_level:
        # A refusal is evidence too: who asked for what, under which purpose.
        record_as(
            caller.user,
            "api_records_refused",
            f"records of {params.source}",
            json.dumps({**asked, "reason": scope.reason}, sort_keys=True),
            purpose=params.purpose,
            channel="api",
        )
        raise RefusedError(
            f"records of {params.source} need a record-level agreement in force naming your "
            f"organisation, the source and the purpose {params.purpose!r} ({scope.reason})"
        )
    try:
        page = record_page(_warehouse(), query, scope, params.limit, params.offset)
    except (FigureError, CountQueryError) as exc:
        raise HttpError(400, str(exc)) from exc
    record_as(
        caller.user,
        "api_records",
        f"records of {params.source}",
        json.dumps(
            {
                **asked,
                "level": scope.level.name.lower(),
                "basis": scope.reason,
                "grants": audit_grants(scope),
                "returned": len(page["records"]),
                "total": page["total"],
            },
            sort_keys=True,
        ),
        purpose=params.purpose,
        agreement=audit_agreements(scope),
        channel="api",
    )
    return {
        "source": params.source,
        "purpose": params.purpose,
        "agreement": audit_agreements(scope) or None,
        "grants": [
            {"agreement": g.agreement, "provider": g.provider, "level": g.level.name.lower()}
            for g in sorted(scope.grants)
        ],
        "level": scope.level.name.lower(),
        "limit": params.limit,
        "offset": params.offset,
        **page,
    }
