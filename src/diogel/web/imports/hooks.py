"""What the site does after every import, from the upload page or the command line:
the hooks :func:`diogel.web.services.site_services` gives the ingest service.

Each takes the import's result and returns what it did, one line each, for the person
who imported (in the language of the request, English on the command line).
"""

from __future__ import annotations

from django.utils.translation import ngettext

from diogel.warehouse.imports import ImportResult


def recompute_measures(result: ImportResult) -> list[str]:
    """The scorecards follow the data: recompute the hub measures of the import's
    source for its months (a problem is logged; the import stands)."""
    from diogel.web.performance.recompute import recompute_after_import

    stored = recompute_after_import(result.period_start, result.period_end, result.source)
    if not stored:
        return []
    return [
        ngettext(
            "%(n)d performance measure value was recomputed.",
            "%(n)d performance measure values were recomputed.",
            stored,
        )
        % {"n": stored}
    ]


def queue_due_reports(result: ImportResult) -> list[str]:
    """Queue the monthly reports the import makes due (configured areas, newest month)."""
    from diogel.web.reports.jobs import schedule_after_import

    queued = schedule_after_import(result.period_start, result.period_end)
    if not queued:
        return []
    return [
        ngettext(
            "%(n)d monthly report is being generated with this data.",
            "%(n)d monthly reports are being generated with this data.",
            len(queued),
        )
        % {"n": len(queued)}
    ]
