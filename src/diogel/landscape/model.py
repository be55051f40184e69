"""The landscape's records: organisations, boards, seats, people, memberships, tracker.

Every record carries at least one :class:`Source`: the seed document it was
transcribed from and a short quotation or section, so that anyone can check the
register against the documents. Dates are *partial* ISO dates (``"2015"``,
``"2020-01"``, ``"2020-06-15"``) because the documents often give only a year or a
month; partial dates of the same form sort correctly as text.

Examples
--------
>>> src = (Source("004_5becc42a489959b5.txt", "Mandatory attendees"),)
>>> seat = Seat("acc", "Police – Assistant Chief Constable", "gwent-police", True, src)
>>> seat.mandatory
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

from diogel.landscape.vocab import BoardLevel, BoardType, Status, Theme


@dataclass(frozen=True)
class Source:
    """Where an entry comes from: a seed file and a quotation or section of it."""

    document: str
    quote: str
    section: str = ""
    date: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "document": self.document,
            "section": self.section,
            "quote": self.quote,
            "date": self.date,
        }


@dataclass(frozen=True)
class Organisation:
    """A body that sends people to boards (police force, council, health board, ...)."""

    code: str
    name_en: str
    name_cy: str | None
    kind: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class StatusChange:
    """A dated step in a board's history (``date`` None when the seed gives no date)."""

    status: Status
    date: str | None
    note: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class MandatoryAgendaItem:
    """An item every meeting of the board must take, in the order given."""

    code: str
    title_en: str
    title_cy: str | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Seat:
    """A place on a board, by role; ``holders`` > 1 where one line stands for several."""

    code: str
    role: str
    organisation: str | None
    mandatory: bool
    sources: tuple[Source, ...]
    holders: int = 1
    note: str = ""


@dataclass(frozen=True)
class Board:
    """A board, group or partnership in the landscape.

    ``count`` is how many bodies the entry stands for: 1 for a named board, more
    for a group the seed counts but does not name ("the existing nine"), None when
    the seed speaks of several without a number ("duplicative local structures at
    county level"). ``footprint`` holds area codes (``W92000004`` Wales, ``W15...``
    police force areas, ``W06...`` local authorities, footprint codes such as
    ``region-gwent``); empty when the seed does not say.
    """

    code: str
    name_en: str
    name_cy: str | None
    type: BoardType
    level: BoardLevel
    themes: tuple[Theme, ...]
    footprint: tuple[str, ...]
    sources: tuple[Source, ...]
    statutory_basis: str | None = None
    purpose: str | None = None
    parent: str | None = None
    escalates_to: tuple[str, ...] = ()
    chair_role: str | None = None
    meetings_per_year: int | None = None
    back_to_back_with: tuple[str, ...] = ()
    replaced_by: str | None = None
    count: int | None = 1
    status_history: tuple[StatusChange, ...] = ()
    seats: tuple[Seat, ...] = ()
    mandatory_agenda: tuple[MandatoryAgendaItem, ...] = ()
    member_organisations: tuple[str, ...] = ()

    @property
    def status(self) -> Status:
        """The latest status recorded (ACTIVE when there is no history)."""
        return self.status_history[-1].status if self.status_history else Status.ACTIVE

    @property
    def escalation_route(self) -> tuple[str, ...]:
        """Where the board takes what it cannot resolve: its escalation lines, else its parent."""
        if self.escalates_to:
            return self.escalates_to
        return (self.parent,) if self.parent else ()

    @property
    def organisations(self) -> frozenset[str]:
        """Every organisation with a seat or named as a member."""
        seated = {s.organisation for s in self.seats if s.organisation}
        return frozenset(seated | set(self.member_organisations))

    def seat(self, code: str) -> Seat:
        for seat in self.seats:
            if seat.code == code:
                return seat
        raise KeyError(f"board {self.code!r} has no seat {code!r}")


@dataclass(frozen=True)
class Person:
    """A public office holder a seed names, with the office as that document gives it."""

    code: str
    name: str
    office: str
    as_of: str | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Membership:
    """A person filling a seat (``board/seat``), over dates where known."""

    person: str
    board: str
    seat: str
    sources: tuple[Source, ...]
    as_of: str | None = None
    start: str | None = None
    end: str | None = None
    deputy: bool = False


@dataclass(frozen=True)
class TrackerAction:
    text: str
    owner: str | None


@dataclass(frozen=True)
class TrackerEntry:
    """One region's row of the quarterly rationalisation tracker (Annex E) for one quarter."""

    region: str
    quarter: str
    current_position: str | None
    actions: tuple[TrackerAction, ...]
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Document:
    """A seed document entries cite."""

    file: str
    title: str
    date: str | None


@dataclass(frozen=True)
class Landscape:
    """The whole register, as loaded and validated by :func:`diogel.landscape.load_landscape`."""

    documents: tuple[Document, ...]
    organisations: tuple[Organisation, ...]
    boards: tuple[Board, ...]
    people: tuple[Person, ...]
    memberships: tuple[Membership, ...]
    tracker: tuple[TrackerEntry, ...]
    area_names: dict[str, str] = field(default_factory=dict, compare=False)

    def board(self, code: str) -> Board:
        for board in self.boards:
            if board.code == code:
                return board
        raise KeyError(f"no board {code!r}")

    def organisation(self, code: str) -> Organisation:
        for organisation in self.organisations:
            if organisation.code == code:
                return organisation
        raise KeyError(f"no organisation {code!r}")

    def person(self, code: str) -> Person:
        for person in self.people:
            if person.code == code:
                return person
        raise KeyError(f"no person {code!r}")

    def memberships_of(self, person: str) -> list[Membership]:
        return [m for m in self.memberships if m.person == person]
