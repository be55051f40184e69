from django.contrib import admin
from django.db import models

from diogel.web.agreements.models import Agreement


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin[Agreement]):
    list_display = ["reference", "kind", "title_en", "level", "status", "starts", "ends"]
    list_filter = ["kind", "status", "level"]
    search_fields = ["reference", "title_en", "title_cy"]
    filter_horizontal = ["parties"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
