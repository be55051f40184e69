"""``diogel audit``: read and verify the one audit trail, from the command line.

The trail is the site's (:func:`diogel.services.load_services`), the same one the
site's audit page reads: every action from the site, the API and the command line.
"""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING, Any

import typer

from diogel.cli.output import emit_json

if TYPE_CHECKING:
    # The trail and the services load the warehouse and its dependencies: imported
    # when a command runs, not for ``--help``.
    from diogel.audit import AuditEntry, AuditLog

app = typer.Typer(help="The audit trail: read it, verify its chain.", no_args_is_help=True)


def cli_actor() -> str:
    """Who the command line acts as in the trail: the operating system's user name."""
    return getpass.getuser()


def audit_log() -> AuditLog:
    """The site's trail, or exit 2 saying why it cannot be reached."""
    return audit_services()[0]


def audit_services() -> tuple[AuditLog, str]:
    """The site's trail and the organisation the command line's actor belongs to on
    the site ("" if none), or exit 2 saying why the trail cannot be reached."""
    from diogel.audit import AuditLog
    from diogel.services import ServicesUnavailableError, load_services

    try:
        services = load_services()
    except ServicesUnavailableError as exc:
        typer.echo(f"error: the audit trail is unavailable: {exc}", err=True)
        raise typer.Exit(2) from exc
    trail = services.audit
    if not isinstance(trail, AuditLog):
        typer.echo("error: this audit trail cannot be read back or verified", err=True)
        raise typer.Exit(2)
    return trail, services.organisation_of(cli_actor()) or ""


def _entry_dict(entry: AuditEntry) -> dict[str, Any]:
    return {
        "entry_id": entry.entry_id,
        "at": entry.at.isoformat() + "Z",
        **{k: v for k, v in entry.hashed_fields().items() if k != "at"},
        "previous_hash": entry.previous_hash,
        "entry_hash": entry.entry_hash,
    }


@app.command("verify")
def verify_command(
    full: bool = typer.Option(
        False, "--full", help="Re-check every entry, every checkpoint's seal and the head."
    ),
    json_output: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Check the trail's chain from the newest sealed checkpoint (or in full); exit 1
    if an entry was edited, removed, inserted, reordered or cut off, or a checkpoint
    forged. An intact trail gets a new checkpoint at its end."""
    from diogel.audit.verify import verify

    found = verify(audit_log(), full=full)
    if json_output:
        emit_json(
            {
                "intact": found.intact,
                "full": found.full,
                "entries": found.entries,
                "checked": found.checked,
                "started_after": found.started_after,
                "problems": [
                    {"position": p.position, "entry_id": p.entry_id, "reason": p.reason}
                    for p in found.problems
                ],
                "rejected_checkpoints": [c.entry_id for c in found.rejected],
                "new_checkpoint": found.new_checkpoint.entry_id if found.new_checkpoint else None,
            }
        )
    else:
        for problem in found.problems:
            where = f"entry {problem.entry_id}" if problem.entry_id is not None else "the end"
            typer.echo(f"audit trail broken at {where}: {problem.reason}", err=True)
        if found.intact:
            since = (
                f" (checked the {found.checked} written after entry {found.started_after}, "
                "the newest sealed checkpoint)"
                if found.started_after
                else f" (checked all {found.checked})"
            )
            typer.echo(f"audit trail intact: {found.entries} entries{since}")
    if not found.intact:
        raise typer.Exit(1)


@app.command("list")
def list_command(
    limit: int = typer.Option(50, min=1, help="How many entries, newest first."),
    action: str = typer.Option("", help="Only this action, e.g. purge."),
    json_output: bool = typer.Option(False, "--json", help="Print the entries as JSON."),
) -> None:
    """List the newest entries of the trail (who, when, what, through which channel)."""
    entries = audit_log().recent(limit, action)
    if json_output:
        emit_json([_entry_dict(e) for e in entries])
        return
    for e in entries:
        r = e.record
        typer.echo(
            f"{e.entry_id:>7} {e.at:%Y-%m-%d %H:%M:%S}Z {r.channel:<4} {r.actor:<16} "
            f"{r.action:<22} {r.target}" + (f"  ({r.detail})" if r.detail else "")
        )


@app.command("adopt-warehouse-log")
def adopt_warehouse_log_command() -> None:
    """Carry the warehouse's old audit log (command-line views and purges recorded
    before the one trail) into the trail, once. The old table is left as it was."""
    from diogel.settings import load_settings
    from diogel.warehouse import Warehouse
    from diogel.warehouse.audit import adopt_warehouse_log

    done = adopt_warehouse_log(
        Warehouse(load_settings().warehouse_dir), audit_log(), actor=cli_actor()
    )
    if done.already:
        typer.echo("the warehouse's audit log was already adopted: nothing done")
    elif not done.adopted:
        typer.echo("the warehouse holds no audit log entries: nothing done")
    else:
        state = "intact" if done.broken is None else f"BROKEN ({done.broken.reason})"
        typer.echo(f"adopted {done.adopted} entries; the old chain was {state}")
