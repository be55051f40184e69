"""The forms board secretariats fill in: a board's details, seats, holders, reviews, papers."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from diogel.landscape.fields import DATE as PARTIAL_DATE
from diogel.landscape.vocab import Status
from diogel.web.boards.models import (
    Board,
    DomesticHomicideReview,
    MemberOrganisation,
    Person,
    Seat,
)
from diogel.web.core.forms import GovukForm


def clean_partial_date(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    if not PARTIAL_DATE.match(value):  # as the seed files give dates
        raise forms.ValidationError(_("Enter a year, a month or a day, for example 2020, 2020-01"))
    if len(value) == 10:
        try:
            dt.date.fromisoformat(value)
        except ValueError as exc:
            raise forms.ValidationError(_("That day does not exist")) from exc
    return value


class BoardDetailsForm(GovukForm, forms.ModelForm[Board]):
    terms_of_reference_url = forms.URLField(
        label=_("Terms of reference (link)"), required=False, assume_scheme="https"
    )

    class Meta:
        model = Board
        fields = [
            "purpose",
            "terms_of_reference",
            "terms_of_reference_url",
            "statutory_basis",
            "chair_role",
            "meetings_per_year",
        ]
        widgets = {"terms_of_reference": forms.Textarea(attrs={"rows": 8})}


class StatusForm(GovukForm, forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    date = forms.CharField(
        label=_("Since"),
        help_text=_("A year, a month or a day, for example 2021-04"),
        max_length=10,
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, language: str = "en", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)
        status.choices = [(s.value, s.label_cy if language == "cy" else s.label_en) for s in Status]

    def clean_date(self) -> str:
        value = clean_partial_date(self.cleaned_data["date"])
        if not value:
            raise forms.ValidationError(_("Say when the status changed"))
        return value


class SeatForm(GovukForm, forms.ModelForm[Seat]):
    class Meta:
        model = Seat
        fields = ["role", "organisation", "mandatory"]
        help_texts = {"role": _("The role, not the person: for example Police – Chief Inspector")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation = self.fields["organisation"]
        assert isinstance(organisation, forms.ModelChoiceField)
        organisation.queryset = MemberOrganisation.objects.all()
        organisation.required = False
        self.fields["mandatory"].label = _("Must attend every meeting")


class HoldingForm(GovukForm, forms.Form):
    """Someone filling a seat: an office holder already registered, or a new one."""

    seat = forms.ModelChoiceField(label=_("Seat"), queryset=Seat.objects.none())
    person = forms.ModelChoiceField(
        label=_("Office holder"), queryset=Person.objects.all(), required=False
    )
    name = forms.CharField(label=_("Or a new office holder's name"), required=False, max_length=200)
    office = forms.CharField(label=_("Their office"), required=False, max_length=300)
    start = forms.CharField(label=_("From"), required=False, max_length=10)
    end = forms.CharField(label=_("Until"), required=False, max_length=10)
    deputy = forms.BooleanField(label=_("As a deputy"), required=False)

    def __init__(self, *args: Any, board: Board, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        seat = self.fields["seat"]
        assert isinstance(seat, forms.ModelChoiceField)
        seat.queryset = board.seats.all()
        self.fields["start"].help_text = _("A year, a month or a day, for example 2021-04")

    def clean_start(self) -> str:
        return clean_partial_date(self.cleaned_data["start"])

    def clean_end(self) -> str:
        return clean_partial_date(self.cleaned_data["end"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("person") and not data.get("name", "").strip():
            self.add_error("person", _("Choose an office holder or give a new one's name"))
        if data.get("name") and not data.get("office", "").strip():
            self.add_error("office", _("Say what office they hold"))
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end is before the start"))
        return data


class ReviewForm(GovukForm, forms.ModelForm[DomesticHomicideReview]):
    """A review by its reference and dates: the form has no field for anyone's details."""

    panel_meetings_text = forms.CharField(
        label=_("Panel meetings"),
        help_text=_("One date a line, for example 2021-05-10"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = DomesticHomicideReview
        fields = [
            "reference",
            "commissioning_board",
            "notified",
            "decided",
            "not_held",
            "commissioned",
            "submitted",
            "published",
        ]
        help_texts = {
            "reference": _(
                "The partnership's case reference, for example dhr-2021-01. "
                "Never a name or anything that could identify anyone."
            ),
            "notified": _("For example 2021-01-04"),
        }

    def __init__(self, *args: Any, boards: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        board = self.fields["commissioning_board"]
        assert isinstance(board, forms.ModelChoiceField)
        board.queryset = boards
        if self.instance.pk:
            self.fields["panel_meetings_text"].initial = "\n".join(self.instance.panel_meetings)

    def clean_panel_meetings_text(self) -> list[str]:
        days = []
        for number, line in enumerate(self.cleaned_data["panel_meetings_text"].splitlines(), 1):
            if not line.strip():
                continue
            try:
                days.append(dt.date.fromisoformat(line.strip()).isoformat())
            except ValueError as exc:
                raise forms.ValidationError(
                    _("Line %(number)s is not a date like 2021-05-10"), params={"number": number}
                ) from exc
        return sorted(days)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        order = ["notified", "decided", "commissioned", "submitted", "published"]
        given = [(name, data[name]) for name in order if data.get(name)]
        for (before, early), (after, late) in itertools.pairwise(given):
            if late < early:
                self.add_error(
                    after,
                    _("This is before the %(step)s date")
                    % {"step": str(self.fields[before].label).lower()},
                )
        if data.get("not_held") and (data.get("commissioned") or data.get("submitted")):
            self.add_error("not_held", _("A review decided against cannot have been commissioned"))
        return data

    def save(self, commit: bool = True) -> DomesticHomicideReview:
        review = super().save(commit=False)
        review.panel_meetings = self.cleaned_data["panel_meetings_text"]
        if commit:
            review.save()
        return review


class RecommendationForm(GovukForm, forms.Form):
    text = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 3}))
    action = forms.CharField(label=_("Action agreed"), required=False, widget=forms.Textarea)
    owner = forms.CharField(label=_("Owner"), required=False, max_length=200)
    due = forms.DateField(label=_("Due"), required=False, help_text=_("For example 2021-09-30"))


