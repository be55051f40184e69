"""Every page lives under /en/ or /cy/; machine endpoints do not."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from diogel.web.areas import views as area_views
from diogel.web.core import views as core_views
from diogel.web.reports import views as report_views

admin.site.site_header = "Diogel"
admin.site.site_title = "Diogel"

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", core_views.healthz, name="healthz"),
    path("geo/<slug:level>/<slug:code>.json", area_views.area_geojson, name="area_geojson"),
    path("assets/vega-bundle.js", report_views.vega_bundle, name="vega_bundle"),
    path("api/v1/", include("diogel.web.api.urls")),
]
urlpatterns += i18n_patterns(
    path("", include("diogel.web.core.urls")),
    path("", include("diogel.web.accounts.urls")),
    path("areas/", include("diogel.web.areas.urls")),
    path("imports/", include("diogel.web.imports.urls")),
    path("reports/", include("diogel.web.reports.urls")),
    path("agreements/", include("diogel.web.agreements.urls")),
    path("dashboard/", include("diogel.web.insight.urls")),
    path("boards/", include("diogel.web.boards.urls")),
    path("programme/", include("diogel.web.programme.urls")),
    path("funding/", include("diogel.web.funding.urls")),
    path("performance/", include("diogel.web.performance.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

handler403 = "diogel.web.core.errors.permission_denied"
handler404 = "diogel.web.core.errors.not_found"
handler500 = "diogel.web.core.errors.server_error"
