"""The landscape network: nodes, edges, region filter, subnetwork."""

from __future__ import annotations

import itertools
import json
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diogel.landscape import AreaIndex, Landscape, load_landscape
from diogel.landscape.analysis.overlap import active_boards
from diogel.landscape.network import Network, Node, landscape_network, node_id, select_boards
from diogel.landscape.network_svg import COLOURS, layout, network_svg
from diogel.landscape.vocab import BoardLevel, Status
from tests.landscape import builders as b

GROUP = "gwent-csp-oversight-group"


@pytest.fixture(scope="module")
def wales() -> Landscape:
    return load_landscape()


def expected_counts(landscape: Landscape, boards: list[str]) -> dict[str, int]:
    """Counted straight from the model, without the network code."""
    orgs: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for board in landscape.boards:
        if board.code in boards:
            for seat in board.seats:
                if seat.organisation:
                    orgs.add(seat.organisation)
                    pairs.add((seat.organisation, board.code))
            for org in board.member_organisations:
                orgs.add(org)
                pairs.add((org, board.code))
    people = {(m.person, m.board) for m in landscape.memberships if m.board in boards}
    return {
        "boards": len(boards),
        "organisations": len(orgs),
        "people": len({p for p, _ in people}),
        "edges": len(pairs) + len(people),
    }


def assert_well_formed(network: Network) -> None:
    ids = [n.id for n in network.nodes]
    assert len(ids) == len(set(ids))
    assert all(n.id == node_id(n.kind, n.code) for n in network.nodes)
    for edge in network.edges:
        assert edge.source in ids
        assert edge.target in ids
        assert edge.target.startswith("board:")
    pairs = [(e.source, e.target) for e in network.edges]
    assert len(pairs) == len(set(pairs))


@pytest.mark.parametrize("include_inactive", [False, True])
def test_wales_counts_match_the_model(wales: Landscape, include_inactive: bool) -> None:
    network = landscape_network(wales, include_inactive=include_inactive)
    pool = wales.boards if include_inactive else active_boards(wales)
    assert network.counts() == expected_counts(wales, [x.code for x in pool])
    assert_well_formed(network)


def test_wales_network_figures(wales: Landscape) -> None:
    assert landscape_network(wales).counts() == {
        "boards": 40,
        "organisations": 18,
        "people": 2,
        "edges": 33,
    }


def test_gwent_oversight_group_mandatory_seats_are_mandatory_edges(wales: Landscape) -> None:
    group = wales.board(GROUP)
    mandatory = [s for s in group.seats if s.mandatory]
    assert len(mandatory) == 9
    edges = {e.source: e for e in landscape_network(wales).edges if e.target == f"board:{GROUP}"}
    for seat in mandatory:
        if seat.organisation is None:  # CSP chairs: no organisation to draw from
            continue
        edge = edges[f"organisation:{seat.organisation}"]
        assert edge.kind == "seat"
        assert edge.mandatory
        assert seat.role in edge.label
    assert sum(e.mandatory for e in edges.values()) == 8
    # The OPCC's mandatory seat and its chair make one edge listing both roles.
    opcc = edges["organisation:opcc-gwent"]
    assert opcc.label.count(";") == 1
    assert "Chair" in opcc.label


def test_gwent_region_keeps_gwent_drops_north_wales(wales: Landscape) -> None:
    network = landscape_network(wales, region="W15000003")
    codes = {n.code for n in network.of_kind("board")}
    assert {GROUP, "gwent-psb", "csp-newport", "psb-torfaen", "newport-soc-board"} <= codes
    assert not codes & {
        "north-wales-safer-communities-board",
        "gwynedd-ynys-mon-community-safety-board",
        "dyfed-powys-contest-board",
    }
    assert "safer-gwent" not in codes  # replaced
    assert "safer-gwent" in {
        n.code for n in landscape_network(wales, region="W15000003", include_inactive=True).nodes
    }
    areas = AreaIndex.default()
    for board in network.of_kind("board"):
        footprint = wales.board(board.code).footprint
        assert areas.cover(footprint) & areas.local_authorities("W15000003")
    assert network.counts() == expected_counts(wales, sorted(codes))


def test_north_wales_region(wales: Landscape) -> None:
    codes = {n.code for n in landscape_network(wales, region="W15000001").of_kind("board")}
    assert "north-wales-safer-communities-board" in codes
    assert not any(c.startswith("gwent") for c in codes)


def test_unknown_region_is_an_error(wales: Landscape) -> None:
    with pytest.raises(KeyError, match="W99"):
        landscape_network(wales, region="W99")


