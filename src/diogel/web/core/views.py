"""Public pages and the machine-readable health check."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from diogel import __version__
from diogel.health import check_warehouse
from diogel.web.accounts.permissions import Capability, require


@require(Capability.VIEW_PUBLIC_PAGES)
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@require(Capability.VIEW_PUBLIC_PAGES)
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@require(Capability.VIEW_PUBLIC_PAGES)
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


def _database_status() -> dict[str, object]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("select 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "not answering"
        return {"ok": False, "vendor": connection.vendor, "detail": type(exc).__name__}
    return {"ok": True, "vendor": connection.vendor}


@never_cache
@require(Capability.VIEW_PUBLIC_PAGES)
def healthz(request: HttpRequest) -> JsonResponse:
    """Database and warehouse status as JSON; 503 when either is down.

    Paths are left out: the endpoint is public and need not describe the host.
    """
    database = _database_status()
    warehouse = check_warehouse(settings.DIOGEL.warehouse_dir)
    ok = bool(database["ok"]) and warehouse.ok
    body = {
        "status": "ok" if ok else "unavailable",
        "version": __version__,
        "database": database,
        # Why not, when not: "cannot be read: <DuckDB's reason>" or "in use", no paths.
        "warehouse": {"ok": True} if warehouse.ok else {"ok": False, "problem": warehouse.problem},
    }
    return JsonResponse(body, status=200 if ok else 503)
