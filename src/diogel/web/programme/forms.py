"""The one form owners fill in: a dated update, with progress and RAG where they change."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from diogel.programme.vocab import Progress, Rag
from diogel.web.boards.forms import clean_partial_date
from diogel.web.core.forms import GovukForm


class UpdateForm(GovukForm, forms.Form):
    target = forms.CharField(widget=forms.HiddenInput)  # "objective" or "action:<code>"
    date = forms.CharField(label=_("Date"), help_text=_("For example 2021-03-25"), max_length=10)
    text = forms.CharField(label=_("What has happened"), widget=forms.Textarea(attrs={"rows": 4}))
    progress = forms.ChoiceField(label=_("Progress"), required=False)
    rag = forms.ChoiceField(label=_("RAG status"), required=False)

    def __init__(self, *args: Any, language: str = "en", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        welsh = language == "cy"
        unchanged = [("", _("Unchanged"))]
        progress = self.fields["progress"]
        rag = self.fields["rag"]
        assert isinstance(progress, forms.ChoiceField)
        assert isinstance(rag, forms.ChoiceField)
        progress.choices = unchanged + [
            (p.value, p.label_cy if welsh else p.label_en) for p in Progress
        ]
        rag.choices = unchanged + [(r.value, r.label_cy if welsh else r.label_en) for r in Rag]

    def clean_date(self) -> str:
        value = clean_partial_date(self.cleaned_data["date"])
        if not value:
            raise forms.ValidationError(_("Say when it happened"))
        return value
