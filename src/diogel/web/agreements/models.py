"""The register of information-sharing agreements (WASPI ISPs and DDAs).

Stored here, decided in the core: :meth:`Agreement.as_policy` hands each to
:func:`diogel.governance.decide_access`, the one access policy.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from diogel.governance import agreements as policy
from diogel.web.accounts.models import Organisation


class Agreement(models.Model):
    class Kind(models.TextChoices):
        PROTOCOL = policy.AgreementKind.PROTOCOL.value, _("Information Sharing Protocol")
        DISCLOSURE = policy.AgreementKind.DISCLOSURE.value, _("Data Disclosure Agreement")

    class Status(models.TextChoices):
        DRAFT = policy.AgreementStatus.DRAFT.value, _("Draft")
        ACTIVE = policy.AgreementStatus.ACTIVE.value, _("Active")
        EXPIRED = policy.AgreementStatus.EXPIRED.value, _("Expired")
        REVOKED = policy.AgreementStatus.REVOKED.value, _("Revoked")

    class Level(models.IntegerChoices):
        AGGREGATE = policy.DataLevel.AGGREGATE.value, _("Aggregate (disclosure-controlled)")
        PSEUDONYMISED = policy.DataLevel.PSEUDONYMISED.value, _("Pseudonymised record-level")
        PERSONAL = policy.DataLevel.PERSONAL.value, _("Personal record-level")

    reference = models.SlugField(_("reference"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=3, choices=Kind.choices)
    title_en = models.CharField(_("title in English"), max_length=200)
    title_cy = models.CharField(_("title in Welsh"), max_length=200)
    purpose = models.TextField(_("purpose"))
    purposes = models.JSONField(
        _("purpose codes"), default=list, help_text=_('e.g. ["violence-prevention"]')
    )
    legal_basis = models.TextField(
        _("legal basis"),
        help_text=_("e.g. UK GDPR Art. 6(1)(e); Art. 9(2)(g); Crime and Disorder Act 1998 s115"),
    )
    parties = models.ManyToManyField(
        Organisation, verbose_name=_("parties receiving data"), related_name="agreements"
    )
    disclosing_parties = models.ManyToManyField(
        Organisation,
        verbose_name=_("parties disclosing data"),
        related_name="disclosing_agreements",
        blank=True,
    )
    sources = models.JSONField(_("sources"), default=list, help_text=_('e.g. ["istv"]'))
    data_items = models.TextField(_("data items"), blank=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    retention_days = models.PositiveIntegerField(_("retention (days)"), null=True, blank=True)
    starts = models.DateField(_("starts"))
    ends = models.DateField(_("ends"), null=True, blank=True)
    review_date = models.DateField(_("review date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    #: A link to the signed copy, kept for agreements registered before uploads; new
    #: signed copies are uploaded (:class:`AgreementDocument`).
    document_url = models.URLField(_("signed document"), blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revoking"), blank=True)

    class Meta:
        ordering = ["reference"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return f"{self.reference}: {self.title_en}"

    @property
    def title(self) -> str:
        return self.title_cy if get_language() == "cy" and self.title_cy else self.title_en

    @property
    def document(self) -> AgreementDocument | None:
        """The signed copy in force: the newest uploaded."""
        return self.documents.order_by("-uploaded_at", "-pk").first()

    def closed_on(self, day: dt.date) -> bool:
        """Is the agreement finished on ``day``, revoked or past its end, so that it can
        no longer be changed? A new agreement is registered instead."""
        return self.as_policy().status_on(day) in {
            policy.AgreementStatus.REVOKED,
            policy.AgreementStatus.EXPIRED,
        }

    def as_policy(self) -> policy.Agreement:
        return policy.Agreement(
            reference=self.reference,
            kind=policy.AgreementKind(self.kind),
            status=policy.AgreementStatus(self.status),
            parties=frozenset(self.parties.values_list("slug", flat=True)),
            sources=frozenset(str(s) for s in self.sources),
            purposes=frozenset(str(p) for p in self.purposes),
            level=policy.DataLevel(self.level),
            starts=self.starts,
            ends=self.ends,
            retention_days=self.retention_days,
            legal_basis=tuple(line.strip() for line in self.legal_basis.split(";") if line.strip()),
            disclosing_parties=frozenset(self.disclosing_parties.values_list("slug", flat=True)),
        )


class AgreementDocument(models.Model):
    """A signed copy of an agreement (a PDF), kept privately under the site's var
    directory, never at a public URL. Each upload is a new version; none is replaced."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="documents", verbose_name=_("agreement")
    )
    #: Path relative to ``<var_dir>/agreements``.
    file = models.CharField(max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("signed document")
        verbose_name_plural = _("signed documents")

    def __str__(self) -> str:
        return f"{self.name} ({self.sha256[:12]})"


class AgreementReview(models.Model):
    """A dated review of an agreement, as WASPI asks: it keeps its reference, and the
    review records what was found and which dates it changed (a renewal moves the end)."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("agreement")
    )
    reviewed_on = models.DateField(_("reviewed on"))
    note = models.TextField(_("what the review found"))
    ends_before = models.DateField(null=True, blank=True)
    ends_after = models.DateField(null=True, blank=True)
    review_before = models.DateField(null=True, blank=True)
    review_after = models.DateField(null=True, blank=True)
    document = models.ForeignKey(
        AgreementDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.agreement.reference} reviewed {self.reviewed_on}"

    @property
    def renewed(self) -> bool:
        return self.ends_before != self.ends_after
