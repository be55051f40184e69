"""Django forms that render in the GOV.UK Design System's markup.

A form mixes in :class:`GovukForm` and a template includes ``core/_field.html``
for each field and ``core/_error_summary.html`` once; the classes, hints and
``aria-describedby`` links the design system asks for are set here, once.
"""

from __future__ import annotations

from typing import Any

from django import forms

_WIDGET_CLASSES: tuple[tuple[type[forms.Widget], str], ...] = (
    (forms.HiddenInput, ""),
    # Checkboxes, radios and date inputs are laid out by their own templates, in
    # fieldsets; these classes only reach the inputs if a template renders the widget.
    (forms.CheckboxSelectMultiple, "govuk-checkboxes__input"),
    (forms.RadioSelect, "govuk-radios__input"),
    (forms.MultiWidget, ""),
    (forms.CheckboxInput, "govuk-checkboxes__input"),
    (forms.Textarea, "govuk-textarea"),
    (forms.Select, "govuk-select"),
    (forms.ClearableFileInput, "govuk-file-upload"),
    (forms.FileInput, "govuk-file-upload"),
    (forms.NumberInput, "govuk-input govuk-input--width-5"),
    (forms.DateInput, "govuk-input govuk-input--width-10"),
    (forms.widgets.Input, "govuk-input"),
)


class GovukForm(forms.BaseForm):
    """Give every widget its design-system class and link it to its hint and error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            css = next(c for kind, c in _WIDGET_CLASSES if isinstance(widget, kind))
            widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()
            if field.help_text:
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}-hint"
            if isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("rows", 5)

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                described = widget.attrs.get("aria-describedby", "")
                widget.attrs["aria-describedby"] = f"{described} {self[name].auto_id}-error".strip()


def posted_id(data: Any, name: str) -> int:
    """A posted object id, or 0 (which matches nothing) when it is missing or not a number,
    so a tampered form finds no object instead of failing."""
    try:
        return int(data.get(name, ""))
    except (TypeError, ValueError):
        return 0
