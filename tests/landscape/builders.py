"""Small hand-built landscapes for the network and matrix tests."""

from __future__ import annotations

from diogel.landscape.model import (
    Board,
    Landscape,
    Membership,
    Organisation,
    Person,
    Seat,
    Source,
    StatusChange,
)
from diogel.landscape.vocab import BoardLevel, BoardType, Status, Theme

SRC = (Source("004_paper.txt", "a quote"),)


def org(code: str, name: str | None = None, name_cy: str | None = None) -> Organisation:
    return Organisation(code, name or code, name_cy, "policing", SRC)


def seat(code: str, organisation: str | None, mandatory: bool = False) -> Seat:
    return Seat(code, f"Role {code}", organisation, mandatory, SRC)


def board(
    code: str,
    *,
    level: BoardLevel = BoardLevel.LOCAL,
    footprint: tuple[str, ...] = ("W06000022",),
    seats: tuple[Seat, ...] = (),
    members: tuple[str, ...] = (),
    status: Status | None = None,
    meetings: int | None = None,
    name_cy: str | None = None,
) -> Board:
    history = (StatusChange(status, None, "", SRC),) if status else ()
    return Board(
        code,
        f"Board {code}",
        name_cy,
        BoardType.CSP,
        level,
        (Theme.COMMUNITY_SAFETY,),
        footprint,
        SRC,
        meetings_per_year=meetings,
        status_history=history,
        seats=seats,
        member_organisations=members,
    )


def person(code: str) -> Person:
    return Person(code, f"Person {code}", "an office", "2020", SRC)


def membership(person: str, board: str, seat: str, deputy: bool = False) -> Membership:
    return Membership(person, board, seat, SRC, deputy=deputy)


def landscape(
    organisations: list[Organisation],
    boards: list[Board],
    people: list[Person] = [],  # noqa: B006 - never mutated
    memberships: list[Membership] = [],  # noqa: B006
) -> Landscape:
    return Landscape((), tuple(organisations), tuple(boards), tuple(people), tuple(memberships), ())


def tiny() -> Landscape:
    """Two Newport boards, one Gwynedd board, one national board and one closed board.

    ``police`` holds two seats on ``csp`` (one mandatory) and one on ``national``;
    ``council`` one optional seat on ``csp`` and is a member of ``vawdasv``; ``health``
    is a member of ``csp`` besides (a member with a seat elsewhere on the board:
    still one edge) and sits on ``gwynedd``; the ``closed`` board's seat is left out.
    """
    return landscape(
        [
            org("police", "Heddlu & <Police>", "Heddlu"),
            org("council", "Council"),
            org("health", "Health"),
            org("lonely", "Lonely"),
        ],
        [
            board(
                "csp",
                seats=(
                    seat("acc", "police", True),
                    seat("chair", "police"),
                    seat("la", "council"),
                    seat("chairs", None, True),
                ),
                members=("health", "police"),
                meetings=4,
                name_cy="Bwrdd csp",
            ),
            board("vawdasv", members=("council",), meetings=2),
            board("gwynedd", footprint=("W06000002",), seats=(seat("hb", "health", True),)),
            board(
                "national",
                level=BoardLevel.NATIONAL,
                footprint=("W92000004",),
                seats=(seat("pcc", "police"),),
            ),
            board(
                "closed",
                seats=(seat("x", "lonely", True),),
                status=Status.CLOSED,
            ),
        ],
        [person("ann"), person("bob")],
        [
            membership("ann", "csp", "acc"),
            membership("ann", "csp", "chair", deputy=True),
            membership("bob", "closed", "x"),
        ],
    )
