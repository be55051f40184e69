"""The landscape as a network: boards, the organisations that sit on them, and named people.

Nodes are boards, organisations and people, with ids namespaced by kind
(``board:gwent-csp-oversight-group``, ``organisation:gwent-police``,
``person:reg-kilpatrick``). Edges always run from an organisation or a person to a
board:

* ``seat``: the organisation holds one or more seats on the board. Several seats of
  one organisation on one board make one edge, mandatory if any of them is, its
  label listing the roles in the board's order.
* ``member``: the board names the organisation as a member but the register holds
  no seat for it (an organisation with both has only its ``seat`` edge).
* ``membership``: a named person fills a seat on the board (one edge per person and
  board, mandatory if any seat they fill is, the label listing the roles).

A seat with no organisation ("CSP Chairs or Deputies – one from each CSP") has no
edge, because there is no organisation to draw it from. People are linked to
boards only: :class:`~diogel.landscape.model.Person` records the office as the
document words it, not the organisation it belongs to, so there are no
person–organisation edges (a seat's organisation is who the *seat* is for, not
the person's employer: the Police and Crime Commissioner for South Wales holds the
Policing in Wales seat).

Which boards are drawn is :func:`select_boards`: active boards only (as in
:func:`~diogel.landscape.analysis.overlap.active_boards`) unless
``include_inactive``, and, for a region, the boards whose footprint meets it.

Examples
--------
>>> from diogel.landscape import load_landscape
>>> network = landscape_network(load_landscape(), region="W15000003")
>>> group = "board:gwent-csp-oversight-group"
>>> sum(e.mandatory for e in network.edges if e.target == group)
8
>>> [n.id for n in network.neighbours(group)][:2]
['organisation:gwent-local-authorities', 'organisation:gwent-police']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from diogel.landscape.analysis.overlap import active_boards, people_by_board
from diogel.landscape.areas import AreaIndex
from diogel.landscape.model import Board, Landscape
from diogel.landscape.vocab import BoardLevel

NodeKind = Literal["board", "organisation", "person"]
EdgeKind = Literal["seat", "membership", "member"]

#: Boards are listed national first, then regional, then local.
LEVEL_ORDER = {BoardLevel.NATIONAL: 0, BoardLevel.REGIONAL: 1, BoardLevel.LOCAL: 2}


@dataclass(frozen=True)
class Node:
    """A board, organisation or person; ``id`` is ``kind:code``."""

    id: str
    kind: NodeKind
    code: str
    label_en: str
    label_cy: str | None

    def label(self, lang: str = "en") -> str:
        """The Welsh label when ``lang`` is ``"cy"`` and there is one, else the English."""
        return self.label_cy if lang == "cy" and self.label_cy else self.label_en

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "code": self.code,
            "label_en": self.label_en,
            "label_cy": self.label_cy,
        }


@dataclass(frozen=True)
class Edge:
    """A link from an organisation or a person (``source``) to a board (``target``)."""

    source: str
    target: str
    kind: EdgeKind
    mandatory: bool
    label: str

    def as_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "target": self.target,
            "kind": self.kind,
            "mandatory": self.mandatory,
            "label": self.label,
        }


def node_id(kind: NodeKind, code: str) -> str:
    """The namespaced id of a node: ``node_id("board", "csp-newport") == "board:csp-newport"``."""
    return f"{kind}:{code}"


@dataclass(frozen=True)
class Network:
    """Nodes (boards, then organisations, then people) and the edges between them."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    def node(self, id: str) -> Node:
        for node in self.nodes:
            if node.id == id:
                return node
        raise KeyError(f"no node {id!r} in this network")

    def of_kind(self, kind: NodeKind) -> tuple[Node, ...]:
        return tuple(n for n in self.nodes if n.kind == kind)

    def neighbours(self, id: str) -> tuple[Node, ...]:
        """The nodes linked to ``id`` by an edge, in the network's node order."""
        self.node(id)
        linked = {e.target for e in self.edges if e.source == id}
        linked |= {e.source for e in self.edges if e.target == id}
        return tuple(n for n in self.nodes if n.id in linked)

    def subnetwork(self, board_codes: Iterable[str]) -> Network:
        """Those boards, every organisation and person linked to them, and those links.

        Raises
        ------
        KeyError
            When a code is not a board of this network.
        """
        wanted = {node_id("board", code) for code in board_codes}
        for id in sorted(wanted):
            self.node(id)
        edges = tuple(e for e in self.edges if e.target in wanted)
        keep = wanted | {e.source for e in edges}
        return Network(tuple(n for n in self.nodes if n.id in keep), edges)

    def counts(self) -> dict[str, int]:
        return {
            "boards": len(self.of_kind("board")),
            "organisations": len(self.of_kind("organisation")),
            "people": len(self.of_kind("person")),
            "edges": len(self.edges),
        }

    def as_dict(self) -> dict[str, object]:
        return {
            "counts": self.counts(),
            "nodes": [n.as_dict() for n in self.nodes],
            "edges": [e.as_dict() for e in self.edges],
        }


def board_order(board: Board) -> tuple[int, str, str]:
    """Sort key: national, regional, local, then by English name."""
    return (LEVEL_ORDER[board.level], board.name_en.casefold(), board.code)


