"""The register of boards: what each is for, where, under which law, and its seats by role.

Loaded from the cited Welsh landscape (:mod:`diogel.landscape`) by
``diogel manage seed_wales_landscape``; every entry keeps the citations of the
documents it comes from.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from diogel.landscape.dhr import ReviewDates
from diogel.landscape.vocab import BoardLevel, BoardType, Status, Theme
from diogel.web.core.confidential import Confidential


class MemberOrganisation(models.Model):
    """A body that sends people to boards: a police force, a council, a health board..."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name_en = models.CharField(_("name in English"), max_length=200)
    name_cy = models.CharField(_("name in Welsh"), max_length=200, blank=True)
    kind = models.CharField(_("type"), max_length=40, blank=True)
    sources = models.JSONField(_("sources"), default=list)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")

    def __str__(self) -> str:
        return self.name_en

    @property
    def name(self) -> str:
        return self.name_cy if get_language() == "cy" and self.name_cy else self.name_en

    @property
    def name_language(self) -> str:
        return "cy" if get_language() == "cy" and self.name_cy else "en"


class Board(models.Model):
    code = models.SlugField(_("code"), max_length=80, unique=True)
    name_en = models.CharField(_("name in English"), max_length=200)
    name_cy = models.CharField(_("name in Welsh"), max_length=200, blank=True)
    board_type = models.CharField(_("type"), max_length=40)
    level = models.CharField(_("level"), max_length=20)
    themes = models.JSONField(_("themes"), default=list)
    footprint = models.JSONField(_("footprint"), default=list)  # area codes
    statutory_basis = models.TextField(_("statutory basis"), blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent board"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    escalates_to = models.ManyToManyField(
        "self", verbose_name=_("escalates to"), symmetrical=False, blank=True
    )
    chair_role = models.CharField(_("chair"), max_length=200, blank=True)
    meetings_per_year = models.PositiveSmallIntegerField(
        _("meetings a year"), null=True, blank=True
    )
    count = models.PositiveSmallIntegerField(
        _("bodies this entry stands for"), null=True, blank=True, default=1
    )
    status = models.CharField(_("status"), max_length=40, blank=True)
    terms_of_reference = models.TextField(_("terms of reference"), blank=True)
    terms_of_reference_url = models.URLField(_("terms of reference (link)"), blank=True)
    back_to_back_with = models.ManyToManyField(
        "self", verbose_name=_("meets back-to-back with"), blank=True
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    member_organisations = models.ManyToManyField(
        MemberOrganisation,
        verbose_name=_("member organisations"),
        blank=True,
        related_name="boards",
    )
    # The people who keep this board's record: they, and administrators, may edit it.
    secretariat = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("secretariat"),
        blank=True,
        related_name="secretariat_of",
    )
    sources = models.JSONField(_("sources"), default=list)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("board")
        verbose_name_plural = _("boards")

    def __str__(self) -> str:
        return self.name_en

    @property
    def name(self) -> str:
        return self.name_cy if get_language() == "cy" and self.name_cy else self.name_en

    @property
    def name_language(self) -> str:
        """The language the shown name is in (Welsh names are given for few boards)."""
        return "cy" if get_language() == "cy" and self.name_cy else "en"

    def _label(self, value: Any) -> str:
        return str(value.label_cy if get_language() == "cy" else value.label_en)

    @property
    def type_label(self) -> str:
        return self._label(BoardType(self.board_type))

    @property
    def level_label(self) -> str:
        return self._label(BoardLevel(self.level))

    @property
    def theme_labels(self) -> list[str]:
        return [self._label(Theme(t)) for t in self.themes]


