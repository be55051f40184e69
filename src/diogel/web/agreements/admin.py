from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import ModelForm
from django.http import HttpRequest

from diogel.web.agreements.changes import Action, describe, snapshot
from diogel.web.agreements.models import Agreement
from diogel.web.audit.trail import record_as

#: The state of an agreement before the admin saved it, kept between ``save_model``
#: and ``save_related`` (the parties are saved after the agreement itself).
_BEFORE = "_agreement_before_admin_change"


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin[Agreement]):
    """Administrators may still edit agreements here; data controllers use the site's
    forms. Every change is an entry in the audit log with each field before → after."""

    list_display = ["reference", "kind", "title_en", "level", "status", "starts", "ends"]
    list_filter = ["kind", "status", "level"]
    search_fields = ["reference", "title_en", "title_cy"]
    filter_horizontal = ["parties", "disclosing_parties"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request: HttpRequest, obj: Agreement, form: Any, change: bool) -> None:
        before = snapshot(Agreement.objects.get(pk=obj.pk)) if change and obj.pk else {}
        setattr(request, _BEFORE, before)
        super().save_model(request, obj, form, change)

    def save_related(
        self, request: HttpRequest, form: ModelForm[Agreement], formsets: Any, change: bool
    ) -> None:
        # After the parties are saved, so the entry describes the agreement as it now is.
        super().save_related(request, form, formsets, change)
        agreement = form.instance
        detail = describe(getattr(request, _BEFORE, {}), snapshot(agreement))
        if change and not detail:
            return  # saved unchanged: nothing happened
        record_as(
            request.user,
            Action.CHANGE.value if change else Action.ADMIN_ADD.value,
            agreement.reference,
            detail,
            agreement=agreement.reference,
        )

    def delete_model(self, request: HttpRequest, obj: Agreement) -> None:
        record_as(request.user, Action.ADMIN_DELETE.value, obj.reference, agreement=obj.reference)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for agreement in queryset:
            record_as(
                request.user,
                Action.ADMIN_DELETE.value,
                agreement.reference,
                agreement=agreement.reference,
            )
        super().delete_queryset(request, queryset)
