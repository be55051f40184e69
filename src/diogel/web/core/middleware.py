"""The site's own middleware.

Requests whose fields hold a NUL are refused before any view sees them.

No field of Diogel's has a use for one, and PostgreSQL cannot store one: a NUL that
reached a save would fail there as a server error (schemathesis found one in the
API). Files uploaded are not fields and are left to their parsers.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render

from diogel.warehouse.store import (
    WarehouseBusyError,
    WarehouseUnreadableError,
    reuse_connections,
)


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        fields = [*request.GET.lists()]
        if request.method == "POST" and (request.content_type or "") != "application/json":
            fields += [*request.POST.lists()]
        for name, values in fields:
            if "\x00" in name or any("\x00" in value for value in values):
                return HttpResponseBadRequest(
                    "A field of the request holds a NUL character.",
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)


class ReuseWarehouseMiddleware:
    """One open warehouse database per request (see
    :func:`diogel.warehouse.store.reuse_connections`): a page or an answer asks for
    many figures, and each figure for several connections; opening the DuckDB file for
    each cost more than the queries. Closed when the response is made, so other
    processes can write between requests."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with reuse_connections():
            return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        """A page that could not read the warehouse says why, as 503, not as a 500.

        The API answers these itself, as JSON (:mod:`diogel.web.api.api`)."""
        if isinstance(exc, WarehouseUnreadableError):
            context = {"unreadable": True, "reason": exc.reason}
            return render(request, "core/warehouse_unavailable.html", context, status=503)
        if isinstance(exc, WarehouseBusyError):
            response = render(
                request, "core/warehouse_unavailable.html", {"unreadable": False}, status=503
            )
            response["Retry-After"] = "30"
            return response
        return None
