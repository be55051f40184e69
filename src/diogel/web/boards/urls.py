from django.urls import path

from diogel.web.boards import (
    duty_views,
    edit_views,
    landscape_views,
    meeting_views,
    review_views,
    views,
)

app_name = "boards"
urlpatterns = [
    path("", views.board_list, name="list"),
    path("tracker/", views.tracker, name="tracker"),
    path("tracker.csv", views.tracker_export, name="tracker_export"),
    path("landscape/", landscape_views.analysis, name="landscape"),
    path("landscape.json", landscape_views.analysis_json, name="landscape_json"),
    path("network/", landscape_views.network, name="network"),
    path("matrix/", landscape_views.matrix, name="matrix"),
    path("matrix.csv", landscape_views.matrix_export, name="matrix_export"),
    path("reviews/", review_views.review_list, name="reviews"),
    path("reviews.csv", review_views.review_export, name="reviews_export"),
    path("reviews/new/", review_views.review_new, name="review_new"),
    path("reviews/<slug:reference>/", review_views.review_detail, name="review"),
    path("duties/<slug:code>/", duty_views.authority_duties, name="authority_duties"),
    path("<slug:code>/", views.board_detail, name="detail"),
    path("<slug:code>/edit/", edit_views.board_edit, name="edit"),
    path("<slug:code>/seats/", edit_views.board_seats, name="seats"),
    path("<slug:code>/meetings/", meeting_views.meeting_list, name="meetings"),
    path("<slug:code>/papers/", meeting_views.board_papers, name="papers"),
    path(
        "<slug:code>/representation.csv",
        meeting_views.representation_export,
        name="representation_export",
    ),
    path("<slug:code>/duties/", duty_views.board_duties, name="duties"),
    path("<slug:code>/meetings/new/", meeting_views.meeting_new, name="meeting_new"),
    path("<slug:code>/meetings/<int:meeting_id>/", meeting_views.meeting_detail, name="meeting"),
    path(
        "<slug:code>/meetings/<int:meeting_id>/export.csv",
        meeting_views.meeting_export,
        name="meeting_export",
    ),
    path(
        "<slug:code>/meetings/<int:meeting_id>/items/<int:item_id>/",
        meeting_views.meeting_item,
        name="meeting_item",
    ),
    path(
        "<slug:code>/meetings/<int:meeting_id>/papers/<int:item_id>/",
        meeting_views.meeting_paper,
        name="meeting_paper",
    ),
]
