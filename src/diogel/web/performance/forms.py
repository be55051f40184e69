"""Entering a value of a manual or survey measure: which area, which period, how much."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from diogel.geography import Level, ReferenceDataError
from diogel.performance import Frequency
from diogel.web.areas.loader import geography
from diogel.web.core.forms import GovukForm
from diogel.web.performance.models import Measure

PERIODS = {
    Frequency.ANNUAL: re.compile(r"^\d{4}$"),
    Frequency.QUARTERLY: re.compile(r"^\d{4}-Q[1-4]$"),
    Frequency.MONTHLY: re.compile(r"^\d{4}-(0[1-9]|1[0-2])$"),
}
PERIOD_HINTS = {
    Frequency.ANNUAL: _("A year, for example 2021"),
    Frequency.QUARTERLY: _("A quarter, for example 2021-Q3"),
    Frequency.MONTHLY: _("A month, for example 2021-07"),
}
PERIOD_ERRORS = {
    Frequency.ANNUAL: _("Enter the period as a year, for example 2021"),
    Frequency.QUARTERLY: _("Enter the period as a quarter, for example 2021-Q3"),
    Frequency.MONTHLY: _("Enter the period as a month, for example 2021-07"),
}
#: Areas a value can be entered for: Wales, its police force areas, health boards and
#: local authorities.
ENTRY_LEVELS = (Level.WALES, Level.POLICE_FORCE_AREA, Level.HEALTH_BOARD, Level.LOCAL_AUTHORITY)


def area_choices() -> list[tuple[str, str]]:
    language = "cy" if get_language() == "cy" else "en"
    try:
        hierarchy = geography().hierarchy
    except ReferenceDataError:
        return []
    out = []
    for level in ENTRY_LEVELS:
        label = level.label_cy if language == "cy" else level.label_en
        areas = sorted(hierarchy.areas_at(level), key=lambda a: a.name(language))
        out += [(a.code, f"{a.name(language)} ({label})") for a in areas]
    return out


def _period_start(period: str) -> dt.date:
    year = int(period[:4])
    if len(period) == 4:
        return dt.date(year, 1, 1)
    if period[5] == "Q":
        return dt.date(year, (int(period[6]) - 1) * 3 + 1, 1)
    return dt.date(year, int(period[5:]), 1)


class ValueForm(GovukForm, forms.Form):
    area = forms.ChoiceField(
        label=_("Area"),
        choices=(),
        error_messages={
            "required": _("Choose the area the value is for"),
            "invalid_choice": _("Choose an area from the list"),
        },
    )
    period = forms.CharField(
        label=_("Period"),
        max_length=7,
        error_messages={"required": _("Enter the period")},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    value = forms.DecimalField(
        label=_("Value"),
        max_digits=24,
        decimal_places=9,
        error_messages={
            "required": _("Enter the value"),
            "invalid": _("Enter the value as a number, for example 1250 or 23.5"),
        },
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Where the figure comes from, or anything a reader should know."),
    )

    def __init__(self, *args: Any, measure: Measure, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.frequency = Frequency(measure.frequency)
        area = self.fields["area"]
        assert isinstance(area, forms.ChoiceField)
        area.choices = [("", _("Choose an area")), *area_choices()]
        self.fields["period"].help_text = PERIOD_HINTS[self.frequency]
        self.fields["value"].help_text = _("In %(unit)s.") % {"unit": measure.unit}
        for name in ("period", "value"):
            self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-hint"

    def clean_period(self) -> str:
        period = str(self.cleaned_data["period"]).strip().upper()
        if not PERIODS[self.frequency].match(period):
            raise forms.ValidationError(PERIOD_ERRORS[self.frequency])
        if _period_start(period) > dt.date.today():
            raise forms.ValidationError(_("The period cannot be in the future."))
        if int(period[:4]) < 1990:
            raise forms.ValidationError(_("The period must be 1990 or later."))
        return period

    def clean_value(self) -> Any:
        value = self.cleaned_data["value"]
        if value < 0 and "change" not in self.measure.unit and "%" not in self.measure.unit:
            raise forms.ValidationError(
                _("The value cannot be negative for a measure in %(unit)s.")
                % {"unit": self.measure.unit}
            )
        if "%" in self.measure.unit and "change" not in self.measure.unit and value > 100:
            raise forms.ValidationError(_("A percentage cannot be more than 100."))
        return value
