"""Validation of programme files: every problem, each naming the entry and the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diogel.landscape import load_landscape
from diogel.programme import ProgrammeError, load_programme, parse_programme

CITE = {"document": "002", "quote": "a quote"}


def doc(**tables: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "document": [{"file": "002_closure.txt", "title": "closure report"}],
        "programme": {
            "code": "p",
            "name_en": "Programme",
            "board": "safer-communities-programme-board",
            "sro": {"role": "Director"},
            "source": CITE,
        },
        "principle": [{"code": "skills", "number": 1, "title_en": "Skills", "source": CITE}],
        "workstream": [
            {
                "code": "skills",
                "number": 1,
                "principle": "skills",
                "title_en": "Skills",
                "sro": {"role": "Chief Fire Officer"},
                "source": CITE,
            }
        ],
        "objective": [objective("a")],
    }
    base.update(tables)
    return base


def objective(code: str, **fields: Any) -> dict[str, Any]:
    return {
        "code": code,
        "workstream": "skills",
        "text": code,
        "progress": "outstanding",
        "source": CITE,
        **fields,
    }


def problems(document: dict[str, Any], **kwargs: Any) -> list[str]:
    with pytest.raises(ProgrammeError) as info:
        parse_programme(document, "test.toml", **kwargs)
    return info.value.problems


def test_a_valid_file_loads() -> None:
    programme = parse_programme(doc(), "test.toml")
    assert programme.objective("a").sources[0].document == "002_closure.txt"
    assert programme.governor("a") == "safer-communities-programme-board"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"progress": "done"}, "objective 'a', field 'progress': unknown progress 'done'"),
        ({"rag": "purple"}, "objective 'a', field 'rag': unknown RAG status 'purple'"),
        ({"due": "2020-13-01"}, "objective 'a', field 'due': '2020-13-01' is not a date"),
        ({"workstream": "x"}, "objective 'a', field 'workstream': no work-stream 'x'"),
        ({"depends_on": ["b"]}, "objective 'a', field 'depends_on': no objective 'b'"),
        ({"recommendations": ["r9"]}, "objective 'a', field 'recommendations': no recommendation"),
        ({"colour": "red"}, "objective 'a', field 'colour': unknown field"),
        ({"source": {"document": "009", "quote": "x"}}, "unknown document '009'"),
        ({"source": {"document": "002"}}, "a citation needs a quote or a section"),
        ({"update": [{"text": "x", "source": CITE}]}, "objective 'a' update 1, field 'date'"),
        (
            {"action": [{"code": "x", "text": "t", "progress": "late", "source": CITE}]},
            "objective 'a' action 'x', field 'progress': unknown progress 'late'",
        ),
    ],
)
def test_each_problem_names_entry_and_field(fields: dict[str, Any], message: str) -> None:
    found = problems(doc(objective=[objective("a", **fields)]))
    assert any(message in p for p in found), found


def test_every_problem_is_reported_at_once() -> None:
    bare = objective("a", progress="done", due="soon")
    del bare["source"]
    found = problems(doc(objective=[bare, objective("a")]))
    assert "objective 'a', field 'source': missing citation (every entry cites its source)" in found
    assert any("field 'progress'" in p for p in found)
    assert any("field 'due'" in p for p in found)
    assert "objective 'a', field 'code': used twice" in found


def test_a_dependency_cycle_is_reported_with_its_path() -> None:
    found = problems(
        doc(objective=[objective("a", depends_on=["b"]), objective("b", depends_on=["a"])])
    )
    assert "objective 'a', field 'depends_on': cycle: a → b → a" in found


def test_handover_checks() -> None:
    handover = {
        "code": "h",
        "from_board": "safer-communities-programme-board",
        "to_board": "nowhere-board",
        "requested": "2020-09-15",
        "agreed": "2020-09-01",
        "letter_reference": "letter",
        "objectives": ["a", "zz"],
        "source": CITE,
    }
    found = problems(doc(handover=[handover]), landscape=load_landscape())
    assert "handover 'h', field 'objectives': no objective 'zz'" in found
    assert "handover 'h', field 'agreed': 2020-09-01 is before the request of 2020-09-15" in found
    assert "handover 'h', field 'to_board': no board 'nowhere-board' in the landscape" in found


def test_named_sros_must_be_dated_and_exist_in_the_landscape() -> None:
    document = doc()
    document["workstream"][0]["sro"] = {"role": "CFO", "name": "A Person", "person": "nobody"}
    found = problems(document, landscape=load_landscape())
    assert (
        "work-stream 'skills' sro, field 'as_of': missing: date a named person to the document"
        in found
    )
    assert "work-stream 'skills', field 'sro.person': no person 'nobody' in the landscape" in found


def test_recommendations_need_owners_even_if_empty() -> None:
    sets = [{"code": "s", "title": "t", "issued_by": "x", "source": CITE}]
    rec = {"code": "r", "set": "s", "label": "1", "number": 1, "text": "t", "source": CITE}
    found = problems(doc(recommendation_set=sets, recommendation=[rec, {**rec, "code": "q"}]))
    assert (
        "recommendation 'r', field 'owners': missing (use [] when the document names none)" in found
    )
    assert "recommendation 'q', field 'label': '1' used twice in set 's'" in found


def test_file_errors(tmp_path: Path) -> None:
    with pytest.raises(ProgrammeError, match="file not found"):
        load_programme(tmp_path / "none.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[programme\n", encoding="utf-8")
    with pytest.raises(ProgrammeError, match="not valid TOML"):
        load_programme(bad)


toml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "document",
                "programme",
                "principle",
                "workstream",
                "objective",
                "handover",
                "recommendation",
                "recommendation_set",
                "vision",
                "other",
            ]
        ),
        toml_values,
        max_size=6,
    )
)
def test_garbage_is_rejected_with_messages_never_a_crash(document: dict[str, Any]) -> None:
    problems: list[str] = []
    try:
        parse_programme({k: v for k, v in document.items() if v is not None}, "garbage.toml")
    except ProgrammeError as exc:
        problems = exc.problems
    assert all(isinstance(p, str) and p for p in problems)
    if "programme" not in document:
        assert problems, "a file without a [programme] table is never valid"


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["objective", "workstream", "principle"]), st.text(max_size=5), toml_values)
def test_any_bad_field_in_a_valid_file_is_reported_not_crashed(
    table: str, key: str, value: Any
) -> None:
    document = doc()
    if value is None:
        return
    document[table][0][key or "x"] = value
    problems: list[str] = []
    try:
        parse_programme(document, "test.toml")
    except ProgrammeError as exc:
        problems = exc.problems
    assert all(isinstance(p, str) and p for p in problems)
