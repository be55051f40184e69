"""Read and validate a landscape file (TOML).

The shipped file, ``data/wales_landscape.toml``, transcribes the Welsh landscape the
seed documents describe; a user points ``DIOGEL_LANDSCAPE_FILE`` at their own copy.
Validation collects every problem before failing, and each message names the file,
the entry and the field, so a secretariat editing the file can fix it in one pass.

Examples
--------
>>> text = '''
... [[document]]
... file = "004_gwent.txt"
... title = "Gwent PSB paper"
... [[board]]
... code = "oversight"
... name_en = "Gwent CSP oversight group"
... type = "oversight-group"
... level = "regional"
... themes = ["community-safety"]
... footprint = ["W15000003"]
... parent = "psb"
... source = { document = "004", quote = "A new group will be established" }
... '''
>>> try:
...     parse_landscape(tomllib.loads(text), "example.toml")
... except LandscapeError as exc:
...     print(exc)
example.toml: 1 problem
  board 'oversight', field 'parent': no board 'psb'
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from diogel.landscape.areas import AreaIndex
from diogel.landscape.fields import FieldReader
from diogel.landscape.model import (
    Board,
    Landscape,
    MandatoryAgendaItem,
    Membership,
    Organisation,
    Person,
    Seat,
    StatusChange,
    TrackerAction,
    TrackerEntry,
)
from diogel.landscape.vocab import BoardLevel, BoardType, Status, Theme


class LandscapeError(ValueError):
    """A landscape file that cannot be used; ``problems`` lists every message."""

    def __init__(self, where: str, problems: list[str]) -> None:
        self.where = where
        self.problems = problems
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(
            f"{where}: {len(problems)} {noun}\n" + "\n".join(f"  {p}" for p in problems)
        )


def default_landscape_path() -> Path:
    """The shipped Welsh landscape."""
    return Path(str(resources.files("diogel.landscape") / "data" / "wales_landscape.toml"))


def load_landscape(
    path: Path | None = None,
    footprints_file: Path | None = None,
    areas: AreaIndex | None = None,
) -> Landscape:
    """Read and validate ``path`` (default: the shipped Welsh landscape).

    Raises
    ------
    LandscapeError
        Listing every problem found, each naming the entry and the field.
    """
    path = path or default_landscape_path()
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise LandscapeError(str(path), ["file not found"]) from exc
    except tomllib.TOMLDecodeError as exc:
        raise LandscapeError(str(path), [f"not valid TOML ({exc})"]) from exc
    return parse_landscape(document, str(path), areas or AreaIndex.default(footprints_file))


class _Parser(FieldReader):
    def __init__(self, areas: AreaIndex) -> None:
        super().__init__()
        self.areas = areas

    def footprint(self, raw: Mapping[str, Any], entry: str) -> tuple[str, ...]:
        codes = self.str_list(raw, "footprint", entry)
        for code in codes:
            if code not in self.areas:
                self.problem(entry, "footprint", f"unknown area code {code!r}")
        return tuple(c for c in codes if c in self.areas)

    # ---- entries ----

    def organisation(self, raw: Mapping[str, Any], number: int) -> Organisation:
        code, entry = self.code(raw, "organisation", number)
        self.unknown_keys(raw, {"code", "name_en", "name_cy", "kind", "source", "sources"}, entry)
        return Organisation(
            code,
            self.text(raw, "name_en", entry),
            self.optional_text(raw, "name_cy", entry),
            self.text(raw, "kind", entry),
            self.sources(raw, entry),
        )

    def board(self, raw: Mapping[str, Any], number: int) -> Board:
        code, entry = self.code(raw, "board", number)
        self.unknown_keys(raw, _BOARD_KEYS, entry)
        themes = tuple(
            t
            for t in (
                self.enum(Theme, v, entry, "themes", "theme")
                for v in self.str_list(raw, "themes", entry)
            )
            if t is not None
        )
        if "themes" not in raw:
            self.problem(entry, "themes", "missing")
        elif raw["themes"] == []:
            self.problem(entry, "themes", "at least one theme")
        meetings = raw.get("meetings_per_year")
        if meetings is not None and (not isinstance(meetings, int) or meetings < 1):
            self.problem(entry, "meetings_per_year", "a whole number of at least 1 (or leave out)")
            meetings = None
        count = raw.get("count", 1)
        if count == "unknown":
            count = None
        elif not isinstance(count, int) or count < 1:
            self.problem(entry, "count", 'a whole number of at least 1, or "unknown"')
            count = 1
        return Board(
            code=code,
            name_en=self.text(raw, "name_en", entry),
            name_cy=self.optional_text(raw, "name_cy", entry),
            type=self.enum(BoardType, raw.get("type"), entry, "type", "board type")
            or BoardType.CSP,
            level=self.enum(BoardLevel, raw.get("level"), entry, "level", "level")
            or BoardLevel.LOCAL,
            themes=themes,
            footprint=self.footprint(raw, entry),
            sources=self.sources(raw, entry),
            statutory_basis=self.optional_text(raw, "statutory_basis", entry),
            purpose=self.optional_text(raw, "purpose", entry),
            parent=self.optional_text(raw, "parent", entry),
            escalates_to=self.str_list(raw, "escalates_to", entry),
            chair_role=self.optional_text(raw, "chair_role", entry),
            meetings_per_year=meetings,
            back_to_back_with=self.str_list(raw, "back_to_back_with", entry),
            replaced_by=self.optional_text(raw, "replaced_by", entry),
            count=count,
            status_history=tuple(
                self.status(s, f"{entry} status {i}")
                for i, s in enumerate(self.table_list(raw, "status", entry), 1)
            ),
            seats=tuple(
                self.seat(s, i, entry) for i, s in enumerate(self.table_list(raw, "seat", entry), 1)
            ),
            mandatory_agenda=tuple(
                self.agenda_item(a, i, entry)
                for i, a in enumerate(self.table_list(raw, "agenda", entry), 1)
            ),
            member_organisations=self.str_list(raw, "member_organisations", entry),
        )

    def status(self, raw: Mapping[str, Any], entry: str) -> StatusChange:
        self.unknown_keys(raw, {"status", "date", "note", "source", "sources"}, entry)
        return StatusChange(
            self.enum(Status, raw.get("status"), entry, "status", "status") or Status.ACTIVE,
            self.date(raw, "date", entry),
            self.text(raw, "note", entry, required=False),
            self.sources(raw, entry),
        )

    def seat(self, raw: Mapping[str, Any], number: int, board_entry: str) -> Seat:
        code, entry = self.code(raw, "seat", number)
        entry = f"{board_entry} {entry}"
        keys = {"code", "role", "organisation", "mandatory", "holders", "note", "source", "sources"}
        self.unknown_keys(raw, keys, entry)
        mandatory = raw.get("mandatory", False)
        if not isinstance(mandatory, bool):
            self.problem(entry, "mandatory", "true or false")
            mandatory = False
        holders = raw.get("holders", 1)
        if not isinstance(holders, int) or holders < 1:
            self.problem(entry, "holders", "a whole number of at least 1")
            holders = 1
        return Seat(
            code,
            self.text(raw, "role", entry),
            self.optional_text(raw, "organisation", entry),
            mandatory,
            self.sources(raw, entry),
            holders,
            self.text(raw, "note", entry, required=False),
        )

    def agenda_item(
        self, raw: Mapping[str, Any], number: int, board_entry: str
    ) -> MandatoryAgendaItem:
        code, entry = self.code(raw, "agenda item", number)
        entry = f"{board_entry} {entry}"
        self.unknown_keys(raw, {"code", "title_en", "title_cy", "source", "sources"}, entry)
        return MandatoryAgendaItem(
            code,
            self.text(raw, "title_en", entry),
            self.optional_text(raw, "title_cy", entry),
            self.sources(raw, entry),
        )

    def person(self, raw: Mapping[str, Any], number: int) -> Person:
        code, entry = self.code(raw, "person", number)
        self.unknown_keys(raw, {"code", "name", "office", "as_of", "source", "sources"}, entry)
        as_of = self.date(raw, "as_of", entry)
        if as_of is None:
            # Names are only held as a document gives them, so each must be dated to it.
            self.problem(entry, "as_of", "missing: date a named person to the document")
        return Person(
            code,
            self.text(raw, "name", entry),
            self.text(raw, "office", entry),
            as_of,
            self.sources(raw, entry),
        )

    def membership(self, raw: Mapping[str, Any], number: int) -> Membership:
        entry = f"membership {number}"
        keys = {"person", "board", "seat", "as_of", "start", "end", "deputy", "source", "sources"}
        self.unknown_keys(raw, keys, entry)
        deputy = raw.get("deputy", False)
        if not isinstance(deputy, bool):
            self.problem(entry, "deputy", "true or false")
            deputy = False
        return Membership(
            self.text(raw, "person", entry),
            self.text(raw, "board", entry),
            self.text(raw, "seat", entry),
            self.sources(raw, entry),
            self.date(raw, "as_of", entry),
            self.date(raw, "start", entry),
            self.date(raw, "end", entry),
            deputy,
        )

    def tracker(self, raw: Mapping[str, Any], number: int) -> TrackerEntry:
        region = self.text(raw, "region", f"tracker {number}")
        quarter = self.date(raw, "quarter", f"tracker {number}") or ""
        entry = f"tracker {region} {quarter}"
        self.unknown_keys(
            raw, {"region", "quarter", "current_position", "action", "source", "sources"}, entry
        )
        if region and region not in self.areas:
            self.problem(entry, "region", f"unknown area code {region!r}")
        if not quarter:
            self.problem(entry, "quarter", "missing (a month such as 2020-01)")
        actions = []
        for i, action in enumerate(self.table_list(raw, "action", entry), 1):
            where = f"{entry} action {i}"
            self.unknown_keys(action, {"text", "owner"}, where)
            actions.append(
                TrackerAction(
                    self.text(action, "text", where), self.optional_text(action, "owner", where)
                )
            )
        return TrackerEntry(
            region,
            quarter,
            self.optional_text(raw, "current_position", entry),
            tuple(actions),
            self.sources(raw, entry),
        )


_BOARD_KEYS = {
    "code", "name_en", "name_cy", "type", "level", "themes", "footprint", "source", "sources",
    "statutory_basis", "purpose", "parent", "escalates_to", "chair_role", "meetings_per_year",
    "back_to_back_with", "replaced_by", "count", "status", "seat", "agenda",
    "member_organisations",
}  # fmt: skip


def parse_landscape(
    document: Mapping[str, Any], where: str, areas: AreaIndex | None = None
) -> Landscape:
    """Validate a parsed TOML document and build the :class:`Landscape`.

    Raises
    ------
    LandscapeError
        Listing every problem found.
    """
    p = _Parser(areas or AreaIndex.default())
    tops = {"document", "organisation", "board", "person", "membership", "tracker"}
    p.top_level(document, tops)
    p.declare_documents(p.table_list(document, "document", "top level"))

    def each(key: str, build: Callable[[Mapping[str, Any], int], Any]) -> list[Any]:
        return [build(raw, i) for i, raw in enumerate(p.table_list(document, key, "top level"), 1)]

    organisations: list[Organisation] = each("organisation", p.organisation)
    boards: list[Board] = each("board", p.board)
    people: list[Person] = each("person", p.person)
    memberships: list[Membership] = each("membership", p.membership)
    tracker: list[TrackerEntry] = each("tracker", p.tracker)
    _check_references(p, organisations, boards, people, memberships)
    if p.problems:
        raise LandscapeError(where, p.problems)
    return Landscape(
        tuple(p.documents.values()),
        tuple(organisations),
        tuple(boards),
        tuple(people),
        tuple(memberships),
        tuple(tracker),
        dict(p.areas.names),
    )


def _check_references(
    p: _Parser,
    organisations: list[Organisation],
    boards: list[Board],
    people: list[Person],
    memberships: list[Membership],
) -> None:
    p.duplicates("organisation", [o.code for o in organisations])
    p.duplicates("board", [b.code for b in boards])
    p.duplicates("person", [x.code for x in people])
    orgs = {o.code for o in organisations}
    by_code = {b.code: b for b in boards}
    for board in boards:
        entry = f"board {board.code!r}"
        p.duplicates(f"{entry} seat", [s.code for s in board.seats])
        p.duplicates(f"{entry} agenda item", [a.code for a in board.mandatory_agenda])
        if board.parent is not None and board.parent not in by_code:
            p.problem(entry, "parent", f"no board {board.parent!r}")
        for key, targets in (
            ("escalates_to", board.escalates_to),
            ("back_to_back_with", board.back_to_back_with),
            ("replaced_by", (board.replaced_by,) if board.replaced_by else ()),
        ):
            for target in targets:
                if target not in by_code:
                    p.problem(entry, key, f"no board {target!r}")
                elif target == board.code:
                    p.problem(entry, key, "a board cannot name itself")
        for org in board.member_organisations:
            if org not in orgs:
                p.problem(entry, "member_organisations", f"no organisation {org!r}")
        for seat in board.seats:
            if seat.organisation and seat.organisation not in orgs:
                p.problem(
                    f"{entry} seat {seat.code!r}",
                    "organisation",
                    f"no organisation {seat.organisation!r}",
                )
    for cycle in escalation_cycles(
        {b.code: [t for t in b.escalation_route if t in by_code] for b in boards}
    ):
        p.problem(
            f"board {cycle[0]!r}",
            "escalates_to",
            "cycle in escalation routes: " + " → ".join(cycle),
        )
    persons = {x.code for x in people}
    for i, m in enumerate(memberships, 1):
        entry = f"membership {i}"
        if m.person and m.person not in persons:
            p.problem(entry, "person", f"no person {m.person!r}")
        seated = by_code.get(m.board)
        if m.board and seated is None:
            p.problem(entry, "board", f"no board {m.board!r}")
        elif seated is not None and m.seat and m.seat not in {s.code for s in seated.seats}:
            p.problem(entry, "seat", f"board {m.board!r} has no seat {m.seat!r}")
        if m.start and m.end and m.end < m.start:
            p.problem(entry, "end", f"{m.end} is before start {m.start}")


def escalation_cycles(graph: Mapping[str, list[str]]) -> list[list[str]]:
    """Each cycle in an escalation graph once, as a closed path starting at its least code.

    Examples
    --------
    >>> escalation_cycles({"csp": ["group"], "group": ["psb"], "psb": ["group"]})
    [['group', 'psb', 'group']]
    >>> escalation_cycles({"csp": ["psb"], "psb": []})
    []
    """
    found: set[tuple[str, ...]] = set()
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                loop = path[path.index(nxt) :]
                start = loop.index(min(loop))
                found.add(tuple(loop[start:] + loop[:start]))
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return [[*cycle, cycle[0]] for cycle in sorted(found)]
