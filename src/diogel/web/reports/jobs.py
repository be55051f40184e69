"""Generating reports in the background, with progress, from a database queue.

A request (or a newly imported month) adds a queued :class:`Report`; a worker
claims it atomically (so two workers never build the same report), builds the
document from the warehouse, renders HTML and PDF in English and Welsh, and
writes the files before marking it ready. The worker runs as a thread inside
``diogel serve`` or as ``diogel manage run_report_jobs``.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.conf import settings
from django.db import close_old_connections, transaction
from django.urls import reverse
from django.utils import timezone

from diogel.files import write_atomically
from diogel.reports import Renderer, ReportContext, ReportDataError, ReportDocument, build_report
from diogel.reports.schedule import reports_due
from diogel.warehouse import Warehouse
from diogel.web.areas.loader import geography
from diogel.web.reports.models import Report, latest_narrative

log = logging.getLogger(__name__)
LANGUAGES = ("en", "cy")
_wake = threading.Event()


def context() -> ReportContext:
    return ReportContext(geography(), Warehouse(settings.DIOGEL.warehouse_dir))


def request_report(
    kind: str, parameters: dict[str, Any], user: Any = None, trigger: str = Report.Trigger.REQUESTED
) -> Report:
    area = str(parameters.get("area", ""))
    report = Report.objects.create(
        kind=kind, parameters=parameters, area_code=area, requested_by=user, trigger=trigger
    )
    transaction.on_commit(_wake.set)
    return report


def schedule_after_import(period_start: Any, period_end: Any) -> list[Report]:
    """Queue the monthly reports of every configured area that an import makes due."""
    due = reports_due(
        Warehouse(settings.DIOGEL.warehouse_dir),
        settings.DIOGEL.report_areas,
        period_start,
        period_end,
    )
    queued = []
    for area, month in due:
        parameters = {"area": area, "month": month}
        pending = Report.objects.filter(
            kind=Report.Kind.VIOLENCE_MONITORING,
            parameters=parameters,
            status__in=[Report.Status.QUEUED, Report.Status.RUNNING],
        )
        if not pending.exists():
            queued.append(
                request_report(
                    Report.Kind.VIOLENCE_MONITORING, parameters, trigger=Report.Trigger.SCHEDULED
                )
            )
    return queued


def _claim(report_id: int) -> bool:
    claimed = Report.objects.filter(pk=report_id, status=Report.Status.QUEUED).update(
        status=Report.Status.RUNNING, progress=1, step="starting", error=""
    )
    return claimed == 1


def _progress(report: Report, percent: int, step: str) -> None:
    report.progress, report.step = percent, step
    Report.objects.filter(pk=report.pk).update(progress=percent, step=step)


def renderer(language: str) -> Renderer:
    return Renderer.for_geography(language, geography())  # type: ignore[arg-type]


def web_assets() -> dict[str, str]:
    from django.templatetags.static import static

    return {
        "vega": reverse("vega_bundle"),
        "leaflet_js": static("leaflet/leaflet.js"),
        "leaflet_css": static("leaflet/leaflet.css"),
        "app_js": static("reports/report-interactive.js"),
    }


def render_files(report: Report, document: ReportDocument) -> None:
    """Write the report's HTML and PDF in both languages (each file atomically)."""
    report.files_dir.mkdir(parents=True, exist_ok=True)
    steps = [(lang, ext) for ext in ("html", "pdf") for lang in LANGUAGES]
    for i, (language, extension) in enumerate(steps):
        _progress(report, 40 + 15 * i, f"{extension} {language}")
        render = renderer(language)
        if extension == "html":
            data = render.html(document, "linked", web_assets()).encode("utf-8")
        else:
            data = render.pdf(document)
        write_atomically(report.file_path(language, extension), data)


def run_job(report_id: int) -> Report | None:
    """Generate one queued report; returns it, or None when another worker has it."""
    if not _claim(report_id):
        return None
    report = Report.objects.get(pk=report_id)
    try:
        narrative = latest_narrative(report)
        if report.document:
            # Re-rendering after a narrative edit: the numbers stay as generated.
            document = ReportDocument.from_json(report.document)
            document.narrative = narrative
        else:
            _progress(report, 10, "querying the warehouse")
            parameters = dict(report.parameters)
            if narrative:
                parameters["narrative"] = narrative
            document = build_report(context(), report.kind, **parameters)
        report.document = document.to_json()
        report.software_version = document.software_version
        report.synthetic = document.synthetic
        report.title_en = renderer("en").sentence(document.title)
        report.title_cy = renderer("cy").sentence(document.title)
        report.save(
            update_fields=["document", "software_version", "synthetic", "title_en", "title_cy"]
        )
        render_files(report, document)
    except ReportDataError as exc:
        return _finish(report, Report.Status.FAILED, str(exc))
    except Exception as exc:  # a worker must survive any one report's failure
        log.exception("report %s failed", report_id)
        return _finish(report, Report.Status.FAILED, f"{type(exc).__name__}: {exc}")
    return _finish(report, Report.Status.READY, "")


def _finish(report: Report, status: str, error: str) -> Report:
    report.status, report.error = status, error
    report.progress = 100 if status == Report.Status.READY else report.progress
    report.step = ""
    report.finished_at = timezone.now()
    report.save(update_fields=["status", "error", "progress", "step", "finished_at"])
    return report


def rerender(report: Report) -> None:
    """Queue a ready report to be rendered again (its numbers are kept)."""
    Report.objects.filter(pk=report.pk).update(status=Report.Status.QUEUED, progress=0)
    transaction.on_commit(_wake.set)


def run_pending(limit: int | None = None) -> int:
    """Run queued reports oldest first; returns how many this call generated."""
    done = 0
    while limit is None or done < limit:
        next_id = (
            Report.objects.filter(status=Report.Status.QUEUED)
            .order_by("requested_at", "pk")
            .values_list("pk", flat=True)
            .first()
        )
        if next_id is None:
            break
        if run_job(next_id) is not None:
            done += 1
    return done


def recover_interrupted() -> int:
    """Reports left running by a stopped process go back to the queue."""
    return Report.objects.filter(status=Report.Status.RUNNING).update(
        status=Report.Status.QUEUED, progress=0, step=""
    )


def start_worker(poll_seconds: float = 5.0) -> threading.Thread:
    """A daemon thread that runs queued reports until the process exits."""

    def loop() -> None:
        recover_interrupted()
        while True:
            try:
                run_pending()
            except Exception:  # keep the worker alive; the next poll retries
                log.exception("report worker")
            finally:
                close_old_connections()
            _wake.wait(poll_seconds)
            _wake.clear()

    thread = threading.Thread(target=loop, name="report-worker", daemon=True)
    thread.start()
    return thread
