"""Reports: ask for one, watch it being generated, read and download it, write a
needs assessment's narrative, publish; and the public's published reports."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Max
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from diogel.reports import ReportDocument
from diogel.reports.provenance import staleness
from diogel.warehouse.store import WarehouseBusyError
from diogel.web.accounts.permissions import Capability, has_capability, require
from diogel.web.audit.trail import record
from diogel.web.reports import jobs
from diogel.web.reports.forms import NarrativeForm, ReportRequestForm
from diogel.web.reports.models import NarrativeRevision, Report, latest_narrative


def _language() -> str:
    return "cy" if get_language() == "cy" else "en"


@require(Capability.VIEW_REPORTS)
def report_list(request: HttpRequest) -> HttpResponse:
    reports = Report.objects.all()[:200]
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


@require(Capability.VIEW_REPORTS)
def detail(request: HttpRequest, report_id: int) -> HttpResponse:
    report = get_object_or_404(Report, pk=report_id)
    stale = None
    if report.status == Report.Status.READY and report.document:
        try:
            stale = staleness(ReportDocument.from_json(report.document), jobs.context())
        except WarehouseBusyError:
            stale = None
    narrative = latest_narrative(report)
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "title": report.title(_language()),
            "stale": stale,
            "working": report.status in (Report.Status.QUEUED, Report.Status.RUNNING),
            "can_publish": has_capability(request.user, Capability.PUBLISH_REPORTS),
            "can_generate": has_capability(request.user, Capability.GENERATE_REPORTS),
            "can_edit": has_capability(request.user, Capability.EDIT_NARRATIVE)
            and report.kind == Report.Kind.NEEDS_ASSESSMENT
            and report.status == Report.Status.READY,
            "narrative_form": NarrativeForm(),
            "narrative": narrative,
            "revisions": report.revisions.all()[:20],
        },
    )


def _file(report: Report, language: str, extension: str) -> FileResponse:
    if report.status != Report.Status.READY:
        raise Http404("the report is not ready")
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
    return _file(get_object_or_404(Report, pk=report_id), _language(), "html")


@require(Capability.VIEW_REPORTS)
def download_pdf(request: HttpRequest, report_id: int) -> HttpResponseBase:
    return _file(get_object_or_404(Report, pk=report_id), _language(), "pdf")


@require(Capability.VIEW_REPORTS)
def download_document(request: HttpRequest, report_id: int) -> HttpResponse:
    report = get_object_or_404(Report, pk=report_id, status=Report.Status.READY)
    response = HttpResponse(report.document, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="diogel-report-{report.pk}.json"'
    return response


@require(Capability.GENERATE_REPORTS)
@require_POST
def regenerate(request: HttpRequest, report_id: int) -> HttpResponse:
    old = get_object_or_404(Report, pk=report_id)
    report = jobs.request_report(old.kind, dict(old.parameters), request.user)
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
def edit_narrative(request: HttpRequest, report_id: int) -> HttpResponse:
    report = get_object_or_404(
        Report, pk=report_id, kind=Report.Kind.NEEDS_ASSESSMENT, status=Report.Status.READY
    )
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
def publish(request: HttpRequest, report_id: int) -> HttpResponse:
    report = get_object_or_404(Report, pk=report_id, status=Report.Status.READY)
    if request.POST.get("action") == "withdraw":
        report.published, report.published_at, report.published_by = False, None, None
        messages.success(request, _("The report is no longer public."))
    elif report.synthetic and not settings.DIOGEL.demo:
        messages.error(request, _("A report built from synthetic data cannot be published."))
        return redirect("reports:detail", report_id=report.pk)
    else:
        report.published, report.published_at = True, timezone.now()
        report.published_by = request.user  # type: ignore[assignment]
        messages.success(request, _("The report is published on the public reports page."))
    report.save(update_fields=["published", "published_at", "published_by"])
    # Publishing is the partnership's decision on the record: keep who and when.
    record(
        request,
        "publish_report" if report.published else "withdraw_report",
        f"report {report.pk}",
        report.title_en,
    )
    return redirect("reports:detail", report_id=report.pk)


def published_list(request: HttpRequest) -> HttpResponse:
    reports = Report.objects.filter(published=True, status=Report.Status.READY).order_by(
        "-published_at"
    )
    return render(request, "reports/published.html", {"reports": reports, "language": _language()})


def published_view(request: HttpRequest, report_id: int) -> HttpResponseBase:
    report = get_object_or_404(Report, pk=report_id, published=True)
    return _file(report, _language(), "html")


def published_pdf(request: HttpRequest, report_id: int) -> HttpResponseBase:
    report = get_object_or_404(Report, pk=report_id, published=True)
    return _file(report, _language(), "pdf")


@cache_control(max_age=86400, public=True)
def vega_bundle(request: HttpRequest) -> HttpResponse:
    """Vega, Vega-Lite and Vega-Embed in one script, from vl-convert (no CDN)."""
    from diogel.reports.render import vega_bundle as bundle

    return HttpResponse(bundle(), content_type="text/javascript; charset=utf-8")
