"""Validation of landscape files: clear messages naming the entry and the field."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diogel.landscape.loader import LandscapeError, escalation_cycles, parse_landscape

CITE = {"document": "004", "quote": "a quote"}


def doc(*boards: dict[str, Any], **tables: Any) -> dict[str, Any]:
    return {
        "document": [{"file": "004_paper.txt", "title": "paper"}],
        "board": list(boards),
        **tables,
    }


def board(code: str, **fields: Any) -> dict[str, Any]:
    return {
        "code": code,
        "name_en": code,
        "type": "csp",
        "level": "local",
        "themes": ["community-safety"],
        "footprint": ["W06000022"],
        "source": CITE,
        **fields,
    }


def problems(document: dict[str, Any]) -> list[str]:
    with pytest.raises(LandscapeError) as info:
        parse_landscape(document, "test.toml")
    return info.value.problems


def test_a_valid_file_loads() -> None:
    landscape = parse_landscape(doc(board("a"), board("b", parent="a")), "test.toml")
    assert landscape.board("b").escalation_route == ("a",)
    assert landscape.board("a").sources[0].document == "004_paper.txt"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"themes": ["knitting"]}, "board 'a', field 'themes': unknown theme 'knitting'"),
        ({"footprint": ["W99"]}, "board 'a', field 'footprint': unknown area code 'W99'"),
        ({"parent": "nobody"}, "board 'a', field 'parent': no board 'nobody'"),
        ({"type": "club"}, "board 'a', field 'type': unknown board type 'club'"),
        ({"colour": "red"}, "board 'a', field 'colour': unknown field"),
        ({"meetings_per_year": 0}, "board 'a', field 'meetings_per_year'"),
        ({"source": {"document": "009", "quote": "x"}}, "unknown document '009'"),
        ({"source": {"document": "004"}}, "a citation needs a quote or a section"),
    ],
)
def test_each_problem_names_entry_and_field(fields: dict[str, Any], message: str) -> None:
    found = problems(doc(board("a", **fields)))
    assert any(message in p for p in found), found


def test_missing_citation_is_an_error_for_every_kind_of_entry() -> None:
    bare = board("a")
    del bare["source"]
    bare["seat"] = [{"code": "chair", "role": "Chair"}]
    found = problems(doc(bare, organisation=[{"code": "o", "name_en": "O", "kind": "police"}]))
    assert "board 'a', field 'source': missing citation (every entry cites its source)" in found
    assert any(p.startswith("board 'a' seat 'chair', field 'source'") for p in found)
    assert any(p.startswith("organisation 'o', field 'source'") for p in found)


def test_a_cycle_is_reported_with_its_path() -> None:
    found = problems(
        doc(board("a", parent="b"), board("b", escalates_to=["c"]), board("c", parent="a"))
    )
    assert found == ["board 'a', field 'escalates_to': cycle in escalation routes: a → b → c → a"]


def test_membership_must_name_a_seat_of_the_board() -> None:
    found = problems(
        doc(
            board("a", seat=[{"code": "chair", "role": "Chair", "source": CITE}]),
            person=[{"code": "p", "name": "P", "office": "PCC", "as_of": "2020", "source": CITE}],
            membership=[{"person": "p", "board": "a", "seat": "vice", "source": CITE}],
        )
    )
    assert found == ["membership 1, field 'seat': board 'a' has no seat 'vice'"]


def test_every_problem_is_reported_at_once() -> None:
    found = problems(doc(board("a", themes=["x"], footprint=["y"], parent="z")))
    assert len(found) == 3


def _has_cycle(graph: dict[str, list[str]]) -> bool:
    # Reference: repeatedly remove nodes with no outgoing edge left; a cycle remains.
    edges = {n: set(t) for n, t in graph.items()}
    while True:
        sinks = {n for n, t in edges.items() if not t}
        if not sinks:
            return bool(edges)
        edges = {n: t - sinks for n, t in edges.items() if n not in sinks}


nodes = st.sampled_from([f"b{i}" for i in range(6)])
graphs = st.dictionaries(nodes, st.lists(nodes, max_size=2, unique=True), min_size=1).map(
    lambda g: {n: [t for t in ts if t in g and t != n] for n, ts in g.items()}
)


@settings(max_examples=200, deadline=None)
@given(graphs)
def test_cycles_found_exactly_when_the_escalation_graph_has_one(
    graph: dict[str, list[str]],
) -> None:
    cycles = escalation_cycles(graph)
    assert bool(cycles) == _has_cycle(graph)
    for cycle in cycles:
        assert cycle[0] == cycle[-1]
        assert all(b in graph[a] for a, b in itertools.pairwise(cycle))


@settings(max_examples=50, deadline=None)
@given(graphs)
def test_loader_accepts_acyclic_routes_and_rejects_cyclic_ones(graph: dict[str, list[str]]) -> None:
    boards = [board(n, escalates_to=targets) for n, targets in graph.items()]
    if _has_cycle(graph):
        assert any("cycle in escalation routes" in p for p in problems(doc(*boards)))
    else:
        assert len(parse_landscape(doc(*boards), "test.toml").boards) == len(graph)
