"""The forms data controllers fill in: register or change an agreement, review or renew
it, revoke it.

Codes are chosen, never typed as JSON: purposes and legal bases from lists of the
common ones (with a checked box for anything else), parties from the register of
organisations, sources from the sources Diogel can hold. Dates use the GOV.UK date
input (day, month, year). Who may submit what is decided in
:mod:`diogel.web.accounts.permissions`; these forms ask it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from diogel.figures.base import known_sources
from diogel.web.accounts.models import Organisation
from diogel.web.accounts.permissions import may_manage_agreement_between
from diogel.web.agreements.documents import check_pdf
from diogel.web.agreements.models import Agreement
from diogel.web.core.forms import GovukForm

#: Purposes partnerships share data for: code -> what it means. Codes are what the access
#: policy matches and the records page asks for; any other code may be added.
COMMON_PURPOSES: dict[str, Promise] = {
    "violence-prevention": _("Preventing and reducing serious violence (Serious Violence Duty)"),
    "crime-and-disorder": _("Reducing crime and disorder (Crime and Disorder Act 1998)"),
    "strategic-needs-assessment": _("Strategic needs assessment"),
    "vawdasv": _("Tackling violence against women, domestic abuse and sexual violence"),
    "safeguarding": _("Safeguarding children and adults at risk"),
    "research-evaluation": _("Research and evaluation"),
}

#: Legal bases for sharing: the citation stored on the agreement -> what it is.
COMMON_LEGAL_BASES: dict[str, Promise] = {
    "UK GDPR Art. 6(1)(c)": _("UK GDPR Article 6(1)(c): legal obligation"),
    "UK GDPR Art. 6(1)(e)": _("UK GDPR Article 6(1)(e): public task"),
    "UK GDPR Art. 9(2)(g)": _("UK GDPR Article 9(2)(g): substantial public interest"),
    "UK GDPR Art. 9(2)(h)": _("UK GDPR Article 9(2)(h): health or social care"),
    "DPA 2018 Sch. 1 para. 10": _(
        "Data Protection Act 2018 Schedule 1 paragraph 10: preventing or detecting unlawful acts"
    ),
    "DPA 2018 Part 3": _("Data Protection Act 2018 Part 3: law enforcement processing"),
    "Crime and Disorder Act 1998 s115": _("Crime and Disorder Act 1998 section 115"),
    "Crime and Disorder Act 1998 s17A": _("Crime and Disorder Act 1998 section 17A"),
    "Police, Crime, Sentencing and Courts Act 2022 s16": _(
        "Police, Crime, Sentencing and Courts Act 2022 section 16 (Serious Violence Duty)"
    ),
}

#: Names of sources the site already translates; others show the core's English label.
SOURCE_LABELS: dict[str, Promise] = {
    "police_uk_street": _("Police recorded crime and anti-social behaviour (police.uk)"),
    "police_uk_stop_search": _("Stop and search (police.uk)"),
    "police_uk_outcomes": _("Outcomes of crimes (police.uk)"),
    "istv": _("Emergency department assaults (ISTV)"),
    "ambulance": _("Ambulance call-outs"),
    "fire": _("Fire and rescue incidents"),
    "youth_justice": _("Youth justice offences"),
}

#: What a purpose code may look like: lower-case words joined by single hyphens.
CODE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: References the site's own pages use, which an agreement cannot take.
RESERVED_REFERENCES = frozenset({"new"})
#: Longest retention one may enter: a century, which no agreement should need.
MAX_RETENTION_DAYS = 36_500


def source_choices(also: Iterable[str] = ()) -> list[tuple[str, str]]:
    """Every source the warehouse can hold (and ``also``), with its name."""
    from diogel.warehouse import Warehouse
    from diogel.warehouse.store import WarehouseBusyError, WarehouseUnreadableError

    try:
        known = known_sources(Warehouse(settings.DIOGEL.warehouse_dir))
    except (WarehouseBusyError, WarehouseUnreadableError):
        from diogel.sources.registry import shipped_sources

        # An import is running, or the file is damaged: offer what Diogel ships.
        known = shipped_sources()
    codes = sorted({*known, *also})
    return [(code, f"{SOURCE_LABELS.get(code, known.get(code, code))} ({code})") for code in codes]


class GovukDateWidget(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes."""

    template_name = "agreements/widgets/date.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)
        #: Set by the form when the field has an error, to mark the boxes.
        self.invalid = False

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["invalid"] = self.invalid
        return context


