from django.urls import path

from diogel.web.boards import views

app_name = "boards"
urlpatterns = [
    path("", views.board_list, name="list"),
    path("tracker/", views.tracker, name="tracker"),
    path("<slug:code>/", views.board_detail, name="detail"),
]
