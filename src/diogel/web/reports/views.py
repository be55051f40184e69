"""Reports: ask for one, watch it being generated, read and download it, write a
needs assessment's narrative, publish; and the public's published reports."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from diogel.governance.confidentiality import Publication
from diogel.reports import ReportDocument
from diogel.reports.provenance import staleness
from diogel.warehouse.store import WarehouseBusyError, WarehouseUnreadableError
from diogel.web.accounts.permissions import (
    Capability,
    has_capability,
    may_publish,
    public_items,
    refuse_unseen,
    require,
    visible,
)
from diogel.web.audit.trail import record
from diogel.web.core.confidential import ConfidentialityForm
from diogel.web.reports import jobs
from diogel.web.reports.forms import NarrativeForm, ReportRequestForm
from diogel.web.reports.models import NarrativeRevision, Report, latest_narrative


def _language() -> str:
    return "cy" if get_language() == "cy" else "en"


@require(Capability.VIEW_REPORTS)
def report_list(request: HttpRequest) -> HttpResponse:
    # Drafts are seen by their makers and the keepers of their area's boards only.
    reports = visible(request.user, Report.objects.prefetch_related("named_readers")[:200])
    return render(
        request,
        "reports/list.html",
        {
            "reports": reports,
            "can_generate": has_capability(request.user, Capability.GENERATE_REPORTS),
            "language": _language(),
        },
    )


@require(Capability.GENERATE_REPORTS)
def request_report(request: HttpRequest) -> HttpResponse:
    form = ReportRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report = jobs.request_report(form.cleaned_data["kind"], form.parameters(), request.user)
        return redirect("reports:detail", report_id=report.pk)
    return render(
        request, "reports/request.html", {"form": form}, status=400 if form.errors else 200
    )


def _report(report_id: int, **conditions: object) -> Report:
    return get_object_or_404(
        Report.objects.prefetch_related("named_readers"), pk=report_id, **conditions
    )


@require(Capability.VIEW_REPORTS)
def detail(request: HttpRequest, report_id: int) -> HttpResponseBase:
    report = _report(report_id)
    refused = refuse_unseen(request, report)
    if refused is not None:
        return refused
    return _detail(request, report, ConfidentialityForm.for_item(report))


def _detail(
    request: HttpRequest, report: Report, form: ConfidentialityForm, status: int = 200
) -> HttpResponse:
    stale = None
    if report.status == Report.Status.READY and report.document:
        try:
            stale = staleness(ReportDocument.from_json(report.document), jobs.context())
        except (WarehouseBusyError, WarehouseUnreadableError):
            stale = None  # the stored report is still shown; only its freshness is unknown
    narrative = latest_narrative(report)
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "title": report.title(_language()),
            "stale": stale,
            "working": report.status in (Report.Status.QUEUED, Report.Status.RUNNING),
            "can_publish": may_publish(request.user, report),
            "publish_form": form,
            "can_generate": has_capability(request.user, Capability.GENERATE_REPORTS),
            "can_edit": has_capability(request.user, Capability.EDIT_NARRATIVE)
            and report.kind == Report.Kind.NEEDS_ASSESSMENT
            and report.status == Report.Status.READY,
            "narrative_form": NarrativeForm(),
            "narrative": narrative,
            "revisions": report.revisions.all()[:20],
        },
        status=status,
    )


def _file(request: HttpRequest, report: Report, language: str, extension: str) -> FileResponse:
    if report.status != Report.Status.READY:
        raise Http404("the report is not ready")
    if not report.is_public:
        # Anything but a published public report is confidential: keep who read it.
        record(
            request,
            f"download_report_{extension}",
            f"report {report.pk}",
            f"{report.confidentiality} {report.publication}: {report.title_en}",
        )
    path = report.file_path(language, extension)
    if not path.is_file():
        # The files are derived: rebuild them from the stored document if lost.
        jobs.render_files(report, ReportDocument.from_json(report.document))
    content_type = "application/pdf" if extension == "pdf" else "text/html; charset=utf-8"
    response = FileResponse(path.open("rb"), content_type=content_type)
    if extension == "pdf":
        name = f"diogel-{report.kind}-{report.area_code}-{report.pk}-{language}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require(Capability.VIEW_REPORTS)
def view(request: HttpRequest, report_id: int) -> HttpResponseBase:
    report = _report(report_id)
    return refuse_unseen(request, report) or _file(request, report, _language(), "html")


@require(Capability.VIEW_REPORTS)
def download_pdf(request: HttpRequest, report_id: int) -> HttpResponseBase:
    report = _report(report_id)
    return refuse_unseen(request, report) or _file(request, report, _language(), "pdf")


@require(Capability.VIEW_REPORTS)
def download_document(request: HttpRequest, report_id: int) -> HttpResponseBase:
    report = _report(report_id, status=Report.Status.READY)
    refused = refuse_unseen(request, report)
    if refused is not None:
        return refused
    if not report.is_public:
        record(
            request,
            "download_report_json",
            f"report {report.pk}",
            f"{report.confidentiality} {report.publication}: {report.title_en}",
        )
    response = HttpResponse(report.document, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="diogel-report-{report.pk}.json"'
    return response


@require(Capability.GENERATE_REPORTS)
@require_POST
def regenerate(request: HttpRequest, report_id: int) -> HttpResponseBase:
    old = _report(report_id)
    refused = refuse_unseen(request, old)
    if refused is not None:
        return refused
    report = jobs.request_report(old.kind, dict(old.parameters), request.user)
    # The new report is a draft for the same people as the old one.
    report.confidentiality = old.confidentiality
    report.save(update_fields=["confidentiality"])
    report.named_readers.set(old.named_readers.all())
    for revision in old.revisions.all():
        NarrativeRevision.objects.create(
            report=report,
            section=revision.section,
            version=revision.version,
            text_en=revision.text_en,
            text_cy=revision.text_cy,
            author=revision.author,
        )
    return redirect("reports:detail", report_id=report.pk)


@require(Capability.EDIT_NARRATIVE)
@require_POST
def edit_narrative(request: HttpRequest, report_id: int) -> HttpResponseBase:
    report = _report(report_id, kind=Report.Kind.NEEDS_ASSESSMENT, status=Report.Status.READY)
    refused = refuse_unseen(request, report)
    if refused is not None:
        return refused
    form = NarrativeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a section and write its text."))
        return redirect("reports:detail", report_id=report.pk)
    with transaction.atomic():
        section = form.cleaned_data["section"]
        latest = report.revisions.filter(section=section).aggregate(Max("version"))
        NarrativeRevision.objects.create(
            report=report,
            section=section,
            version=(latest["version__max"] or 0) + 1,
            text_en=form.cleaned_data["text_en"],
            text_cy=form.cleaned_data["text_cy"],
            author=request.user,  # type: ignore[misc]
        )
        jobs.rerender(report)
    messages.success(request, _("Saved. The report is being rendered again with your text."))
    return redirect("reports:detail", report_id=report.pk)


@require(Capability.PUBLISH_REPORTS)
@require_POST
def publish(request: HttpRequest, report_id: int) -> HttpResponseBase:
    """Publish, withdraw, or change who may see a report: keepers of its area's boards and
    administrators only; every change is kept in the audit trail."""
    report = _report(report_id, status=Report.Status.READY)
    refused = refuse_unseen(request, report)
    if refused is not None:
        return refused
    if not may_publish(request.user, report):
        raise PermissionDenied(f"publishing for {report.area_code}")
    action = request.POST.get("action", "publish")
    if action == "withdraw":
        _set_state(request, report, Publication.WITHDRAWN)
        messages.success(request, _("The report is withdrawn: only its makers and keepers see it."))
        return redirect("reports:detail", report_id=report.pk)
    # A form without a level (an older page) keeps the report's own level and names.
    data = request.POST if "confidentiality" in request.POST else None
    form = ConfidentialityForm.for_item(report, data)
    if data is not None:
        if not form.is_valid():
            return _detail(request, report, form, status=400)
        if form.apply(report):
            record(
                request,
                "change_report_confidentiality",
                f"report {report.pk}",
                f"{report.confidentiality}: {report.title_en}",
            )
    if action != "publish":
        messages.success(request, _("Saved who may see the report."))
    elif report.synthetic and not settings.DIOGEL.demo:
        messages.error(request, _("A report built from synthetic data cannot be published."))
    else:
        _set_state(request, report, Publication.PUBLISHED)
        messages.success(request, _("The report is published to the people its level names."))
    return redirect("reports:detail", report_id=report.pk)


def _set_state(request: HttpRequest, report: Report, state: Publication) -> None:
    """Publish or withdraw; publishing is the partnership's decision: keep who and when."""
    report.publication = state.value
    if state is Publication.PUBLISHED:
        report.published_at = timezone.now()
        report.published_by = request.user  # type: ignore[assignment]
    report.save(update_fields=["publication", "published_at", "published_by"])
    record(
        request,
        "publish_report" if state is Publication.PUBLISHED else "withdraw_report",
        f"report {report.pk}",
        f"{report.confidentiality}: {report.title_en}",
    )


def _public(report_id: int) -> Report:
    """A report published for everyone, or 404."""
    return get_object_or_404(public_items(Report.objects.all()), pk=report_id)


def published_list(request: HttpRequest) -> HttpResponse:
    """The public page: reports published for everyone, whoever asks."""
    reports = public_items(Report.objects.filter(status=Report.Status.READY)).order_by(
        "-published_at"
    )
    return render(request, "reports/published.html", {"reports": reports, "language": _language()})


def published_view(request: HttpRequest, report_id: int) -> HttpResponseBase:
    return _file(request, _public(report_id), _language(), "html")


def published_pdf(request: HttpRequest, report_id: int) -> HttpResponseBase:
    return _file(request, _public(report_id), _language(), "pdf")


@cache_control(max_age=86400, public=True)
def vega_bundle(request: HttpRequest) -> HttpResponse:
    """Vega, Vega-Lite and Vega-Embed in one script, from vl-convert (no CDN)."""
    from diogel.reports.render import vega_bundle as bundle

    return HttpResponse(bundle(), content_type="text/javascript; charset=utf-8")
