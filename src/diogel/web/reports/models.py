"""Generated reports, their background jobs and analysts' narrative revisions."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from diogel.governance.confidentiality import Confidentiality
from diogel.web.core.confidential import CONFIDENTIALITY_CHOICES, Confidential


class Report(Confidential):
    """One generated report: what was asked, its document and where its files are.

    A report is a draft until a keeper of a board covering its area publishes it;
    reports are made to be published (they hold only disclosure-controlled
    figures), so one is for the public unless its publisher says otherwise.
    """

    class Kind(models.TextChoices):
        VIOLENCE_MONITORING = "violence-monitoring", _("Violence Monitoring Report")
        NEEDS_ASSESSMENT = "needs-assessment", _("Strategic Needs Assessment")
        THEMATIC = "thematic", _("Thematic report")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being generated")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    class Trigger(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        SCHEDULED = "scheduled", _("New month of data")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    parameters = models.JSONField(_("parameters"))
    area_code = models.CharField(_("area code"), max_length=40)
    title_en = models.CharField(_("title in English"), max_length=300, blank=True)
    title_cy = models.CharField(_("title in Welsh"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("current step"), max_length=100, blank=True)
    error = models.TextField(_("error"), blank=True)
    trigger = models.CharField(
        _("trigger"), max_length=10, choices=Trigger.choices, default=Trigger.REQUESTED
    )
    document = models.TextField(_("report document (JSON)"), blank=True)
    software_version = models.CharField(_("software version"), max_length=40, blank=True)
    synthetic = models.BooleanField(_("includes synthetic data"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    confidentiality = models.CharField(
        _("who may see it"),
        max_length=20,
        choices=CONFIDENTIALITY_CHOICES,
        default=Confidentiality.PUBLIC.value,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return self.title_en or f"{self.kind} {self.parameters}"

    def title(self, language: str) -> str:
        return (self.title_cy if language == "cy" else self.title_en) or str(self)

    @property
    def files_dir(self) -> Path:
        return Path(settings.DIOGEL.var_dir) / "reports" / str(self.pk)

    def file_path(self, language: str, extension: str) -> Path:
        return self.files_dir / f"{language}.{extension}"


class NarrativeRevision(models.Model):
    """An analyst's text for one section of a needs assessment; every save is kept."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="revisions")
    section = models.CharField(_("section"), max_length=40)
    version = models.PositiveIntegerField(_("version"))
    text_en = models.TextField(_("English text"), blank=True)
    text_cy = models.TextField(_("Welsh text"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    saved_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        ordering = ["section", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "section", "version"], name="one_number_per_revision"
            )
        ]
        verbose_name = _("narrative revision")
        verbose_name_plural = _("narrative revisions")

    def __str__(self) -> str:
        return f"{self.report_id} {self.section} v{self.version}"


def latest_narrative(report: Report) -> dict[str, dict[str, str]]:
    """Each section's newest revision: {"section": {"en": ..., "cy": ...}}."""
    out: dict[str, dict[str, str]] = {}
    for revision in report.revisions.order_by("section", "-version"):
        out.setdefault(revision.section, {"en": revision.text_en, "cy": revision.text_cy})
    return out
