"""Reports: Violence Monitoring Reports, Strategic Needs Assessments and thematic
reports, built from the warehouse as data and rendered to HTML or PDF in
English or Welsh.

>>> from diogel.reports import REPORT_KINDS
>>> sorted(REPORT_KINDS)
['needs-assessment', 'thematic', 'violence-monitoring']
"""

from __future__ import annotations

from diogel.reports.assemble import ReportDataError
from diogel.reports.document import ReportDocument
from diogel.reports.measures import ReportContext
from diogel.reports.render import Renderer, render_html, render_pdf
from diogel.warehouse.store import reuse_connections

REPORT_KINDS = ("violence-monitoring", "needs-assessment", "thematic")

__all__ = [
    "REPORT_KINDS",
    "Renderer",
    "ReportContext",
    "ReportDataError",
    "ReportDocument",
    "build_report",
    "render_html",
    "render_pdf",
]


def build_report(ctx: ReportContext, kind: str, **parameters: object) -> ReportDocument:
    """Build a report of ``kind`` with its parameters (as stored in a document).

    ``violence-monitoring``: area, month; ``needs-assessment``: area, year
    (and narrative); ``thematic``: theme, area, month.
    """
    # One open warehouse for the whole report: it asks for many figures.
    with reuse_connections():
        return _build(ctx, kind, parameters)


def _build(ctx: ReportContext, kind: str, parameters: dict[str, object]) -> ReportDocument:
    if kind == "violence-monitoring":
        from diogel.reports.violence_monitoring import violence_monitoring

        return violence_monitoring(ctx, str(parameters["area"]), str(parameters["month"]))
    if kind == "needs-assessment":
        from diogel.reports.needs_assessment import needs_assessment

        narrative = parameters.get("narrative")
        return needs_assessment(
            ctx,
            str(parameters["area"]),
            int(str(parameters["year"])),
            narrative if isinstance(narrative, dict) else None,
        )
    if kind == "thematic":
        from diogel.reports.thematic import thematic

        return thematic(
            ctx, str(parameters["theme"]), str(parameters["area"]), str(parameters["month"])
        )
    raise ReportDataError(f"unknown report kind {kind!r}; choose from {', '.join(REPORT_KINDS)}")
