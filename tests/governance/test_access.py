"""The access policy: record-level data only under an agreement in force.

The property below is checked against the real policy and, to show it can fail,
against a deliberately broken one that forgets expiry and revocation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diogel.governance import Agreement, AgreementStatus, DataLevel, decide_access
from diogel.governance.access import AccessDecision
from diogel.governance.agreements import AgreementKind

ORGS = ["gwent-police", "newport-council", "aneurin-bevan-uhb", "wast"]
SOURCES = ["istv", "ambulance", "fire"]
PURPOSES = ["violence-prevention", "safeguarding"]
DAY = dt.date(2026, 6, 1)
Policy = Callable[[Iterable[Agreement], str | None, str, str, dt.date], AccessDecision]


def dda(**changes: object) -> Agreement:
    values: dict[str, object] = {
        "reference": "DDA-ISTV-1",
        "kind": AgreementKind.DISCLOSURE,
        "status": AgreementStatus.ACTIVE,
        "parties": frozenset({"gwent-police"}),
        "sources": frozenset({"istv"}),
        "purposes": frozenset({"violence-prevention"}),
        "level": DataLevel.PSEUDONYMISED,
        "starts": dt.date(2025, 1, 1),
        "ends": dt.date(2026, 12, 31),
    }
    values.update(changes)
    return Agreement(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("agreement", "organisation", "expected"),
    [
        (dda(), "gwent-police", DataLevel.PSEUDONYMISED),
        (dda(level=DataLevel.AGGREGATE), "gwent-police", DataLevel.AGGREGATE),
        (dda(), "newport-council", DataLevel.NONE),  # not a party
        (dda(status=AgreementStatus.REVOKED), "gwent-police", DataLevel.NONE),
        (dda(status=AgreementStatus.DRAFT), "gwent-police", DataLevel.NONE),
        (dda(ends=dt.date(2026, 5, 31)), "gwent-police", DataLevel.NONE),  # expired
        (dda(starts=dt.date(2026, 7, 1)), "gwent-police", DataLevel.NONE),  # not yet
        (dda(purposes=frozenset({"safeguarding"})), "gwent-police", DataLevel.NONE),
        (dda(kind=AgreementKind.PROTOCOL), "gwent-police", DataLevel.NONE),
        (dda(), None, DataLevel.NONE),  # the public
    ],
)
def test_each_agreement_state(
    agreement: Agreement, organisation: str | None, expected: DataLevel
) -> None:
    decision = decide_access([agreement], organisation, "istv", "violence-prevention", DAY)
    assert decision.level == expected
    assert (decision.agreement == agreement.reference) == (expected > DataLevel.NONE)


def test_the_highest_level_in_force_wins_and_open_data_is_open() -> None:
    both = [dda(level=DataLevel.AGGREGATE, reference="A"), dda(reference="B")]
    assert decide_access(both, "gwent-police", "istv", "violence-prevention", DAY).agreement == "B"
    assert decide_access([], None, "police_uk_street", "anything", DAY).record_level


agreements = st.builds(
    Agreement,
    reference=st.text(min_size=1, max_size=5),
    kind=st.sampled_from(AgreementKind),
    status=st.sampled_from(AgreementStatus),
    parties=st.frozensets(st.sampled_from(ORGS)),
    sources=st.frozensets(st.sampled_from(SOURCES)),
    purposes=st.frozensets(st.sampled_from(PURPOSES)),
    level=st.sampled_from(DataLevel),
    starts=st.dates(dt.date(2024, 1, 1), dt.date(2027, 1, 1)),
    ends=st.none() | st.dates(dt.date(2024, 1, 1), dt.date(2028, 1, 1)),
)


def grants(
    agreements: list[Agreement],
    org: str | None,
    source: str,
    purpose: str,
    day: dt.date,
    level: DataLevel,
) -> bool:
    return any(
        a.kind is AgreementKind.DISCLOSURE
        and a.status is AgreementStatus.ACTIVE
        and a.starts <= day
        and (a.ends is None or day <= a.ends)
        and org in a.parties
        and source in a.sources
        and purpose in a.purposes
        and a.level >= level
        for a in agreements
    )


def check_policy(policy: Policy) -> None:
    @settings(max_examples=300, deadline=None)
    @given(
        st.lists(agreements, max_size=4),
        st.none() | st.sampled_from(ORGS),
        st.sampled_from(SOURCES),
        st.sampled_from(PURPOSES),
        st.dates(dt.date(2024, 1, 1), dt.date(2028, 1, 1)),
    )
    def never_more_than_an_agreement_grants(
        found: list[Agreement], org: str | None, source: str, purpose: str, day: dt.date
    ) -> None:
        decision = policy(found, org, source, purpose, day)
        if decision.level > DataLevel.NONE:
            assert grants(found, org, source, purpose, day, decision.level)

    never_more_than_an_agreement_grants()


def test_no_record_level_data_without_an_agreement_in_force() -> None:
    check_policy(decide_access)


def test_the_property_catches_a_policy_that_forgets_expiry_and_revocation() -> None:
    def careless(
        found: Iterable[Agreement], org: str | None, source: str, purpose: str, day: dt.date
    ) -> AccessDecision:
        levels = [
            a.level
            for a in found
            if org in a.parties and source in a.sources and purpose in a.purposes
        ]
        return AccessDecision(max(levels, default=DataLevel.NONE), None, "careless")

    with pytest.raises(AssertionError):
        check_policy(careless)
