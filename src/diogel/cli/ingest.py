"""``diogel ingest``, ``diogel imports`` and ``diogel counts``: the data hub.

The ingest pipeline, the sources, the figures and the warehouse (pandas, DuckDB,
pyarrow) are imported when a command runs, not for ``--help``.
"""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from diogel.cli.output import emit_json
from diogel.cli.progress import track
from diogel.settings import load_settings

if TYPE_CHECKING:
    from diogel.geography import Geography
    from diogel.ingest import IngestOutcome, Parser
    from diogel.services import Services
    from diogel.sources.base import ParsedFile
    from diogel.warehouse import Warehouse
    from diogel.warehouse.imports import ImportResult

ingest_app = typer.Typer(help="Import partners' files into the warehouse.", no_args_is_help=True)
imports_app = typer.Typer(help="What has been imported, and from where.", no_args_is_help=True)

# Options every ingest command takes: who disclosed the files, and the confirmations the
# import service may ask for.
PROVIDER_OPTION = typer.Option(
    None,
    "--provider",
    help="Organisation (short name) that disclosed the files under the agreement; default "
    "your own organisation on the site.",
)
CONFIRM_SHRINK_OPTION = typer.Option(
    False,
    "--confirm-shrink",
    help="Import a file although it replaces current imports with far fewer rows "
    "(DIOGEL_INGEST_SHRINK_THRESHOLD).",
)
CONFIRM_REPEATED_OPTION = typer.Option(
    False,
    "--confirm-repeated",
    help="Import a file although its rows are one block repeated several times.",
)
OPEN_AGREEMENT_OPTION = typer.Option(
    None,
    help="Reference of a data-sharing agreement the files came under (open police.uk "
    "data needs none).",
)
JSON_OPTION = typer.Option(False, "--json", help="Print the results as JSON.")


def _geography() -> Geography:
    from diogel.geography import Geography, ReferenceDataError

    try:
        return Geography.from_settings(load_settings())
    except ReferenceDataError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


def _services() -> Services:
    """The site's audit trail, agreements and hooks; exit 2 saying why when unavailable
    (an import or reinstatement never goes unrecorded)."""
    from diogel.services import ServicesUnavailableError, load_services

    try:
        return load_services()
    except ServicesUnavailableError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


def run_ingest(
    paths: list[Path],
    source: str,
    parse: Parser,
    json_output: bool,
    mapping: str | None = None,
    agreement: str | None = None,
    provider: str | None = None,
    confirm_shrink: bool = False,
    confirm_repeated: bool = False,
    mismatch_option: str | None = None,
) -> None:
    """Import each file through the ingest service; report per file; exit 1 if any file
    was not imported (failed, refused or waiting for a confirmation).

    ``source`` is the warehouse source the files import into, ``agreement`` the
    data-sharing agreement they came under and ``provider`` who disclosed them.
    ``mismatch_option`` names the option that overrides a supplier refusal.

    A file already imported adds nothing and does not fail: the report says whether
    that import is counted (current) or not (superseded by a newer file, or purged).
    """
    from diogel.ingest import IngestFile, IngestOptions, OutcomeStatus, ingest_batch
    from diogel.warehouse import Warehouse

    services = _services()
    settings = load_settings()
    geography = _geography()
    options = IngestOptions(
        agreement=agreement,
        provider=provider,
        confirm_shrink=confirm_shrink,
        confirm_repeated=confirm_repeated,
        shrink_threshold=settings.ingest_shrink_threshold,
    )
    files = [IngestFile(path, source, parse, mapping=mapping) for path in paths]
    outcomes = ingest_batch(
        Warehouse(settings.warehouse_dir),
        geography,
        track(files, "importing", total=len(files)),
        services,
        actor=getpass.getuser(),
        channel="cli",
        options=options,
    )
    for outcome in outcomes:
        if json_output:
            continue
        if outcome.result is not None:
            _report(outcome.path, outcome.result)
            for line in outcome.hook_messages:
                typer.echo(f"  {line}")
            for line in outcome.hook_errors:
                typer.echo(f"  warning: after the import, {line}", err=True)
        else:
            label = {
                OutcomeStatus.REFUSED: "REFUSED",
                OutcomeStatus.NEEDS_CONFIRMATION: "NOT IMPORTED",
            }.get(outcome.status, "FAILED")
            typer.echo(f"{label} {outcome.path}: {_message(outcome, mismatch_option)}", err=True)
    if json_output:
        emit_json([_as_json(o, mismatch_option) for o in outcomes])
    if not all(o.ok for o in outcomes):
        raise typer.Exit(1)


