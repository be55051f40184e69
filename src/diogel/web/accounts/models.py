"""Organisations in the partnership and the people who belong to them."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from diogel.web.accounts.roles import ACCOUNT_ROLES, Role


class OrganisationType(models.TextChoices):
    POLICE_FORCE = "police_force", _("Police force")
    OPCC = "opcc", _("Office of the Police and Crime Commissioner")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    HEALTH_BOARD = "health_board", _("Health board")
    FIRE_AND_RESCUE = "fire_and_rescue", _("Fire and rescue service")
    PROBATION = "probation", _("Probation service")
    YOUTH_JUSTICE = "youth_justice", _("Youth justice service")
    WELSH_GOVERNMENT = "welsh_government", _("Welsh Government")
    THIRD_SECTOR = "third_sector", _("Third sector")
    OTHER = "other", _("Other")


class Organisation(models.Model):
    """A partner body: a police force, a council, a health board and so on."""

    slug = models.SlugField(_("short name"), unique=True, max_length=80)
    name_en = models.CharField(_("name in English"), max_length=200)
    name_cy = models.CharField(_("name in Welsh"), max_length=200)
    kind = models.CharField(_("type"), max_length=32, choices=OrganisationType.choices)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the language of the current request."""
        return self.name_cy if get_language() == "cy" and self.name_cy else self.name_en


class User(AbstractUser):
    """A person with an account. Their role decides what they may see and do."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    role = models.CharField(
        _("role"),
        max_length=32,
        choices=[(r.value, r.label) for r in ACCOUNT_ROLES],
        default=Role.PARTNER_MEMBER,
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def save(self, *args: object, **kwargs: object) -> None:
        # Django admin access follows the role, so the two cannot drift apart;
        # `createsuperuser` sets is_superuser, which makes an administrator.
        if self.is_superuser:
            self.role = Role.ADMINISTRATOR
        is_admin = self.role == Role.ADMINISTRATOR
        self.is_staff = is_admin
        self.is_superuser = is_admin
        super().save(*args, **kwargs)  # type: ignore[arg-type]
