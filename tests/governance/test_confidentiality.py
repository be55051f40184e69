"""The confidentiality rule, against an independent statement of it: who is in each
level's audience, and when a seat held over partial dates is held."""

from __future__ import annotations

import calendar
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from diogel.governance.confidentiality import (
    Confidentiality,
    Publication,
    Viewer,
    holds_now,
    may_publish,
    may_see,
    within,
)

viewers = st.builds(
    Viewer,
    signed_in=st.booleans(),
    administrator=st.booleans(),
    keeper=st.booleans(),
    maker=st.booleans(),
    board_member=st.booleans(),
    named=st.booleans(),
)


def audience(viewer: Viewer) -> set[Confidentiality]:
    """The levels of published items a viewer is in the audience of (the issue's words)."""
    levels = {Confidentiality.PUBLIC}
    if viewer.signed_in:
        levels.add(Confidentiality.PARTNERS)  # any signed-in partner account
        if viewer.board_member:
            levels.add(Confidentiality.BOARD_MEMBERS)
        if viewer.named:
            levels.add(Confidentiality.NAMED)
    return levels


def writes_drafts(viewer: Viewer) -> bool:
    return viewer.administrator or viewer.keeper or viewer.maker


@given(viewers, st.sampled_from(Confidentiality), st.sampled_from(Publication))
def test_may_see_follows_the_audiences(
    viewer: Viewer, level: Confidentiality, state: Publication
) -> None:
    if writes_drafts(viewer):
        expected = True
    elif state is Publication.PUBLISHED:
        expected = level in audience(viewer)
    else:
        expected = False  # drafts and withdrawn items are for their writers only
    assert may_see(viewer, level, state) is expected


@given(viewers)
def test_only_keepers_and_administrators_publish(viewer: Viewer) -> None:
    assert may_publish(viewer) is (viewer.keeper or viewer.administrator)


@given(viewers, st.sampled_from(Confidentiality), st.sampled_from(Publication))
def test_whoever_publishes_sees(viewer: Viewer, level: Confidentiality, state: Publication) -> None:
    if may_publish(viewer):
        assert may_see(viewer, level, state)


def test_a_board_member_does_not_see_a_named_item_unless_named() -> None:
    member = Viewer(signed_in=True, board_member=True)
    assert not may_see(member, Confidentiality.NAMED, Publication.PUBLISHED)
    assert may_see(Viewer(signed_in=True, named=True), Confidentiality.NAMED, Publication.PUBLISHED)
    # Being named is no use to someone not signed in.
    assert not may_see(Viewer(named=True), Confidentiality.NAMED, Publication.PUBLISHED)


def _span(partial: str) -> tuple[dt.date, dt.date]:
    """The first and last day a partial ISO date ("2021", "2021-05", "2021-05-10") covers."""
    parts = [int(p) for p in partial.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last)
    day = dt.date(*parts)
    return day, day


days = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31))


def partial(day: dt.date, precision: int) -> str:
    return day.isoformat()[: (4, 7, 10)[precision]]


@given(
    days,
    st.one_of(st.none(), st.tuples(days, st.integers(0, 2))),
    st.one_of(st.none(), st.tuples(days, st.integers(0, 2))),
)
def test_a_seat_is_held_between_the_first_day_of_its_start_and_the_last_of_its_end(
    today: dt.date,
    start: tuple[dt.date, int] | None,
    end: tuple[dt.date, int] | None,
) -> None:
    start_text = partial(*start) if start else ""
    end_text = partial(*end) if end else ""
    first = _span(start_text)[0] if start_text else dt.date.min
    last = _span(end_text)[1] if end_text else dt.date.max
    assert holds_now(start_text, end_text, today) is (first <= today <= last)


@given(st.frozensets(st.sampled_from("abcdef")), st.frozensets(st.sampled_from("abcdef")))
def test_an_area_is_within_a_footprint_holding_all_its_authorities(
    area: frozenset[str], footprint: frozenset[str]
) -> None:
    assert within(area, footprint) is (len(area) > 0 and all(a in footprint for a in area))
