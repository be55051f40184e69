"""The API's use of the one access policy, decided exactly as the pages decide.

Aggregates: every source a query reads must allow aggregates at the query's
level and at the level of the area it is limited to (an LSOA ``within`` makes a
small-area answer even when grouped by local authority). Records: a signed-in
caller (token or session) sees only the rows its organisation's record scope
covers: those each disclosing party supplied under a record-level agreement in
force naming the organisation, the source and the stated purpose.
"""

from __future__ import annotations

from ninja.errors import AuthenticationError, HttpError

from diogel.figures import FigureQuery
from diogel.figures.query import sources_in
from diogel.governance import RecordScope, aggregates_allowed
from diogel.warehouse import Warehouse
from diogel.web.agreements.access import access_for, record_scope_for
from diogel.web.api.auth import Caller


class RefusedError(HttpError):
    """The access policy says no; the message says why (403)."""

    def __init__(self, message: str) -> None:
        super().__init__(403, message)


def check_aggregates(
    caller: Caller, warehouse: Warehouse, query: FigureQuery, purpose: str | None
) -> None:
    """Raise :class:`RefusedError` unless every source read may be shown at these levels."""
    levels = [query.level] + ([query.within.level] if query.within is not None else [])
    for source in sorted(sources_in(warehouse, query.source)):
        decision = access_for(caller.user, source, purpose)
        for level in levels:
            if not aggregates_allowed(decision, level):
                raise RefusedError(
                    f"aggregates of {source} for {level.value} areas need an agreement in force "
                    f"granting your organisation at least aggregates ({decision.reason}); "
                    "ask for local authority or larger areas, or name an open source "
                    "such as police_uk_street"
                )


def records_scope(caller: Caller, source: str, purpose: str) -> RecordScope:
    """The rows this caller may see at record level (possibly none), or an error for an
    anonymous caller.

    Anonymous callers are refused even for open sources: every record-level
    response is audited, and an audit entry names a person.
    """
    if caller.anonymous:
        raise AuthenticationError(
            401, "record-level data needs a token (Authorization: Bearer) or a signed-in session"
        )
    return record_scope_for(caller.user, source, purpose)
