"""Commands the web site adds to ``diogel``: serve, demo and manage.

Registered through the ``diogel.commands`` entry point so the core CLI never
imports Django.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import typer

from diogel.cli.progress import track
from diogel.settings import DiogelSettings, load_settings

DEFAULT_SETTINGS_MODULE = "diogel.web.settings.development"


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS_MODULE)
    import django

    django.setup()


def _warm_geography() -> None:
    """Load the geography and build the map files before the first visitor asks."""
    from diogel.geography import Level, ReferenceDataError
    from diogel.web.areas.loader import geography

    try:
        geo = geography()
        for level in Level:
            geo.boundaries.geojson(level)
    except ReferenceDataError as exc:
        typer.echo(f"Area pages unavailable: {exc}", err=True)


def serve(
    host: str = typer.Option(None, help="Interface to listen on (default DIOGEL_HOST)."),
    port: int = typer.Option(None, help="Port to listen on (default PORT, 8000)."),
    threads: int = typer.Option(8, help="Worker threads."),
) -> None:
    """Serve the site with waitress (static files by WhiteNoise)."""
    settings = load_settings()
    _setup_django()
    from waitress import serve as waitress_serve

    from diogel.web.wsgi import application

    host = host or settings.host
    port = port or settings.port
    threading.Thread(target=_warm_geography, name="warm-geography", daemon=True).start()
    if settings.report_worker:
        from diogel.web.reports.jobs import start_worker

        start_worker()
    typer.echo(f"Diogel is running at http://{host}:{port}/en/ (Ctrl+C to stop)")
    waitress_serve(application, host=host, port=port, threads=threads, ident="diogel")


def _register_demo_agreement() -> None:
    """The SYNTHETIC provider and SYNTHETIC agreement the demo's SYNTHETIC ED files
    come under (:func:`diogel.demo.demo_ed_agreement`), registered on the site."""
    from diogel.demo import DEMO_ED_PROVIDER, DEMO_ED_PROVIDER_NAME, demo_ed_agreement
    from diogel.web.accounts.models import Organisation, OrganisationType
    from diogel.web.agreements.models import Agreement

    core = demo_ed_agreement()
    provider, _ = Organisation.objects.update_or_create(
        slug=DEMO_ED_PROVIDER,
        defaults={
            "name_en": DEMO_ED_PROVIDER_NAME,
            "name_cy": "Adrannau achosion brys SYNTHETIG (arddangosiad)",
            "kind": OrganisationType.HEALTH_BOARD,
        },
    )
    agreement, _ = Agreement.objects.update_or_create(
        reference=core.reference,
        defaults={
            "kind": core.kind.value,
            "title_en": "SYNTHETIC emergency department assault data (demonstration)",
            "title_cy": "Data ymosodiadau adrannau achosion brys SYNTHETIG (arddangosiad)",
            "purpose": "SYNTHETIC: demonstrates importing ED data under an agreement.",
            "purposes": sorted(core.purposes),
            "legal_basis": "; ".join(core.legal_basis),
            "sources": sorted(core.sources),
            "level": int(core.level),
            "starts": core.starts,
            "ends": core.ends,
            "status": core.status.value,
        },
    )
    agreement.parties.set([provider])
    agreement.disclosing_parties.set([provider])


def _load_demo_data(settings: DiogelSettings) -> bool:
    """Fill an empty warehouse through the ingest service, every file recorded in the
    site's audit trail: the open police.uk files, and SYNTHETIC ED data under the
    SYNTHETIC demo agreement."""
    import dataclasses

    from diogel.demo import load_demo_data
    from diogel.geography import Geography, ReferenceDataError
    from diogel.warehouse import Warehouse
    from diogel.warehouse.queries import list_imports
    from diogel.web.services import site_services

    warehouse = Warehouse(settings.warehouse_dir)
    if list_imports(warehouse):
        typer.echo("Demo data: the warehouse already holds imports; nothing loaded.")
        return False
    try:
        geo = Geography.from_settings(settings)
    except ReferenceDataError as exc:
        typer.echo(f"Demo data not loaded: {exc}", err=True)
        return False
    _register_demo_agreement()
    # Without the per-file hooks: the demo recomputes every measure once and queues
    # December's reports itself below, rather than once per file.
    services = dataclasses.replace(site_services(), after_import=())
    police, synthetic = load_demo_data(
        warehouse,
        geo,
        settings.data_dir,
        settings.var_dir / "synthetic" / "istv",
        track,
        services=services,
    )
    typer.echo(
        f"Demo data: {police} police.uk files and {synthetic} SYNTHETIC ISTV files imported."
    )
    return True


def demo(
    no_serve: bool = typer.Option(False, "--no-serve", help="Prepare the demo but do not serve."),
    no_data: bool = typer.Option(False, "--no-data", help="Do not load demo data files."),
    port: int = typer.Option(None, help="Port to listen on (default PORT, 8000)."),
) -> None:
    """Prepare the demo (migrate, static files, demo content) and serve it."""
    os.environ["DIOGEL_DEMO"] = "true"
    # The demo's monthly reports: Gwent, whose police.uk files ship beside it.
    os.environ.setdefault("DIOGEL_REPORT_AREAS", "W15000003")
    settings = load_settings()
    _setup_django()
    from django.core.management import call_command

    from diogel.health import check_reference_data
    from diogel.web.accounts.demo import create_demo_accounts

    steps = [
        ("migrate the database", lambda: call_command("migrate", interactive=False, verbosity=0)),
        (
            "collect static files",
            lambda: call_command("collectstatic", interactive=False, verbosity=0),
        ),
        ("load the boards of Wales", lambda: call_command("seed_wales_landscape", verbosity=0)),
        (
            "load the Safer Communities Programme",
            lambda: call_command("seed_wales_programme", verbosity=0),
        ),
        ("load the performance framework", lambda: call_command("seed_measures", verbosity=0)),
    ]
    for description, step in track(steps, "preparing the demo"):
        typer.echo(f"- {description}", err=True)
        step()
    if not no_data and _load_demo_data(settings):
        import datetime as dt

        from diogel.web.reports.jobs import schedule_after_import

        # As if December 2021 had just arrived: the worker generates its reports.
        queued = schedule_after_import(dt.date(2021, 12, 1), dt.date(2021, 12, 31))
        typer.echo(f"Demo reports queued: {len(queued)} (generated in the background)")
    if not no_data:
        from diogel.web.performance.recompute import recompute_all

        typer.echo("- compute the performance measures from the hub", err=True)
        stored = recompute_all()
        typer.echo(f"Performance measures: {sum(stored.values())} hub values stored.")
    accounts = create_demo_accounts()
    from diogel.web.accounts.roles import Role
    from diogel.web.boards.seed import give_boards_to
    from diogel.web.performance.seed import give_demo_measures
    from diogel.web.programme.seed import give_objectives_to

    for account in accounts:
        if account.role is Role.BOARD_SECRETARIAT:
            give_boards_to(account.username)
        if account.role is Role.ANALYST:
            give_objectives_to(account.username)
    give_demo_measures()
    data = check_reference_data(settings.data_dir)
    typer.echo(f"Reference data: {data.detail}")
    typer.echo("")
    typer.echo("Demo accounts (demo mode only; passwords change on every run):")
    for a in accounts:
        typer.echo(f"  {a.role.label:<20} username {a.username:<18} password {a.password}")
    typer.echo("")
    if not no_serve:
        serve(host=settings.host, port=port or settings.port, threads=8)


def manage(ctx: typer.Context) -> None:
    """Run a Django management command, e.g. ``diogel manage migrate``."""
    from diogel.web.manage import main

    main([f"{sys.argv[0]} manage", *ctx.args])


seed_app = typer.Typer(
    help="Load reference content into the site's database.", no_args_is_help=True
)


@seed_app.command("wales-landscape")
def seed_wales_landscape(
    file: Path = typer.Option(None, help="A landscape TOML file instead of Wales's."),
) -> None:
    """The boards of Wales the Welsh Government's reviews name, each citing its source."""
    _setup_django()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    try:
        call_command("seed_wales_landscape", *(["--file", str(file)] if file else []))
    except CommandError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


@seed_app.command("wales-programme")
def seed_wales_programme(
    file: Path = typer.Option(None, help="A programme TOML file instead of Wales's."),
) -> None:
    """The Safer Communities Programme: the vision, principles, R1–R7, recommendations
    1–11, work-streams and their SROs, objectives and hand-overs, each citing its source.
    Load the boards first (``diogel seed wales-landscape``)."""
    _run_seed("seed_wales_programme", file)


@seed_app.command("measures")
def seed_measures(
    file: Path = typer.Option(None, help="A measures TOML file instead of the site's."),
) -> None:
    """The performance framework's measures, and the values the file carries."""
    _run_seed("seed_measures", file)


def _run_seed(command: str, file: Path | None) -> None:
    _setup_django()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    try:
        call_command(command, *(["--file", str(file)] if file else []))
    except CommandError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


def register(app: typer.Typer) -> None:
    """Add the web commands to the ``diogel`` command."""
    app.add_typer(seed_app, name="seed")
    app.command("serve")(serve)
    app.command("demo")(demo)
    app.command(
        "manage",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
        add_help_option=False,
    )(manage)
