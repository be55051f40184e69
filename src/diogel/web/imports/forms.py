"""The upload form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from diogel.disclosure.rules import OPEN_SOURCES
from diogel.governance.agreements import AgreementKind, AgreementStatus
from diogel.sources.generic import load_mapping, shipped_mappings
from diogel.web.agreements.models import Agreement

SOURCE_CHOICES = [
    ("police_uk_street", _("police.uk street-level crime and anti-social behaviour")),
    ("police_uk_stop_search", _("police.uk stop and search")),
    ("istv", _("Emergency department assaults (ISTV), CSV or XML")),
    *[
        (f"generic:{name}", _("Through the mapping %(name)s") % {"name": name})
        for name in sorted(shipped_mappings())
    ],
]
MAX_UPLOAD_BYTES = 100 * 1024 * 1024


def warehouse_source(choice: str) -> str:
    """The warehouse source a form choice imports into (a mapping names its own)."""
    if choice.startswith("generic:"):
        return load_mapping(shipped_mappings()[choice.removeprefix("generic:")]).source
    return choice


def agreements_in_force(day: dt.date) -> list[Agreement]:
    """The Data Disclosure Agreements in force on ``day`` (those a file can come under)."""
    candidates = Agreement.objects.filter(kind=AgreementKind.DISCLOSURE.value).prefetch_related(
        "parties"
    )
    return [a for a in candidates if a.as_policy().status_on(day) is AgreementStatus.ACTIVE]


class UploadForm(forms.Form):
    source = forms.ChoiceField(
        label=_("What kind of file is it?"), choices=SOURCE_CHOICES, widget=forms.RadioSelect
    )
    supplier = forms.CharField(
        label=_("Which organisation sent it?"),
        max_length=120,
        required=False,
        help_text=_("For police.uk street files this is read from the file."),
    )
    # A reference rather than a model choice, so that an agreement which stopped being
    # in force after the page was shown is refused with a reason, not "invalid choice".
    agreement = forms.CharField(
        label=_("Which data-sharing agreement did it come under?"),
        max_length=60,
        required=False,
        help_text=_(
            "Needed for every source except open police.uk data. Only Data Disclosure "
            "Agreements in force today are listed."
        ),
    )
    file = forms.FileField(label=_("File"), help_text=_("CSV (or XML for ISTV), up to 100 MB"))

    def __init__(self, *args: Any, day: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.day = day or timezone.localdate()
        #: The agreement the file comes under, once the form is valid (None for open data).
        self.agreement_record: Agreement | None = None
        self.agreement_choices = [
            (a.reference, f"{a.reference}: {a.title} ({', '.join(map(str, a.sources))})")
            for a in agreements_in_force(self.day)
        ]

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 100 MB."))
        return upload

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        source = str(data.get("source", ""))
        needs_supplier = source.startswith("generic:") or source == "police_uk_stop_search"
        if needs_supplier and not data.get("supplier"):
            self.add_error("supplier", _("Enter the organisation that sent the file."))
        if source:
            self._check_agreement(warehouse_source(source), str(data.get("agreement") or ""))
        return data

    def _check_agreement(self, source: str, reference: str) -> None:
        """Every file but open data comes under an agreement in force that covers it."""
        if not reference:
            if source not in OPEN_SOURCES:
                self.add_error(
                    "agreement",
                    _("Choose the data-sharing agreement this file came under."),
                )
            return
        found = Agreement.objects.filter(reference=reference).first()
        if found is None:
            self.add_error("agreement", _("There is no agreement with that reference."))
            return
        policy = found.as_policy()
        if policy.kind is not AgreementKind.DISCLOSURE:
            self.add_error(
                "agreement",
                _(
                    "%(reference)s is an Information Sharing Protocol: choose the Data "
                    "Disclosure Agreement made under it."
                )
                % {"reference": reference},
            )
        elif policy.status_on(self.day) is not AgreementStatus.ACTIVE:
            self.add_error(
                "agreement",
                _("%(reference)s is not in force today, so no data can come under it.")
                % {"reference": reference},
            )
        elif source not in policy.sources:
            self.add_error(
                "agreement",
                _("%(reference)s does not cover %(source)s data.")
                % {"reference": reference, "source": source},
            )
        else:
            self.agreement_record = found