def _message(outcome: IngestOutcome, mismatch_option: str | None) -> str:
    """Why a file was not imported, with the option that puts it right where there is one."""
    from diogel.ingest import Reason

    # The hint for each refusal the person can put right.
    hints = {
        Reason.AGREEMENT_NEEDED: " (--agreement REF)",
        Reason.PROVIDER_NEEDED: " (--provider NAME)",
    }
    if mismatch_option:
        hints[Reason.SUPPLIER_MISMATCH] = f" ({mismatch_option} TEXT)"
    return outcome.message + (hints.get(outcome.reason, "") if outcome.reason else "")


def _as_json(outcome: IngestOutcome, mismatch_option: str | None) -> dict[str, object]:
    data = outcome.as_dict()
    if "error" in data:
        data["error"] = _message(outcome, mismatch_option)
    return data


def _report(path: Path, result: ImportResult) -> None:
    """One line per file: what was imported, or what the earlier import of it is now."""
    line = (
        f"{path.name}: import {result.import_id}, read {result.rows_read:,}, "
        f"accepted {result.rows_accepted:,}, rejected {result.rows_rejected:,}"
    )
    if result.status == "imported":
        if result.superseded:
            line += f", superseding import {', '.join(map(str, result.superseded))}"
        if result.rows_read == 0:
            line += " (a nil return: no records, recorded as reported)"
        if result.supplier_mismatch_reason:
            line += f" (supplier mismatch accepted: {result.supplier_mismatch_reason})"
        typer.echo(line)
    elif result.existing_status == "superseded":
        typer.echo(
            f"{line} (already imported and SUPERSEDED by import {result.superseded_by}: "
            "not counted; nothing added and it was not made current again: "
            f"`diogel imports reinstate {result.import_id} --reason TEXT` would)"
        )
    elif result.existing_status == "purged":
        typer.echo(
            f"{line} (already imported and PURGED: not counted; nothing added, its "
            "records stay deleted)"
        )
    else:
        typer.echo(f"{line} (already imported and current: nothing added)")


@ingest_app.command("police-uk")
def ingest_police_uk(
    paths: list[Path] = typer.Argument(..., help="police.uk street-level CSV files."),
    supplier: str = typer.Option(None, help="Supplying force (default: the file's 'Reported by')."),
    supplier_mismatch_reason: str = typer.Option(
        None,
        help="Import although --supplier is not the force the file names ('Reported by', "
        "'Falls within'); the reason is recorded with the import.",
    ),
    agreement: str = OPEN_AGREEMENT_OPTION,
    provider: str = PROVIDER_OPTION,
    confirm_shrink: bool = CONFIRM_SHRINK_OPTION,
    confirm_repeated: bool = CONFIRM_REPEATED_OPTION,
    json_output: bool = JSON_OPTION,
) -> None:
    """Import police.uk street-level crime and ASB files.

    A file whose force is not --supplier is refused (exit 1, nothing imported) unless
    --supplier-mismatch-reason is given.
    """
    from diogel.sources.police_uk import StreetParser

    run_ingest(
        paths,
        "police_uk_street",
        StreetParser(supplier, supplier_mismatch_reason),
        json_output,
        agreement=agreement,
        provider=provider,
        confirm_shrink=confirm_shrink,
        confirm_repeated=confirm_repeated,
        mismatch_option="--supplier-mismatch-reason",
    )


