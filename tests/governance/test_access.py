"""The access policy: record-level data only under an agreement in force, and only
what its disclosing parties supplied under it.

The properties below are checked against the real policy and, to show they can
fail, against deliberately broken ones (forgetting expiry and revocation; ignoring
the provider).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from diogel.governance import (
    Agreement,
    AgreementStatus,
    DataLevel,
    RecordGrant,
    RecordScope,
    covers,
    decide_access,
    record_scope,
)
from diogel.governance.access import AccessDecision
from diogel.governance.agreements import AgreementKind

ORGS = ["gwent-police", "newport-council", "aneurin-bevan-uhb", "wast"]
PROVIDERS = ["aneurin-bevan-uhb", "cardiff-and-vale-uhb", "gwent-police"]
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
        "disclosing_parties": frozenset({"aneurin-bevan-uhb"}),
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
        # Names no disclosing party: it discloses nobody's records, so aggregates at most.
        (dda(disclosing_parties=frozenset()), "gwent-police", DataLevel.AGGREGATE),
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
    disclosing_parties=st.frozensets(st.sampled_from(PROVIDERS)),
)
#: Disclosure agreements in force over most of the days drawn, so that grants (and the
#: cases a broken rule gets wrong) are common rather than rare.
in_force_ddas = st.builds(
    Agreement,
    reference=st.sampled_from(["A", "B", "C"]),
    kind=st.just(AgreementKind.DISCLOSURE),
    status=st.just(AgreementStatus.ACTIVE),
    parties=st.frozensets(st.sampled_from(ORGS), min_size=1),
    sources=st.frozensets(st.sampled_from(SOURCES), min_size=1),
    purposes=st.frozensets(st.sampled_from(PURPOSES), min_size=1),
    level=st.sampled_from(DataLevel),
    starts=st.dates(dt.date(2024, 1, 1), dt.date(2024, 6, 1)),
    ends=st.none() | st.dates(dt.date(2027, 6, 1), dt.date(2028, 1, 1)),
    disclosing_parties=st.frozensets(st.sampled_from(PROVIDERS)),
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


#: Showing that a broken rule fails needs a counterexample, not the smallest one.
NO_SHRINKING = (Phase.explicit, Phase.reuse, Phase.generate)


def check_policy(policy: Policy, phases: tuple[Phase, ...] = tuple(Phase)) -> None:
    @settings(max_examples=300, deadline=None, phases=phases)
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
        check_policy(careless, NO_SHRINKING)


# --- record scope --------------------------------------------------------------------


def in_force(agreement: Agreement, day: dt.date) -> bool:
    return (
        agreement.status is AgreementStatus.ACTIVE
        and agreement.starts <= day
        and (agreement.ends is None or day <= agreement.ends)
    )


def expected_grants(
    agreements: list[Agreement], org: str | None, source: str, purpose: str | None, day: dt.date
) -> set[tuple[str, str, DataLevel]]:
    """The rule, written independently: (agreement, provider, level) for each disclosing
    party of each record-level disclosure agreement in force naming the organisation as
    receiving, the source and the purpose."""
    found: set[tuple[str, str, DataLevel]] = set()
    for a in agreements:
        if a.kind is not AgreementKind.DISCLOSURE or not in_force(a, day):
            continue
        if org is None or org not in a.parties or not purpose or purpose not in a.purposes:
            continue
        if source not in a.sources or a.level < DataLevel.PSEUDONYMISED:
            continue
        found.update((a.reference, provider, a.level) for provider in a.disclosing_parties)
    return found


ScopeRule = Callable[[list[Agreement], str | None, str, str | None, dt.date], RecordScope]


def check_scope(rule: ScopeRule, phases: tuple[Phase, ...] = tuple(Phase)) -> None:
    @settings(max_examples=300, deadline=None, phases=phases)
    @given(
        st.lists(agreements | in_force_ddas, max_size=4),
        st.none() | st.sampled_from(ORGS),
        st.sampled_from(SOURCES),
        st.none() | st.sampled_from(PURPOSES),
        st.dates(dt.date(2024, 1, 1), dt.date(2028, 1, 1)),
        st.none() | st.text(min_size=1, max_size=5),
        st.none() | st.sampled_from(PROVIDERS),
    )
    def scope_is_exactly_the_rule(
        found: list[Agreement],
        org: str | None,
        source: str,
        purpose: str | None,
        day: dt.date,
        agreement: str | None,
        provider: str | None,
    ) -> None:
        scope = rule(found, org, source, purpose, day)
        want = expected_grants(found, org, source, purpose, day)
        assert not scope.open
        assert {(g.agreement, g.provider, g.level) for g in scope.grants} == want
        # Any import's rows: covered exactly when some grant names its agreement and provider.
        for ref, prov in [(agreement, provider), *((g[0], g[1]) for g in want)]:
            assert covers(scope, ref, prov) == any((r, p) == (ref, prov) for r, p, _ in want)
        assert scope.record_level == bool(want)
        # The aggregate policy agrees on whether any records may be shown at all.
        if org is not None and purpose:
            assert decide_access(found, org, source, purpose, day).record_level == bool(want)

    scope_is_exactly_the_rule()


def test_record_scope_is_exactly_the_rule() -> None:
    check_scope(record_scope)


def test_the_property_catches_a_scope_that_ignores_the_provider() -> None:
    def careless(
        found: list[Agreement], org: str | None, source: str, purpose: str | None, day: dt.date
    ) -> RecordScope:
        everyone = frozenset(PROVIDERS)
        return record_scope(
            [dataclasses.replace(a, disclosing_parties=everyone) for a in found],
            org,
            source,
            purpose,
            day,
        )

    with pytest.raises(AssertionError):
        check_scope(careless, NO_SHRINKING)


def test_open_data_is_covered_whole_and_a_scope_never_reaches_another_source() -> None:
    scope = record_scope([], None, "police_uk_street", None, DAY)
    assert scope.open
    assert covers(scope, None, None)
    assert scope.level is DataLevel.PERSONAL
    ed = record_scope([dda()], "gwent-police", "istv", "violence-prevention", DAY)
    assert ed.source == "istv"
    assert ed.grants == frozenset({RecordGrant("DDA-ISTV-1", "aneurin-bevan-uhb", ed.level)})
    assert not record_scope([dda()], "gwent-police", "ambulance", "violence-prevention", DAY).grants


def test_each_grant_keeps_its_own_level() -> None:
    both = [
        dda(reference="P", level=DataLevel.PERSONAL),
        dda(reference="S", disclosing_parties=frozenset({"cardiff-and-vale-uhb"})),
    ]
    scope = record_scope(both, "gwent-police", "istv", "violence-prevention", DAY)
    assert scope.level is DataLevel.PERSONAL
    assert scope.level_for("P", "aneurin-bevan-uhb") is DataLevel.PERSONAL
    assert scope.level_for("S", "cardiff-and-vale-uhb") is DataLevel.PSEUDONYMISED
    assert scope.level_for("S", "aneurin-bevan-uhb") is DataLevel.NONE
    assert scope.agreements == ("P", "S")
