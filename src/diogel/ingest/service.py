"""The one import pipeline, used by the command line, the site and the demo alike.

For each file, in this order:

1. **agreement**: a protected source (anything but open police.uk data) comes under
   a Data Disclosure Agreement in force today that covers the source and names the
   provider (the disclosing organisation) among its disclosing parties;
2. **parse**, which validates every row and pseudonymises personal identifiers with
   the agreement's key (the adapters do both);
3. **validation**: the file is of the source it was sent as, and its rows are not
   one block repeated (unless confirmed);
4. **supersession** (:mod:`diogel.ingest.supersession`), decided inside the
   warehouse transaction: what the file replaces, a refusal when it partly overlaps
   a current import, a confirmation when it shrinks the period's rows;
5. **write** (:func:`diogel.warehouse.imports.import_parsed`), on one warehouse
   connection for the whole batch;
6. **one audit entry** per file given, in the trail of :class:`diogel.services.Services`:
   action ``import`` for a file imported (written inside the warehouse transaction,
   so an import is never left unaudited) or already imported, ``import_refused``
   for a file refused or failed (nothing written);
7. then, once the batch's writes are done, each hook of ``services.after_import`` for
   every file imported (recompute measures, queue due reports on the site).

The callers only gather files and options and format the typed outcomes.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

import duckdb

from diogel.audit import AuditRecord
from diogel.disclosure.rules import OPEN_SOURCES
from diogel.geography import Geography
from diogel.governance.agreements import Agreement, AgreementKind, AgreementStatus
from diogel.ingest.supersession import overlaps, plan_supersession, repeated_rows, shrinks
from diogel.services import Services
from diogel.settings import load_settings
from diogel.sources.base import BadFileError, BulkRead, ParsedFile, SupplierMismatchError
from diogel.warehouse import Warehouse
from diogel.warehouse.imports import (
    BulkFile,
    CurrentImport,
    ImportResult,
    ReinstateError,
    import_bulk,
    import_parsed,
    reinstate,
    sha256_of,
)
from diogel.warehouse.store import WarehouseBusyError, bulk_threads

log = logging.getLogger(__name__)


#: Reads one file: ``(path, name, geography, agreement)``, where ``name`` is how the
#: file is called (an upload's own name) and ``agreement`` the checked agreement whose
#: key pseudonymises personal identifiers.
Parser = Callable[[Path, str, Geography, str | None], ParsedFile]


@dataclass(frozen=True)
class IngestFile:
    """One file to import."""

    path: Path
    #: The warehouse source it imports into (checked against the agreement before
    #: the file is read, and against what the parser makes of it after).
    source: str
    parse: Parser
    #: Its name for people (an upload's own name; default the path's).
    name: str = ""
    #: The generic mapping it was read through, recorded with the import.
    mapping: str | None = None

    @property
    def display_name(self) -> str:
        return self.name or self.path.name


@dataclass(frozen=True)
class IngestOptions:
    """What the person importing says about the whole batch."""

    #: Reference of the agreement the files came under (none for open police.uk data).
    agreement: str | None = None
    #: The disclosing organisation (slug); default the actor's organisation.
    provider: str | None = None
    #: Allow a replacement with fewer rows than the threshold of what it replaces.
    confirm_shrink: bool = False
    #: Allow a file whose rows are one block repeated.
    confirm_repeated: bool = False
    #: Fraction for the shrink check; ``None`` reads ``DIOGEL_INGEST_SHRINK_THRESHOLD``.
    shrink_threshold: float | None = None
    #: The day agreements must be in force (default today).
    today: dt.date | None = None


class OutcomeStatus(StrEnum):
    IMPORTED = "imported"
    ALREADY_IMPORTED = "already_imported"
    #: Not imported: the agreement does not allow it, or it partly overlaps current data.
    REFUSED = "refused"
    #: Not imported until the person confirms (shrink, repeated rows).
    NEEDS_CONFIRMATION = "needs_confirmation"
    #: The file cannot be read or checked (or the warehouse was busy).
    FAILED = "failed"


class Reason(StrEnum):
    """Why a file was not imported (the site words each in the visitor's language)."""

    AGREEMENT_NEEDED = "agreement_needed"
    AGREEMENT_UNKNOWN = "agreement_unknown"
    AGREEMENT_NOT_DISCLOSURE = "agreement_not_disclosure"
    AGREEMENT_NOT_IN_FORCE = "agreement_not_in_force"
    AGREEMENT_NOT_COVERING = "agreement_not_covering"
    PROVIDER_NEEDED = "provider_needed"
    PROVIDER_NOT_DISCLOSING = "provider_not_disclosing"
    BAD_FILE = "bad_file"
    #: The supplier named is not the body the file names (a reason given overrides it).
    SUPPLIER_MISMATCH = "supplier_mismatch"
    WRONG_SOURCE = "wrong_source"
    PARTIAL_OVERLAP = "partial_overlap"
    CONFIRMATION_NEEDED = "confirmation_needed"
    WAREHOUSE_BUSY = "warehouse_busy"


class ConfirmationKind(StrEnum):
    SHRINK = "shrink"
    REPEATED = "repeated"


@dataclass(frozen=True)
class Confirmation:
    """A confirmation the import needs (or was given), with the facts to show."""

    kind: ConfirmationKind
    message: str
    #: shrink: the file's accepted rows and those of the imports it would replace.
    new_rows: int = 0
    replaced_rows: int = 0
    #: repeated: how many times the block repeats and its size in rows.
    repeats: int = 0
    block_rows: int = 0


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one file."""

    file_name: str
    path: Path
    source: str
    status: OutcomeStatus
    result: ImportResult | None = None
    reason: Reason | None = None
    #: Why it was not imported, in English (the command line prints it).
    message: str = ""
    agreement: str | None = None
    provider: str | None = None
    confirmations_needed: tuple[Confirmation, ...] = ()
    confirmations_given: tuple[Confirmation, ...] = ()
    #: Imports a refused file partly overlaps.
    conflicts: tuple[CurrentImport, ...] = ()
    audit_entry_id: int | None = None
    #: What the hooks did, one line each; and any hook that failed.
    hook_messages: tuple[str, ...] = ()
    hook_errors: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status in (OutcomeStatus.IMPORTED, OutcomeStatus.ALREADY_IMPORTED)

    def as_dict(self) -> dict[str, Any]:
        """The outcome as JSON-ready data (the command line's ``--json``)."""
        out: dict[str, Any] = {"file": str(self.path), "status": self.status.value}
        if self.result is not None:
            result = self.result.as_dict()
            result.pop("status")
            out.update(result)
        if self.message:
            out["error"] = self.message
        if self.reason is not None:
            out["reason"] = self.reason.value
        out["agreement"] = self.agreement
        out["provider"] = self.provider
        if self.confirmations_needed:
            out["confirmations_needed"] = [_confirmation_dict(c) for c in self.confirmations_needed]
        if self.confirmations_given:
            out["confirmations_given"] = [c.kind.value for c in self.confirmations_given]
        if self.conflicts:
            out["conflicts"] = [asdict(c) for c in self.conflicts]
        out["audit_entry_id"] = self.audit_entry_id
        out["hook_messages"] = list(self.hook_messages)
        if self.hook_errors:
            out["hook_errors"] = list(self.hook_errors)
        return out


def _confirmation_dict(confirmation: Confirmation) -> dict[str, Any]:
    return {**asdict(confirmation), "kind": confirmation.kind.value}


class Refusal(Exception):  # noqa: N818 - a refusal, not an error of the program
    """A file is not imported; raised inside the pipeline, returned as an outcome."""

    def __init__(
        self,
        status: OutcomeStatus,
        reason: Reason,
        message: str,
        confirmations: tuple[Confirmation, ...] = (),
        conflicts: tuple[CurrentImport, ...] = (),
    ) -> None:
        super().__init__(message)
        self.status = status
        self.reason = reason
        self.message = message
        self.confirmations = confirmations
        self.conflicts = conflicts


def check_agreement(
    source: str,
    reference: str | None,
    provider: str | None,
    agreements: Sequence[Agreement],
    day: dt.date,
) -> Agreement | None:
    """The agreement a file of ``source`` from ``provider`` comes under, checked.

    Open police.uk data needs none (one named is checked all the same). Anything
    else needs a Data Disclosure Agreement in force on ``day`` that covers the
    source and names the provider among its disclosing parties.

    Raises
    ------
    Refusal
        Saying what is missing or wrong.
    """
    refused = OutcomeStatus.REFUSED
    if not reference:
        if source in OPEN_SOURCES:
            return None
        raise Refusal(
            refused,
            Reason.AGREEMENT_NEEDED,
            f"{source} data is not open: name the data-sharing agreement it came under",
        )
    found = next((a for a in agreements if a.reference == reference), None)
    if found is None:
        raise Refusal(
            refused, Reason.AGREEMENT_UNKNOWN, f"there is no agreement with reference {reference}"
        )
    if found.kind is not AgreementKind.DISCLOSURE:
        raise Refusal(
            refused,
            Reason.AGREEMENT_NOT_DISCLOSURE,
            f"{reference} is an Information Sharing Protocol: name the Data Disclosure "
            "Agreement made under it",
        )
    status = found.status_on(day)
    if status is not AgreementStatus.ACTIVE:
        raise Refusal(
            refused,
            Reason.AGREEMENT_NOT_IN_FORCE,
            f"{reference} is not in force on {day} ({status.value}), so no data can come under it",
        )
    if source not in found.sources:
        raise Refusal(
            refused,
            Reason.AGREEMENT_NOT_COVERING,
            f"{reference} does not cover {source} data (it covers "
            f"{', '.join(sorted(found.sources)) or 'nothing'})",
        )
    parties = ", ".join(sorted(found.disclosing_parties)) or "none"
    if not provider:
        raise Refusal(
            refused,
            Reason.PROVIDER_NEEDED,
            f"name the organisation that disclosed the file under {reference} "
            f"(its disclosing parties: {parties})",
        )
    if provider not in found.disclosing_parties:
        raise Refusal(
            refused,
            Reason.PROVIDER_NOT_DISCLOSING,
            f"{provider} is not a disclosing party of {reference} (its disclosing "
            f"parties: {parties})",
        )
    return found


def ingest_batch(
    warehouse: Warehouse,
    geography: Geography,
    files: Iterable[IngestFile],
    services: Services,
    actor: str,
    channel: str,
    options: IngestOptions | None = None,
) -> list[IngestOutcome]:
    """Import ``files`` (see the module notes); one outcome per file, in order.

    ``actor`` is who imports (a username), ``channel`` where from (``cli``, ``site``).
    A refused or failed file writes nothing to the warehouse and does not stop
    the others.

    Raises
    ------
    Exception
        Whatever the audit trail raises when it cannot record an entry (the
        file's import is then rolled back); a hook's failure is reported in the
        outcome instead, since its import is committed.
    """
    options = options or IngestOptions()
    threshold = (
        options.shrink_threshold
        if options.shrink_threshold is not None
        else load_settings().ingest_shrink_threshold
    )
    batch = _Batch(
        warehouse,
        geography,
        services,
        actor,
        services.organisation_of(actor),
        channel,
        options,
        threshold,
        options.today or dt.date.today(),
    )
    outcomes: list[IngestOutcome] = []
    with batch.stack:
        for group in _groups(files):
            if len(group) > 1:
                outcomes.extend(batch.bulk(group))
            else:
                outcomes.append(batch.one(group[0]))
    # The writes are done and the connection closed: the hooks read the warehouse freely.
    return [_run_hooks(o, services) if o.status is OutcomeStatus.IMPORTED else o for o in outcomes]


#: Most bytes of files read together (their text is held in memory while they are).
BULK_BYTES = 128 << 20


def _groups(files: Iterable[IngestFile]) -> Iterator[list[IngestFile]]:
    """The files in order, in groups to read together: runs of files of one source
    and mapping whose parser reads many at once (``read_bulk``), up to
    :data:`BULK_BYTES`; every other file alone."""
    group: list[IngestFile] = []
    size = 0
    for file in files:
        if getattr(file.parse, "read_bulk", None) is None:
            if group:
                yield group
            group, size = [], 0
            yield [file]
            continue
        try:
            length = file.path.stat().st_size
        except OSError:
            length = 0
        first = group[0] if group else None
        if first is not None and (
            (file.parse, file.source, file.mapping) != (first.parse, first.source, first.mapping)
            or size + length > BULK_BYTES
        ):
            yield group
            group, size = [], 0
        group.append(file)
        size += length
    if group:
        yield group


class _Batch:
    """One call of :func:`ingest_batch`: what every file's import needs, and the one
    warehouse connection (opened at the first write, closed at the end)."""

    def __init__(
        self,
        warehouse: Warehouse,
        geography: Geography,
        services: Services,
        actor: str,
        actor_organisation: str | None,
        channel: str,
        options: IngestOptions,
        threshold: float,
        day: dt.date,
    ) -> None:
        self.warehouse = warehouse
        self.geography = geography
        self.services = services
        self.actor = actor
        self.actor_organisation = actor_organisation
        self.channel = channel
        self.options = options
        self.threshold = threshold
        self.day = day
        self.stack = ExitStack()
        self.con: duckdb.DuckDBPyConnection | None = None
        self.agreements: Sequence[Agreement] | None = None

    def connection(self) -> duckdb.DuckDBPyConnection:
        if self.con is None:
            self.con = self.stack.enter_context(self.warehouse.connect())
        return self.con

    def base(self, file: IngestFile) -> IngestOutcome:
        provider = self.options.provider
        if provider is None and (self.options.agreement or file.source not in OPEN_SOURCES):
            provider = self.actor_organisation
        return IngestOutcome(
            file_name=file.display_name,
            path=file.path,
            source=file.source,
            status=OutcomeStatus.FAILED,
            agreement=self.options.agreement,
            provider=provider,
        )

    def check(self, file: IngestFile, base: IngestOutcome) -> None:
        """The agreement check (raises :class:`Refusal`)."""
        if self.agreements is None and (self.options.agreement or file.source not in OPEN_SOURCES):
            self.agreements = tuple(self.services.agreements())
        check_agreement(
            file.source, self.options.agreement, base.provider, self.agreements or (), self.day
        )

    def one(self, file: IngestFile) -> IngestOutcome:
        """Import one file alone: agreement, parse, write, audit."""
        base = self.base(file)
        try:
            self.check(file, base)
            parsed = _parse(file, self.geography, self.options.agreement)
            repeats = repeated_rows(parsed.rows)
            outcome = _write(
                self.warehouse,
                self.geography,
                self.connection(),
                file,
                parsed,
                base,
                repeats,
                self.threshold,
                self.options,
                self.services,
                self.actor,
                self.actor_organisation,
                self.channel,
            )
        except Refusal as refusal:
            outcome = _refused(base, refusal)
        except WarehouseBusyError as exc:
            outcome = replace(base, reason=Reason.WAREHOUSE_BUSY, message=str(exc))
        if not outcome.ok:
            outcome = self.audit_refusal(outcome)
        return outcome

    def audit_refusal(self, outcome: IngestOutcome) -> IngestOutcome:
        return _audit_refusal(
            outcome, self.services, self.actor, self.actor_organisation, self.channel
        )

    def bulk(self, group: list[IngestFile]) -> list[IngestOutcome]:
        """Import a group of files read together (``read_bulk``), in order, each its own
        import with the outcome and audit entry it would have alone.

        The files the bulk reading leaves out, and those refused before reading, are
        imported alone in their turn; the others are written in runs
        (:func:`~diogel.warehouse.imports.import_bulk`), a run ending before a file
        that overlaps one in it (same supplier), so each file's supersession is
        decided as it would be alone.
        """
        bases = [self.base(f) for f in group]
        refusals: dict[int, Refusal] = {}
        for k, (file, base) in enumerate(zip(group, bases, strict=True)):
            try:
                self.check(file, base)
            except Refusal as refusal:
                refusals[k] = refusal
        readable = [k for k in range(len(group)) if k not in refusals]
        read_bulk = group[0].parse.read_bulk  # type: ignore[attr-defined]
        read = BulkRead([], [])
        found: dict[int, tuple[int, ParsedFile, int]] = {}
        try:
            con = self.connection()
        except WarehouseBusyError:
            return [self.one(f) for f in group]  # each file alone says so, in its turn
        with bulk_threads(con):
            try:
                read = read_bulk(
                    [(group[k].path, group[k].display_name) for k in readable],
                    self.geography,
                    con,
                )
                found = {
                    k: (j, parsed, read.accepted[j])
                    for j, k in enumerate(readable)
                    if (parsed := read.parsed[j]) is not None and parsed.source == group[k].source
                }
            except duckdb.Error:
                log.exception("reading %d files together failed: each is read alone", len(group))
            try:
                return self.import_group(group, bases, refusals, found, read)
            finally:
                for table in read.temporary:
                    con.execute(f"drop table if exists {table}")

    def import_group(
        self,
        group: list[IngestFile],
        bases: list[IngestOutcome],
        refusals: dict[int, Refusal],
        found: dict[int, tuple[int, ParsedFile, int]],
        read: BulkRead,
    ) -> list[IngestOutcome]:
        """Each file of a group in order: those read together in runs, the others alone."""
        outcomes: list[IngestOutcome] = []
        run: list[tuple[int, int, ParsedFile, int]] = []
        for k, file in enumerate(group):
            if k in found:
                j, parsed, accepted = found[k]
                if any(_overlap(parsed, other) for _, _, other, _ in run):
                    outcomes.extend(self.write_run(group, bases, run, read))
                    run = []
                run.append((k, j, parsed, accepted))
                continue
            outcomes.extend(self.write_run(group, bases, run, read))
            run = []
            if k in refusals:
                outcomes.append(self.audit_refusal(_refused(bases[k], refusals[k])))
            else:
                outcomes.append(self.one(file))
        outcomes.extend(self.write_run(group, bases, run, read))
        return outcomes

    def write_run(
        self,
        group: list[IngestFile],
        bases: list[IngestOutcome],
        run: list[tuple[int, int, ParsedFile, int]],
        read: BulkRead,
    ) -> list[IngestOutcome]:
        """Write a run of files read together, in one transaction, auditing each."""
        if not run:
            return []
        files = [
            BulkFile(j, parsed, accepted, sha256_of(group[k].path), group[k].display_name)
            for k, j, parsed, accepted in run
        ]
        given: list[list[Confirmation]] = [[] for _ in run]
        deciders = [
            # The bulk reading leaves out any file whose rows could repeat: 1 block.
            _decider(group[k], parsed, accepted, 1, self.threshold, self.options, given[i])
            for i, (k, _, parsed, accepted) in enumerate(run)
        ]
        outcomes: list[IngestOutcome] = []

        def audit(i: int, result: ImportResult | Exception) -> None:
            # Inside the run's transaction, in file order: if the trail cannot record an
            # import, it and the files after it are not written.
            base = bases[run[i][0]]
            if isinstance(result, Refusal):
                outcomes.append(self.audit_refusal(_refused(base, result)))
                return
            if isinstance(result, Exception):
                raise result
            done = result.status == "already_imported"
            confirmations = () if done else tuple(given[i])
            entry = _append(
                self.services,
                self.actor,
                self.actor_organisation,
                self.channel,
                "import",
                f"import {result.import_id}",
                _detail(base, result, confirmations),
                base.agreement,
            )
            outcomes.append(
                replace(
                    base,
                    status=OutcomeStatus.ALREADY_IMPORTED if done else OutcomeStatus.IMPORTED,
                    result=result,
                    confirmations_given=confirmations,
                    audit_entry_id=entry,
                )
            )

        import_bulk(
            self.connection(),
            files,
            read,
            self.geography,
            imported_by=self.actor,
            decide=lambda i, current: deciders[i](current),
            before_commit=audit,
            agreement=self.options.agreement,
            mapping=group[0].mapping,
            provider=bases[run[0][0]].provider,
        )
        return outcomes


def _overlap(a: ParsedFile, b: ParsedFile) -> bool:
    """Whether two files are of one source and supplier and their periods overlap."""
    return (a.source, a.supplier) == (b.source, b.supplier) and overlaps(
        a.period_start, a.period_end, b.period_start, b.period_end
    )


def _refused(base: IngestOutcome, refusal: Refusal) -> IngestOutcome:
    return replace(
        base,
        status=refusal.status,
        reason=refusal.reason,
        message=refusal.message,
        confirmations_needed=refusal.confirmations,
        conflicts=refusal.conflicts,
    )


def _parse(file: IngestFile, geography: Geography, agreement: str | None) -> ParsedFile:
    """Read and check the file; refuse it with the adapter's one clear message."""
    try:
        parsed = file.parse(file.path, file.display_name, geography, agreement)
    except SupplierMismatchError as exc:
        raise Refusal(OutcomeStatus.FAILED, Reason.SUPPLIER_MISMATCH, str(exc)) from exc
    except BadFileError as exc:
        raise Refusal(OutcomeStatus.FAILED, Reason.BAD_FILE, str(exc)) from exc
    if parsed.source != file.source:
        # The agreement was checked for the declared source: never write another.
        raise Refusal(
            OutcomeStatus.FAILED,
            Reason.WRONG_SOURCE,
            f"{file.display_name} was sent as {file.source} data but reads as {parsed.source}",
        )
    return parsed


def _write(
    warehouse: Warehouse,
    geography: Geography,
    con: duckdb.DuckDBPyConnection,
    file: IngestFile,
    parsed: ParsedFile,
    base: IngestOutcome,
    repeats: int,
    threshold: float,
    options: IngestOptions,
    services: Services,
    actor: str,
    actor_organisation: str | None,
    channel: str,
) -> IngestOutcome:
    """Decide supersession inside the import's transaction, write, and audit."""
    given: list[Confirmation] = []
    decide = _decider(file, parsed, len(parsed.rows), repeats, threshold, options, given)

    entry_ids: list[int] = []

    def audit(result: ImportResult) -> None:
        # Inside the import's transaction: if the trail cannot record it, nothing is written.
        entry_ids.append(
            _append(
                services,
                actor,
                actor_organisation,
                channel,
                "import",
                f"import {result.import_id}",
                _detail(base, result, tuple(given)),
                base.agreement,
            )
        )

    result = import_parsed(
        warehouse,
        parsed,
        file.path,
        geography,
        imported_by=actor,
        agreement=base.agreement,
        mapping=file.mapping,
        file_name=file.display_name,
        provider=base.provider,
        con=con,
        decide=decide,
        before_commit=audit,
    )
    if result.status == "already_imported":
        # Nothing written: its one audit entry says the file was sent again.
        entry_ids.append(
            _append(
                services,
                actor,
                actor_organisation,
                channel,
                "import",
                f"import {result.import_id}",
                _detail(base, result, ()),
                base.agreement,
            )
        )
        return replace(
            base,
            status=OutcomeStatus.ALREADY_IMPORTED,
            result=result,
            audit_entry_id=entry_ids[-1],
        )
    return replace(
        base,
        status=OutcomeStatus.IMPORTED,
        result=result,
        confirmations_given=tuple(given),
        audit_entry_id=entry_ids[-1],
    )


def _decider(
    file: IngestFile,
    parsed: ParsedFile,
    new_rows: int,
    repeats: int,
    threshold: float,
    options: IngestOptions,
    given: list[Confirmation],
) -> Callable[[Sequence[CurrentImport]], list[int]]:
    """What ``file`` replaces among the current imports overlapping it (supersession),
    or a refusal (partial overlap, a confirmation needed); the confirmations it was
    given are added to ``given``."""

    def decide(current: Sequence[CurrentImport]) -> list[int]:
        plan = plan_supersession(parsed.period_start, parsed.period_end, current)
        if plan.refused:
            raise Refusal(
                OutcomeStatus.REFUSED,
                Reason.PARTIAL_OVERLAP,
                f"{file.display_name} ({parsed.period_start} to {parsed.period_end}) partly "
                "overlaps " + ", ".join(c.describe() for c in plan.conflicts) + ", which "
                "would be counted twice or lose the rest of its period: send a file for the "
                "whole period of each (it then replaces them), or reinstate the import that "
                "covered it (diogel imports reinstate ID)",
                conflicts=plan.conflicts,
            )
        needed: list[Confirmation] = []
        if repeats >= 2:
            block = new_rows // repeats
            needed.append(
                Confirmation(
                    ConfirmationKind.REPEATED,
                    f"its {new_rows:,} rows are one block of {block:,} rows repeated "
                    f"{repeats} times",
                    new_rows=new_rows,
                    repeats=repeats,
                    block_rows=block,
                )
            )
        if shrinks(new_rows, plan.replaced_rows, threshold):
            needed.append(
                Confirmation(
                    ConfirmationKind.SHRINK,
                    f"{new_rows:,} rows would replace {plan.replaced_rows:,} ("
                    + ", ".join(c.describe() for c in plan.replaces)
                    + ")",
                    new_rows=new_rows,
                    replaced_rows=plan.replaced_rows,
                )
            )
        confirmed = {
            ConfirmationKind.SHRINK: options.confirm_shrink,
            ConfirmationKind.REPEATED: options.confirm_repeated,
        }
        missing = tuple(c for c in needed if not confirmed[c.kind])
        if missing:
            raise Refusal(
                OutcomeStatus.NEEDS_CONFIRMATION,
                Reason.CONFIRMATION_NEEDED,
                f"{file.display_name} needs confirming: "
                + "; ".join(c.message for c in missing)
                + " (confirm with "
                + " and ".join(f"--confirm-{c.kind.value}" for c in missing)
                + ")",
                confirmations=missing,
            )
        given.extend(needed)
        return [c.import_id for c in plan.replaces]

    return decide


def _detail(
    base: IngestOutcome, result: ImportResult | None, given: tuple[Confirmation, ...]
) -> str:
    """The audit entry's detail: JSON, so file names with spaces stay unambiguous."""
    detail: dict[str, Any] = {"file": base.file_name, "source": base.source}
    if result is not None:
        detail |= {
            "sha256": result.sha256,
            "status": result.status,
            "existing_status": result.existing_status,
            "period": f"{result.period_start}..{result.period_end}",
            "rows_read": result.rows_read,
            "rows_accepted": result.rows_accepted,
            "rows_rejected": result.rows_rejected,
            "superseded": list(result.superseded),
            "confirmations": [c.kind.value for c in given],
        }
    else:
        detail |= {
            "sha256": _sha_or_none(base.path),
            "status": base.status.value,
            "reason": base.reason.value if base.reason else None,
            "message": base.message,
        }
    detail["provider"] = base.provider
    return json.dumps(detail, sort_keys=True, default=str)


def _sha_or_none(path: Path) -> str | None:
    try:
        return sha256_of(path)
    except OSError:
        return None


def _audit_refusal(
    outcome: IngestOutcome,
    services: Services,
    actor: str,
    actor_organisation: str | None,
    channel: str,
) -> IngestOutcome:
    entry = _append(
        services,
        actor,
        actor_organisation,
        channel,
        "import_refused",
        f"file {outcome.file_name}",
        _detail(outcome, None, ()),
        outcome.agreement,
    )
    return replace(outcome, audit_entry_id=entry)


def _append(
    services: Services,
    actor: str,
    organisation: str | None,
    channel: str,
    action: str,
    target: str,
    detail: str,
    agreement: str | None,
) -> int:
    entry = services.audit.append(
        AuditRecord(
            actor=actor,
            action=action,
            target=target,
            detail=detail,
            organisation=organisation or "",
            agreement=agreement or "",
            channel=channel,
        )
    )
    return entry.entry_id


def _run_hooks(outcome: IngestOutcome, services: Services) -> IngestOutcome:
    """Each after-import hook, once; a failing hook is reported, never undoes the import."""
    assert outcome.result is not None
    messages: list[str] = []
    errors: list[str] = []
    for hook in services.after_import:
        name = getattr(hook, "__name__", repr(hook))
        try:
            messages.extend(hook(outcome.result))
        except Exception as exc:  # the import is committed: report the hook's failure, go on
            log.exception("after-import hook %s failed for import %s", name, outcome.result)
            errors.append(f"{name}: {exc}")
    return replace(outcome, hook_messages=tuple(messages), hook_errors=tuple(errors))


# ---- reinstating -----------------------------------------------------------------------


@dataclass(frozen=True)
class ReinstateOutcome:
    """An import made current again, and the imports it replaced."""

    result: ImportResult
    #: The imports that were current for its period and are now superseded by it.
    replaced: tuple[int, ...]
    audit_entry_id: int
    hook_messages: tuple[str, ...] = ()
    hook_errors: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.result.as_dict(),
            "replaced": list(self.replaced),
            "audit_entry_id": self.audit_entry_id,
            "hook_messages": list(self.hook_messages),
            "hook_errors": list(self.hook_errors),
        }


def reinstate_import(
    warehouse: Warehouse,
    import_id: int,
    services: Services,
    actor: str,
    channel: str,
    reason: str,
) -> ReinstateOutcome:
    """Make a superseded import current again, replacing the imports now current for
    its period (one transaction, one audit entry ``reinstate``), then run the hooks.

    Raises
    ------
    ReinstateError
        When there is no such import, it is current already, it was purged (its
        records are gone), or an import now current only partly overlaps its period.
    """
    if not reason.strip():
        raise ReinstateError("give the reason for reinstating (it is recorded)")
    organisation = services.organisation_of(actor)
    entry_ids: list[int] = []

    def audit(result: ImportResult) -> None:
        detail = json.dumps(
            {
                "file": result.file_name,
                "sha256": result.sha256,
                "period": f"{result.period_start}..{result.period_end}",
                "rows_accepted": result.rows_accepted,
                "superseded": list(result.superseded),
                "reason": reason.strip(),
            },
            sort_keys=True,
        )
        entry_ids.append(
            _append(
                services,
                actor,
                organisation,
                channel,
                "reinstate",
                f"import {import_id}",
                detail,
                None,
            )
        )

    with warehouse.connect() as con:
        period = _period_of(con, import_id)

        def decide(current: Sequence[CurrentImport]) -> list[int]:
            # The same rule as a new file: it replaces what lies wholly inside its period.
            plan = plan_supersession(*period, current)
            if plan.refused:
                raise ReinstateError(
                    f"import {import_id} partly overlaps "
                    + ", ".join(c.describe() for c in plan.conflicts)
                    + ": reinstating it would count that period twice or lose the rest of "
                    "theirs"
                )
            return [c.import_id for c in plan.replaces]

        result = reinstate(con, import_id, decide=decide, before_commit=audit)
    outcome = ReinstateOutcome(result, result.superseded, entry_ids[-1])
    hooked = _run_hooks(
        IngestOutcome(
            result.file_name, Path(result.file_name), result.source, OutcomeStatus.IMPORTED, result
        ),
        services,
    )
    return replace(outcome, hook_messages=hooked.hook_messages, hook_errors=hooked.hook_errors)


def _period_of(con: duckdb.DuckDBPyConnection, import_id: int) -> tuple[dt.date, dt.date]:
    row = con.execute(
        "select period_start, period_end from imports where import_id = ?", [import_id]
    ).fetchone()
    if row is None:
        raise ReinstateError(f"there is no import {import_id}")
    return row[0], row[1]
