from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "diogel.web.programme"
    verbose_name = _("Programme tracker")
    default_auto_field = "django.db.models.BigAutoField"
