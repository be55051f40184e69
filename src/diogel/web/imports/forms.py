"""The upload form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from diogel.sources.generic import shipped_mappings

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
    file = forms.FileField(label=_("File"), help_text=_("CSV (or XML for ISTV), up to 100 MB"))

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