@ingest_app.command("police-uk-outcomes")
def ingest_outcomes(
    paths: list[Path] = typer.Argument(..., help="police.uk outcomes CSV files."),
    agreement: str = OPEN_AGREEMENT_OPTION,
    provider: str = PROVIDER_OPTION,
    confirm_shrink: bool = CONFIRM_SHRINK_OPTION,
    confirm_repeated: bool = CONFIRM_REPEATED_OPTION,
    json_output: bool = JSON_OPTION,
) -> None:
    """Import police.uk outcome files (outcomes of crimes, kept apart from incidents)."""
    from diogel.sources.police_uk_outcomes import parse_outcomes_file

    def parse(path: Path, name: str, geography: Geography, _agreement: str | None) -> ParsedFile:
        return parse_outcomes_file(path, geography.hierarchy.lsoa11["code"], name=name)

    run_ingest(
        paths,
        "police_uk_outcomes",
        parse,
        json_output,
        agreement=agreement,
        provider=provider,
        confirm_shrink=confirm_shrink,
        confirm_repeated=confirm_repeated,
    )


@ingest_app.command("police-uk-stop-search")
def ingest_stop_search(
    paths: list[Path] = typer.Argument(..., help="police.uk stop and search CSV files."),
    supplier: str = typer.Option(..., help="The force, as police.uk names it, e.g. Gwent Police."),
    agreement: str = OPEN_AGREEMENT_OPTION,
    provider: str = PROVIDER_OPTION,
    confirm_shrink: bool = CONFIRM_SHRINK_OPTION,
    confirm_repeated: bool = CONFIRM_REPEATED_OPTION,
    json_output: bool = JSON_OPTION,
) -> None:
    """Import police.uk stop and search files."""
    from diogel.sources.police_uk_stop_search import parse_stop_search_file

    def parse(path: Path, name: str, _geography: Geography, _agreement: str | None) -> ParsedFile:
        return parse_stop_search_file(path, supplier, name=name)

    run_ingest(
        paths,
        "police_uk_stop_search",
        parse,
        json_output,
        agreement=agreement,
        provider=provider,
        confirm_shrink=confirm_shrink,
        confirm_repeated=confirm_repeated,
    )


@ingest_app.command("istv")
def ingest_istv(
    paths: list[Path] = typer.Argument(..., help="ISTV submissions (.csv or .xml)."),
    codes: Path = typer.Option(
        None, help="ISTV code lists (default: DIOGEL_ISTV_CODES_FILE, else SYNTHETIC lists)."
    ),
    agreement: str = typer.Option(
        None, help="Reference of the Data Disclosure Agreement the files came under (required)."
    ),
    provider: str = PROVIDER_OPTION,
    period: str = typer.Option(
        None,
        help="The files' month (YYYY-MM): checked against their header; gives the period "
        "of a nil return (a CSV with its header row only).",
    ),
    site: str = typer.Option(
        None,
        help="The sending department's site code: checked against the files' header; "
        "gives the site of a nil return.",
    ),
    supplier_mismatch_reason: str = typer.Option(
        None,
        help="Import although --site is not the file's SITE_CODE_OF_TREATMENT; the "
        "reason is recorded with the import.",
    ),
    confirm_shrink: bool = CONFIRM_SHRINK_OPTION,
    confirm_repeated: bool = CONFIRM_REPEATED_OPTION,
    json_output: bool = JSON_OPTION,
) -> None:
    """Import emergency-department assault data (ISTV minimum data set).

    ED data comes under a Data Disclosure Agreement in force (--agreement) from one
    of its disclosing parties (--provider). A file for a quarter replaces the monthly
    files inside it. A nil return (no assaults: XML with no Assault elements, or a CSV
    with its header row only) is imported with no records, so its month counts as
    reported. A CSV nil return needs --period and --site, or a file name ending
    istv-<site>-<YYYY-MM>.csv.
    """
    from diogel.sources.base import BadFileError
    from diogel.sources.istv import parse_istv_file
    from diogel.sources.istv_codes import load_code_lists
    from diogel.sources.synthetic.istv import site_health_boards

    try:
        code_lists = load_code_lists(codes or load_settings().istv_codes_file)
    except BadFileError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if code_lists.synthetic and not json_output:
        typer.echo(f"note: using {code_lists.label}", err=True)
    sites = site_health_boards()

    def parse(path: Path, name: str, _geography: Geography, _agreement: str | None) -> ParsedFile:
        return parse_istv_file(
            path,
            code_lists,
            sites,
            name=name,
            period=period,
            site=site,
            supplier_mismatch_reason=supplier_mismatch_reason,
        )

    run_ingest(
        paths,
        "istv",
        parse,
        json_output,
        agreement=agreement,
        provider=provider,
        confirm_shrink=confirm_shrink,
        confirm_repeated=confirm_repeated,
        mismatch_option="--supplier-mismatch-reason",
    )