def test_tiny_network() -> None:
    network = landscape_network(b.tiny())
    assert [n.id for n in network.of_kind("board")] == [
        "board:national",
        "board:csp",
        "board:gwynedd",
        "board:vawdasv",
    ]
    assert {n.code for n in network.of_kind("organisation")} == {"police", "council", "health"}
    assert [n.code for n in network.of_kind("person")] == ["ann"]
    edges = {(e.source, e.target): e for e in network.edges}
    police = edges[("organisation:police", "board:csp")]
    assert (police.kind, police.mandatory, police.label) == ("seat", True, "Role acc; Role chair")
    assert edges[("organisation:health", "board:csp")].kind == "member"
    assert edges[("organisation:council", "board:vawdasv")].kind == "member"
    assert not edges[("organisation:council", "board:csp")].mandatory
    ann = edges[("person:ann", "board:csp")]
    assert (ann.kind, ann.mandatory, ann.label) == (
        "membership",
        True,
        "Role acc; Role chair (deputy)",
    )
    assert len(network.edges) == 7
    assert_well_formed(network)


def test_tiny_regions() -> None:
    tiny = b.tiny()
    newport = {b.code for b in select_boards(tiny, region="W06000022")}
    # The national board shares the police with the Newport CSP.
    assert newport == {"csp", "vawdasv", "national"}
    gwynedd = {b.code for b in select_boards(tiny, region="W06000002")}
    # The national board shares nobody with the Gwynedd board.
    assert gwynedd == {"gwynedd"}
    wales = {b.code for b in select_boards(tiny, region="W92000004")}
    assert wales == {"csp", "vawdasv", "national", "gwynedd"}


def test_neighbours_and_subnetwork() -> None:
    network = landscape_network(b.tiny())
    assert [n.id for n in network.neighbours("organisation:police")] == [
        "board:national",
        "board:csp",
    ]
    assert {n.id for n in network.neighbours("board:csp")} == {
        "organisation:police",
        "organisation:council",
        "organisation:health",
        "person:ann",
    }
    sub = network.subnetwork(["vawdasv", "gwynedd"])
    assert {n.id for n in sub.nodes} == {
        "board:vawdasv",
        "board:gwynedd",
        "organisation:council",
        "organisation:health",
    }
    assert len(sub.edges) == 2
    assert_well_formed(sub)
    with pytest.raises(KeyError):
        network.subnetwork(["closed"])
    with pytest.raises(KeyError):
        network.neighbours("board:nope")


def test_as_dict_is_json(wales: Landscape) -> None:
    data = json.loads(json.dumps(landscape_network(wales).as_dict()))
    assert data["counts"]["edges"] == len(data["edges"])
    assert data["nodes"][0].keys() == {"id", "kind", "code", "label_en", "label_cy"}
    assert data["edges"][0].keys() == {"source", "target", "kind", "mandatory", "label"}


@st.composite
def landscapes(draw: st.DrawFn) -> Landscape:
    org_codes = [f"o{i}" for i in range(draw(st.integers(0, 5)))]
    orgs = st.sampled_from(org_codes) if org_codes else st.nothing()
    boards = []
    for i in range(draw(st.integers(0, 5))):
        seats = tuple(
            b.seat(f"s{j}", draw(st.none() | orgs), draw(st.booleans()))
            for j in range(draw(st.integers(0, 4)))
        )
        boards.append(
            b.board(
                f"b{i}",
                level=draw(st.sampled_from(list(BoardLevel))),
                footprint=draw(st.sampled_from([(), ("W06000022",), ("W92000004",)])),
                seats=seats,
                members=tuple(draw(st.lists(orgs, max_size=3 if org_codes else 0))),
                status=draw(st.none() | st.sampled_from(list(Status))),
            )
        )
    people = [b.person(f"p{i}") for i in range(draw(st.integers(0, 3)))]
    memberships = []
    for board in boards:
        for s in board.seats:
            if people and draw(st.booleans()):  # type: ignore[arg-type]
                memberships.append(
                    b.membership(draw(st.sampled_from(people)).code, board.code, s.code)
                )
    return b.landscape([b.org(c) for c in org_codes], boards, people, memberships)


@settings(max_examples=150, deadline=None)
@given(
    landscapes(),
    st.booleans(),
    st.sampled_from([None, "W06000022", "W92000004", "W06000002"]),
)
def test_random_networks_are_well_formed(
    landscape: Landscape, include_inactive: bool, region: str | None
) -> None:
    network = landscape_network(landscape, include_inactive=include_inactive, region=region)
    assert_well_formed(network)
    boards = [n.code for n in network.of_kind("board")]
    assert network.counts() == expected_counts(landscape, boards)
    assert_well_formed(network.subnetwork(boards[:2]))


# ---- the SVG drawing ----

SVG = "{http://www.w3.org/2000/svg}"


def link_to(node: Node) -> str:
    return f"/en/{node.kind}/{node.code}/?a=1&b=2"


