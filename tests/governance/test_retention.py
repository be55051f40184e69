"""An import is due for purging only once its agreement's retention has ended."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from diogel.governance.agreements import Agreement, AgreementKind, AgreementStatus, DataLevel
from diogel.governance.retention import ImportHeld, due_for_purge


def dda(
    reference: str, days: int | None, status: AgreementStatus = AgreementStatus.ACTIVE
) -> Agreement:
    return Agreement(
        reference,
        AgreementKind.DISCLOSURE,
        status,
        frozenset({"gwent-police"}),
        frozenset({"youth_justice"}),
        frozenset({"violence-prevention"}),
        DataLevel.PSEUDONYMISED,
        dt.date(2020, 1, 1),
        retention_days=days,
    )


DAY = dt.date(2021, 3, 1)


def test_only_ended_retention_is_due() -> None:
    agreements = {"short": dda("short", 30), "long": dda("long", 365), "open": dda("open", None)}
    held = [
        ImportHeld(1, "short", DAY, "current"),
        ImportHeld(2, "long", DAY, "current"),
        ImportHeld(3, "open", DAY, "current"),
        ImportHeld(4, None, DAY, "current"),  # open data: no agreement
        ImportHeld(5, "short", DAY, "purged"),
        ImportHeld(6, "gone", DAY, "superseded"),
    ]
    due, unknown = due_for_purge(held, agreements, DAY + dt.timedelta(days=31))
    assert [d.import_id for d in due] == [1]
    assert due[0].retention_ends == DAY + dt.timedelta(days=30)
    assert [u.import_id for u in unknown] == [6]


def test_revocation_alone_does_not_end_retention() -> None:
    agreements = {"r": dda("r", 365, AgreementStatus.REVOKED)}
    assert due_for_purge([ImportHeld(1, "r", DAY, "current")], agreements, DAY)[0] == []


@given(days=st.integers(0, 4000), offset=st.integers(-4000, 4000))
def test_never_due_on_or_before_the_last_day(days: int, offset: int) -> None:
    today = DAY + dt.timedelta(days=offset)
    due, _ = due_for_purge([ImportHeld(1, "a", DAY, "current")], {"a": dda("a", days)}, today)
    assert bool(due) == (today > DAY + dt.timedelta(days=days))