@ingest_app.command("generic")
def ingest_generic(
    paths: list[Path] = typer.Argument(..., help="CSV files laid out as the mapping says."),
    mapping: Path = typer.Option(
        ...,
        help="Mapping file (TOML), or the name of a shipped one: "
        "ambulance_callouts.toml, fire_incidents.toml, youth_justice_synthetic.toml.",
    ),
    supplier: str = typer.Option(..., help="Organisation that sent the files."),
    period: str = typer.Option(
        None,
        help="Declared month (YYYY-MM): rows outside are rejected; a file with its header "
        "row only is then a nil return for that month.",
    ),
    agreement: str = typer.Option(
        None,
        help="Reference of the Data Disclosure Agreement the files came under (required: "
        "partners' data is not open); its key makes the pseudonyms of personal identifiers.",
    ),
    provider: str = PROVIDER_OPTION,
    confirm_shrink: bool = CONFIRM_SHRINK_OPTION,
    confirm_repeated: bool = CONFIRM_REPEATED_OPTION,
    json_output: bool = JSON_OPTION,
) -> None:
    """Import any tabular source (ambulance, fire, youth justice...) through a mapping file."""
    from diogel.sources.generic import MappingError, load_mapping, parse_generic_file

    try:
        declared = load_mapping(mapping)
    except MappingError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    keys_dir = load_settings().pseudonym_keys_dir

    def parse(path: Path, name: str, geography: Geography, checked: str | None) -> ParsedFile:
        known = set(geography.hierarchy.lsoa11["code"])
        return parse_generic_file(
            path, declared, known, supplier, period, name=name, agreement=checked, keys_dir=keys_dir
        )

    run_ingest(
        paths,
        declared.source,
        parse,
        json_output,
        mapping=str(declared.path.name),
        agreement=agreement,
        provider=provider,
        confirm_shrink=confirm_shrink,
        confirm_repeated=confirm_repeated,
    )


@imports_app.command("reinstate")
def imports_reinstate(
    import_id: int = typer.Argument(..., help="The superseded import to make current again."),
    reason: str = typer.Option(..., help="Why, for the audit trail (e.g. 13-row file in error)."),
    json_output: bool = JSON_OPTION,
) -> None:
    """Make a superseded import current again; the imports now current for its period
    become superseded by it. Recorded in the audit trail.

    Refused (exit 1, nothing changed) for a purged import (its records are deleted),
    an import already current, or one whose period partly overlaps a current import.
    """
    from diogel.ingest import reinstate_import
    from diogel.warehouse import Warehouse
    from diogel.warehouse.imports import ReinstateError

    services = _services()
    warehouse = Warehouse(load_settings().warehouse_dir)
    try:
        outcome = reinstate_import(warehouse, import_id, services, getpass.getuser(), "cli", reason)
    except ReinstateError as exc:
        typer.echo(f"error: {exc} (nothing was changed)", err=True)
        raise typer.Exit(1) from exc
    if json_output:
        emit_json(outcome.as_dict())
        return
    replaced = ", ".join(map(str, outcome.replaced)) or "none"
    typer.echo(
        f"import {import_id} ({outcome.result.file_name}) is current again; "
        f"superseded by it: {replaced}"
    )
    for line in outcome.hook_messages:
        typer.echo(f"  {line}")
    for line in outcome.hook_errors:
        typer.echo(f"  warning: after reinstating, {line}", err=True)


