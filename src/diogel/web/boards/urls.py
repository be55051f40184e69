from django.urls import path

from diogel.web.boards import views

app_name = "boards"
urlpatterns = [
    path("", views.board_list, name="list"),
    path("tracker/", views.tracker, name="tracker"),
    path("reviews/", views.review_list, name="reviews"),
    path("duties/<slug:code>/", views.authority_duties, name="authority_duties"),
    path("<slug:code>/", views.board_detail, name="detail"),
    path("<slug:code>/meetings/", views.meeting_list, name="meetings"),
    path("<slug:code>/duties/", views.board_duties, name="duties"),
    path("<slug:code>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("<slug:code>/meetings/<int:meeting_id>/", views.meeting_detail, name="meeting"),
    path(
        "<slug:code>/meetings/<int:meeting_id>/export.csv",
        views.meeting_export,
        name="meeting_export",
    ),
]
