from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "diogel.web.api"
    label = "api"
    verbose_name = _("API")
