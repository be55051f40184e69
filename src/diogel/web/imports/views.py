"""Upload a file, see every import, and see one import's validation report."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from diogel.geography import Geography
from diogel.governance import covers
from diogel.ingest import (
    Confirmation,
    ConfirmationKind,
    IngestFile,
    IngestOptions,
    IngestOutcome,
    Parser,
    Reason,
    ingest_batch,
)
from diogel.sources.base import ParsedFile
from diogel.warehouse import Warehouse
from diogel.warehouse.imports import CurrentImport
from diogel.warehouse.queries import import_detail, list_imports
from diogel.web.accounts.permissions import Capability, require
from diogel.web.agreements.access import audit_grants, offered_purposes, record_scope_for
from diogel.web.areas.loader import geography
from diogel.web.audit.trail import record
from diogel.web.imports.forms import UploadForm, warehouse_source
from diogel.web.services import site_services


def _warehouse() -> Warehouse:
    return Warehouse(settings.DIOGEL.warehouse_dir)


def _parser(choice: str, supplier: str) -> Parser:
    """How the ingest service reads a file of the source chosen on the form."""

    def parse(path: Path, name: str, geo: Geography, agreement: str | None) -> ParsedFile:
        if choice == "police_uk_street":
            from diogel.sources.police_uk import parse_street_file

            return parse_street_file(path, geo.hierarchy.lsoa11["code"], supplier or None, name)
        if choice == "police_uk_stop_search":
            from diogel.sources.police_uk_stop_search import parse_stop_search_file

            return parse_stop_search_file(path, supplier, name)
        if choice == "istv":
            from diogel.sources.istv import parse_istv_file
            from diogel.sources.istv_codes import load_code_lists
            from diogel.sources.synthetic.istv import site_health_boards

            codes = load_code_lists(settings.DIOGEL.istv_codes_file)
            return parse_istv_file(path, codes, site_health_boards(), name)
        from diogel.sources.generic import load_mapping, parse_generic_file, shipped_mappings

        mapping = load_mapping(shipped_mappings()[choice.removeprefix("generic:")])
        return parse_generic_file(
            path,
            mapping,
            set(geo.hierarchy.lsoa11["code"]),
            supplier,
            name=name,
            agreement=agreement,
            keys_dir=settings.DIOGEL.pseudonym_keys_dir,
        )

    return parse


def _number(value: int) -> str:
    return number_format(value, force_grouping=True)


def _describe(conflict: CurrentImport) -> str:
    return _("import %(id)s (%(file)s, %(start)s to %(end)s)") % {
        "id": conflict.import_id,
        "file": conflict.file_name,
        "start": conflict.period_start,
        "end": conflict.period_end,
    }


def _confirmation_text(confirmation: Confirmation) -> str:
    if confirmation.kind is ConfirmationKind.SHRINK:
        return _(
            "This file has %(new)s accepted rows and would replace the %(old)s rows now "
            "counted for its period."
        ) % {
            "new": _number(confirmation.new_rows),
            "old": _number(confirmation.replaced_rows),
        }
    return _("Its %(rows)s rows are one block of %(block)s rows repeated %(times)s times.") % {
        "rows": _number(confirmation.new_rows),
        "block": _number(confirmation.block_rows),
        "times": confirmation.repeats,
    }


def _explain(form: UploadForm, outcome: IngestOutcome) -> str | None:
    """Put a refusal on the form (a field's error), or return it as the page's problem."""
    reference = outcome.agreement or ""
    field_errors = {
        Reason.AGREEMENT_NEEDED: (
            "agreement",
            _("Choose the data-sharing agreement this file came under."),
        ),
        Reason.AGREEMENT_UNKNOWN: ("agreement", _("There is no agreement with that reference.")),
        Reason.AGREEMENT_NOT_DISCLOSURE: (
            "agreement",
            _(
                "%(reference)s is an Information Sharing Protocol: choose the Data "
                "Disclosure Agreement made under it."
            )
            % {"reference": reference},
        ),
        Reason.AGREEMENT_NOT_IN_FORCE: (
            "agreement",
            _("%(reference)s is not in force today, so no data can come under it.")
            % {"reference": reference},
        ),
        Reason.AGREEMENT_NOT_COVERING: (
            "agreement",
            _("%(reference)s does not cover %(source)s data.")
            % {"reference": reference, "source": outcome.source},
        ),
        Reason.PROVIDER_NEEDED: (
            "provider",
            _(
                "Choose the organisation that disclosed the file: one of the agreement's "
                "disclosing parties."
            ),
        ),
        Reason.PROVIDER_NOT_DISCLOSING: (
            "provider",
            _("%(provider)s is not a disclosing party of %(reference)s.")
            % {"provider": outcome.provider or "", "reference": reference},
        ),
    }
    if outcome.reason in field_errors:
        field, message = field_errors[outcome.reason]
        form.add_error(field, message)
        return None
    if outcome.reason is Reason.PARTIAL_OVERLAP:
        return _(
            "This file only partly overlaps %(imports)s: importing it would count part of "
            "that period twice or lose the rest of it. Send a file for the whole period of "
            "each (it then replaces them), or ask a data controller to reinstate the import "
            "that covered it."
        ) % {"imports": "; ".join(_describe(c) for c in outcome.conflicts)}
    if outcome.reason is Reason.WAREHOUSE_BUSY:
        return _("The warehouse is busy with another import. Try again in a minute.")
    if outcome.reason is Reason.CONFIRMATION_NEEDED:
        return None
    # The adapters' one clear message about the file itself.
    return outcome.message


@require(Capability.UPLOAD_DATA)
def upload(request: HttpRequest) -> HttpResponse:
    organisation = getattr(getattr(request.user, "organisation", None), "slug", "") or ""
    form = UploadForm(request.POST or None, request.FILES or None, organisation=organisation)
    problem = None
    confirmations: tuple[Confirmation, ...] = ()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload_file = data["file"]
        name = Path(upload_file.name).name
        agreement = data["agreement"] or None
        options = IngestOptions(
            agreement=agreement,
            # Who disclosed it matters under an agreement; open police.uk data has none.
            provider=(data["provider"] or None) if agreement else None,
            confirm_shrink=data["confirm_shrink"],
            confirm_repeated=data["confirm_repeated"],
            shrink_threshold=settings.DIOGEL.ingest_shrink_threshold,
            today=form.day,
        )
        with tempfile.TemporaryDirectory(dir=settings.DIOGEL.var_dir) as tmp:
            path = Path(tmp) / name
            with path.open("wb") as out:
                for chunk in upload_file.chunks():
                    out.write(chunk)
            file = IngestFile(
                path,
                warehouse_source(data["source"]),
                _parser(data["source"], data["supplier"]),
                name=name,
            )
            [outcome] = ingest_batch(
                _warehouse(),
                geography(),
                [file],
                site_services(),
                actor=request.user.get_username(),
                channel="site",
                options=options,
            )
        if outcome.ok and outcome.result is not None:
            result = outcome.result
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
            for line in outcome.hook_messages:
                messages.info(request, line)
            return redirect("imports:detail", import_id=result.import_id)
        problem = _explain(form, outcome)
        confirmations = outcome.confirmations_needed
    return render(
        request,
        "imports/upload.html",
        {
            "form": form,
            "problem": problem,
            "confirmations": [(c.kind.value, _confirmation_text(c)) for c in confirmations],
            "asked": {c.kind.value for c in confirmations},
        },
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
        record(
            request,
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
