"""The Domestic Homicide Review tracker: stages, statutory timescales, overdue steps."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy

from diogel.landscape.dhr import due_dates, overdue, stage
from diogel.landscape.vocab import BoardType
from diogel.web.accounts.permissions import Capability, require
from diogel.web.boards.forms import RecommendationForm, ReviewForm
from diogel.web.boards.keepers import kept_boards, may_edit, require_keeper
from diogel.web.boards.models import (
    Board,
    DomesticHomicideReview,
)
from diogel.web.core.downloads import csv_download

STAGES = {
    "not held": gettext_lazy("not held"),
    "published": gettext_lazy("published"),
    "with the Home Office": gettext_lazy("with the Home Office"),
    "under way": gettext_lazy("under way"),
    "awaiting decision": gettext_lazy("awaiting decision"),
}


def review_rows(reviews: list[DomesticHomicideReview], today: dt.date) -> list[dict[str, object]]:
    rows = []
    for review in reviews:
        dates = review.dates()
        rows.append(
            {
                "review": review,
                "stage": STAGES[stage(dates)],
                "due": due_dates(dates),
                "overdue": overdue(dates, today),
            }
        )
    return rows


@require(Capability.VIEW_PARTNER_DIRECTORY)
def review_list(request: HttpRequest) -> HttpResponse:
    """The DHR tracker: every review's stage and any step overdue under the guidance."""
    reviews = list(DomesticHomicideReview.objects.select_related("commissioning_board"))
    rows = review_rows(reviews, timezone.localdate())
    return render(
        request,
        "boards/reviews.html",
        {
            "rows": rows,
            "overdue_count": sum(1 for r in rows if r["overdue"]),
            "can_record": _commissioning_boards(request.user).exists(),
        },
    )


def reviews_for_agenda(board: Board) -> list[DomesticHomicideReview]:
    """Reviews "agreed and soon to be published" for a board's agenda: those its own
    partnerships (the board itself, those reporting to it, those below it) have agreed
    to hold or sent to the Home Office, and not yet published."""
    partnerships = {board.pk}
    partnerships |= set(board.children.values_list("pk", flat=True))
    partnerships |= set(Board.objects.filter(escalates_to=board).values_list("pk", flat=True))
    return list(
        DomesticHomicideReview.objects.filter(
            commissioning_board__in=partnerships,
            decided__isnull=False,
            not_held=False,
            published__isnull=True,
        ).select_related("commissioning_board")
    )


@require(Capability.VIEW_PARTNER_DIRECTORY)
def review_export(request: HttpRequest) -> HttpResponse:
    """Every review as CSV: its dates, stage, due dates and any step overdue."""
    today = timezone.localdate()
    rows = []
    for row in review_rows(
        list(DomesticHomicideReview.objects.select_related("commissioning_board")), today
    ):
        review = row["review"]
        assert isinstance(review, DomesticHomicideReview)
        due = row["due"]
        assert isinstance(due, dict)
        late = row["overdue"]
        assert isinstance(late, list)

        def day(value: dt.date | None) -> str:
            return value.isoformat() if value else ""

        rows.append(
            [
                review.reference,
                review.commissioning_board.code,
                day(review.notified),
                day(review.decided),
                "yes" if review.not_held else "",
                day(review.commissioned),
                ";".join(review.panel_meetings),
                day(review.submitted),
                day(review.published),
                stage(review.dates()),
                day(due.get("decision")),
                day(due.get("submission")),
                ";".join(f"{o.step} {o.days_late} days" for o in late),
                len(review.recommendations),
                sum(1 for r in review.recommendations if not r.get("done")),
            ]
        )
    return csv_download(
        "domestic-homicide-reviews.csv",
        [
            "reference",
            "commissioning_partnership",
            "notified",
            "decided",
            "not_held",
            "commissioned",
            "panel_meetings",
            "submitted_to_home_office",
            "published",
            "stage",
            "decision_due",
            "submission_due",
            "overdue",
            "recommendations",
            "recommendations_open",
        ],
        rows,
    )


