"""The agreements register: every partner can see who may see what, and why; data
controllers register, review, renew and revoke their own organisation's agreements.

Who may change an agreement is decided in :mod:`diogel.web.accounts.permissions`
(:func:`~diogel.web.accounts.permissions.may_manage_agreement`); every change is one
entry in the audit trail listing each field as ``before → after``
(:mod:`diogel.web.agreements.changes`), which the agreement's page reads back as its
history.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from diogel.web.accounts.models import User
from diogel.web.accounts.permissions import (
    Capability,
    has_capability,
    may_manage_agreement,
    may_read_agreement_document,
    require,
)
from diogel.web.agreements import documents
from diogel.web.agreements.changes import Action, audit, describe, history, snapshot
from diogel.web.agreements.forms import (
    COMMON_LEGAL_BASES,
    COMMON_PURPOSES,
    SOURCE_LABELS,
    AgreementForm,
    ReviewForm,
    RevokeForm,
)
from diogel.web.agreements.models import Agreement, AgreementDocument, AgreementReview


@require(Capability.VIEW_PARTNER_DIRECTORY)
def agreement_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    agreements = [
        (a, a.as_policy().status_on(today))
        for a in Agreement.objects.prefetch_related("parties", "disclosing_parties")
    ]
    return render(
        request,
        "agreements/list.html",
        {
            "agreements": agreements,
            "can_register": has_capability(request.user, Capability.MANAGE_AGREEMENTS),
        },
    )


@require(Capability.VIEW_PARTNER_DIRECTORY)
def agreement_detail(request: HttpRequest, reference: str) -> HttpResponse:
    agreement = get_object_or_404(
        Agreement.objects.prefetch_related("parties", "disclosing_parties"), reference=reference
    )
    today = timezone.localdate()
    in_force = agreement.as_policy().status_on(today)
    return render(
        request,
        "agreements/detail.html",
        {
            "agreement": agreement,
            "in_force": in_force,
            "purposes": [
                (str(p), COMMON_PURPOSES.get(str(p), "")) for p in agreement.purposes or []
            ],
            "legal_bases": _legal_bases(agreement),
            "sources": [(str(s), SOURCE_LABELS.get(str(s), "")) for s in agreement.sources or []],
            "can_manage": may_manage_agreement(request.user, agreement),
            "closed": agreement.closed_on(today),
            "can_read_documents": may_read_agreement_document(request.user, agreement),
            "documents": list(agreement.documents.all()),
            "reviews": list(agreement.reviews.all()),
            "history": history(
                agreement, show_people=has_capability(request.user, Capability.VIEW_AUDIT_LOG)
            ),
        },
    )


def _legal_bases(agreement: Agreement) -> list[tuple[str, Any]]:
    parts = [b.strip() for b in agreement.legal_basis.replace("\n", ";").split(";")]
    return [(b, COMMON_LEGAL_BASES.get(b, "")) for b in parts if b]


@require(Capability.MANAGE_AGREEMENTS)
def agreement_register(request: HttpRequest) -> HttpResponse:
    """A data controller registers an agreement their organisation is a party to."""
    form = AgreementForm(user=request.user)
    if request.method == "POST":
        form = AgreementForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            agreement = Agreement()
            with transaction.atomic():
                form.apply(agreement)
                if form.cleaned_data.get("document"):
                    documents.store(agreement, form.cleaned_data["document"], request.user)
                audit(request, Action.REGISTER, agreement, describe({}, snapshot(agreement)))
            messages.success(request, _("The agreement is registered."))
            return redirect("agreements:detail", reference=agreement.reference)
    return render(
        request,
        "agreements/form.html",
        {"form": form, "agreement": None},
        status=400 if form.errors else 200,
    )


def _person(request: HttpRequest) -> User:
    """The signed-in person making ``request`` (every managing view requires one)."""
    if not isinstance(request.user, User):
        raise PermissionDenied("only signed-in people manage agreements")
    return request.user


def _managed(request: HttpRequest, reference: str) -> Agreement:
    """The agreement at ``reference``, if the person may manage it (403 if not)."""
    agreement = get_object_or_404(Agreement, reference=reference)
    if not may_manage_agreement(request.user, agreement):
        raise PermissionDenied(f"{Capability.MANAGE_AGREEMENTS.value} for {reference}")
    return agreement


def _refuse_closed(request: HttpRequest, agreement: Agreement) -> HttpResponse | None:
    """A revoked or expired agreement is finished: send the person back to its page."""
    if not agreement.closed_on(timezone.localdate()):
        return None
    if agreement.status == Agreement.Status.REVOKED:
        messages.error(
            request,
            _("This agreement is revoked and cannot be changed. Register a new agreement."),
        )
    else:
        messages.error(
            request,
            _("This agreement has ended and cannot be changed. Register a new agreement."),
        )
    return redirect("agreements:detail", reference=agreement.reference)


#: What a change returns: the message for the person, and whether anything changed.
Saved = tuple[str, bool]


def _change_page(
    request: HttpRequest,
    reference: str,
    template: str,
    make_form: Callable[[Agreement, HttpRequest | None], forms.Form],
    save: Callable[[Agreement, Any], Saved],
) -> HttpResponse:
    """The one shape of every change to an agreement: only its managers, never once it
    is closed, the form again with its errors (400), or the change saved and audited in
    one transaction (``save`` does both) and the agreement's page with a message."""
    agreement = _managed(request, reference)
    if refused := _refuse_closed(request, agreement):
        return refused
    form = make_form(agreement, None)
    if request.method == "POST":
        form = make_form(agreement, request)
        if form.is_valid():
            with transaction.atomic():
                message, changed = save(agreement, form)
            (messages.success if changed else messages.info)(request, message)
            return redirect("agreements:detail", reference=agreement.reference)
    return render(
        request,
        template,
        {"form": form, "agreement": agreement},
        status=400 if form.errors else 200,
    )


