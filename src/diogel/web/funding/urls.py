from django.urls import path

from diogel.web.funding import views

app_name = "funding"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("funding.xlsx", views.workbook, name="workbook"),
    path("<slug:table>.csv", views.table_csv, name="table_csv"),
]
