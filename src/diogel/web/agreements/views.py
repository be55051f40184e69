"""The agreements register: every partner can see who may see what, and why."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from diogel.web.accounts.permissions import Capability, require
from diogel.web.agreements.models import Agreement


@require(Capability.VIEW_PARTNER_DIRECTORY)
def agreement_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    agreements = [
        (a, a.as_policy().status_on(today)) for a in Agreement.objects.prefetch_related("parties")
    ]
    return render(request, "agreements/list.html", {"agreements": agreements})


@require(Capability.VIEW_PARTNER_DIRECTORY)
def agreement_detail(request: HttpRequest, reference: str) -> HttpResponse:
    agreement = get_object_or_404(
        Agreement.objects.prefetch_related("parties"), reference=reference
    )
    in_force = agreement.as_policy().status_on(timezone.localdate())
    return render(request, "agreements/detail.html", {"agreement": agreement, "in_force": in_force})