@require(Capability.MANAGE_AGREEMENTS)
def agreement_edit(request: HttpRequest, reference: str) -> HttpResponse:
    """Change a draft in full, or correct an active agreement's wording and signed copy."""

    def make_form(agreement: Agreement, posted: HttpRequest | None) -> AgreementForm:
        if posted is None:
            return AgreementForm(user=request.user, agreement=agreement)
        return AgreementForm(posted.POST, posted.FILES, user=request.user, agreement=agreement)

    def save(agreement: Agreement, form: AgreementForm) -> Saved:
        was = agreement.status
        before = snapshot(agreement)
        form.apply(agreement)
        if form.cleaned_data.get("document"):
            documents.store(agreement, form.cleaned_data["document"], request.user)
        detail = describe(before, snapshot(agreement))
        if not detail:
            return _("Nothing was changed."), False
        activated = was == Agreement.Status.DRAFT and agreement.status != was
        audit(request, Action.ACTIVATE if activated else Action.CHANGE, agreement, detail)
        return _("The agreement is saved."), True

    return _change_page(request, reference, "agreements/form.html", make_form, save)


@require(Capability.MANAGE_AGREEMENTS)
def agreement_review(request: HttpRequest, reference: str) -> HttpResponse:
    """Record a review; a new end date renews the agreement, which keeps its reference."""

    def make_form(agreement: Agreement, posted: HttpRequest | None) -> ReviewForm:
        if posted is None:
            return ReviewForm(agreement=agreement)
        return ReviewForm(posted.POST, posted.FILES, agreement=agreement)

    def save(agreement: Agreement, form: ReviewForm) -> Saved:
        data = form.cleaned_data
        renews = form.renews  # before the new end date is set
        before = snapshot(agreement)
        document = None
        if data.get("document"):
            document = documents.store(agreement, data["document"], request.user)
        AgreementReview.objects.create(
            agreement=agreement,
            reviewed_on=data["reviewed_on"],
            note=data["note"],
            ends_before=agreement.ends,
            ends_after=data["ends"],
            review_before=agreement.review_date,
            review_after=data["review_date"],
            document=document,
            recorded_by=_person(request),
        )
        agreement.ends, agreement.review_date = data["ends"], data["review_date"]
        agreement.save(update_fields=["ends", "review_date"])
        changed = describe(before, snapshot(agreement))
        detail = "\n".join(
            line
            for line in (f"reviewed_on: {data['reviewed_on']}", f"note: {data['note']}", changed)
            if line
        )
        audit(request, Action.RENEW if renews else Action.REVIEW, agreement, detail)
        if renews:
            return _("The agreement is renewed."), True
        return _("The review is recorded."), True

    return _change_page(request, reference, "agreements/review.html", make_form, save)


@require(Capability.MANAGE_AGREEMENTS)
def agreement_revoke(request: HttpRequest, reference: str) -> HttpResponse:
    """Revoke an agreement, with the date and the reason; it can never be made active again."""

    def make_form(agreement: Agreement, posted: HttpRequest | None) -> RevokeForm:
        return RevokeForm() if posted is None else RevokeForm(posted.POST)

    def save(agreement: Agreement, form: RevokeForm) -> Saved:
        before = snapshot(agreement)
        agreement.status = Agreement.Status.REVOKED
        agreement.revoked_on = form.cleaned_data["revoked_on"]
        agreement.revocation_reason = form.cleaned_data["reason"]
        agreement.save(update_fields=["status", "revoked_on", "revocation_reason"])
        audit(request, Action.REVOKE, agreement, describe(before, snapshot(agreement)))
        return _("The agreement is revoked: the access it gave has ended."), True

    return _change_page(request, reference, "agreements/revoke.html", make_form, save)


@require(Capability.VIEW_PARTNER_DIRECTORY)
def agreement_document(request: HttpRequest, reference: str, document_id: int) -> FileResponse:
    """A signed copy, for the agreement's parties and administrators; every download
    is an audit entry."""
    agreement = get_object_or_404(Agreement, reference=reference)
    if not may_read_agreement_document(request.user, agreement):
        raise PermissionDenied(f"signed copy of {reference}")
    document = get_object_or_404(AgreementDocument, pk=document_id, agreement=agreement)
    path = documents.path_of(document)
    if path is None:
        raise Http404("the signed copy's file is missing")
    audit(
        request,
        Action.DOWNLOAD,
        agreement,
        f"document {document.pk}: {document.name} (sha256 {document.sha256})",
    )
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=document.name, content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