class StatusChange(models.Model):
    """A dated step in a board's history: proposed, active, merged, replaced, closed..."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(_("status"), max_length=40)
    date = models.CharField(_("date"), max_length=10, blank=True)  # partial ISO date
    note = models.TextField(_("note"), blank=True)
    sources = models.JSONField(_("sources"), default=list)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["board", "order"]
        verbose_name = _("status change")
        verbose_name_plural = _("status history")

    def __str__(self) -> str:
        return f"{self.board} {self.status} {self.date}"

    @property
    def status_label(self) -> str:
        value = Status(self.status)
        return str(value.label_cy if get_language() == "cy" else value.label_en)


class Seat(models.Model):
    """A place at a board's table, by role; who fills it is not published here."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="seats")
    code = models.SlugField(_("code"), max_length=80)
    role = models.CharField(_("role"), max_length=300)
    organisation = models.ForeignKey(
        MemberOrganisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seats",
    )
    mandatory = models.BooleanField(_("mandatory"), default=False)
    holders = models.PositiveSmallIntegerField(_("people in this seat"), default=1)
    note = models.TextField(_("note"), blank=True)
    sources = models.JSONField(_("sources"), default=list)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["board", "order"]
        unique_together = [("board", "code")]
        verbose_name = _("seat")
        verbose_name_plural = _("seats")

    def __str__(self) -> str:
        return self.role


class Person(models.Model):
    """A public office holder a source document names, with the office it gives.

    Only people named in public documents are held, with the date of that
    document; there are no contact details. An administrator may link the
    person to their account on the site: while they hold a seat on a board,
    that account reads the board's papers for board members.
    """

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    office = models.CharField(_("office"), max_length=300)
    as_of = models.CharField(_("as of"), max_length=10, blank=True)  # partial ISO date
    sources = models.JSONField(_("sources"), default=list)
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account on the site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="office_holder",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("office holder")
        verbose_name_plural = _("office holders")

    def __str__(self) -> str:
        return self.name


class SeatHolding(models.Model):
    """Someone filling a seat over a period (dates partial where the documents are)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="holdings")
    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="holdings")
    start = models.CharField(_("from"), max_length=10, blank=True)
    end = models.CharField(_("until"), max_length=10, blank=True)
    as_of = models.CharField(_("as of"), max_length=10, blank=True)
    deputy = models.BooleanField(_("deputy"), default=False)
    sources = models.JSONField(_("sources"), default=list)

    class Meta:
        ordering = ["seat", "start", "pk"]
        verbose_name = _("seat holder")
        verbose_name_plural = _("seat holders")

    def __str__(self) -> str:
        return f"{self.person} – {self.seat}"


class AgendaItem(models.Model):
    """An item every meeting of the board must take."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="agenda_items")
    code = models.SlugField(_("code"), max_length=80)
    title_en = models.CharField(_("title in English"), max_length=300)
    title_cy = models.CharField(_("title in Welsh"), max_length=300, blank=True)
    sources = models.JSONField(_("sources"), default=list)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["board", "order"]
        unique_together = [("board", "code")]
        verbose_name = _("mandatory agenda item")
        verbose_name_plural = _("mandatory agenda items")

    def __str__(self) -> str:
        return self.title_en

    @property
    def title(self) -> str:
        return self.title_cy if get_language() == "cy" and self.title_cy else self.title_en


class TrackerEntry(models.Model):
    """One region's quarter in the regional rationalisation tracker (Annex E)."""

    region = models.CharField(_("region"), max_length=80)
    quarter = models.CharField(_("quarter"), max_length=20)
    current_position = models.TextField(_("current position"), blank=True)
    actions = models.JSONField(_("actions for next quarter"), default=list)
    sources = models.JSONField(_("sources"), default=list)

    class Meta:
        ordering = ["region", "quarter"]
        unique_together = [("region", "quarter")]
        verbose_name = _("tracker entry")
        verbose_name_plural = _("tracker entries")

    def __str__(self) -> str:
        return f"{self.region} {self.quarter}"


