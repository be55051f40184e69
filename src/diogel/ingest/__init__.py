"""The one import pipeline (:mod:`diogel.ingest.service`) and its supersession rules
(:mod:`diogel.ingest.supersession`): the command line, the site and the demo import
through :func:`ingest_batch` and reinstate through :func:`reinstate_import`."""

from diogel.ingest.service import (
    Confirmation,
    ConfirmationKind,
    IngestFile,
    IngestOptions,
    IngestOutcome,
    OutcomeStatus,
    Parser,
    Reason,
    Refusal,
    ReinstateOutcome,
    check_agreement,
    ingest_batch,
    reinstate_import,
)

__all__ = [
    "Confirmation",
    "ConfirmationKind",
    "IngestFile",
    "IngestOptions",
    "IngestOutcome",
    "OutcomeStatus",
    "Parser",
    "Reason",
    "Refusal",
    "ReinstateOutcome",
    "check_agreement",
    "ingest_batch",
    "reinstate_import",
]
