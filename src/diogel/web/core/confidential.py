"""Confidentiality and publication on the site: the fields every paper, agenda item and
report carries, their names in Welsh and English, and the keepers' form.

The rule itself is the core's (:mod:`diogel.governance.confidentiality`); who may
see or publish one item is decided in :mod:`diogel.web.accounts.permissions`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from diogel.governance.confidentiality import Confidentiality, Publication

CONFIDENTIALITY_LABELS: dict[Confidentiality, Any] = {
    Confidentiality.PUBLIC: _("Public"),
    Confidentiality.PARTNERS: _("Partners"),
    Confidentiality.BOARD_MEMBERS: _("Board members"),
    Confidentiality.NAMED: _("Named people"),
}
CONFIDENTIALITY_HINTS: dict[Confidentiality, Any] = {
    Confidentiality.PUBLIC: _("Anyone, on the public pages"),
    Confidentiality.PARTNERS: _("Anyone signed in with a partner account"),
    Confidentiality.BOARD_MEMBERS: _("People who hold a seat on the board now"),
    Confidentiality.NAMED: _("Only the people named below"),
}
PUBLICATION_LABELS: dict[Publication, Any] = {
    Publication.DRAFT: _("Draft"),
    Publication.PUBLISHED: _("Published"),
    Publication.WITHDRAWN: _("Withdrawn"),
}
CONFIDENTIALITY_CHOICES = [(c.value, CONFIDENTIALITY_LABELS[c]) for c in Confidentiality]
PUBLICATION_CHOICES = [(state.value, PUBLICATION_LABELS[state]) for state in Publication]


class Confidential(models.Model):
    """Who an item is for, whether it is out yet, and the people named on it.

    Views never read these fields to decide: they ask
    :func:`diogel.web.accounts.permissions.may_see` and ``may_publish``.
    """

    confidentiality = models.CharField(
        _("who may see it"),
        max_length=20,
        choices=CONFIDENTIALITY_CHOICES,
        default=Confidentiality.PARTNERS.value,
    )
    publication = models.CharField(
        _("publication"),
        max_length=10,
        choices=PUBLICATION_CHOICES,
        default=Publication.DRAFT.value,
        db_index=True,
    )
    named_readers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("named people"),
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def level(self) -> Confidentiality:
        return Confidentiality(self.confidentiality)

    @property
    def state(self) -> Publication:
        return Publication(self.publication)

    @property
    def level_label(self) -> str:
        """The confidentiality level in the page's language, to show on the item."""
        return str(CONFIDENTIALITY_LABELS[self.level])

    @property
    def state_label(self) -> str:
        return str(PUBLICATION_LABELS[self.state])

    @property
    def is_published(self) -> bool:
        return self.state is Publication.PUBLISHED

    @property
    def is_public(self) -> bool:
        """Published for everyone. Anything else is confidential: its downloads are audited."""
        return self.is_published and self.level is Confidentiality.PUBLIC


class _Account(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name() or obj.get_username()
        return f"{name} ({obj.organisation.name})" if obj.organisation else name


class ConfidentialityForm(forms.Form):
    """A keeper's choice of who may see an item once it is published.

    Rendered by ``core/_confidentiality.html`` (GOV.UK radios and checkboxes).
    """

    confidentiality = forms.ChoiceField(
        label=_("Who may see it once it is published"),
        choices=CONFIDENTIALITY_CHOICES,
        widget=forms.RadioSelect,
    )
    named_readers = _Account(
        label=_("Named people"),
        help_text=_('For "Named people" only: the accounts that may see it.'),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        field = self.fields["named_readers"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = (
            get_user_model()
            .objects.filter(is_active=True)
            .select_related("organisation")
            .order_by("organisation__name_en", "last_name", "first_name", "username")
        )

    @classmethod
    def for_item(cls, item: Confidential, data: Any = None) -> ConfidentialityForm:
        """The form filled with the item's current choice (or with what was posted)."""
        initial = {
            "confidentiality": item.confidentiality,
            "named_readers": [u.pk for u in item.named_readers.all()] if item.pk else [],
        }
        return cls(data, initial=initial)

    def level_options(self) -> list[dict[str, Any]]:
        """Each level as a GOV.UK radio: value, label, hint, whether chosen, its id."""
        chosen = str(self["confidentiality"].value() or "")
        return [
            {
                "value": level.value,
                "label": CONFIDENTIALITY_LABELS[level],
                "hint": CONFIDENTIALITY_HINTS[level],
                "checked": level.value == chosen,
                "id": f"id_confidentiality_{i}",
            }
            for i, level in enumerate(Confidentiality)
        ]

    def reader_options(self) -> list[dict[str, Any]]:
        """Each account as a GOV.UK checkbox: value, label, whether chosen, its id."""
        chosen = {str(v) for v in self["named_readers"].value() or []}
        field = self.fields["named_readers"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        return [
            {
                "value": str(person.pk),
                "label": field.label_from_instance(person),
                "checked": str(person.pk) in chosen,
                "id": f"id_named_readers_{i}",
            }
            for i, person in enumerate(field.queryset or [])
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("confidentiality") == Confidentiality.NAMED and not data.get("named_readers"):
            self.add_error("named_readers", _("Name at least one person who may see it."))
        return data

    def apply(self, item: Confidential) -> bool:
        """Save the choice on ``item``; True when who may see it changed."""
        level = self.cleaned_data["confidentiality"]
        named = set(self.cleaned_data["named_readers"] or [])
        changed = level != item.confidentiality or named != set(item.named_readers.all())
        item.confidentiality = level
        item.save(update_fields=["confidentiality"])
        item.named_readers.set(named)
        return changed
