"""Upload a file, see every import, and see one import's validation report."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from diogel.governance import covers
from diogel.sources.base import BadFileError, ParsedFile
from diogel.warehouse import Warehouse
from diogel.warehouse.imports import import_parsed
from diogel.warehouse.queries import import_detail, list_imports
from diogel.warehouse.store import WarehouseBusyError
from diogel.web.accounts.permissions import Capability, require
from diogel.web.agreements.access import audit_grants, offered_purposes, record_scope_for
from diogel.web.areas.loader import geography
from diogel.web.imports.forms import UploadForm
from diogel.web.imports.models import append, record


def _warehouse() -> Warehouse:
    return Warehouse(settings.DIOGEL.warehouse_dir)


def _parse(source: str, path: Path, supplier: str, name: str, agreement: str) -> ParsedFile:
    geo = geography()
    if source == "police_uk_street":
        from diogel.sources.police_uk import parse_street_file

        return parse_street_file(path, geo.hierarchy.lsoa11["code"], supplier or None, name)
    if source == "police_uk_stop_search":
        from diogel.sources.police_uk_stop_search import parse_stop_search_file

        return parse_stop_search_file(path, supplier, name)
    if source == "istv":
        from diogel.sources.istv import parse_istv_file
        from diogel.sources.istv_codes import load_code_lists
        from diogel.sources.synthetic.istv import site_health_boards

        codes = load_code_lists(settings.DIOGEL.istv_codes_file)
        return parse_istv_file(path, codes, site_health_boards(), name)
    from diogel.sources.generic import load_mapping, parse_generic_file, shipped_mappings

    mapping = load_mapping(shipped_mappings()[source.removeprefix("generic:")])
    return parse_generic_file(
        path,
        mapping,
        set(geo.hierarchy.lsoa11["code"]),
        supplier,
        name=name,
        agreement=agreement or None,
        keys_dir=settings.DIOGEL.pseudonym_keys_dir,
    )


@require(Capability.UPLOAD_DATA)
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    problem = None
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        name = Path(upload_file.name).name
        agreement = form.agreement_record.reference if form.agreement_record else ""
        with tempfile.TemporaryDirectory(dir=settings.DIOGEL.var_dir) as tmp:
            path = Path(tmp) / name
            with path.open("wb") as out:
                for chunk in upload_file.chunks():
                    out.write(chunk)
            try:
                parsed = _parse(
                    form.cleaned_data["source"],
                    path,
                    form.cleaned_data["supplier"],
                    name,
                    agreement,
                )
                result = import_parsed(
                    _warehouse(),
                    parsed,
                    path,
                    geography(),
                    imported_by=request.user.get_username(),
                    agreement=agreement or None,
                    file_name=name,
                )
            except BadFileError as exc:
                problem = str(exc)
            except WarehouseBusyError:
                problem = _("The warehouse is busy with another import. Try again in a minute.")
            else:
                record(
                    request,
                    "import",
                    f"import {result.import_id}",
                    f"{name} sha256={result.sha256} status={result.status}",
                    agreement=agreement,
                )
                if result.status == "already_imported" and result.existing_status != "current":
                    # Sent again after it was replaced or purged: say that it is not counted.
                    messages.warning(
                        request,
                        _(
                            "This file was already imported and is no longer counted: it was "
                            "superseded by a newer file or purged. Nothing was added."
                        ),
                    )
                elif result.status == "already_imported":
                    messages.info(request, _("This file was already imported. Nothing was added."))
                else:
                    from diogel.web.performance.recompute import recompute_after_import
                    from diogel.web.reports.jobs import schedule_after_import

                    queued = schedule_after_import(result.period_start, result.period_end)
                    # The scorecards follow the data: the hub measures of these months.
                    recompute_after_import(result.period_start, result.period_end, result.source)
                    if queued:
                        messages.info(
                            request,
                            ngettext(
                                "%(n)d monthly report is being generated with this data.",
                                "%(n)d monthly reports are being generated with this data.",
                                len(queued),
                            )
                            % {"n": len(queued)},
                        )
                return redirect("imports:detail", import_id=result.import_id)
    return render(
        request,
        "imports/upload.html",
        {"form": form, "problem": problem},
        status=400 if problem else 200,
    )


@require(Capability.VIEW_IMPORTS)
def import_list(request: HttpRequest) -> HttpResponse:
    return render(request, "imports/list.html", {"imports": list_imports(_warehouse())})


@require(Capability.VIEW_IMPORTS)
def detail(request: HttpRequest, import_id: int) -> HttpResponse:
    """One import's validation report.

    Its provenance and counts, and each quarantined row's line, column and reason,
    are shown to everyone who may see the imports list: they say what went wrong,
    not what the file held. The quarantined VALUES are record-level data (a name, a
    date of birth, an NHS number in the wrong column): shown only when the person's
    record scope covers the import (:func:`diogel.governance.covers`: an agreement
    in force naming their organisation, the source, the purpose they state, a
    record level and this import's provider) or the source is open data. Every
    view is audited; one that shows values records the purpose and agreement.
    """
    warehouse = _warehouse()
    found = import_detail(warehouse, import_id, limit=1000, show_values=False)
    if found is None:
        raise Http404("no such import")
    imported = found["import"]
    purpose = request.GET.get("purpose", "").strip()[:80]
    scope = record_scope_for(request.user, imported["source"], purpose)
    allowed = covers(scope, imported["agreement"], imported["provider"])
    if allowed and found["quarantine"]:
        found = import_detail(warehouse, import_id, limit=1000, show_values=True) or found
        append(
            request.user,
            "view_import_report",
            f"import {import_id}",
            f"{len(found['quarantine'])} quarantined values shown; covers {audit_grants(scope)}",
            purpose="" if scope.open else purpose,
            agreement=imported["agreement"] or "",
        )
    else:
        record(
            request,
            "view_import_report",
            f"import {import_id}",
            f"{len(found['quarantine'])} quarantined rows listed, values withheld",
        )
    withheld = bool(found["quarantine"]) and not found["values_shown"]
    return render(
        request,
        "imports/detail.html",
        {
            "record": imported,
            "quarantine": found["quarantine"],
            "values_shown": found["values_shown"],
            "withheld": withheld,
            "purpose": purpose,
            "refused": withheld and bool(purpose),
            "purposes": offered_purposes(request.user, imported["source"], imported["agreement"])
            if withheld and imported["agreement"]
            else [],
        },
    )
