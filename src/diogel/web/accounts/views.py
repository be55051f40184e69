"""Signing in and out, one's own account, and the partner directory."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from diogel.web.accounts.models import Organisation
from diogel.web.accounts.permissions import Capability, require


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    pass


@require(Capability.VIEW_OWN_ACCOUNT)
def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html")


@require(Capability.VIEW_PARTNER_DIRECTORY)
def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.all()
    return render(request, "accounts/organisation_list.html", {"organisations": organisations})


@require(Capability.VIEW_PARTNER_DIRECTORY)
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    members = organisation.members.filter(is_active=True).order_by("last_name", "first_name")
    return render(
        request,
        "accounts/organisation_detail.html",
        {"organisation": organisation, "members": members},
    )


def locked_out(
    request: HttpRequest, response: HttpResponse | None, credentials: object
) -> HttpResponse:
    """What django-axes shows once an account and address are locked out."""
    return render(
        request,
        "accounts/locked_out.html",
        {"lockout_minutes": settings.DIOGEL.lockout_minutes},
        status=429,
    )