def text_of(root: ET.Element, tag: str) -> str:
    found = root.find(f"{SVG}{tag}")
    assert found is not None
    assert found.text is not None
    return found.text


def test_svg_parses_with_title_desc_and_one_link_per_node(wales: Landscape) -> None:
    network = landscape_network(wales, include_inactive=True)
    svg = network_svg(network, title="Wales & <all>", href=link_to)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert text_of(root, "title") == "Wales & <all>"
    desc = text_of(root, "desc")
    counts = network.counts()
    assert desc == (
        f"{counts['boards']} boards, {counts['organisations']} organisations, "
        f"{counts['people']} people, {counts['edges']} links."
    )
    anchors = root.findall(f".//{SVG}a")
    assert len(anchors) == len(network.nodes)
    assert sorted(a.get("href") or "" for a in anchors) == sorted(
        link_to(n) or "" for n in network.nodes
    )
    assert all(a.get("aria-label") for a in anchors)
    labels = {a.get("aria-label") for a in anchors}
    assert f"Board: {wales.board(GROUP).name_en}" in labels
    assert "Person: Reg Kilpatrick" in labels
    assert root.get("role") == "group"  # links inside an img would be hidden
    assert "<script" not in svg
    paths = root.findall(f".//{SVG}path")
    assert len(paths) == len(network.edges)
    mandatory = sum(e.mandatory for e in network.edges)
    assert sum(p.get("stroke-dasharray") is None for p in paths) == mandatory


def test_svg_without_links_is_an_image(wales: Landscape) -> None:
    svg = network_svg(landscape_network(wales), title="Wales")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "network-title network-desc"
    assert not root.findall(f".//{SVG}a")


def test_svg_escapes_labels_and_some_nodes_without_links() -> None:
    network = landscape_network(b.tiny())
    svg = network_svg(network, title="t", href=lambda n: None if n.kind == "person" else link_to(n))
    assert "Heddlu &amp; &lt;Police&gt;" in svg
    assert "Heddlu & <Police>" not in svg
    root = ET.fromstring(svg)
    assert len(root.findall(f".//{SVG}a")) == len(network.nodes) - 1
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Heddlu & <Police>" in texts
    assert "a=1&b=2" in (next(iter(root.iter(f"{SVG}a"))).get("href") or "")


def test_svg_welsh_labels_and_lang() -> None:
    network = landscape_network(b.tiny())
    root = ET.fromstring(network_svg(network, lang="cy", title="Rhwydwaith"))
    assert root.get("lang") == "cy"
    texts = {t.text: t.get("lang") for t in root.iter(f"{SVG}text")}
    assert texts["Heddlu"] is None  # the organisation's Welsh name
    assert texts["Bwrdd csp"] is None
    assert texts["Council"] == "en"  # no Welsh name: stays English, marked so
    assert texts["Person ann"] is None  # a name is no language's
    assert "Byrddau" in texts
    assert text_of(root, "desc").startswith("Byrddau: 4;")


def test_svg_is_deterministic_and_grows_with_the_longest_column(wales: Landscape) -> None:
    network = landscape_network(wales)
    first = network_svg(network, title="Wales")
    assert first == network_svg(landscape_network(load_landscape()), title="Wales")
    small = ET.fromstring(network_svg(network.subnetwork([GROUP]), title="g"))
    big = ET.fromstring(first)
    assert int(big.get("height", "0")) - int(small.get("height", "0")) == 30 * (40 - 8)


def test_svg_layout_reduces_crossings(wales: Landscape) -> None:
    network = landscape_network(wales)
    columns = layout(network)

    def crossings(order: Mapping[Any, list[Node]]) -> int:
        pos = {n.id: i for nodes in order.values() for i, n in enumerate(nodes)}
        pairs = [(pos[e.source], pos[e.target]) for e in network.edges if e.kind != "membership"]
        return sum(
            1 for (a, b_), (c, d) in itertools.combinations(pairs, 2) if (a - c) * (b_ - d) < 0
        )

    start = {
        "person": sorted(network.of_kind("person"), key=lambda n: n.label_en),
        "organisation": sorted(network.of_kind("organisation"), key=lambda n: n.label_en),
        "board": list(network.of_kind("board")),
    }
    assert crossings(columns) < crossings(start)


def test_svg_colours_have_three_to_one_contrast() -> None:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    white = luminance(COLOURS["background"])
    for name, colour in COLOURS.items():
        if name != "background":
            assert (white + 0.05) / (luminance(colour) + 0.05) >= 3, name


def test_svg_of_an_empty_network() -> None:
    root = ET.fromstring(network_svg(Network((), ()), title="none"))
    assert text_of(root, "desc") == "0 boards, 0 organisations, 0 people, 0 links."