@imports_app.command("list")
def imports_list(
    json_output: bool = typer.Option(False, "--json", help="Print the imports as JSON."),
) -> None:
    """List every import with its provenance, newest first."""
    from diogel.warehouse import Warehouse
    from diogel.warehouse.queries import list_imports

    rows = list_imports(Warehouse(load_settings().warehouse_dir))
    if json_output:
        emit_json(rows)
        return
    for r in rows:
        typer.echo(
            f"{r['import_id']:>5} {r['status']:<10} {r['source']:<18} {r['supplier']:<16} "
            f"{r['period_start']}..{r['period_end']} {r['rows_accepted']:>8,} ok "
            f"{r['rows_rejected']:>6,} rejected  {r['file_name']}"
        )


@imports_app.command("show")
def imports_show(
    import_id: int = typer.Argument(..., help="Import number (see `diogel imports list`)."),
    json_output: bool = typer.Option(False, "--json", help="Print the import as JSON."),
) -> None:
    """Show one import's provenance and its quarantined rows (recorded in the audit
    trail: nothing is shown when the trail cannot be reached)."""
    from diogel.audit import AuditRecord
    from diogel.cli.audit import audit_services, cli_actor
    from diogel.warehouse import Warehouse
    from diogel.warehouse.queries import import_detail

    warehouse = Warehouse(load_settings().warehouse_dir)
    # The operator owns the warehouse file: quarantined values are theirs to read.
    detail = import_detail(warehouse, import_id, show_values=True)
    if detail is None:
        typer.echo(f"error: no import {import_id}", err=True)
        raise typer.Exit(2)
    # Quarantined values are record-level data: the view is recorded before it is shown.
    trail, organisation = audit_services()
    trail.append(
        AuditRecord(
            actor=cli_actor(),
            action="view_import_report",
            target=f"import {import_id}",
            detail=f"{len(detail['quarantine'])} quarantined values shown",
            organisation=organisation,
            channel="cli",
        )
    )
    if json_output:
        emit_json(detail)
        return
    for key, value in detail["import"].items():
        typer.echo(f"{key:<15} {value}")
    for q in detail["quarantine"]:
        typer.echo(f"  line {q['line']}, {q['column_name']} = {q['value']!r}: {q['reason']}")


@imports_app.command("purge")
def imports_purge(
    import_ids: list[int] = typer.Argument(..., help="Import numbers to purge."),
    reason: str = typer.Option(..., help="Why, for the audit trail (e.g. agreement revoked)."),
    json_output: bool = typer.Option(False, "--json", help="Print the results as JSON."),
) -> None:
    """Delete imports' record-level rows, keeping their provenance (each purge is an
    entry in the audit trail; nothing is purged when the trail cannot be reached)."""
    from diogel.cli.audit import audit_services, cli_actor
    from diogel.warehouse import Warehouse
    from diogel.warehouse.purge import PurgeError, purge_imports

    warehouse = Warehouse(load_settings().warehouse_dir)
    trail, organisation = audit_services()
    try:
        results = purge_imports(
            warehouse, import_ids, cli_actor(), reason, trail, organisation=organisation
        )
    except PurgeError as exc:
        typer.echo(f"error: {exc} (nothing was purged)", err=True)
        raise typer.Exit(2) from exc
    if json_output:
        emit_json([r.as_dict() for r in results])
        return
    for r in results:
        if r.status == "already_purged":
            typer.echo(f"import {r.import_id}: already purged")
        else:
            typer.echo(f"import {r.import_id}: purged, {r.total_removed:,} rows removed")


