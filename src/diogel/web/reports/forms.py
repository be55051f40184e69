"""Asking for a report, and writing a needs assessment's narrative."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from diogel.figures.query import is_month
from diogel.reports.needs_assessment import NARRATIVE_SECTIONS
from diogel.reports.thematic import THEMES
from diogel.web.areas.loader import geography
from diogel.web.reports.models import Report


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=Report.Kind.choices)
    area = forms.CharField(
        label=_("Area"),
        help_text=_("A code or an unambiguous name, e.g. W15000003 (Gwent Police) or Newport."),
        max_length=100,
    )
    month = forms.CharField(
        label=_("Month"),
        help_text=_("For monthly and thematic reports, as YYYY-MM, e.g. 2021-12."),
        max_length=7,
        required=False,
    )
    year = forms.IntegerField(
        label=_("Year"),
        help_text=_("For a needs assessment, e.g. 2021."),
        min_value=2000,
        max_value=2100,
        required=False,
    )
    theme = forms.ChoiceField(
        label=_("Theme"),
        choices=[
            ("", _("Not a thematic report")),
            ("night-time-economy", _("The night-time economy")),
            ("weapons", _("Possession of weapons and knife crime")),
            ("cost", _("The cost of violence")),
        ],
        required=False,
    )

    def clean_area(self) -> str:
        text = self.cleaned_data["area"].strip()
        try:
            return geography().hierarchy.resolve(text).code
        except LookupError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        monthly = kind in (Report.Kind.VIOLENCE_MONITORING, Report.Kind.THEMATIC)
        if monthly and not is_month(data.get("month") or ""):
            self.add_error("month", _("Enter the month as YYYY-MM, e.g. 2021-12."))
        if kind == Report.Kind.NEEDS_ASSESSMENT and not data.get("year"):
            self.add_error("year", _("Enter the year the assessment covers."))
        if kind == Report.Kind.THEMATIC and data.get("theme") not in THEMES:
            self.add_error("theme", _("Choose the theme of the report."))
        return data

    def parameters(self) -> dict[str, Any]:
        data = self.cleaned_data
        if data["kind"] == Report.Kind.VIOLENCE_MONITORING:
            return {"area": data["area"], "month": data["month"]}
        if data["kind"] == Report.Kind.NEEDS_ASSESSMENT:
            return {"area": data["area"], "year": data["year"]}
        return {"theme": data["theme"], "area": data["area"], "month": data["month"]}


class NarrativeForm(forms.Form):
    section = forms.ChoiceField(
        label=_("Section"),
        choices=[
            ("problem_statement", _("Problem statement")),
            ("drivers", _("Drivers of violence")),
            ("recommendations", _("Recommendations")),
        ],
    )
    text_en = forms.CharField(label=_("English"), widget=forms.Textarea, required=False)
    text_cy = forms.CharField(label=_("Welsh"), widget=forms.Textarea, required=False)

    def clean_section(self) -> str:
        section = str(self.cleaned_data["section"])
        if section not in NARRATIVE_SECTIONS:  # pragma: no cover - the choices guard it
            raise forms.ValidationError(_("Unknown section."))
        return section
