from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db import models
from django.utils.translation import gettext_lazy as _

from diogel.web.accounts.models import Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name_en", "name_cy", "kind"]
    list_filter = ["kind"]
    search_fields = ["name_en", "name_cy", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(User)
class PersonAdmin(UserAdmin[User]):
    list_display = ["username", "email", "first_name", "last_name", "organisation", "role"]
    list_filter = ["role", "organisation", "is_active"]
    # Role decides admin access (see User.save), so staff/superuser flags are not edited here.
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal details"), {"fields": ("first_name", "last_name", "email")}),
        (_("Partnership"), {"fields": ("organisation", "role", "is_active")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "password1", "password2", "organisation", "role")}),
    )
