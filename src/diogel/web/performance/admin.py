from django.contrib import admin

from diogel.web.performance.models import Measure, MeasureValue


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "level", "measure_type", "method", "frequency", "public")
    list_filter = ("method", "level", "measure_type")
    search_fields = ("code", "name_en", "name_cy")
    filter_horizontal = ("keepers",)


@admin.register(MeasureValue)
class MeasureValueAdmin(admin.ModelAdmin):
    list_display = ("measure", "area", "period", "value", "has_data", "suppressed", "method")
    list_filter = ("method", "measure")
    search_fields = ("area", "period")
    readonly_fields = ("computed_at", "updated")
