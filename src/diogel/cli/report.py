"""``diogel report``: Violence Monitoring Reports, needs assessments and thematic
reports from the warehouse, as PDF, HTML or the report document (JSON)."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from diogel.cli.progress import track
from diogel.files import write_atomically
from diogel.settings import load_settings

if TYPE_CHECKING:
    # The reports, the geography and the warehouse (pandas, DuckDB, WeasyPrint) are
    # imported when a command runs, not for ``--help``.
    from diogel.geography import Geography
    from diogel.reports import ReportContext

app = typer.Typer(help="Reports built from the warehouse (PDF, HTML, JSON).", no_args_is_help=True)


class Language(enum.StrEnum):
    en = "en"
    cy = "cy"


class Format(enum.StrEnum):
    pdf = "pdf"
    html = "html"
    json = "json"


class Theme(enum.StrEnum):
    night_time_economy = "night-time-economy"
    weapons = "weapons"
    cost = "cost"


AREA = typer.Option(..., help="Area code or unambiguous name (Wales, a force, a council, a CSP).")
LANG = typer.Option(Language.en, "--lang", help="Language of the report.")
FORMAT = typer.Option(Format.pdf, "--format", help="pdf, html or json (the report document).")
OUT = typer.Option(..., "--out", help="File to write.")
INTERACTIVE = typer.Option(
    False, help="HTML only: embed the Vega libraries so charts are interactive offline."
)


def _context() -> tuple[ReportContext, Geography]:
    from diogel.geography import Geography, ReferenceDataError
    from diogel.reports import ReportContext
    from diogel.warehouse import Warehouse

    settings = load_settings()
    try:
        geo = Geography.from_settings(settings)
    except ReferenceDataError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    return ReportContext(geo, Warehouse(settings.warehouse_dir)), geo


def _produce(
    kind: str,
    parameters: dict[str, object],
    lang: Language,
    fmt: Format,
    out: Path,
    interactive: bool,
) -> None:
    from diogel.reports import Renderer, ReportDataError, build_report

    ctx, geo = _context()
    steps = ["build", "render", "write"]
    document = None
    payload: bytes = b""
    try:
        for step in track(steps, f"{kind} report"):
            if step == "build":
                document = build_report(ctx, kind, **parameters)
            elif step == "render" and document is not None:
                renderer = Renderer.for_geography(lang.value, geo)
                if fmt is Format.pdf:
                    payload = renderer.pdf(document)
                elif fmt is Format.html:
                    payload = renderer.html(document, "inline" if interactive else "none").encode(
                        "utf-8"
                    )
                else:
                    payload = document.to_json().encode("utf-8")
            elif step == "write":
                out.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(out, payload)
    except ReportDataError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    assert document is not None
    withheld = document.suppressed_cells()
    typer.echo(
        f"wrote {out} ({len(payload):,} bytes; {len(document.imports_used)} imports; "
        f"{withheld} values withheld by disclosure control)"
    )
    if document.synthetic:
        typer.echo("note: this report includes SYNTHETIC emergency-department data", err=True)


@app.command("violence-monitoring")
def violence_monitoring(
    area: str = AREA,
    month: str = typer.Option(..., help="Month reported, YYYY-MM."),
    lang: Language = LANG,
    fmt: Format = FORMAT,
    out: Path = OUT,
    interactive: bool = INTERACTIVE,
) -> None:
    """The monthly Violence Monitoring Report for an area."""
    _produce("violence-monitoring", {"area": area, "month": month}, lang, fmt, out, interactive)


@app.command("needs-assessment")
def needs_assessment(
    area: str = AREA,
    year: int = typer.Option(..., help="Calendar year assessed."),
    narrative: Path = typer.Option(
        None,
        help="TOML file of the analyst's sections: [problem_statement] en = ... cy = ..., "
        "likewise [drivers] and [recommendations].",
    ),
    lang: Language = LANG,
    fmt: Format = FORMAT,
    out: Path = OUT,
    interactive: bool = INTERACTIVE,
) -> None:
    """The Strategic Needs Assessment (Serious Violence Duty) for an area and year."""
    parameters: dict[str, object] = {"area": area, "year": year}
    if narrative is not None:
        import tomllib

        try:
            parameters["narrative"] = tomllib.loads(narrative.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            typer.echo(f"error: {narrative}: {exc}", err=True)
            raise typer.Exit(2) from exc
    _produce("needs-assessment", parameters, lang, fmt, out, interactive)


@app.command("thematic")
def thematic(
    theme: Theme = typer.Option(..., help="night-time-economy, weapons or cost."),
    area: str = AREA,
    month: str = typer.Option(..., help="Last month of the 12 reported, YYYY-MM."),
    lang: Language = LANG,
    fmt: Format = FORMAT,
    out: Path = OUT,
    interactive: bool = INTERACTIVE,
) -> None:
    """A thematic report over the 12 months to a month."""
    _produce(
        "thematic",
        {"theme": theme.value, "area": area, "month": month},
        lang,
        fmt,
        out,
        interactive,
    )


@app.command("check")
def check(
    report: Path = typer.Argument(..., help="A report file (.pdf, .html or .json)."),
) -> None:
    """Say whether newer data in the warehouse would change a generated report."""
    from diogel.reports.provenance import read_document, staleness

    try:
        document = read_document(report)
    except (OSError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    ctx, _geo = _context()
    result = staleness(document, ctx)
    typer.echo(
        f"{document.kind} {document.parameters} generated {document.generated_at} "
        f"with Diogel {document.software_version}: {result.describe()}"
    )
    raise typer.Exit(1 if result.stale else 0)


@app.command("monthly")
def monthly(
    out_dir: Path = typer.Option(..., "--out-dir", help="Directory the reports are written to."),
    month: str = typer.Option(None, help="Month, YYYY-MM (default: the newest police month)."),
    areas: str = typer.Option(
        None, help="Comma-separated area codes (default: DIOGEL_REPORT_AREAS)."
    ),
) -> None:
    """Generate the monthly reports of the configured areas (for cron, without the web site).

    Writes <area>-<month>-<lang>.pdf and .html and <area>-<month>.json; an area whose
    existing report is still up to date is skipped, so running it again is cheap.
    """
    from diogel.reports import Renderer, ReportDataError, build_report
    from diogel.reports.measures import POLICE, months_with_data
    from diogel.reports.provenance import read_document, staleness

    settings = load_settings()
    codes = [c.strip() for c in (areas or ",".join(settings.report_areas)).split(",") if c.strip()]
    if not codes:
        typer.echo("error: no areas: give --areas or set DIOGEL_REPORT_AREAS", err=True)
        raise typer.Exit(2)
    ctx, geo = _context()
    month = month or (months_with_data(ctx.warehouse, POLICE) or [""])[-1]
    if not month:
        typer.echo("error: the warehouse holds no police data", err=True)
        raise typer.Exit(2)
    out_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for code in track(codes, f"monthly reports for {month}"):
        stem = out_dir / f"{code}-{month}"
        existing = stem.with_suffix(".json")
        if existing.exists() and not staleness(read_document(existing), ctx).stale:
            typer.echo(f"{code}: up to date")
            continue
        try:
            document = build_report(ctx, "violence-monitoring", area=code, month=month)
        except ReportDataError as exc:
            typer.echo(f"{code}: not generated: {exc}", err=True)
            failed += 1
            continue
        for lang in ("en", "cy"):
            renderer = Renderer.for_geography(lang, geo)
            write_atomically(out_dir / f"{stem.name}-{lang}.html", renderer.html(document).encode())
            write_atomically(out_dir / f"{stem.name}-{lang}.pdf", renderer.pdf(document))
        write_atomically(existing, document.to_json().encode())
        typer.echo(f"{code}: written")
    raise typer.Exit(1 if failed else 0)