class GovukDateField(forms.Field):
    """A date entered as day, month and year, each checked, with GOV.UK's messages."""

    widget = GovukDateWidget
    default_error_messages = {
        "required": _("Enter a date"),
        "incomplete": _("The date must include a day, a month and a year"),
        "invalid": _("Enter a real date, for example 27 3 2025"),
    }

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        parts = [str(p or "").strip() for p in (value or ["", "", ""])]
        if not any(parts):
            return None
        if not all(parts):
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")
        if not all(p.isascii() and p.isdigit() for p in parts) or len(parts[2]) != 4:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        day, month, year = (int(p) for p in parts)
        try:
            return dt.date(year, month, day)
        except ValueError as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(data) != initial
        except ValidationError:
            return True


class AgreementFormBase(GovukForm):
    """Marks date inputs with an error, which their template cannot see for itself."""

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            field = self.fields.get(name)
            if field is not None and isinstance(field.widget, GovukDateWidget):
                field.widget.invalid = True


def _codes(text: str) -> list[str]:
    return [c.strip() for c in re.split(r"[,\s]+", text) if c.strip()]


def _signed_copy_field(required: bool = False) -> forms.FileField:
    return forms.FileField(
        label=_("Signed agreement"),
        help_text=_("The copy signed by every party, as a PDF no larger than 20 MB"),
        required=required,
    )


