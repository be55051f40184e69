"""The shipped framework and validation of measures files."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diogel.performance import (
    MeasureFileError,
    MeasureLevel,
    MeasureType,
    Method,
    load_framework,
    parse_framework,
)
from diogel.programme import load_programme
from tests.conftest import REPO_ROOT

SEEDS = REPO_ROOT.parent / "shared" / "seeds"
CITE = {"document": "003", "quote": "a quote"}


def test_the_shipped_framework() -> None:
    framework = load_framework(programme=load_programme())
    levels = {m.level for m in framework.measures}
    types = {m.type for m in framework.measures}
    assert levels == set(MeasureLevel)
    assert types == set(MeasureType)
    hub = [m for m in framework.measures if m.method is Method.HUB]
    assert {m.hub.statistic.value for m in hub if m.hub} == {
        "count",
        "rate-per-1000",
        "count-by-reporting-body",
        "top-5pc-places-share",
    }
    ed = framework.measure("ed-assaults-health-board")
    assert not ed.public
    assert all(m.owner for m in framework.measures if m.method is Method.MANUAL)
    assert framework.recorded("pcc-funding-safer-gwent")[0].value == 624545
    assert next(m.code for m in framework.evidencing("wao-r5")) == "violence-rate-local-authority"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not beside the repository")
def test_every_quotation_is_in_its_document_word_for_word() -> None:
    framework = load_framework()
    texts = {
        d.file: " ".join((SEEDS / d.file).read_text(encoding="utf-8").split())
        for d in framework.documents
    }
    cited = [(m.code, s) for m in framework.measures for s in m.sources]
    cited += [(f"{v.measure} {v.period}", s) for v in framework.values for s in v.sources]
    assert all(sources for sources in [m.sources for m in framework.measures])
    missing = [(name, s.quote) for name, s in cited if s.quote not in texts[s.document]]
    assert not missing


def doc(*measures: dict[str, Any], **tables: Any) -> dict[str, Any]:
    return {
        "document": [{"file": "003_paper.txt", "title": "paper"}],
        "measure": list(measures),
        **tables,
    }


def measure(code: str, **fields: Any) -> dict[str, Any]:
    return {
        "code": code,
        "name_en": code,
        "level": "local",
        "type": "outcome",
        "unit": "incidents",
        "polarity": "lower-is-better",
        "frequency": "monthly",
        "method": "hub",
        "hub": {"statistic": "count", "source": "police_uk_street", "level": "local_authority"},
        "source": CITE,
        **fields,
    }


def problems(document: dict[str, Any], **kwargs: Any) -> list[str]:
    with pytest.raises(MeasureFileError) as info:
        parse_framework(document, "test.toml", **kwargs)
    return info.value.problems


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"type": "vibe"}, "measure 'm', field 'type': unknown measure type 'vibe'"),
        ({"polarity": "up"}, "measure 'm', field 'polarity': unknown polarity 'up'"),
        ({"level": "galactic"}, "measure 'm', field 'level': unknown level 'galactic'"),
        ({"frequency": "daily"}, "measure 'm', field 'frequency': unknown frequency 'daily'"),
        (
            {"hub": {"statistic": "mean", "source": "x", "level": "local_authority"}},
            "measure 'm' hub, field 'statistic': unknown statistic 'mean'",
        ),
        (
            {"hub": {"statistic": "count", "source": "x", "category": "knitting", "level": "csp"}},
            "measure 'm' hub, field 'category': unknown category 'knitting'",
        ),
        (
            {"hub": {"statistic": "count-by-reporting-body", "source": "istv", "level": "lsoa11"}},
            "measure 'm' hub, field 'level': records are sent by police forces and health boards",
        ),
        ({"method": "manual"}, "measure 'm', field 'hub': only hub measures compute from the hub"),
        (
            {"target": {"value": 1.0, "change": 0.0, "basis": "b"}},
            "measure 'm' target, field 'value': give either a value or a change on a baseline",
        ),
        (
            {"target": {"change": 0.1, "basis": "b"}},
            "measure 'm' target, field 'baseline': a change needs baseline = \"year-before\"",
        ),
        ({"target": {"value": 1.0}}, "measure 'm' target, field 'basis': missing"),
        ({"objectives": ["nowhere"]}, "measure 'm', field 'objectives': no objective 'nowhere'"),
        ({"recommendations": ["r99"]}, "measure 'm', field 'recommendations': no recommendation"),
        ({"colour": "red"}, "measure 'm', field 'colour': unknown field"),
    ],
)
def test_each_problem_names_entry_and_field(fields: dict[str, Any], message: str) -> None:
    found = problems(doc(measure("m", **fields)), programme=load_programme())
    assert any(message in p for p in found), found


def test_manual_measures_name_an_owner_and_values_are_checked() -> None:
    manual = measure("m", method="manual")
    del manual["hub"]
    values = [
        {
            "measure": "m",
            "area": "W99",
            "period": "2021-13",
            "value": "lots",
            "entered_by": "x",
            "source": CITE,
        },
        {
            "measure": "h",
            "area": "W92000004",
            "period": "2021",
            "value": 1,
            "entered_by": "x",
            "source": CITE,
        },
        {"measure": "nope", "area": "W92000004", "period": "2021", "value": 1, "source": CITE},
    ]
    found = problems(doc(manual, measure("h"), value=values))
    assert (
        "measure 'm', field 'owner': missing: a manual measure names the owner entering it" in found
    )
    assert "value 1, field 'area': unknown area code 'W99'" in found
    assert any(p.startswith("value 1, field 'period': '2021-13' is not a period") for p in found)
    assert "value 1, field 'value': must be a number" in found
    assert "value 2, field 'measure': 'h' is computed from the hub, not entered" in found
    assert "value 3, field 'measure': no measure 'nope'" in found
    assert "value 3, field 'entered_by': missing" in found


toml_values = st.recursive(
    st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(measure("x"))), toml_values, st.booleans())
def test_garbage_in_a_measure_is_reported_never_a_crash(key: str, value: Any, drop: bool) -> None:
    raw = measure("x")
    if drop:
        del raw[key]
    else:
        raw[key] = value
    found: list[str] = []
    try:
        parse_framework(doc(raw), "garbage.toml")
    except MeasureFileError as exc:
        found = exc.problems
    assert all(isinstance(p, str) and p for p in found)
    if drop and key in {"code", "name_en", "unit", "source", "method", "type", "level"}:
        assert found
