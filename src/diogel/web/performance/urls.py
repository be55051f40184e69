from django.urls import path

from diogel.web.performance import views

app_name = "performance"
urlpatterns = [
    path("", views.measure_list, name="list"),
    path("scorecard/<slug:area>/", views.scorecard, name="scorecard"),
    path("scorecard/<slug:area>/scorecard.csv", views.scorecard_csv, name="scorecard_csv"),
    path("scorecard/<slug:area>/scorecard.xlsx", views.scorecard_xlsx, name="scorecard_xlsx"),
    path("scorecard/<slug:area>/scorecard.pdf", views.scorecard_pdf, name="scorecard_pdf"),
    path("boards/<slug:board>/", views.board_scorecard, name="board"),
    path("boards/<slug:board>/scorecard.csv", views.board_csv, name="board_csv"),
    path("boards/<slug:board>/scorecard.xlsx", views.board_xlsx, name="board_xlsx"),
    path("boards/<slug:board>/scorecard.pdf", views.board_pdf, name="board_pdf"),
    path("measures/<slug:measure>/", views.measure_detail, name="detail"),
    path("measures/<slug:measure>/enter/", views.enter_value, name="enter"),
]