PAPER_TYPES = {
    ".pdf": b"%PDF-",
    ".docx": b"PK\x03\x04",
    ".xlsx": b"PK\x03\x04",
    ".pptx": b"PK\x03\x04",
    ".odt": b"PK\x03\x04",
    ".ods": b"PK\x03\x04",
}
PAPER_MAX_BYTES = 20 * 1024 * 1024


class PaperForm(GovukForm, forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput)
    paper = forms.FileField(
        label=_("Paper"), help_text=_("PDF, Word, Excel, PowerPoint or OpenDocument, up to 20 MB")
    )

    def clean_paper(self) -> Any:
        upload = self.cleaned_data["paper"]
        name = upload.name or ""
        suffix = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
        if suffix not in PAPER_TYPES:
            raise forms.ValidationError(
                _("The paper must be a PDF, Word, Excel, PowerPoint or OpenDocument file")
            )
        if upload.size > PAPER_MAX_BYTES:
            raise forms.ValidationError(_("The paper must be smaller than 20 MB"))
        head = upload.read(8)
        upload.seek(0)
        if not head.startswith(PAPER_TYPES[suffix]):
            raise forms.ValidationError(
                _("The file's contents are not a %(kind)s file"),
                params={"kind": suffix[1:].upper()},
            )
        return upload


_QUARTER = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class TrackerForm(GovukForm, forms.Form):
    """A region's row of the rationalisation tracker for one quarter."""

    region = forms.ChoiceField(label=_("Region"))
    quarter = forms.CharField(
        label=_("Quarter"),
        help_text=_("The month the quarter starts, for example 2021-04"),
        max_length=7,
    )
    current_position = forms.CharField(
        label=_("Current position"), widget=forms.Textarea, required=False
    )
    actions_text = forms.CharField(
        label=_("Actions for next quarter"),
        help_text=_(
            "One action a line; put the owner after a vertical bar, for example "
            "Review the APB's terms of reference | Gwent APB chair"
        ),
        widget=forms.Textarea,
        required=False,
    )

    def __init__(self, *args: Any, regions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region = self.fields["region"]
        assert isinstance(region, forms.ChoiceField)
        region.choices = regions

    def clean_quarter(self) -> str:
        value = self.cleaned_data["quarter"].strip()
        if not _QUARTER.match(value):
            raise forms.ValidationError(_("Enter the quarter's first month, for example 2021-04"))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        actions = []
        for line in data.get("actions_text", "").splitlines():
            text, _bar, owner = line.partition("|")
            if text.strip():
                actions.append({"text": text.strip(), "owner": owner.strip() or None})
        data["actions"] = actions
        return data
