from django.contrib import admin
from django.http import HttpRequest

from diogel.web.audit.models import Entry


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin[Entry]):
    list_display = ["entry_id", "at", "actor", "channel", "organisation", "action", "target"]
    list_filter = ["action", "channel"]
    search_fields = ["target", "actor"]

    # The trail is evidence: nobody edits or deletes it through the admin.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