class Meeting(models.Model):
    """One meeting of a board: its agenda, who was represented, minutes, actions."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    location = models.CharField(_("place"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    minutes = models.TextField(_("minutes"), blank=True)

    class Meta:
        ordering = ["board", "-date"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.board} {self.date}"


class MeetingItem(Confidential):
    """One item on a meeting's agenda, with its paper if any.

    The item and its paper share one confidentiality level and publication
    state: a new item is a draft its board's keepers see until they publish it.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    mandatory = models.BooleanField(_("mandatory"), default=False)
    paper = models.URLField(_("paper"), blank=True)
    # An uploaded paper, kept under the site's var directory (never a public URL):
    # its path relative to <var>/papers, and the name it was uploaded with.
    paper_file = models.CharField(max_length=300, blank=True)
    paper_name = models.CharField(_("paper"), max_length=200, blank=True)

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Attendance(models.Model):
    """Whether a seat was represented at a meeting (by its holder or a deputy)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="attendance")
    represented = models.BooleanField(_("represented"), default=False)
    by_deputy = models.BooleanField(_("by a deputy"), default=False)

    class Meta:
        unique_together = [("meeting", "seat")]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        return f"{self.meeting} {self.seat}"


class Action(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField(pgettext_lazy("meeting", "action"))
    owner = models.CharField(_("owner"), max_length=200)
    due = models.DateField(_("due"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        ordering = ["meeting", "due", "pk"]
        verbose_name = pgettext_lazy("meeting", "action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.text[:60]


class Escalation(models.Model):
    """A matter a meeting sends up to another board (e.g. CSP → regional group → PSB)."""

    class Status(models.TextChoices):
        RAISED = "raised", _("Raised")
        ACCEPTED = "accepted", _("Accepted")
        RESOLVED = "resolved", _("Resolved")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="escalations")
    to_board = models.ForeignKey(
        Board, verbose_name=_("to board"), on_delete=models.CASCADE, related_name="escalated"
    )
    subject = models.TextField(_("subject"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RAISED
    )

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")

    def __str__(self) -> str:
        return self.subject[:60]


class DomesticHomicideReview(models.Model):
    """One review, by case reference and dates only: no names, no personal details."""

    reference = models.SlugField(_("case reference"), max_length=40, unique=True)
    commissioning_board = models.ForeignKey(
        Board,
        verbose_name=_("commissioning partnership"),
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    notified = models.DateField(_("notified"))
    decided = models.DateField(_("decision to hold a review"), null=True, blank=True)
    not_held = models.BooleanField(_("decided not to hold a review"), default=False)
    commissioned = models.DateField(_("commissioned"), null=True, blank=True)
    panel_meetings = models.JSONField(_("panel meetings"), default=list, blank=True)
    submitted = models.DateField(_("sent to the Home Office panel"), null=True, blank=True)
    published = models.DateField(_("published"), null=True, blank=True)
    recommendations = models.JSONField(
        _("recommendations"),
        default=list,
        blank=True,
        help_text=_('e.g. [{"text": "...", "action": "...", "owner": "...", "done": false}]'),
    )

    class Meta:
        ordering = ["-notified"]
        verbose_name = _("domestic homicide review")
        verbose_name_plural = _("domestic homicide reviews")

    def __str__(self) -> str:
        return self.reference

    def dates(self) -> ReviewDates:
        return ReviewDates(
            notified=self.notified,
            decided=self.decided,
            commissioned=self.commissioned,
            panel_meetings=tuple(dt.date.fromisoformat(d) for d in self.panel_meetings),
            submitted=self.submitted,
            published=self.published,
            not_held=self.not_held,
        )


class DutyRecord(models.Model):
    """How far a partnership meets one statutory duty, and the evidence for it."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="duties")
    duty = models.CharField(_("duty"), max_length=40)
    status = models.CharField(_("compliance"), max_length=20, default="unknown")
    note = models.TextField(_("note"), blank=True)

    class Meta:
        unique_together = [("board", "duty")]
        verbose_name = _("duty")
        verbose_name_plural = _("duties")

    def __str__(self) -> str:
        return f"{self.board} {self.duty}"


class Evidence(models.Model):
    """A document showing a duty is met: minutes, a plan, or a report made by Diogel."""

    record = models.ForeignKey(DutyRecord, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(_("link"), max_length=500, blank=True)
    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("report made by Diogel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence_for",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("minutes of a meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence_for",
    )
    dated = models.DateField(_("dated"), null=True, blank=True)

    class Meta:
        ordering = ["-dated", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.title
