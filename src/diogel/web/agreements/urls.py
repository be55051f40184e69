from django.urls import path

from diogel.web.agreements import views

app_name = "agreements"
urlpatterns = [
    path("", views.agreement_list, name="list"),
    # Before the agreement pages, so "new" is never read as a reference (none may take it).
    path("new/", views.agreement_register, name="register"),
    path("<slug:reference>/", views.agreement_detail, name="detail"),
    path("<slug:reference>/edit/", views.agreement_edit, name="edit"),
    path("<slug:reference>/review/", views.agreement_review, name="review"),
    path("<slug:reference>/revoke/", views.agreement_revoke, name="revoke"),
    path(
        "<slug:reference>/documents/<int:document_id>/",
        views.agreement_document,
        name="document",
    ),
]
