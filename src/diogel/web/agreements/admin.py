from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import ModelForm
from django.http import HttpRequest

from diogel.web.agreements.models import Agreement
from diogel.web.audit.trail import record


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin[Agreement]):
    """Agreements are edited here; every change is an entry in the audit log."""

    list_display = ["reference", "kind", "title_en", "level", "status", "starts", "ends"]
    list_filter = ["kind", "status", "level"]
    search_fields = ["reference", "title_en", "title_cy"]
    filter_horizontal = ["parties"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_related(
        self, request: HttpRequest, form: ModelForm[Agreement], formsets: Any, change: bool
    ) -> None:
        # After the parties are saved, so the entry describes the agreement as it now is.
        super().save_related(request, form, formsets, change)
        agreement = form.instance
        changed = ", ".join(form.changed_data) if change else "created"
        record(
            request,
            "change agreement" if change else "add agreement",
            agreement.reference,
            detail=(
                f"{changed}; status {agreement.status}, level {agreement.get_level_display()}, "
                f"parties {', '.join(sorted(p.slug for p in agreement.parties.all()))}, "
                f"sources {', '.join(agreement.sources or [])}, "
                f"{agreement.starts} to {agreement.ends or 'no end'}"
            ),
            agreement=agreement.reference,
        )

    def delete_model(self, request: HttpRequest, obj: Agreement) -> None:
        record(request, "delete agreement", obj.reference, agreement=obj.reference)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for agreement in queryset:
            record(request, "delete agreement", agreement.reference, agreement=agreement.reference)
        super().delete_queryset(request, queryset)