def _commissioning_boards(user: Any) -> QuerySet[Board]:
    """The partnerships ``user`` may record reviews for: community safety partnerships
    (and joint boards) they keep."""
    return kept_boards(user).filter(board_type__in=DHR_COMMISSIONERS)


#: Boards that commission reviews: the statutory partnerships and the joint boards
#: that stand for them (Cwm Taf's for Rhondda Cynon Taf and Merthyr Tydfil).
DHR_COMMISSIONERS = (BoardType.CSP.value, BoardType.REGIONAL_COMMUNITY_SAFETY_BOARD.value)


@require(Capability.MANAGE_MEETINGS)
def review_new(request: HttpRequest) -> HttpResponse:
    boards = _commissioning_boards(request.user)
    form = ReviewForm(request.POST or None, boards=boards)
    if request.method == "POST" and form.is_valid():
        review = form.save()
        return redirect("boards:review", reference=review.reference)
    return render(
        request,
        "boards/review_form.html",
        {"form": form, "review": None, "boards": boards},
        status=400 if form.errors else 200,
    )


@require(Capability.VIEW_PARTNER_DIRECTORY)
def review_detail(request: HttpRequest, reference: str) -> HttpResponse:
    """One review: its dates against the guidance, and its recommendations' actions."""
    review = get_object_or_404(
        DomesticHomicideReview.objects.select_related("commissioning_board"), reference=reference
    )
    can_manage = may_edit(request.user, review.commissioning_board)
    boards = _commissioning_boards(request.user) if can_manage else Board.objects.none()
    form = ReviewForm(instance=review, boards=boards)
    recommendation = RecommendationForm(prefix="rec")
    if request.method == "POST":
        require_keeper(request.user, review.commissioning_board)
        failed = _update_review(request, review, boards)
        if failed is None:
            return redirect("boards:review", reference=review.reference)
        form, recommendation = failed
    today = timezone.localdate()
    return render(
        request,
        "boards/review.html",
        {
            "review": review,
            "row": review_rows([review], today)[0],
            "recommendations": [
                {
                    **r,
                    "number": n,
                    "late": bool(
                        r.get("due") and not r.get("done") and r["due"] < today.isoformat()
                    ),
                }
                for n, r in enumerate(review.recommendations, 1)
            ],
            "can_manage": can_manage,
            "form": form,
            "recommendation": recommendation,
        },
        status=400 if (form.errors or recommendation.errors) else 200,
    )


def _update_review(
    request: HttpRequest, review: DomesticHomicideReview, boards: QuerySet[Board]
) -> tuple[ReviewForm, RecommendationForm] | None:
    """Apply one of the review page's forms; None when done, else the forms with errors."""
    which = request.POST.get("form")
    form = ReviewForm(instance=review, boards=boards)
    recommendation = RecommendationForm(prefix="rec")
    if which == "dates":
        form = ReviewForm(request.POST, instance=review, boards=boards)
        if form.is_valid():
            form.save()
            return None
    elif which == "recommendation":
        recommendation = RecommendationForm(request.POST, prefix="rec")
        if recommendation.is_valid():
            data = recommendation.cleaned_data
            review.recommendations = [
                *review.recommendations,
                {
                    "text": data["text"],
                    "action": data["action"],
                    "owner": data["owner"],
                    "due": data["due"].isoformat() if data["due"] else "",
                    "done": False,
                },
            ]
            review.save(update_fields=["recommendations"])
            return None
    elif which == "recommendation_done":
        try:
            number = int(request.POST.get("number", ""))
            entry = review.recommendations[number - 1]
        except (ValueError, IndexError):
            return None  # nothing of the review's to change
        if number >= 1:
            entry["done"] = request.POST.get("done") == "1"
            review.save(update_fields=["recommendations"])
        return None
    return form, recommendation
