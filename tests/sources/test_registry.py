"""The list of sources the warehouse can hold keeps up with the adapters and mappings."""

from __future__ import annotations

from diogel.sources import istv, police_uk, police_uk_outcomes, police_uk_stop_search
from diogel.sources.generic import load_mapping, shipped_mappings
from diogel.sources.registry import ADAPTER_SOURCES, NOT_INCIDENTS, shipped_mapping_sources


def test_every_adapter_source_is_listed() -> None:
    modules = (police_uk, police_uk_outcomes, police_uk_stop_search, istv)
    assert {m.SOURCE for m in modules} == set(ADAPTER_SOURCES)
    assert set(NOT_INCIDENTS) <= set(ADAPTER_SOURCES)


def test_every_shipped_mapping_source_is_listed() -> None:
    expected = {load_mapping(p).source for p in shipped_mappings().values()}
    assert set(shipped_mapping_sources()) == expected
