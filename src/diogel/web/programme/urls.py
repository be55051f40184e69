from django.urls import path

from diogel.web.programme import views

app_name = "programme"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("recommendations/", views.recommendations, name="recommendations"),
    path("workstreams/<slug:code>/", views.workstream, name="workstream"),
    path("objectives/<slug:code>/", views.objective, name="objective"),
    path("closure/", views.closure, name="closure"),
    path("closure.json", views.closure_json, name="closure_json"),
    path("tracker.json", views.export_json, name="export_json"),
    path("tracker.csv", views.export_csv, name="export_csv"),
    path("tracker.xlsx", views.export_xlsx, name="export_xlsx"),
]
