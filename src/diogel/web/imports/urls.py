from django.urls import path

from diogel.web.imports import audit_views, views

app_name = "imports"
urlpatterns = [
    path("", views.import_list, name="list"),
    path("upload/", views.upload, name="upload"),
    path("<int:import_id>/", views.detail, name="detail"),
    path("audit/", audit_views.audit_log, name="audit"),
]