@imports_app.command("verify-audit", hidden=True)
def imports_verify_audit() -> None:
    """Moved: `diogel audit verify` checks the one audit trail."""
    typer.echo(
        "error: the audit trail is checked by `diogel audit verify` (add --full to "
        "re-check every entry); the warehouse's old log is carried into it by "
        "`diogel audit adopt-warehouse-log`",
        err=True,
    )
    raise typer.Exit(2)


def counts(
    by: str = typer.Option("month", help="Comma-separated dimensions, e.g. month,crime_type."),
    source: str = typer.Option(None, help="Only this source, e.g. police_uk_street."),
    category: str = typer.Option(None, help="Only this harmonised category, e.g. violence."),
    month_from: str = typer.Option(None, "--from", help="First month, YYYY-MM."),
    month_to: str = typer.Option(None, "--to", help="Last month, YYYY-MM."),
    area: str = typer.Option(None, help="Only this area (code or name)."),
    json_output: bool = typer.Option(False, "--json", help="Print the counts as JSON."),
) -> None:
    """Count current incidents by month, source, category, crime type or area.

    Exit 2, naming the valid values, for a question no count can answer (unknown
    source, category, area or dimension; a month not YYYY-MM). A known source with
    nothing imported is counted as it is (nothing), with a note on stderr.
    """
    from diogel.figures.base import DIMENSIONS, CountQueryError, check_filters, count_incidents
    from diogel.warehouse import Warehouse

    settings = load_settings()
    warehouse = Warehouse(settings.warehouse_dir)
    dims = [d.strip() for d in by.split(",") if d.strip()]
    try:
        unknown = [d for d in dims if d not in DIMENSIONS]
        if unknown:
            raise CountQueryError(
                f"unknown dimension(s) {', '.join(unknown)}; choose from {', '.join(DIMENSIONS)}"
            )
        check_filters(warehouse, source, category, month_from, month_to)
    except CountQueryError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    chosen = None
    if area:
        hierarchy = _geography().hierarchy
        try:
            chosen = hierarchy.resolve(area)
        except LookupError as exc:
            message = str(exc)
            if "could mean" not in message:  # ambiguous names already list their areas
                near = [f"{a.code} ({a.name_en})" for a in hierarchy.search(area, limit=5)]
                hint = f" (did you mean {', '.join(near)}?)" if near else ""
                message += (
                    f"{hint}; give an area code or an exact English or Welsh name "
                    "(`diogel areas --level LEVEL` lists them)"
                )
            typer.echo(f"error: {message}", err=True)
            raise typer.Exit(2) from exc
    try:
        rows = count_incidents(warehouse, dims, source, month_from, month_to, chosen, category)
    except CountQueryError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if not rows:
        typer.echo(f"note: {_why_nothing(warehouse, source)}", err=True)
    if json_output:
        emit_json([{**r.keys, "count": r.count} for r in rows])
        return
    for r in rows:
        keys = "  ".join(f"{v if v is not None else '(none)'}" for v in r.keys.values())
        typer.echo(f"{keys}  {r.count:,}")


def _why_nothing(warehouse: Warehouse, source: str | None) -> str:
    """Why a count found nothing: no data at all, none for the source, or none matching."""
    from diogel.figures.base import current_sources

    current = current_sources(warehouse)
    if not current:
        return f"no data: the warehouse {warehouse.directory} has no current imports"
    if source is not None and source not in current:
        return (
            f"no data for source {source}: nothing of it is imported (or every import of "
            "it is superseded or purged); the count is of nothing, not a reported zero"
        )
    return "no current incidents match these filters"
