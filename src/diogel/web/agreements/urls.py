from django.urls import path

from diogel.web.agreements import views

app_name = "agreements"
urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("<slug:reference>/", views.agreement_detail, name="detail"),
]
