"""The upload form: what the file is, who sent it, under which agreement, and the
confirmations the import service may ask for. The checks themselves (agreement,
provider, supersession) are the ingest service's (:mod:`diogel.ingest`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from diogel.governance.agreements import AgreementKind, AgreementStatus
from diogel.sources.generic import load_mapping, shipped_mappings
from diogel.web.accounts.models import Organisation
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
        "parties", "disclosing_parties"
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
    # Likewise a slug: the service checks it is a disclosing party of the agreement.
    provider = forms.CharField(
        label=_("Which organisation disclosed it under the agreement?"),
        max_length=80,
        required=False,
        help_text=_(
            "One of the agreement's disclosing parties. Leave it as your organisation if "
            "your organisation disclosed it."
        ),
    )
    file = forms.FileField(label=_("File"), help_text=_("CSV (or XML for ISTV), up to 100 MB"))
    confirm_shrink = forms.BooleanField(
        label=_("The file is a complete replacement: import it although it has far fewer rows"),
        required=False,
    )
    confirm_repeated = forms.BooleanField(
        label=_("The file is meant to be like this: import it although its rows repeat"),
        required=False,
    )

    def __init__(
        self, *args: Any, day: dt.date | None = None, organisation: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.day = day or timezone.localdate()
        self.fields["provider"].initial = organisation
        in_force = agreements_in_force(self.day)
        self.agreement_choices = [
            (a.reference, f"{a.reference}: {a.title} ({', '.join(map(str, a.sources))})")
            for a in in_force
        ]
        disclosing = {o.slug: o for a in in_force for o in a.disclosing_parties.all()}
        if organisation and organisation not in disclosing:
            found = Organisation.objects.filter(slug=organisation).first()
            if found is not None:
                disclosing[organisation] = found
        #: Organisations a file can be disclosed by (yours first), for the provider list.
        self.provider_choices = sorted(
            ((slug, str(o)) for slug, o in disclosing.items()),
            key=lambda choice: (choice[0] != organisation, choice[1]),
        )

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
        return data
