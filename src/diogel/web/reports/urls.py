from django.urls import path

from diogel.web.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.request_report, name="request"),
    path("<int:report_id>/", views.detail, name="detail"),
    path("<int:report_id>/report/", views.view, name="view"),
    path("<int:report_id>/report.pdf", views.download_pdf, name="pdf"),
    path("<int:report_id>/report.json", views.download_document, name="document"),
    path("<int:report_id>/regenerate/", views.regenerate, name="regenerate"),
    path("<int:report_id>/narrative/", views.edit_narrative, name="narrative"),
    path("<int:report_id>/publish/", views.publish, name="publish"),
    path("published/", views.published_list, name="published"),
    path("published/<int:report_id>/", views.published_view, name="published_view"),
    path("published/<int:report_id>/report.pdf", views.published_pdf, name="published_pdf"),
]
