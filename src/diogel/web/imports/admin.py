from django.contrib import admin
from django.http import HttpRequest

from diogel.web.imports.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    list_display = ["when", "user", "organisation", "action", "target", "agreement"]
    list_filter = ["action"]
    search_fields = ["target", "user__username"]

    # The trail is evidence: nobody edits or deletes it through the admin.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