class AgreementForm(AgreementFormBase, forms.Form):
    """Register an agreement, or change one.

    A draft can be changed in full (except its reference, which imports and the audit
    trail name). Once an agreement is active its terms are those signed: only its
    titles, description, data items and signed copy can be corrected here; its dates
    move by review or renewal, and other terms by registering a new agreement.
    """

    #: The fields an active agreement's managers may still correct.
    CORRECTABLE = ("title_en", "title_cy", "purpose", "data_items", "document")

    kind = forms.ChoiceField(
        label=_("Kind of agreement"),
        choices=Agreement.Kind.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "A protocol sets the principles between partners; a disclosure agreement under "
            "it says who receives which data, from whom, for what."
        ),
    )
    reference = forms.SlugField(
        label=_("Reference"),
        max_length=60,
        help_text=_(
            "As on the signed agreement: lower-case letters, numbers and hyphens, "
            "for example dda-istv-gwent-2025. It cannot be changed later."
        ),
    )
    title_en = forms.CharField(label=_("Title in English"), max_length=200)
    title_cy = forms.CharField(label=_("Title in Welsh"), max_length=200)
    status = forms.ChoiceField(
        label=_("Has every party signed it?"),
        choices=[
            (Agreement.Status.DRAFT.value, _("No: keep it as a draft, which gives no access")),
            (
                Agreement.Status.ACTIVE.value,
                _("Yes: it is in force from its start date (upload the signed copy)"),
            ),
        ],
        widget=forms.RadioSelect,
        initial=Agreement.Status.DRAFT.value,
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        widget=forms.Textarea,
        help_text=_("Why the data is shared, in the agreement's own words"),
    )
    purposes = forms.MultipleChoiceField(
        label=_("Purposes data may be used for"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Access is given only for the purposes chosen here"),
    )
    other_purposes = forms.CharField(
        label=_("Other purposes (codes)"),
        required=False,
        max_length=300,
        help_text=_(
            "Lower-case words joined by hyphens, separated by commas, "
            "for example night-time-economy, county-lines"
        ),
    )
    legal_bases = forms.MultipleChoiceField(
        label=_("Legal basis"),
        choices=[(k, v) for k, v in COMMON_LEGAL_BASES.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose every basis the agreement relies on"),
    )
    other_legal_basis = forms.CharField(
        label=_("Other legal basis"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, for example Children Act 2004 s11"),
    )
    parties = forms.ModelMultipleChoiceField(
        label=_("Parties receiving data"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    disclosing_parties = forms.ModelMultipleChoiceField(
        label=_("Parties disclosing data"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sources = forms.MultipleChoiceField(
        label=_("Sources"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The kinds of data shared under the agreement"),
    )
    data_items = forms.CharField(
        label=_("Data items"),
        required=False,
        widget=forms.Textarea,
        help_text=_("The fields shared, one per line"),
    )
    level = forms.TypedChoiceField(
        label=_("Level"),
        choices=Agreement.Level.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    retention_days = forms.IntegerField(
        label=_("Retention (days)"),
        required=False,
        min_value=1,
        max_value=MAX_RETENTION_DAYS,
        help_text=_("How long record-level data may be kept after it is imported"),
    )
    starts = GovukDateField(
        label=_("Starts"),
        help_text=_("For example, 1 4 2025"),
        error_messages={"required": _("Enter the date the agreement starts")},
    )
    ends = GovukDateField(
        label=_("Ends"), required=False, help_text=_("Leave empty if it runs until revoked")
    )
    review_date = GovukDateField(
        label=_("Review date"),
        help_text=_("When the parties next review it, before it ends"),
        error_messages={"required": _("Enter the date the agreement is next reviewed")},
    )
    document = _signed_copy_field()

    SECTIONS: tuple[tuple[Promise, tuple[str, ...]], ...] = (
        (_("The agreement"), ("kind", "reference", "title_en", "title_cy", "status")),
        (
            _("Why data is shared"),
            ("purpose", "purposes", "other_purposes", "legal_bases", "other_legal_basis"),
        ),
        (_("Who shares data"), ("disclosing_parties", "parties")),
        (_("What is shared"), ("sources", "data_items", "level", "retention_days")),
        (_("When"), ("starts", "ends", "review_date")),
        (_("Signed agreement"), ("document",)),
    )

    def __init__(
        self,
        *args: Any,
        user: Any,
        agreement: Agreement | None = None,
        today: dt.date | None = None,
        **kwargs: Any,
    ) -> None:
        self.user = user
        self.agreement = agreement
        self.today = today or timezone.localdate()
        if agreement is not None:
            kwargs.setdefault("initial", self._initial(agreement))
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.order_by("name_en")
        for name in ("parties", "disclosing_parties"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelMultipleChoiceField)
            field.queryset = organisations
        in_use = Agreement.objects.values_list("purposes", "sources")
        purposes = self.fields["purposes"]
        assert isinstance(purposes, forms.MultipleChoiceField)
        used_purposes = {str(p) for ps, _s in in_use for p in ps or []}
        purposes.choices = [
            *COMMON_PURPOSES.items(),
            *((code, code) for code in sorted(used_purposes - COMMON_PURPOSES.keys())),
        ]
        sources = self.fields["sources"]
        assert isinstance(sources, forms.MultipleChoiceField)
        sources.choices = source_choices(str(s) for _p, ss in in_use for s in ss or [])
        if agreement is not None:
            del self.fields["reference"]  # imports and the audit trail name it
            if agreement.status != Agreement.Status.DRAFT:
                for name in list(self.fields):
                    if name not in self.CORRECTABLE:
                        del self.fields[name]

    @staticmethod
    def _initial(agreement: Agreement) -> dict[str, Any]:
        bases = [b.strip() for b in re.split(r"[;\n]", agreement.legal_basis) if b.strip()]
        return {
            "kind": agreement.kind,
            "title_en": agreement.title_en,
            "title_cy": agreement.title_cy,
            "status": agreement.status,
            "purpose": agreement.purpose,
            "purposes": [str(p) for p in agreement.purposes or []],
            "legal_bases": [b for b in bases if b in COMMON_LEGAL_BASES],
            "other_legal_basis": "\n".join(b for b in bases if b not in COMMON_LEGAL_BASES),
            "parties": list(agreement.parties.all()),
            "disclosing_parties": list(agreement.disclosing_parties.all()),
            "sources": [str(s) for s in agreement.sources or []],
            "data_items": agreement.data_items,
            "level": agreement.level,
            "retention_days": agreement.retention_days,
            "starts": agreement.starts,
            "ends": agreement.ends,
            "review_date": agreement.review_date,
        }

    def sections(self) -> list[tuple[Promise, list[forms.BoundField]]]:
        """The form's fields under headings, leaving out those this form does not offer."""
        found = []
        for heading, names in self.SECTIONS:
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                found.append((heading, fields))
        return found

    @property
    def terms_fixed(self) -> bool:
        """Are the agreement's terms fixed (it is no longer a draft)?"""
        return self.agreement is not None and self.agreement.status != Agreement.Status.DRAFT

    def clean_reference(self) -> str:
        reference = str(self.cleaned_data["reference"])
        if reference in RESERVED_REFERENCES:
            raise ValidationError(_("Choose another reference: this one is used by the site"))
        if Agreement.objects.filter(reference=reference).exists():
            raise ValidationError(_("An agreement with this reference is already registered"))
        return reference

    def clean_other_purposes(self) -> list[str]:
        codes = _codes(self.cleaned_data["other_purposes"])
        bad = [c for c in codes if not CODE.fullmatch(c) or len(c) > 60]
        if bad:
            raise ValidationError(
                _(
                    "Write each purpose as lower-case words joined by hyphens, "
                    "for example night-time-economy (not %(codes)s)"
                ),
                params={"codes": ", ".join(bad)},
            )
        return codes

    def clean_document(self) -> Any:
        upload = self.cleaned_data.get("document")
        if upload:
            check_pdf(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.terms_fixed:
            return data
        purposes = [*data.get("purposes", []), *data.get("other_purposes", [])]
        data["all_purposes"] = list(dict.fromkeys(purposes))
        if not purposes:
            self.add_error("purposes", _("Choose at least one purpose data may be used for"))
        other_bases = [
            line.strip()
            for line in re.split(r"[;\n]", data.get("other_legal_basis", ""))
            if line.strip()
        ]
        data["all_legal_bases"] = list(dict.fromkeys([*data.get("legal_bases", []), *other_bases]))
        if not data["all_legal_bases"]:
            self.add_error("legal_bases", _("Choose or enter the legal basis for sharing"))
        self._check_parties(data)
        self._check_dates(data)
        if data.get("level", 0) >= Agreement.Level.PSEUDONYMISED and not data.get("retention_days"):
            self.add_error(
                "retention_days",
                _("Say how long record-level data may be kept (UK GDPR storage limitation)"),
            )
        has_copy = bool(
            data.get("document")
            or (
                self.agreement is not None
                and (self.agreement.document_url or self.agreement.document)
            )
        )
        if data.get("status") == Agreement.Status.ACTIVE and not has_copy:
            self.add_error(
                "document", _("Upload the signed agreement: an agreement is active once signed")
            )
        return data

    def _check_parties(self, data: dict[str, Any]) -> None:
        receiving = list(data.get("parties") or [])
        disclosing = list(data.get("disclosing_parties") or [])
        if data.get("kind") == Agreement.Kind.DISCLOSURE:
            if not disclosing:
                self.add_error(
                    "disclosing_parties",
                    _("A data disclosure agreement names at least one party disclosing data"),
                )
            if not receiving:
                self.add_error(
                    "parties",
                    _("A data disclosure agreement names at least one party receiving data"),
                )
            if not data.get("sources"):
                self.add_error(
                    "sources", _("A data disclosure agreement covers at least one source")
                )
        elif not receiving and not disclosing:
            self.add_error("parties", _("Choose the parties to the agreement"))
        slugs = {o.slug for o in [*receiving, *disclosing]}
        if (receiving or disclosing) and not may_manage_agreement_between(self.user, slugs):
            self.add_error(
                "parties",
                _(
                    "Your organisation must be one of the parties: you can only manage "
                    "agreements your organisation is party to"
                ),
            )

    def _check_dates(self, data: dict[str, Any]) -> None:
        starts, ends, review = data.get("starts"), data.get("ends"), data.get("review_date")
        if starts and ends and ends <= starts:
            self.add_error("ends", _("The end date must be after the start date"))
        if review and starts and review < starts:
            self.add_error("review_date", _("The review date must not be before the start date"))
        if review and ends and review >= ends:
            self.add_error("review_date", _("The review date must be before the end date"))

    def apply(self, agreement: Agreement) -> None:
        """Copy the cleaned values this form offers onto ``agreement`` and save it (and
        its parties); the signed copy is stored by the caller."""
        data = self.cleaned_data
        for name in (
            "reference",
            "kind",
            "title_en",
            "title_cy",
            "status",
            "purpose",
            "data_items",
            "level",
            "retention_days",
            "starts",
            "ends",
            "review_date",
        ):
            if name in self.fields:
                setattr(agreement, name, data[name])
        if not self.terms_fixed:
            agreement.purposes = data["all_purposes"]
            agreement.legal_basis = "; ".join(data["all_legal_bases"])
            agreement.sources = sorted(data["sources"])
        agreement.save()
        if not self.terms_fixed:
            agreement.parties.set(data["parties"])
            agreement.disclosing_parties.set(data["disclosing_parties"])


class ReviewForm(AgreementFormBase, forms.Form):
    """A dated review; moving the end date renews the agreement under its reference."""

    reviewed_on = GovukDateField(
        label=_("Date of the review"),
        help_text=_("For example, 27 3 2026"),
        error_messages={"required": _("Enter the date the parties reviewed the agreement")},
    )
    note = forms.CharField(
        label=_("What the review found"),
        widget=forms.Textarea,
        help_text=_("For example: still needed; data items unchanged; contacts updated"),
    )
    ends = GovukDateField(
        label=_("End date"),
        required=False,
        help_text=_("Change it to renew the agreement; leave it to keep the end date"),
    )
    review_date = GovukDateField(
        label=_("Next review date"),
        help_text=_("Before the end date"),
        error_messages={"required": _("Enter the date of the next review")},
    )
    document = _signed_copy_field()

    def __init__(
        self, *args: Any, agreement: Agreement, today: dt.date | None = None, **kwargs: Any
    ) -> None:
        self.agreement = agreement
        self.today = today or timezone.localdate()
        kwargs.setdefault(
            "initial", {"reviewed_on": self.today, "ends": agreement.ends, "review_date": None}
        )
        super().__init__(*args, **kwargs)

    def clean_reviewed_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["reviewed_on"]
        if day > self.today:
            raise ValidationError(_("The review date cannot be in the future"))
        return day

    def clean_ends(self) -> dt.date | None:
        ends: dt.date | None = self.cleaned_data.get("ends")
        if ends is None:
            if self.agreement.ends is not None:
                raise ValidationError(
                    _("Enter the end date; to end the agreement now, revoke it instead")
                )
            return None
        if ends <= self.agreement.starts:
            raise ValidationError(_("The end date must be after the start date"))
        if ends != self.agreement.ends and ends < self.today:
            raise ValidationError(
                _("A renewed agreement cannot end in the past; to end it now, revoke it")
            )
        return ends

    def clean_document(self) -> Any:
        upload = self.cleaned_data.get("document")
        if upload:
            check_pdf(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        review, reviewed = data.get("review_date"), data.get("reviewed_on")
        ends = data.get("ends", self.agreement.ends)
        if review and reviewed and review <= reviewed:
            self.add_error("review_date", _("The next review must be after this one"))
        if review and ends and review >= ends:
            self.add_error("review_date", _("The review date must be before the end date"))
        return data

    @property
    def renews(self) -> bool:
        return self.cleaned_data.get("ends") != self.agreement.ends


class RevokeForm(AgreementFormBase, forms.Form):
    revoked_on = GovukDateField(
        label=_("Date it was revoked"),
        help_text=_("For example, 27 3 2026"),
        error_messages={"required": _("Enter the date the agreement was revoked")},
    )
    reason = forms.CharField(
        label=_("Why it is revoked"),
        widget=forms.Textarea,
        help_text=_("This is shown to every partner on the agreement's page"),
        error_messages={"required": _("Say why the agreement is revoked")},
    )

    def __init__(self, *args: Any, today: dt.date | None = None, **kwargs: Any) -> None:
        self.today = today or timezone.localdate()
        kwargs.setdefault("initial", {"revoked_on": self.today})
        super().__init__(*args, **kwargs)

    def clean_revoked_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["revoked_on"]
        if day > self.today:
            raise ValidationError(
                _("Revoke it on the day it ends: the date cannot be in the future")
            )
        return day
