from django.urls import path

from diogel.web.areas import views

app_name = "areas"
urlpatterns = [
    path("", views.finder, name="finder"),
    path("<slug:level>/", views.level_list, name="level"),
    path("<slug:level>/<slug:code>/", views.detail, name="detail"),
]
