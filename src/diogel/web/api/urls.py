from django.urls import URLPattern, URLResolver, path

from diogel.web.api.api import api

urlpatterns: list[URLPattern | URLResolver] = [path("", api.urls)]
