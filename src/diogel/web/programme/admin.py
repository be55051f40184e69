from django.contrib import admin

from diogel.web.programme.models import Action, Objective, Recommendation


class ActionInline(admin.TabularInline[Action, Objective]):
    model = Action
    extra = 0
    fields = ["code", "text", "owner", "due", "progress", "rag"]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin[Objective]):
    """Administrators say who may update each objective (its keepers)."""

    list_display = ["code", "workstream", "progress", "rag", "governed_by"]
    list_filter = ["workstream", "progress"]
    search_fields = ["code", "text"]
    filter_horizontal = ["keepers"]
    inlines = [ActionInline]


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin[Recommendation]):
    list_display = ["label", "set"]
    list_filter = ["set"]
