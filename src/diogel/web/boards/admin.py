from django.contrib import admin
from django.db import models

from diogel.web.boards.models import (
    AgendaItem,
    Board,
    DomesticHomicideReview,
    Person,
    Seat,
    TrackerEntry,
)


class SeatInline(admin.TabularInline[Seat, Board]):
    model = Seat
    extra = 0


class AgendaItemInline(admin.TabularInline[AgendaItem, Board]):
    model = AgendaItem
    extra = 0


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin[Board]):
    list_display = ["name_en", "board_type", "level", "status"]
    list_filter = ["level", "board_type"]
    search_fields = ["code", "name_en", "name_cy"]
    inlines = [SeatInline, AgendaItemInline]
    filter_horizontal = ["secretariat"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(TrackerEntry)
class TrackerEntryAdmin(admin.ModelAdmin[TrackerEntry]):
    list_display = ["region", "quarter"]


@admin.register(DomesticHomicideReview)
class DomesticHomicideReviewAdmin(admin.ModelAdmin[DomesticHomicideReview]):
    list_display = ["reference", "commissioning_board", "notified", "decided", "published"]
    search_fields = ["reference"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin[Person]):
    """Office holders; an administrator links one to their account, so that while they
    hold a seat they read the board's papers for board members."""

    list_display = ["name", "office", "account"]
    search_fields = ["code", "name", "office"]
    fields = ["code", "name", "office", "as_of", "account"]
