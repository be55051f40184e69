"""The programme tracker: recommendations, work-streams, objectives, actions, updates,
hand-overs of governance.

Seeded from the cited programme (:mod:`diogel.programme`) by
``diogel seed wales-programme``; owners then record updates on the site. Every entry
seeded keeps the citations of the documents it comes from.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from diogel.programme.vocab import Progress, Rag
from diogel.web.boards.models import Board, Person

PROGRESS_CHOICES = [(p.value, p.label_en) for p in Progress]
RAG_CHOICES = [(r.value, r.label_en) for r in Rag]


def label(value: Progress | Rag | None) -> str:
    if value is None:
        return ""
    return str(value.label_cy if get_language() == "cy" else value.label_en)


class Programme(models.Model):
    code = models.SlugField(_("code"), max_length=80, unique=True)
    name_en = models.CharField(_("name in English"), max_length=200)
    name_cy = models.CharField(_("name in Welsh"), max_length=200, blank=True)
    board = models.ForeignKey(
        Board, verbose_name=_("programme board"), on_delete=models.PROTECT, related_name="+"
    )
    sro_role = models.CharField(_("senior responsible owner"), max_length=300)
    sro_organisation = models.CharField(max_length=80, blank=True)
    sro_name = models.CharField(max_length=200, blank=True)
    sro_as_of = models.CharField(max_length=10, blank=True)
    sro_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sro_seat = models.CharField(max_length=80, blank=True)  # the seat's code on the board
    start = models.CharField(_("start"), max_length=10, blank=True)
    closed = models.CharField(_("closed"), max_length=10, blank=True)
    sources = models.JSONField(default=list)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name_en

    @property
    def name(self) -> str:
        return self.name_cy if get_language() == "cy" and self.name_cy else self.name_en


class VisionStatement(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="vision")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    sources = models.JSONField(default=list)

    class Meta:
        ordering = ["programme", "number"]
        unique_together = [("programme", "number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class Principle(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="principles")
    code = models.SlugField(max_length=80)
    number = models.PositiveSmallIntegerField()
    title_en = models.TextField()
    title_cy = models.TextField(blank=True)
    sources = models.JSONField(default=list)

    class Meta:
        ordering = ["programme", "number"]
        unique_together = [("programme", "code")]

    def __str__(self) -> str:
        return self.title_en

    @property
    def title(self) -> str:
        return self.title_cy if get_language() == "cy" and self.title_cy else self.title_en


class RecommendationSet(models.Model):
    """A document's numbered recommendations (the Wales Audit Office's R1 to R7...)."""

    code = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=300)
    issued_by = models.CharField(max_length=200)
    date = models.CharField(max_length=10, blank=True)
    sources = models.JSONField(default=list)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.title


class Recommendation(models.Model):
    code = models.SlugField(max_length=80, unique=True)
    set = models.ForeignKey(
        RecommendationSet, on_delete=models.CASCADE, related_name="recommendations"
    )
    label = models.CharField(max_length=20)
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    owners = models.JSONField(default=list)  # as the document names them
    principles = models.JSONField(default=list)
    sources = models.JSONField(default=list)

    class Meta:
        ordering = ["set", "number"]

    def __str__(self) -> str:
        return self.label


class Workstream(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="workstreams")
    code = models.SlugField(max_length=80, unique=True)
    number = models.PositiveSmallIntegerField()
    principle = models.ForeignKey(Principle, on_delete=models.PROTECT, related_name="+")
    title_en = models.TextField()
    title_cy = models.TextField(blank=True)
    sro_role = models.CharField(_("senior responsible owner"), max_length=300)
    sro_organisation = models.CharField(max_length=80, blank=True)
    sro_name = models.CharField(max_length=200, blank=True)
    sro_as_of = models.CharField(max_length=10, blank=True)
    sro_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sro_seat = models.CharField(max_length=80, blank=True)
    sources = models.JSONField(default=list)

    class Meta:
        ordering = ["programme", "number"]

    def __str__(self) -> str:
        return self.title_en

    @property
    def title(self) -> str:
        return self.title_cy if get_language() == "cy" and self.title_cy else self.title_en


class _Tracked(models.Model):
    """What objectives and actions share: owner, due date, progress, RAG, keepers.

    ``progress`` and ``rag`` are the entry's own (as seeded or as an administrator sets
    them). Where it stands now (its latest update's, else its own) is the core's to say,
    on the register's reading (:mod:`diogel.web.programme.register`), so no page works it
    out differently."""

    code = models.SlugField(_("code"), max_length=80)
    text = models.TextField(_("text"))
    owner = models.CharField(_("owner"), max_length=300, blank=True)
    due = models.CharField(_("due"), max_length=10, blank=True)
    progress = models.CharField(_("progress"), max_length=20, choices=PROGRESS_CHOICES)
    rag = models.CharField(_("RAG"), max_length=10, choices=RAG_CHOICES, blank=True)
    # The people who may record updates: the owner's named contacts, set by administrators.
    keepers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("may update"), blank=True, related_name="+"
    )
    sources = models.JSONField(default=list)

    class Meta:
        abstract = True


class Objective(_Tracked):
    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="objectives")
    depends_on = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="+")
    recommendations = models.ManyToManyField(Recommendation, blank=True, related_name="objectives")
    governed_by = models.ForeignKey(
        Board, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    governance_note = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["code"], name="objective_code_unique")]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return self.code


class Action(_Tracked):
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="actions")
    depends_on = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["objective", "order"]
        constraints = [
            models.UniqueConstraint(fields=["objective", "code"], name="action_code_unique")
        ]
        verbose_name = _("programme action")
        verbose_name_plural = _("programme actions")

    def __str__(self) -> str:
        return self.code


class Update(models.Model):
    """A dated progress note on an objective or an action; its progress and RAG, when
    given, supersede the earlier ones."""

    objective = models.ForeignKey(
        Objective, null=True, blank=True, on_delete=models.CASCADE, related_name="updates"
    )
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.CASCADE, related_name="updates"
    )
    date = models.CharField(_("date"), max_length=10)
    text = models.TextField(_("update"))
    progress = models.CharField(_("progress"), max_length=20, choices=PROGRESS_CHOICES, blank=True)
    rag = models.CharField(_("RAG"), max_length=10, choices=RAG_CHOICES, blank=True)
    by = models.CharField(_("by"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    seeded = models.BooleanField(default=False)
    sources = models.JSONField(default=list)

    class Meta:
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(objective__isnull=False) ^ models.Q(action__isnull=False),
                name="update_of_one_thing",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.text[:40]}"

    @property
    def progress_label(self) -> str:
        return label(Progress(self.progress)) if self.progress else ""

    @property
    def rag_label(self) -> str:
        return label(Rag(self.rag)) if self.rag else ""


class Handover(models.Model):
    """Governance of objectives passing from one board to another, by letter."""

    code = models.SlugField(max_length=80, unique=True)
    from_board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="+")
    to_board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="+")
    requested = models.CharField(max_length=10, blank=True)
    agreed = models.CharField(max_length=10, blank=True)
    letter_reference = models.CharField(max_length=300)
    response_reference = models.CharField(max_length=300, blank=True)
    note = models.TextField(blank=True)
    objectives = models.ManyToManyField(Objective, related_name="handovers")
    sources = models.JSONField(default=list)

    class Meta:
        ordering = ["agreed", "requested", "code"]

    def __str__(self) -> str:
        return self.code