def select_boards(
    landscape: Landscape,
    *,
    region: str | None = None,
    include_inactive: bool = False,
    areas: AreaIndex | None = None,
) -> list[Board]:
    """The boards a network or matrix is drawn from, national first then by name.

    Without ``region``, every active board (every board with ``include_inactive``).
    With ``region`` (any area code of :class:`~diogel.landscape.areas.AreaIndex`), a
    regional or local board is in when its footprint shares a local authority with
    the region. A national board's footprint (Wales) meets every region, so it is in
    only when its footprint lies within the region (``region="W92000004"``) or it
    shares an organisation or a named person with a regional or local board that is
    in. A board with no footprint stated is in no region.

    Raises
    ------
    KeyError
        When ``region`` is not a known area code.

    Examples
    --------
    >>> from diogel.landscape import load_landscape
    >>> codes = [b.code for b in select_boards(load_landscape(), region="W15000003")]
    >>> "gwent-psb" in codes, "north-wales-safer-communities-board" in codes
    (True, False)
    >>> "safer-gwent" in codes  # replaced, so inactive
    False
    """
    pool = list(landscape.boards) if include_inactive else active_boards(landscape)
    if region is not None:
        areas = areas or AreaIndex.default()
        if region not in areas:
            raise KeyError(f"unknown area code {region!r}")
        ground = areas.local_authorities(region)
        covers = {b.code: areas.cover(b.footprint) for b in pool}
        inside = [b for b in pool if b.level != BoardLevel.NATIONAL and covers[b.code] & ground]
        people = people_by_board(landscape)
        orgs = set().union(*(b.organisations for b in inside))
        named = set().union(*(people.get(b.code, set()) for b in inside))
        chosen = {b.code for b in inside} | {
            b.code
            for b in pool
            if b.level == BoardLevel.NATIONAL
            and covers[b.code]
            and (
                covers[b.code] <= ground
                or b.organisations & orgs
                or people.get(b.code, set()) & named
            )
        }
        pool = [b for b in pool if b.code in chosen]
    return sorted(pool, key=board_order)


def _roles(roles: list[str]) -> str:
    return "; ".join(dict.fromkeys(roles))


def network_from_boards(landscape: Landscape, boards: Iterable[Board]) -> Network:
    """The network of the given boards and of the organisations and people linked to them."""
    boards = sorted(boards, key=board_order)
    codes = {b.code for b in boards}
    edges: list[Edge] = []
    organisations: set[str] = set()
    for board in boards:
        target = node_id("board", board.code)
        seats: dict[str, list[tuple[str, bool]]] = {}
        for seat in board.seats:
            if seat.organisation:
                seats.setdefault(seat.organisation, []).append((seat.role, seat.mandatory))
        for org, held in seats.items():
            edges.append(
                Edge(
                    node_id("organisation", org),
                    target,
                    "seat",
                    any(m for _, m in held),
                    _roles([r for r, _ in held]),
                )
            )
        for org in dict.fromkeys(board.member_organisations):
            if org not in seats:
                edges.append(Edge(node_id("organisation", org), target, "member", False, "member"))
        organisations |= set(seats) | set(board.member_organisations)
    filled: dict[tuple[str, str], list[tuple[str, bool, bool]]] = {}
    for m in landscape.memberships:
        if m.board in codes:
            seat = landscape.board(m.board).seat(m.seat)
            filled.setdefault((m.person, m.board), []).append((seat.role, seat.mandatory, m.deputy))
    for (person, board_code), places in filled.items():
        roles = [f"{r} (deputy)" if deputy else r for r, _, deputy in places]
        edges.append(
            Edge(
                node_id("person", person),
                node_id("board", board_code),
                "membership",
                any(m for _, m, _ in places),
                _roles(roles),
            )
        )
    people = {person for person, _ in filled}
    nodes = [Node(node_id("board", b.code), "board", b.code, b.name_en, b.name_cy) for b in boards]
    nodes += sorted(
        (
            Node(node_id("organisation", o.code), "organisation", o.code, o.name_en, o.name_cy)
            for o in landscape.organisations
            if o.code in organisations
        ),
        key=lambda n: (n.label_en.casefold(), n.code),
    )
    nodes += sorted(
        (
            Node(node_id("person", p.code), "person", p.code, p.name, None)
            for p in landscape.people
            if p.code in people
        ),
        key=lambda n: (n.label_en.casefold(), n.code),
    )
    return Network(tuple(nodes), tuple(sorted(edges, key=lambda e: (e.source, e.target))))


def landscape_network(
    landscape: Landscape,
    *,
    region: str | None = None,
    include_inactive: bool = False,
    areas: AreaIndex | None = None,
) -> Network:
    """The network of boards, organisations and people (see the module's description).

    ``region`` and ``include_inactive`` choose the boards as :func:`select_boards`
    does; ``areas`` defaults to :meth:`AreaIndex.default` (pass the site's, built
    from its footprints file, when it has one).

    Raises
    ------
    KeyError
        When ``region`` is not a known area code.

    Examples
    --------
    >>> from diogel.landscape import load_landscape
    >>> landscape = load_landscape()
    >>> landscape_network(landscape).counts()["people"]
    2
    >>> landscape_network(landscape, include_inactive=True).counts()["people"]
    10
    """
    boards = select_boards(landscape, region=region, include_inactive=include_inactive, areas=areas)
    return network_from_boards(landscape, boards)
