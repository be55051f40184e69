"""API tokens in the admin: made here (the secret is shown once), revoked here."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from diogel.web.api.models import TOKEN_PREFIX, ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ["name", "user", "prefix", "created", "last_used", "expires", "revoked"]
    list_filter = ["revoked", "expires"]
    search_fields = ["name", "user__username", "prefix"]
    readonly_fields = ["prefix", "created", "last_used"]
    actions = ["revoke"]

    def get_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> Any:
        if obj is None:  # a new token: its secret is made on saving
            return ["user", "name", "expires"]
        return ["user", "name", "prefix", "created", "last_used", "expires", "revoked"]

    def get_readonly_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> list[str]:
        # A token's person never changes: a token for someone else is a new token.
        return [*self.readonly_fields, "user"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        secret = None
        if not change:
            secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
            obj.set_secret(secret)
        super().save_model(request, obj, form, change)
        if secret is not None:
            messages.warning(
                request,
                _(
                    "The new token is %(token)s. Copy it now: it is shown only once and "
                    "cannot be recovered."
                )
                % {"token": secret},
            )

    @admin.action(description=gettext_lazy("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        count = queryset.filter(revoked__isnull=True).update(revoked=timezone.now())
        messages.success(request, _("Tokens revoked: %(count)d") % {"count": count})
